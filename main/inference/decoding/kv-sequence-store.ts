// Decoder KV caches held where the graph runs, one per sequence, so that a remote client's decoding step sends its new
// token ids and gets logits back instead of shipping the whole cache both ways every step (the Open Inference
// Protocol's sequence parameters: `sequence_id`, `sequence_start`, `sequence_end`, as Triton's sequence batcher takes
// them, with the cache as the sequence's implicit state).
//
// A sequence starts with `sequence_start` (any batch; a prompt prefilled once at batch 1), and may then widen once
// from batch 1 to the batch of its steps: its positions are copied into every row, as the local decoder copies a
// prompt's keys and values into every variation. Each step must say how many positions it follows (`past_length`)
// and that must be what the sequence holds, so a lost or repeated step is refused rather than silently decoded
// against the wrong cache. A sequence ends with `sequence_end` (after that step), when it has been idle for `idleMs`,
// or, when a new one would exceed `maxBytes`, as the least recently used idle sequence.
import { MosaicError } from '../../../contract/index.js';
import { KvCache } from './kv-cache.js';
import type { KvGeometry } from './kv-graph.js';

export interface SequenceStep {
  /** The sequence's name, unique per graph: the caller's sequence_id. */
  id: string;
  /** Starts the sequence (replacing one of the same id). */
  start: boolean;
  /** Drops the sequence after this step. */
  end: boolean;
  /** The most positions the sequence may hold (the model's maxPositions). */
  maxPositions: number;
  /** Rows of this step's input_ids. */
  batch: number;
  /** Positions this step's input_ids follow: must equal what the sequence holds. */
  pastLength: number;
}

interface HeldSequence {
  cache: KvCache;
  lastUsed: number;
  running: boolean;
}

export interface KvSequenceStoreOptions {
  /** Bytes all held caches may take together (a new sequence first drops idle ones, least recently used first). */
  maxBytes?: number;
  /** A sequence not stepped for this long is dropped. */
  idleMs?: number;
  now?: () => number;
}

export class KvSequenceStore {
  readonly maxBytes: number;
  readonly idleMs: number;
  private readonly sequences = new Map<string, HeldSequence>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | null = null;

  constructor({ maxBytes = 512 * 1024 * 1024, idleMs = 60_000, now = Date.now }: KvSequenceStoreOptions = {}) {
    this.maxBytes = maxBytes;
    this.idleMs = idleMs;
    this.now = now;
  }

  /** Sequences started so far. */
  started = 0;

  get size(): number {
    return this.sequences.size;
  }

  get heldBytes(): number {
    let bytes = 0;
    for (const sequence of this.sequences.values()) bytes += sequence.cache.bytes;
    return bytes;
  }

  /**
   * Runs one step of a sequence: `forward` gets the held cache (its `feeds` and `length`) and answers the step's
   * kv_new [L, 2, B, H, T, Dh] with its own result; the new positions are kept only when it succeeds.
   * @param key the graph and sequence (different graphs never share a cache).
   * @param geometry the graph's cache geometry, read only when the sequence starts.
   */
  async step<Result>(
    key: string,
    geometry: () => KvGeometry,
    step: SequenceStep,
    newTokens: number,
    forward: (cache: KvCache) => Promise<{ kvNew: Float32Array; result: Result }>,
  ): Promise<Result> {
    this.sweep();
    const sequence = step.start ? this.open(key, geometry, step) : this.held(key, step);
    if (sequence.running) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Sequence ${step.id} is still running a step: send its next step after the answer to the last.`,
      );
    }
    if (step.pastLength !== sequence.cache.length) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Sequence ${step.id} holds ${sequence.cache.length} positions, but past_length is ${step.pastLength}: ` +
          `send past_length ${sequence.cache.length}, or start the sequence again (sequence_start).`,
      );
    }
    if (sequence.cache.length + newTokens > sequence.cache.maxCapacity) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Sequence ${step.id} holds ${sequence.cache.length} positions; ${newTokens} more exceed the model's ` +
          `${sequence.cache.maxCapacity}.`,
      );
    }
    if (step.batch !== sequence.cache.batch) this.widen(sequence, step);
    sequence.running = true;
    try {
      const { kvNew, result } = await forward(sequence.cache);
      sequence.cache.append(kvNew, newTokens);
      if (step.end) this.sequences.delete(key);
      return result;
    } finally {
      sequence.running = false;
      sequence.lastUsed = this.now();
    }
  }

  /** Drops sequences idle for `idleMs`, and, while one is held, checks again every half of that. */
  sweep(): void {
    const now = this.now();
    for (const [key, sequence] of this.sequences) {
      if (!sequence.running && now - sequence.lastUsed >= this.idleMs) this.sequences.delete(key);
    }
    if (this.sequences.size > 0 && !this.sweeper) {
      this.sweeper = setTimeout(
        () => {
          this.sweeper = null;
          this.sweep();
        },
        Math.max(1, this.idleMs / 2),
      );
      this.sweeper.unref();
    }
  }

  report(): { started: number; held: number; heldBytes: number } {
    return { started: this.started, held: this.sequences.size, heldBytes: this.heldBytes };
  }

  dispose(): void {
    this.sequences.clear();
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = null;
  }

  private open(key: string, geometryOf: () => KvGeometry, step: SequenceStep): HeldSequence {
    this.sequences.delete(key);
    const geometry = geometryOf();
    const bytes = KvCache.floats(geometry, step.batch, step.maxPositions) * Float32Array.BYTES_PER_ELEMENT;
    this.makeRoom(bytes, step.id);
    const sequence = {
      cache: new KvCache(geometry, step.batch, step.maxPositions),
      lastUsed: this.now(),
      running: false,
    };
    this.sequences.set(key, sequence);
    this.started += 1;
    return sequence;
  }

  private held(key: string, step: SequenceStep): HeldSequence {
    const sequence = this.sequences.get(key);
    if (!sequence) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Sequence ${step.id} is not held here (never started, ended, or idle for ${this.idleMs / 1000} s): ` +
          'send its prompt again with sequence_start.',
      );
    }
    return sequence;
  }

  /** A batch-1 sequence takes its first wider step: every row starts from its positions. */
  private widen(sequence: HeldSequence, step: SequenceStep): void {
    const held = sequence.cache;
    if (held.batch !== 1) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Sequence ${step.id} decodes ${held.batch} rows; this step has ${step.batch}: a sequence keeps its batch ` +
          '(only a batch-1 prompt widens, once).',
      );
    }
    const bytes = KvCache.floats(held.geometry, step.batch, held.maxCapacity) * Float32Array.BYTES_PER_ELEMENT;
    this.makeRoom(bytes - held.bytes, step.id);
    const wide = new KvCache(held.geometry, step.batch, held.maxCapacity);
    wide.appendBroadcast(held.validPositions(), held.length);
    sequence.cache = wide;
  }

  /** Drops idle sequences, least recently used first, until `bytes` more fit; QUEUE_FULL when they cannot. */
  private makeRoom(bytes: number, id: string): void {
    const idle = [...this.sequences.entries()]
      .filter(([, sequence]) => !sequence.running)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    while (this.heldBytes + bytes > this.maxBytes && idle.length > 0) this.sequences.delete(idle.shift()![0]);
    if (this.heldBytes + bytes > this.maxBytes) {
      const mib = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MiB`;
      throw new MosaicError(
        'QUEUE_FULL',
        `Sequence ${id} needs ${mib(bytes)} of cache, but ${this.sequences.size} running sequences hold ` +
          `${mib(this.heldBytes)} of the ${mib(this.maxBytes)} this server keeps: retry when they end.`,
      );
    }
  }
}
