// KV cache buffers kept between generations: handed out zeroed, the smallest that fits, bounded, dropped when idle.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KvBufferPool } from '../../../main/inference/decoding/kv-buffer-pool.js';

describe('KvBufferPool', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands a returned buffer out again, zeroed, sized to the request', () => {
    const pool = new KvBufferPool();
    const first = pool.acquire(100);
    first.fill(Number.NaN);
    pool.release(first);
    const second = pool.acquire(60);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(60);
    expect(second.every((value) => value === 0)).toBe(true);
    expect(pool.idleBytes).toBe(0);
  });

  it('picks the smallest idle buffer that holds the request, and allocates when none does', () => {
    const pool = new KvBufferPool();
    const [large, small] = [pool.acquire(1000), pool.acquire(200)];
    pool.release(large);
    pool.release(small);
    expect(pool.acquire(150).buffer).toBe(small.buffer);
    const fresh = pool.acquire(2000);
    expect(fresh.buffer).not.toBe(large.buffer);
    expect(fresh.length).toBe(2000);
    expect(pool.idleBytes).toBe(4000);
  });

  it('keeps at most maxIdleBytes, dropping the oldest, and never keeps one buffer twice', () => {
    const pool = new KvBufferPool(1000);
    const [a, b, c] = [pool.acquire(100), pool.acquire(100), pool.acquire(150)];
    pool.release(a);
    pool.release(a);
    expect(pool.idleBytes).toBe(400);
    pool.release(b);
    pool.release(c); // 400 + 400 + 600 > 1000: a goes
    expect(pool.idleBytes).toBe(1000);
    expect(pool.acquire(100).buffer).toBe(b.buffer);
    pool.release(pool.acquire(300)); // 1200 bytes: never kept
    expect(pool.idleBytes).toBe(600);
  });

  it('drops every idle buffer once none has come back for idleMs', () => {
    vi.useFakeTimers();
    const pool = new KvBufferPool(1 << 20, 1000);
    pool.release(pool.acquire(10));
    vi.advanceTimersByTime(600);
    pool.release(pool.acquire(20)); // the timer restarts
    vi.advanceTimersByTime(600);
    expect(pool.idleBytes).toBe(40 + 80);
    vi.advanceTimersByTime(500);
    expect(pool.idleBytes).toBe(0);
  });
});
