// The arrange stream: what a decode in progress reports — the first variation's song with the cells finished so far,
// the share of cells done over every variation, at most every 50 ms from within a decode, always at a window's end.
import { describe, expect, it } from 'vitest';
import { arrangeParamsSchema, type PartialSong } from '../../../../contract/arrange.js';
import { PartialSongReporter } from '../../../../main/inference/tasks/music/arrange/arrange-partial.js';
import { planArrangement } from '../../../../main/inference/tasks/music/arrange/arrange-plan.js';
import type { TaskProgress } from '../../../../main/inference/tasks/task-pipeline.js';
import { arrangeTokenizer, fourTrackSong } from './arrange-fixtures.js';

describe('PartialSongReporter', () => {
  const tokenizer = arrangeTokenizer();
  const song = fourTrackSong();
  const plan = planArrangement(
    arrangeParamsSchema.parse({ bars: 4, song, fill: [{ track: 'bass', fromBar: 0, toBar: 3 }], variations: 2 }),
    tokenizer,
  );
  const known = () => new Map([...plan.given].filter(([key]) => !plan.fill.has(key)));

  it('streams the first variation cell by cell, counts every variation, and reports at most every 50 ms', () => {
    const rows = [known(), known()];
    const reports: TaskProgress[] = [];
    let now = 0;
    const stream = new PartialSongReporter(
      plan,
      tokenizer,
      rows,
      8,
      (update) => reports.push(update),
      () => now,
    );
    stream.progress(0, 'writing 8 cells');
    expect(reports).toEqual([{ fraction: 0, message: 'writing 8 cells' }]);

    // Row 0 finishes bass bar 1 (its given notes, so the song is checkable) — within 50 ms of the last report: held.
    rows[0]!.set('bass:0', plan.given.get('bass:0')!);
    stream.watch();
    expect(reports).toHaveLength(1);
    now = 60;
    stream.watch();
    const first = reports.at(-1)!;
    expect(first).toMatchObject({ fraction: 1 / 8, message: '1 of 8 cells' });
    expect(first.partial).toMatchObject({
      variation: 0,
      bars: 4,
      writtenBars: 1,
      filledCells: [{ track: 'bass', bar: 0 }],
    });
    const bass = (partial: PartialSong) => partial.tracks.find((track) => track.track === 'bass')!.notes;
    const givenBass = song.find((track) => track.track === 'bass')!.notes;
    // Bar 1 as written; bars 2–4 still show the notes given (they are not rewritten yet).
    expect(bass(first.partial!).map((note) => [note.pitch, note.start])).toEqual(
      givenBass.map((note) => [note.pitch, note.start]),
    );

    // Row 1 finishes a cell: the share moves, the streamed song stays the first variation's.
    rows[1]!.set('bass:0', plan.given.get('bass:0')!);
    now = 120;
    stream.watch();
    expect(reports.at(-1)).toMatchObject({ fraction: 2 / 8, partial: { filledCells: [{ track: 'bass', bar: 0 }] } });

    // Nothing new: no report. A window's end always reports, with the song as written by then.
    now = 200;
    stream.watch();
    expect(reports).toHaveLength(3);
    rows[0]!.set('bass:1', plan.given.get('bass:1')!);
    stream.progress(0.375, '3 of 8 cells');
    expect(reports.at(-1)).toMatchObject({ fraction: 0.375, partial: { writtenBars: 2 } });
    expect(reports.at(-1)!.partial!.filledCells).toEqual([
      { track: 'bass', bar: 0 },
      { track: 'bass', bar: 1 },
    ]);
  });
});
