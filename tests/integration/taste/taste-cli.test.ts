// `mosaic taste …` and `--order taste` as a user runs them, each command its own process on one data folder: feedback
// by job id, what it learnt, a generation ordered by it (each variation naming its generated number), the data
// folder's taste/ files, a bad --order refused with what to write instead, and reset.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MusicRun, ResponseOf } from '../../../contract/index.js';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const data = () => join(home.path, 'data');
const run = mosaicCli(data);
const outcome = mosaicCliOutcome(data);

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

describe('mosaic taste', () => {
  it('learns from feedback given by job id and orders the next generation by it', async () => {
    const first = JSON.parse(
      (await run('music', 'generate', '--bars', '4', '--variations', '6', '--seed', '5', '--json')).stdout,
    ) as MusicRun;
    const densest = first.result.variations
      .map((variation, index) => ({ index, notes: variation.notes.length }))
      .sort((a, b) => b.notes - a.notes || a.index - b.index);
    for (const [row, signal] of [
      [densest[0]!, 'keep'],
      [densest.at(-1)!, 'discard'],
    ] as const) {
      const answer = JSON.parse(
        (await run('taste', 'feedback', '--job-id', first.jobId, '--variation', String(row.index), '--signal', signal))
          .stdout,
      ) as ResponseOf<'taste.feedback'>;
      expect(answer).toMatchObject({ recorded: true, kind: 'melody' });
    }
    const status = JSON.parse((await run('taste', 'status')).stdout) as ResponseOf<'taste.status'>;
    expect(status.enabled).toBe(true);
    expect(status.kinds.find((kind) => kind.kind === 'melody')).toMatchObject({ events: 2, runs: 1, fitted: true });
    // The taste folder holds the log (the run's features once, then each event) and the fitted weights.
    const log = (await readFile(join(data(), 'taste', 'events.jsonl'), 'utf8')).trim().split('\n');
    expect(log.map((line) => Object.keys(JSON.parse(line) as object)[0])).toEqual(['run', 'event', 'event']);
    const model = JSON.parse(await readFile(join(data(), 'taste', 'model.json'), 'utf8')) as {
      models: { melody: { weights: number[] } };
    };
    expect(model.models.melody.weights.some((weight) => weight !== 0)).toBe(true);

    // The same six variations in taste order, as JSON and as the text a shell shows.
    const generateInTasteOrder = [
      'music',
      'generate',
      '--bars',
      '4',
      '--variations',
      '6',
      '--seed',
      '6',
      '--order',
      'taste',
    ];
    const ordered = await run(...generateInTasteOrder, '--json');
    const orderedRun = JSON.parse(ordered.stdout) as MusicRun;
    expect(orderedRun.order!.by).toBe('taste');
    expect([...orderedRun.order!.variations].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const text = await run(...generateInTasteOrder, '--out', join(home.path, 'clip.mid'));
    const lines = text.stdout.split('\n').filter((line) => line.startsWith('  #'));
    expect(lines).toHaveLength(6);
    orderedRun.order!.variations.forEach((generated, position) =>
      expect(lines[position]).toMatch(new RegExp(`^  #${position + 1} variation ${generated + 1} \\(score [+-]`)),
    );

    const bad = await outcome('music', 'generate', '--bars', '2', '--out', join(home.path, 'x.mid'), '--order', 'best');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--order must be taste or generated, not "best"');

    const reset = JSON.parse((await run('taste', 'reset')).stdout) as ResponseOf<'taste.reset'>;
    expect(reset.kinds.every((kind) => kind.events === 0 && !kind.fitted)).toBe(true);
    const unranked = await run(
      'music',
      'generate',
      '--bars',
      '2',
      '--variations',
      '2',
      '--order',
      'taste',
      '--out',
      join(home.path, 'y.mid'),
    );
    expect(unranked.stdout).toContain('generated order: No feedback on melodies yet');
  }, 120_000);

  it('turns off and on: off, feedback is not recorded', async () => {
    const runOne = JSON.parse(
      (await run('music', 'generate', '--bars', '2', '--variations', '2', '--json')).stdout,
    ) as MusicRun;
    expect(JSON.parse((await run('taste', 'turn', 'off')).stdout)).toMatchObject({ enabled: false });
    const answer = JSON.parse(
      (await run('taste', 'feedback', '--job-id', runOne.jobId, '--variation', '0', '--signal', 'keep')).stdout,
    ) as ResponseOf<'taste.feedback'>;
    expect(answer.recorded).toBe(false);
    expect(JSON.parse((await run('taste', 'turn', 'on')).stdout)).toMatchObject({ enabled: true });
    const missing = await outcome('taste', 'rank', '--job-id', 'job-that-never-ran');
    expect(missing.stderr).toContain('No history entry made by job job-that-never-ran');
  }, 60_000);
});
