// The taste recommender's goal, with a simulated user on the bundled models through the real pipelines: a user who
// keeps the densest variations of each run and discards the sparsest gets, after 24 feedback events, fresh results
// (new seeds) ranked by density (Spearman ≥ 0.5); a user with the opposite taste gets the opposite order (≤ −0.5).
// The same for levels and enemies. Density and enemies are counted here from the notes and tiles, not by the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryItem, LevelRun, MusicRun, ResponseOf } from '../../../contract/index.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';

let fixture: CoreFixture;
const call: CoreFixture['call'] = (method, request) => fixture.call(method, request);

beforeAll(async () => {
  fixture = await createCoreFixture();
});

afterAll(async () => {
  await fixture.dispose();
});

/** Spearman's rho: Pearson's correlation of the two rank vectors, tied values sharing their mean rank. */
function spearman(a: readonly number[], b: readonly number[]): number {
  const ranks = (values: readonly number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
    const result = new Array<number>(values.length);
    for (let start = 0; start < order.length;) {
      let end = start;
      while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
      for (let k = start; k <= end; k++) result[order[k]!.index] = (start + end) / 2;
      start = end + 1;
    }
    return result;
  };
  const [x, y] = [ranks(a), ranks(b)];
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [mx, my] = [mean(x), mean(y)];
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let k = 0; k < x.length; k++) {
    cov += (x[k]! - mx) * (y[k]! - my);
    vx += (x[k]! - mx) ** 2;
    vy += (y[k]! - my) ** 2;
  }
  return vx === 0 || vy === 0 ? 0 : cov / Math.sqrt(vx * vy);
}

/** Notes per bar of each variation, counted from its notes (no primer here). */
const densities = (run: MusicRun) => run.result.variations.map((variation) => variation.notes.length / run.result.bars);
/** Enemies (E tiles and cannon tops B) of each level, counted from its rows. */
const enemies = (run: LevelRun) => run.result.levels.map((level) => level.rows.join('').replace(/[^EB]/g, '').length);

async function historyIdOf(jobId: string): Promise<string> {
  const { items } = await call('history.list', { limit: 500 });
  return items.find((item: HistoryItem) => item.jobId === jobId)!.id;
}

interface Trial {
  /** Mean of the per-run Spearman correlations between taste score and the attribute, over the fresh runs. */
  meanRho: number;
  perRun: number[];
  fitMs: number[];
}

/**
 * Feeds a simulated user's 24 events (for each training run, keep the `keep` variations the user likes most and
 * discard the `discard` it likes least), then ranks each fresh run and correlates the score with the attribute.
 */
