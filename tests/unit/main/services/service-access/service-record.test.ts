import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readServiceRecord,
  removeServiceRecord,
  serviceRecordFile,
  writeServiceRecord,
} from '../../../../../main/services/service-access/service-record.js';

describe('service record', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mosaic-service-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('names the service of a running process, and is removed only by the process it names', async () => {
    await writeServiceRecord(join(folder, 'data'), 'http://127.0.0.1:40123');
    expect(await readServiceRecord(join(folder, 'data'))).toEqual({ url: 'http://127.0.0.1:40123', pid: process.pid });
    await removeServiceRecord(join(folder, 'data'), process.pid + 1);
    expect(await readServiceRecord(join(folder, 'data'))).not.toBeNull();
    await removeServiceRecord(join(folder, 'data'));
    expect(await readServiceRecord(join(folder, 'data'))).toBeNull();
  });

  it('is ignored once its process has gone, or when it is not a record', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeServiceRecord(folder, 'http://127.0.0.1:40124', gone);
    expect(await readServiceRecord(folder)).toBeNull();
    for (const text of ['{', '{"url": "file:///etc/passwd", "pid": 1}', `{"url": "http://127.0.0.1:1"}`]) {
      await writeFile(serviceRecordFile(folder), text);
      expect(await readServiceRecord(folder)).toBeNull();
    }
  });
});
