// MOSAIC_HOME/settings.json: defaults, a damaged file, checked changes that restart the host only when the backend
// changes, and listeners that finish before the change is answered.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceSettingsStore, hostEnvOf } from '../../../../../main/services/system/service-settings.js';

let folder: string;
let applied: Record<string, string | undefined>[];
const store = () =>
  new ServiceSettingsStore({ dataFolder: folder, applyBackend: async (env) => void applied.push(env) });

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mosaic-settings-'));
  applied = [];
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('ServiceSettingsStore', () => {
  it('starts from this machine and no gRPC port, also when the file is damaged', async () => {
    expect(store().get()).toEqual({ inference: { kind: 'local' }, grpcPort: null });
    await writeFile(join(folder, 'settings.json'), '{"inference": {"kind": "cloud"}');
    expect(store().get()).toEqual({ inference: { kind: 'local' }, grpcPort: null });
  });

  it('saves a change (0600), restarts the host only for a new backend, and answers after its listeners', async () => {
    const settings = store();
    let heard = false;
    settings.onDidChange(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      heard = true;
    });
    await settings.update({ grpcPort: 8001 });
    expect(heard).toBe(true);
    expect(applied).toEqual([]);
    const remote = { kind: 'oip', url: 'grpc://triton:8001', token: 't' } as const;
    await settings.update({ inference: remote });
    expect(applied).toEqual([{ MOSAIC_OIP_SERVER: 'grpc://triton:8001', MOSAIC_OIP_TOKEN: 't' }]);
    const file = join(folder, 'settings.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ inference: remote, grpcPort: 8001 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(store().get()).toEqual({ inference: remote, grpcPort: 8001 });
    expect(hostEnvOf({ kind: 'local' })).toEqual({ MOSAIC_OIP_SERVER: undefined, MOSAIC_OIP_TOKEN: undefined });
  });

  it('refuses an address that is not host:port, keeping the settings as they were', async () => {
    const settings = store();
    await expect(
      settings.update({ inference: { kind: 'oip', url: 'http://triton', token: '' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(settings.update({ grpcPort: 70_000 })).rejects.toThrow();
    expect(settings.get()).toEqual({ inference: { kind: 'local' }, grpcPort: null });
    expect(applied).toEqual([]);
  });
});