async function simulate(
  training: { historyId: string; values: number[] }[],
  fresh: { historyId: string; values: number[] }[],
  likes: 'more' | 'less',
): Promise<Trial> {
  const fitMs: number[] = [];
  for (const run of training) {
    const byValue = run.values
      .map((value, variation) => ({ value, variation }))
      .sort((a, b) => (likes === 'more' ? b.value - a.value : a.value - b.value) || a.variation - b.variation);
    const events = [
      ...byValue.slice(0, 2).map((row) => ({ variation: row.variation, signal: 'keep' as const })),
      ...byValue.slice(-2).map((row) => ({ variation: row.variation, signal: 'discard' as const })),
    ];
    for (const event of events) {
      const answer = await call('taste.feedback', { historyId: run.historyId, ...event });
      expect(answer.recorded).toBe(true);
      fitMs.push(answer.status.fitMs!);
    }
  }
  const perRun: number[] = [];
  for (const run of fresh) {
    const ranked: ResponseOf<'taste.rank'> = await call('taste.rank', { historyId: run.historyId });
    expect(ranked.fitted).toBe(true);
    const scores = ranked.ranked
      .slice()
      .sort((a, b) => a.variation - b.variation)
      .map((row) => row.score);
    perRun.push(spearman(scores, run.values));
  }
  return { meanRho: perRun.reduce((sum, rho) => sum + rho, 0) / perRun.length, perRun, fitMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function report(label: string, trial: Trial): void {
  console.log(
    `${label}: mean Spearman ${trial.meanRho.toFixed(3)} over ${trial.perRun.length} fresh runs ` +
      `(${trial.perRun.map((rho) => rho.toFixed(2)).join(', ')}); refit median ${median(trial.fitMs).toFixed(2)} ms, ` +
      `max ${Math.max(...trial.fitMs).toFixed(2)} ms over ${trial.fitMs.length} events`,
  );
}

describe('taste recommender, simulated users', () => {
  it('ranks fresh melodies by density for a user who keeps dense ones, and the opposite way for one who does not', async () => {
    const generate = async (seed: number) => {
      const run = await call('music.generate', { bars: 4, variations: 8, seed });
      return { run, historyId: await historyIdOf(run.jobId), values: densities(run) };
    };
    const training = [];
    for (const seed of [101, 102, 103, 104, 105, 106]) training.push(await generate(seed));
    const fresh = [];
    for (const seed of [901, 902, 903, 904]) fresh.push(await generate(seed));

    const before = await call('taste.rank', { historyId: fresh[0]!.historyId });
    expect(before.fitted).toBe(false);
    expect(before.ranked.every((row) => row.score === 0)).toBe(true);

    const dense = await simulate(training, fresh, 'more');
    report('melody, keeps dense', dense);
    expect(dense.fitMs).toHaveLength(24);
    expect(dense.meanRho).toBeGreaterThanOrEqual(0.5);
    const explained = await call('taste.explain', { kind: 'melody' });
    expect(explained.models[0]).toMatchObject({ kind: 'melody', events: 24, runs: 6, fitted: true });
    expect(explained.models[0]!.features[0]!.feature).toBe('notesPerBar');
    expect(explained.models[0]!.features[0]!.weight).toBeGreaterThan(0);

    // order: "taste" on a fresh generation: best first, each variation the generated one the order names.
    const asGenerated = fresh[3]!.run;
    const ordered = await call('music.generate', { bars: 4, variations: 8, seed: 904, order: 'taste' });
    expect(ordered.order!.by).toBe('taste');
    expect([...ordered.order!.variations].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    ordered.order!.variations.forEach((generated, position) =>
      expect(ordered.result.variations[position]).toEqual(asGenerated.result.variations[generated]),
    );
    const scores = ordered.order!.scores!;
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // History holds the run as generated, so regenerating it replays seed stream by seed stream.
    const orderedId = await historyIdOf(ordered.jobId);
    const regenerated = (await call('history.regenerate', { id: orderedId })) as MusicRun;
    expect(regenerated.result.variations).toEqual(asGenerated.result.variations);

    await call('taste.reset', { kind: 'melody' });
    const sparse = await simulate(training, fresh, 'less');
    report('melody, keeps sparse', sparse);
    expect(sparse.meanRho).toBeLessThanOrEqual(-0.5);
  }, 300_000);

  it('ranks fresh levels by enemies for a user who keeps busy ones, and the opposite way for one who does not', async () => {
    const generate = async (seed: number) => {
      const run = await call('levels.generate', { width: 100, variations: 8, seed, prompt: 'some enemies' });
      return { run, historyId: await historyIdOf(run.jobId), values: enemies(run) };
    };
    const training = [];
    for (const seed of [201, 202, 203, 204, 205, 206]) training.push(await generate(seed));
    const fresh = [];
    for (const seed of [801, 802, 803, 804]) fresh.push(await generate(seed));

    const busy = await simulate(training, fresh, 'more');
    report('levels, keeps many enemies', busy);
    expect(busy.meanRho).toBeGreaterThanOrEqual(0.5);

    await call('taste.reset', { kind: 'level' });
    const calm = await simulate(training, fresh, 'less');
    report('levels, keeps few enemies', calm);
    expect(calm.meanRho).toBeLessThanOrEqual(-0.5);
  }, 300_000);

  it('learns drum grooves and songs too, and orders music.drums, music.arrange and levels.generate by taste', async () => {
    // Drums: keep the busiest groove, discard the sparsest, on two runs; a third is ordered by taste.
    for (const seed of [31, 32]) {
      const run = await call('music.drums', { bars: 2, variations: 4, seed });
      const hits = densities(run);
      const historyId = await historyIdOf(run.jobId);
      await call('taste.feedback', { historyId, variation: hits.indexOf(Math.max(...hits)), signal: 'export' });
      await call('taste.feedback', { historyId, variation: hits.indexOf(Math.min(...hits)), signal: 'discard' });
    }
    const drums = await call('music.drums', { bars: 2, variations: 4, seed: 33, order: 'taste' });
    expect(drums.order).toMatchObject({ by: 'taste' });
    const asGenerated = await call('music.drums', { bars: 2, variations: 4, seed: 33 });
    expect(asGenerated.order).toBeUndefined();
    drums.order!.variations.forEach((generated, position) =>
      expect(drums.result.variations[position]).toEqual(asGenerated.result.variations[generated]),
    );
    const explained = await call('taste.explain', { kind: 'drums' });
    expect(explained.models[0]).toMatchObject({ kind: 'drums', events: 4, runs: 2, fitted: true });

    // Songs: a star (keep) and a play to the end against the rest; the song model is fitted, and music.arrange ordered.
    const song = await call('music.arrange', { bars: 2, variations: 3, seed: 41 });
    const songId = await historyIdOf(song.jobId);
    await call('taste.feedback', { historyId: songId, variation: 2, signal: 'keep' });
    const played = await call('taste.feedback', { historyId: songId, variation: 1, signal: 'play' });
    expect(played.status).toMatchObject({ kind: 'song', events: 2, fitted: true });
    const arranged = await call('music.arrange', { bars: 2, variations: 3, seed: 42, order: 'taste' });
    expect(arranged.order!.by).toBe('taste');
    expect([...arranged.order!.variations].sort()).toEqual([0, 1, 2]);

    // Levels with taste: each level keeps its own variation number (its seed stream).
    const levels = await call('levels.generate', { width: 50, variations: 4, seed: 61, order: 'taste' });
    expect(levels.order!.by).toBe('taste');
    expect(levels.result.levels.map((level) => level.variation)).toEqual(levels.order!.variations);

    // Off: nothing recorded, nothing reordered, and the answer says why.
    await call('taste.configure', { enabled: false });
    const ignored = await call('taste.feedback', { historyId: songId, variation: 0, signal: 'discard' });
    expect(ignored.recorded).toBe(false);
    const unordered = await call('music.drums', { bars: 2, variations: 4, seed: 33, order: 'taste' });
    expect(unordered.order).toMatchObject({ by: 'generated', variations: [0, 1, 2, 3] });
    expect(unordered.order!.note).toMatch(/off/);
    await call('taste.configure', { enabled: true });

    // Bad references are refused with what to change.
    await expect(call('taste.feedback', { historyId: songId, variation: 9, signal: 'keep' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(call('taste.rank', { historyId: 'no-such-entry' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('taste.rank', {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  }, 300_000);
});
