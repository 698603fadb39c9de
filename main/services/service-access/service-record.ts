// Where a running Mosaic service listens, written into its data folder (as Jupyter writes its runtime files), so the
// CLI verbs that talk to it (ps, load, unload) find the desktop app or `mosaic serve` on whatever port it got, not
// only on the default one. The record holds no secret: the token stays in api-token.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const serviceRecordFileName = 'service.json';

export interface ServiceRecord {
  url: string;
  pid: number;
  /** Where the Open Inference Protocol's gRPC front door listens (host:port), when it is served. */
  grpc?: string;
}

export function serviceRecordFile(dataFolder: string): string {
  return join(dataFolder, serviceRecordFileName);
}

/** Records that this process serves at `url` (replacing any earlier record; written whole, never half). */
export async function writeServiceRecord(
  dataFolder: string,
  url: string,
  pid = process.pid,
  grpc: string | null = null,
): Promise<void> {
  await mkdir(dataFolder, { recursive: true });
  const file = serviceRecordFile(dataFolder);
  const temp = `${file}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
  const record: ServiceRecord = grpc ? { url, pid, grpc } : { url, pid };
  await writeFile(temp, `${JSON.stringify(record)}\n`);
  await rename(temp, file);
}

/** Removes the record if it is this process's (another service may have started since and written its own). */
export async function removeServiceRecord(dataFolder: string, pid = process.pid): Promise<void> {
  const record = await readRecordFile(dataFolder);
  if (record?.pid === pid) await unlink(serviceRecordFile(dataFolder)).catch(() => undefined);
}

/** The record of a service whose process still runs; null when there is none, or its process has gone. */
export async function readServiceRecord(dataFolder: string): Promise<ServiceRecord | null> {
  const record = await readRecordFile(dataFolder);
  return record && processRuns(record.pid) ? record : null;
}

async function readRecordFile(dataFolder: string): Promise<ServiceRecord | null> {
  try {
    const parsed = JSON.parse(await readFile(serviceRecordFile(dataFolder), 'utf8')) as Partial<ServiceRecord>;
    const url = typeof parsed.url === 'string' && /^https?:\/\/[^/\s]+$/.test(parsed.url) ? parsed.url : null;
    const grpc = typeof parsed.grpc === 'string' && /^[^/\s]+:\d+$/.test(parsed.grpc) ? parsed.grpc : null;
    if (!url || !Number.isInteger(parsed.pid)) return null;
    return grpc ? { url, pid: parsed.pid!, grpc } : { url, pid: parsed.pid! };
  } catch {
    return null;
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
