import type * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionCacheOptions } from '../../../main/inference/session-cache.js';

class FakeSession {
  released = false;
  async release(): Promise<void> {
    this.released = true;
  }
}

function setUp(overrides: Partial<SessionCacheOptions> = {}) {
  let clock = 1_000_000;
  const created: Record<string, FakeSession[]> = {};
  const unloaded: string[] = [];
  const cache = new SessionCache({
    createSession: async (modelPath) => {
      if (modelPath.includes('broken')) throw new Error('protobuf parsing failed');
      const session = new FakeSession();
      (created[modelPath] ??= []).push(session);
      return session as unknown as ort.InferenceSession;
    },
    provider: () => 'cpu',
    budgetBytes: 1_000_000,
    defaultKeepAliveMs: 60_000,
    now: () => clock,
    rss: () => 0,
    onUnload: (modelPath, reason) => unloaded.push(`${modelPath}:${reason}`),
    ...overrides,
  });
  return { cache, created, unloaded, advance: (ms: number) => (clock += ms) };
}

describe('SessionCache', () => {
  it('loads a graph once even when requests race for it', async () => {
    const { cache, created } = setUp();
    const leases = await Promise.all([cache.acquire('/a.onnx'), cache.acquire('/a.onnx'), cache.acquire('/a.onnx')]);
    expect(created['/a.onnx']).toHaveLength(1);
    expect(leases.map((lease) => lease.loaded)).toEqual([true, false, false]);
    expect(cache.list()[0]?.inUse).toBe(3);
    leases.forEach((lease) => lease.release());
    expect(cache.list()[0]?.inUse).toBe(0);
  });

  it('unloads an idle session after its keep-alive, not before', async () => {
    const { cache, created, advance, unloaded } = setUp();
    (await cache.acquire('/a.onnx')).release();
    advance(59_000);
    expect(await cache.sweep()).toBe(0);
    advance(1_000);
    expect(await cache.sweep()).toBe(1);
    expect(created['/a.onnx']?.[0]?.released).toBe(true);
    expect(unloaded).toEqual(['/a.onnx:expired']);
  });

  it('takes the keep-alive of the latest request: 0 unloads at once, negative never expires', async () => {
    const { cache, created, advance } = setUp();
    (await cache.acquire('/now.onnx', 0)).release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created['/now.onnx']?.[0]?.released).toBe(true);
    expect(cache.list()).toHaveLength(0);

    (await cache.acquire('/forever.onnx', -1)).release();
    advance(365 * 24 * 3600 * 1000);
    expect(await cache.sweep()).toBe(0);
    expect(cache.list()[0]).toMatchObject({ modelPath: '/forever.onnx', expiresAt: null });
  });

  it('never expires a session while a request holds it', async () => {
    const { cache, advance } = setUp();
    const lease = await cache.acquire('/a.onnx', 1);
    advance(10_000);
    expect(await cache.sweep()).toBe(0);
    lease.release();
    advance(10);
    expect(await cache.sweep()).toBe(1);
  });

  it('evicts the least recently used idle sessions to stay within the budget', async () => {
    // fileSize() of a missing path is 0, so drive the budget with real files of known size.
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const folder = await mkdtemp(`${tmpdir()}/mosaic-cache-`);
    const files = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const path = `${folder}/${name}.onnx`;
        await writeFile(path, Buffer.alloc(400_000));
        return path;
      }),
    );
    const { cache, advance, unloaded } = setUp({ budgetBytes: 1_000_000 });
    const [a, b, c] = files as [string, string, string];
    (await cache.acquire(a)).release();
    advance(10);
    const holdB = await cache.acquire(b);
    advance(10);
    (await cache.acquire(c)).release();
    // a (idle, oldest) had to go; b is in use and stays even though it is older than c.
    expect(unloaded).toEqual([`${a}:budget`]);
    expect(
      cache
        .list()
        .map((session) => session.modelPath)
        .sort(),
    ).toEqual([b, c].sort());
    holdB.release();
  });

  it('reports a graph that fails to load with MODEL_LOAD_FAILED and does not cache the failure', async () => {
    const { cache } = setUp();
    await expect(cache.acquire('/broken.onnx')).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
      message: expect.stringContaining('protobuf parsing failed'),
    });
    expect(cache.list()).toHaveLength(0);
  });

  it('releases a session unloaded while in use once its request ends', async () => {
    const { cache, created } = setUp();
    const lease = await cache.acquire('/a.onnx');
    expect(await cache.unload('/a.onnx')).toBe(true);
    expect(created['/a.onnx']?.[0]?.released).toBe(false);
    lease.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created['/a.onnx']?.[0]?.released).toBe(true);
    expect(await cache.unload('/a.onnx')).toBe(false);
  });
});
