import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLock, SerialLock } from '../../../../../main/services/model-library/file-lock.js';
import { createTempHome } from '../../../../support/temp-home.js';

let temp: Awaited<ReturnType<typeof createTempHome>>;
let path: string;
beforeEach(async () => {
  temp = await createTempHome('mosaic-lock-');
  path = join(temp.path, 'x.lock');
});
afterEach(async () => {
  await temp.remove();
});

describe('FileLock', () => {
  it('makes a second holder wait until the first releases', async () => {
    const first = await FileLock.acquire(path, { pollMs: 5 });
    let secondHeld = false;
    const second = FileLock.acquire(path, { pollMs: 5 }).then((lock) => {
      secondHeld = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(secondHeld).toBe(false);
    await first.release();
    await (await second).release();
    expect(secondHeld).toBe(true);
  });

  it('takes over a lock whose holder is dead or silent, but not a live one', async () => {
    await writeFile(path, JSON.stringify({ pid: 999_999_999, host: hostname(), token: 'dead' }));
    await (await FileLock.acquire(path, { pollMs: 5 })).release();

    await writeFile(path, JSON.stringify({ pid: 1234, host: 'other-machine', token: 'silent' }));
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    await (await FileLock.acquire(path, { pollMs: 5, staleMs: 30_000 })).release();

    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'alive' }));
    const waiting = FileLock.acquire(path, { pollMs: 5, signal: AbortSignal.timeout(50) });
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(JSON.parse(await readFile(path, 'utf8')).token).toBe('alive');
  });

  it('does not delete a lock that was taken over from it', async () => {
    const lock = await FileLock.acquire(path);
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'newer' }));
    await lock.release();
    expect(JSON.parse(await readFile(path, 'utf8')).token).toBe('newer');
  });
});

describe('SerialLock', () => {
  it('runs sections one at a time, in order, even when one fails', async () => {
    const lock = new SerialLock(path, { pollMs: 5 });
    const order: string[] = [];
    const section =
      (name: string, fail = false) =>
      async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name}:end`);
        if (fail) throw new Error(name);
      };
    const results = await Promise.allSettled([
      lock.run(section('a')),
      lock.run(section('b', true)),
      lock.run(section('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });
});
