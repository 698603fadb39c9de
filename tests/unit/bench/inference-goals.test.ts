import { describe, expect, it } from 'vitest';
import { goalsTable, type Row } from '../../bench/inference.bench.js';

function row(overrides: Partial<Row>): Row {
  return {
    model: 'reference-mqa-3.55M',
    variant: 'int8-dynamic',
    sizeMb: 4.9,
    createMs: 28,
    batch1: 3558,
    batch8: 14241,
    batch8Ratio: 4.0,
    batch8RatioQuartiles: [3.85, 4.18],
    firstTokenMs: 0.5,
    peakRssMb: 181,
    loopDelayP99Ms: 10.1,
    kvMsPerStep512: 0.42,
    fullMsPerStep512: 20.9,
    torchEager: null,
    torchNote: 'fp32 only',
    ...overrides,
  };
}

describe("the inference bench's goals table", () => {
  it('judges each ~4M int8 reference on its own row and on its fp32 row for PyTorch', () => {
    const rows = [
      row({ variant: 'fp32', batch1: 1938, torchEager: 484, torchNote: '' }),
      row({}),
      row({ model: 'reference-mha-3.55M', variant: 'fp32', batch1: 1000, torchEager: 800, torchNote: '' }),
      row({ model: 'reference-mha-3.55M', batch1: 1999, batch8Ratio: 2.92, batch8RatioQuartiles: [2.83, 3.06] }),
      row({ model: 'music-melody 1.1.0', variant: 'int8' }),
    ];
    const lines = goalsTable(rows).split('\n');
    expect(lines[0]).toBe(
      '| goal (issue 4) | target | reference-mqa-3.55M int8-dynamic | reference-mha-3.55M int8-dynamic |',
    );
    const cells = (goal: string) =>
      lines
        .find((line) => line.startsWith(`| ${goal} |`))!
        .slice(2, -2)
        .split(' | ')
        .slice(2);
    expect(cells('batch-1 decode, one core')).toEqual(['3558 tok/s, met', '1999 tok/s, **not met**']);
    expect(cells('batch-8 throughput against batch 1')).toEqual([
      '4.00× (rounds 3.85–4.18), met',
      '2.92× (rounds 2.83–3.06), **not met**',
    ]);
    expect(cells('KV cache against full recompute at 512 tokens')[0]).toBe('49.8×, met');
    expect(cells('onnxruntime-node against PyTorch eager per token (fp32)')).toEqual([
      '4.00×, met',
      '1.25×, **not met**',
    ]);
    expect(cells("main process's event-loop delay p99 during generation")[0]).toBe('10.1 ms, met');
  });

  it('is empty when no reference decoder was measured', () => {
    expect(goalsTable([row({ model: 'music-melody 1.1.0', variant: 'int8' })])).toBe('');
  });
});
