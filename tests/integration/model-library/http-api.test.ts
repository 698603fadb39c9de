// The model library through the local HTTP API: routes under /v1/models, status codes, progress as server-sent events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MosaicHttpServer } from '../../../main/http/http-server.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { ContractDispatcher } from '../../../main/services/engine/contract-dispatcher.js';
import { EventBus } from '../../../main/services/engine/event-bus.js';
import { modelHandlers } from '../../../main/services/model-library/model-handlers.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { sampleHandlers } from '../../support/sample-handlers.js';

const token = 'library-api-test-token';
const auth = { authorization: `Bearer ${token}` };
let world: LibraryFixture;
let api: MosaicHttpServer;
let url: string;
const events = new EventBus();

beforeEach(async () => {
  world = await createLibraryFixture();
  await world.publish({ name: 'melody', version: '1.0.0' });
  await world.publish({ name: 'melody', version: '1.1.0', files: [{ path: 'extra.bin', content: Buffer.from('x') }] });
  const library = await world.library({
    onJob: (job) => events.emit('models.didProgressInstall', job),
    onChange: (change) => events.emit('models.didChange', change),
  });
  const dispatcher = new ContractDispatcher(sampleHandlers(modelHandlers(library)));
  api = new MosaicHttpServer({ dispatcher, events, logger: silentLogger, token });
  url = await api.listen(0);
});
afterEach(async () => {
  await api.close();
  await world.dispose();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/v1/models', () => {
  it('installs with progress streamed as events, lists, and maps library errors to status codes', async () => {
    const stream = await fetch(`${url}/v1/events`, { headers: auth });
    const reader = stream.body!.getReader();
    const installed = (async () => {
      let text = '';
      while (!text.includes('"state":"installed"')) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    })();

    const job = await post('/v1/models/install', { name: 'melody', version: '1.0.0', wait: true });
    expect(job).toMatchObject({ status: 200, body: { state: 'installed', version: '1.0.0' } });
    expect(await installed).toContain('event: models.didProgressInstall');
    await reader.cancel();

    const list = await fetch(`${url}/v1/models/list`, { headers: auth }).then((response) => response.json());
    expect(list.models[0]).toMatchObject({ name: 'melody', activeVersion: '1.0.0', update: { version: '1.1.0' } });
    const history = await fetch(`${url}/v1/models/history?name=melody`, { headers: auth }).then((response) =>
      response.json(),
    );
    expect(history.entries).toHaveLength(1);

    expect(await post('/v1/models/remove', { name: 'melody', version: '1.0.0' })).toMatchObject({
      status: 409,
      body: { error: { code: 'MODEL_IN_USE' } },
    });
    expect((await post('/v1/models/activate', { name: 'melody', version: '3.0.0' })).status).toBe(404);
    expect((await post('/v1/models/install', { name: '../etc', wait: true })).status).toBe(400);
    // A path on the server is the CLI's and the desktop app's to give; over HTTP export is a download.
    expect(await post('/v1/models/export', { name: 'melody', version: '1.0.0', file: '/tmp/x.tar' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
  });

  it('answers an install at once with a job that can be followed and cancelled', async () => {
    world.server.fault = ({ path }) => (path.includes('/blobs/') ? { bytesPerSecond: 2_000 } : undefined);
    const started = await post('/v1/models/install', { name: 'melody' });
    expect(started).toMatchObject({ status: 200, body: { state: 'queued', requested: 'melody' } });
    const jobs = await fetch(`${url}/v1/models/jobs`, { headers: auth }).then((response) => response.json());
    expect(jobs.jobs[0].jobId).toBe(started.body.jobId);
    const cancelled = await post('/v1/models/cancel-install', { jobId: started.body.jobId });
    expect(cancelled).toMatchObject({ status: 200, body: { state: 'cancelled' } });
  });
});
