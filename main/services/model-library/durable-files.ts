// Crash-safe file writes: temp file + fsync + rename for replacements, fsync'd appends for logs.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { z } from 'zod';
import { isMissing } from './store-errors.js';
import { dirname } from 'node:path';

/** A sibling temp name no other writer picks: `<path>.tmp-<pid>-<random>`. */
export function tempSiblingOf(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Replaces `path` with `data` so a reader (or a crash) sees the old content or the new one, never a mix. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempSiblingOf(path);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Appends one line and waits until it is on disk; a torn last line (a crash mid-append) is closed off first. */
export async function appendLineDurable(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a+', 0o644);
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    await handle.appendFile(`${size > 0 && last[0] !== 0x0a ? '\n' : ''}${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The lines of an append-only JSON-lines file that `schema` accepts, in order; none when the file does not exist. A
 * line that is not whole JSON (torn by a crash mid-append) or that the schema refuses is skipped.
 */
export async function readJsonLines<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => (isMissing(error) ? '' : Promise.reject(error)));
  const values: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const value = schema.safeParse(parsed);
    if (value.success) values.push(value.data);
  }
  return values;
}

/** Renames and then syncs the target folder, so the new name survives a power cut. */
export async function renameDurable(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncFolder(dirname(to));
}

/** Flushes a folder's entries; platforms that cannot open folders (Windows) are skipped. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows: NTFS journals renames itself.
  } finally {
    await handle?.close();
  }
}
