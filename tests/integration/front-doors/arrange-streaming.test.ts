// Arrange jobs stream their song while they decode (real engine: the forked inference host, real onnxruntime, the
// bundled music-arrange model): progress events carry the bars written so far, growing, before the result, and each
// partial song agrees with the result in the cells it holds; a cancel stops the decoding promptly with CANCELLED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, PartialSong, SongTrack } from '../../../contract/index.js';
import { partialSongSchema } from '../../../contract/index.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';

let fixture: CoreFixture;
/** Every jobs.didChange event, with the time it arrived. */
const seen: { job: Job; at: number }[] = [];

beforeAll(async () => {
  fixture = await createCoreFixture();
  fixture.core.events.subscribe((envelope) => {
    if (envelope.event === 'jobs.didChange') seen.push({ job: envelope.payload as Job, at: performance.now() });
  });
  // The first call installs the bundled model and starts the host: not part of what is measured below.
  await fixture.call('music.arrange', { bars: 1, tracks: ['bass'], seed: 1 });
}, 60_000);

afterAll(async () => {
  await fixture.dispose();
});

const bar = 1920;
/** A cell's notes as (onset, pitch, velocity): lengths may be cut later by the next onset of their pitch. */
const cellNotes = (tracks: readonly SongTrack[], track: string, at: number) =>
  (tracks.find((candidate) => candidate.track === track)?.notes ?? [])
    .filter((note) => Math.floor((note.start + 60) / bar) === at)
    .map((note) => [note.start, note.pitch, note.velocity]);

describe('arrange jobs stream their song', () => {
  it('sends the bars written so far, growing, before the result; each partial agrees with the result', async () => {
    seen.length = 0;
    const started = performance.now();
    const run = await fixture.call('music.arrange', {
      bars: 8,
      tracks: ['melody', 'chords', 'bass', 'drums'],
      seed: 11,
      variations: 1,
    });
    const answered = performance.now();
    const events = seen.filter(({ job }) => job.id === run.jobId);
    const partials = events.flatMap(({ job, at }) =>
      job.progress.partial ? [{ partial: job.progress.partial, at }] : [],
    );
    const written = partials.map(({ partial }) => partial.writtenBars);
    console.info(
      `streaming: ${partials.length} partial events; bars written ${written.join(',')}; first after ` +
        `${Math.round(partials[0]!.at - started)} ms, result after ${Math.round(answered - started)} ms`,
    );
    expect(partials.length).toBeGreaterThanOrEqual(2);
    // Bars written never go back, and grow from the first partial to the last.
    for (let i = 1; i < written.length; i += 1) expect(written[i]!).toBeGreaterThanOrEqual(written[i - 1]!);
    expect(written.at(-1)!).toBeGreaterThan(written[0]!);
    expect(written[0]!).toBeLessThan(8);
    expect(new Set(written).size).toBeGreaterThanOrEqual(2);
    // Every partial arrived before the job finished, the first well before the answer.
    const finished = events.find(({ job }) => job.state === 'succeeded')!;
    for (const { at } of partials) expect(at).toBeLessThanOrEqual(finished.at);
    expect(partials[0]!.at).toBeLessThan(answered);
    // The finished job no longer carries a song: the result does.
    expect(finished.job.progress.partial).toBeUndefined();

    const result = run.result.variations[0]!;
    let cells = 0;
    for (const { partial } of partials) {
      const checked: PartialSong = partialSongSchema.parse(partial);
      expect(checked.bars).toBe(8);
      expect(checked.variation).toBe(0);
      // Cells only accumulate, and each written cell holds what the result holds there.
      expect(checked.filledCells.length).toBeGreaterThan(cells - 1);
      cells = checked.filledCells.length;
      expect(checked.writtenBars).toBe(new Set(checked.filledCells.map((cell) => cell.bar)).size);
      for (const cell of checked.filledCells) {
        if (cell.track === 'chords') continue; // Chord voicings are led from whichever chord precedes them.
        expect(cellNotes(checked.tracks, cell.track, cell.bar), `${cell.track} bar ${cell.bar}`).toEqual(
          cellNotes(result.tracks, cell.track, cell.bar),
        );
      }
    }
    expect(cells).toBe(result.filledCells.length);
  }, 120_000);

  it('stops decoding promptly on cancel and answers CANCELLED', async () => {
    seen.length = 0;
    const call = fixture.call('music.arrange', {
      bars: 16,
      tracks: ['melody', 'chords', 'bass', 'drums'],
      seed: 12,
      variations: 2,
    });
    const failure = call.then(
      () => null,
      (error: unknown) => error as { code?: string },
    );
    // Cancel once the first bars are on screen.
    const first = await new Promise<Job>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no partial song within 60 s')), 60_000);
      const poll = setInterval(() => {
        const found = seen.find(({ job }) => job.kind === 'music.arrange' && job.progress.partial);
        if (!found) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(found.job);
      }, 5);
    });
    const cancelledAt = performance.now();
    expect(await fixture.call('jobs.cancel', { id: first.id })).toMatchObject({ cancelled: true });
    const error = await failure;
    const stoppedMs = performance.now() - cancelledAt;
    console.info(`cancel: the call answered ${Math.round(stoppedMs)} ms after jobs.cancel`);
    expect(error?.code).toBe('CANCELLED');
    expect(stoppedMs).toBeLessThan(2_000);
    const last = seen.filter(({ job }) => job.id === first.id).at(-1)!.job;
    expect(last.state).toBe('cancelled');
    expect(last.error?.code).toBe('CANCELLED');
    // Fewer cells were written than the song has: it stopped partway.
    const cellsAtCancel = Math.max(...seen.map(({ job }) => job.progress.partial?.filledCells.length ?? 0));
    expect(cellsAtCancel).toBeLessThan(16 * 4);
  }, 120_000);
});
