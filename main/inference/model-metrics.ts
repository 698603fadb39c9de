// Per-model counters the host keeps: loads, generations, tokens/s, first-token latency, errors; plus process memory.
import type { MetricsReport, ModelMetrics } from '../../contract/index.js';

interface Counters {
  loads: number;
  lastLoadMs: number | null;
  generations: number;
  tokens: number;
  generatingMs: number;
  /** The most recent first-token latencies (a small window for the median). */
  firstTokenMs: number[];
  errors: number;
  lastError: string | null;
}

const firstTokenWindow = 50;

export class ModelMetricsRecorder {
  private readonly models = new Map<string, Counters>();
  private peakRss = 0;

  constructor(private readonly rss: () => number = () => process.memoryUsage.rss()) {}

  recordLoad(modelPath: string, loadMs: number): void {
    const counters = this.counters(modelPath);
    counters.loads += 1;
    counters.lastLoadMs = loadMs;
    this.samplePeak();
  }

  recordGeneration(modelPath: string, tokens: number, totalMs: number, firstTokenMs: number): void {
    const counters = this.counters(modelPath);
    counters.generations += 1;
    counters.tokens += tokens;
    counters.generatingMs += totalMs;
    counters.firstTokenMs.push(firstTokenMs);
    if (counters.firstTokenMs.length > firstTokenWindow) counters.firstTokenMs.shift();
    this.samplePeak();
  }

  recordError(modelPath: string, message: string): void {
    const counters = this.counters(modelPath);
    counters.errors += 1;
    counters.lastError = message;
  }

  /** Called during long work too, so the peak reflects the largest KV caches. */
  samplePeak(): number {
    const rss = this.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    return rss;
  }

  /** The models' counters and memory (the host adds its held sequences). */
  report(): Omit<MetricsReport, 'kvSequences'> {
    const rssBytes = this.samplePeak();
    const models: ModelMetrics[] = [...this.models.entries()].map(([modelPath, counters]) => ({
      modelPath,
      loads: counters.loads,
      generations: counters.generations,
      tokens: counters.tokens,
      tokensPerSecond: counters.generatingMs > 0 ? (counters.tokens / counters.generatingMs) * 1000 : 0,
      firstTokenMsMedian: median(counters.firstTokenMs),
      lastLoadMs: counters.lastLoadMs,
      errors: counters.errors,
      lastError: counters.lastError,
    }));
    return { models, rssBytes, peakRssBytes: this.peakRss };
  }

  private counters(modelPath: string): Counters {
    let counters = this.models.get(modelPath);
    if (!counters) {
      counters = {
        loads: 0,
        lastLoadMs: null,
        generations: 0,
        tokens: 0,
        generatingMs: 0,
        firstTokenMs: [],
        errors: 0,
        lastError: null,
      };
      this.models.set(modelPath, counters);
    }
    return counters;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
