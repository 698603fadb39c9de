// Small statistics for benchmarks: medians and percentiles of repeated measurements.
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Runs `measure` `times` times (after `warmup` unmeasured runs) and returns every result. */
export async function repeat(times: number, measure: () => Promise<number>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await measure();
  const results: number[] = [];
  for (let i = 0; i < times; i += 1) results.push(await measure());
  return results;
}

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}
