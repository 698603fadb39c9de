// Keeps KV cache buffers between generations. A new multi-megabyte Float32Array comes from the operating system as
// untouched pages, and the generation that fills it pays a page fault for every 4 KB it first writes or moves into:
// with the int8 multi-query reference's geometry at batch 8 (a 4.2 MB cache for 260 positions) the cache writes and
// moves took 17–41 µs a decoding step on new memory against 5 µs on touched memory (3.6–10 against 0.7 at batch 1).
// A buffer handed back is zeroed when handed out again (once, about 0.2 ms for 4 MB), so a generation always starts
// from the same cache a new buffer would give it: nothing a previous generation wrote (non-finite values included)
// can reach it. Idle buffers are bounded in bytes and dropped altogether once no generation has handed one back for
// `idleMs` (five minutes, the sessions' default keep-alive), so an idle host does not hold cache memory.
export class KvBufferPool {
  /** Idle buffers, least recently returned first. */
  private readonly idle: ArrayBuffer[] = [];
  private idleTimer: NodeJS.Timeout | null = null;

  /**
   * @param maxIdleBytes idle buffers kept beyond this are dropped, oldest first (in use ones are not counted).
   * @param idleMs every idle buffer is dropped this long after the last one came back.
   */
  constructor(
    readonly maxIdleBytes = 64 * 1024 * 1024,
    readonly idleMs = 5 * 60 * 1000,
  ) {}

  /** The bytes held by idle buffers. */
  get idleBytes(): number {
    return this.idle.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  }

  /** `floats` zeros: the smallest idle buffer that holds them (its first `floats`), or a new one. */
  acquire(floats: number): Float32Array {
    const bytes = floats * Float32Array.BYTES_PER_ELEMENT;
    let best = -1;
    for (let index = 0; index < this.idle.length; index += 1) {
      const size = this.idle[index]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.idle[best]!.byteLength)) best = index;
    }
    if (best < 0) return new Float32Array(floats);
    const [buffer] = this.idle.splice(best, 1);
    return new Float32Array(buffer!, 0, floats).fill(0);
  }

  /** Hands back a buffer that `acquire` gave (all of its memory, whatever part of it was used). */
  release(data: Float32Array): void {
    const buffer = data.buffer as ArrayBuffer;
    if (buffer.byteLength > this.maxIdleBytes || this.idle.includes(buffer)) return;
    this.idle.push(buffer);
    let bytes = this.idleBytes;
    while (bytes > this.maxIdleBytes) bytes -= this.idle.shift()!.byteLength;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.clear(), this.idleMs);
    this.idleTimer.unref();
  }

  /** Drops every idle buffer (their memory goes back to the allocator). */
  clear(): void {
    this.idle.length = 0;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
