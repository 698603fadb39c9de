// History's one-line summaries: a level run's redrawn region is named by its first and last column, inclusive; an
// arranged song names its parts, key and what the call did, and its thumbnail has a lane per part.
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../../../contract/index.js';
import { describeLevelColumns } from '../../../../../contract/levels.js';
import { previewOf, summaryOf } from '../../../../../main/services/history/history-summary.js';
import { arrangeRunFixture } from '../../../../support/arrange-runs.js';
import { dungeonFixture, dungeonRunFixture } from '../../../../support/dungeon-runs.js';

const run = (region?: { from: number; to: number }): ResponseOf<'levels.regenerate'> => ({
  model: {
    name: 'level-platformer',
    version: '1.0.0',
    precision: 'fp32',
    digest: 'a'.repeat(64),
    task: 'level.platformer',
  },
  jobId: 'job-1',
  result: {
    mode: region ? 'regenerate' : 'generate',
    prompt: 'some pipes, many enemies, some blocks, high elevation',
    attributes: { pipes: 'some', enemies: 'many', blocks: 'some', elevation: 'high' },
    seed: 7,
    width: 100,
    ...(region ? { region } : {}),
    levels: [],
    totalMs: 1,
  },
});

describe('level run summaries', () => {
  it('calls the columns [20, 36) that were redrawn "20–35", the columns a user selected', () => {
    expect(summaryOf(run({ from: 20, to: 36 })).label).toBe(
      'columns 20–35 of 100 columns, “some pipes, many enemies, some blocks, high elevation”',
    );
    expect(summaryOf(run()).label).toBe('100 columns, “some pipes, many enemies, some blocks, high elevation”');
  });

  it('words column ranges one way everywhere: inclusive ends, one column by itself', () => {
    expect(describeLevelColumns(20, 36)).toBe('20–35');
    expect(describeLevelColumns(0, 8)).toBe('0–7');
    expect(describeLevelColumns(41, 42)).toBe('41');
  });
});

describe('arranged song summaries and thumbnails', () => {
  const song = arrangeRunFixture(2, 'job-song');
  song.result.variations[0]!.filledCells = [
    { track: 'bass', bar: 2 },
    { track: 'bass', bar: 3 },
  ];

  it('names the parts, the key and what the call did', () => {
    expect(summaryOf(song, 'music.arrange')).toMatchObject({
      label: '8 bars of pop: melody, chords, bass, drums in A minor',
      variations: 2,
      bars: 8,
      notes: 32,
      tracks: ['melody', 'chords', 'bass', 'drums'],
      key: 'A minor',
      style: 'pop',
    });
    expect(summaryOf(song, 'music.infill').label).toBe(
      'Infill of 2 cells: 8 bars of pop: melody, chords, bass, drums in A minor',
    );
    expect(summaryOf(song, 'music.harmonize').label).toMatch(/^Harmonized: 8 bars/);
  });

  it('draws a lane per part with that part’s notes, the song’s length in ticks', () => {
    const preview = previewOf(song);
    expect(preview.lanes?.map((lane) => lane.track)).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(preview.lanes?.[2]?.notes[1]).toEqual([45, 1920, 960]);
    expect(preview.ticks).toBe(8 * 1920);
    expect(preview.notes).toBeUndefined();
  });

  it('gives each lane its share of the notes a thumbnail draws (512 in all)', () => {
    const busy = arrangeRunFixture(1, 'job-busy');
    const drums = busy.result.variations[0]!.tracks[3]!;
    drums.notes = Array.from({ length: 2000 }, (_, index) => ({
      pitch: 42,
      start: index * 7,
      duration: 30,
      velocity: 90,
    }));
    const lanes = previewOf(busy).lanes!;
    expect(lanes.map((lane) => lane.notes.length)).toEqual([8, 8, 8, 128]);
  });
});

describe('dungeon run summaries', () => {
  it('labels a generation with its request, counts the connected dungeons, and previews the first one’s whole map', () => {
    const broken = { ...dungeonFixture(1), playable: false };
    const run = dungeonRunFixture([dungeonFixture(0), broken]);
    expect(summaryOf(run, 'dungeons.generate')).toEqual({
      label: '3 rooms, 1 key, enemies 0.5, blocks 0.4, elements 0.25',
      variations: 2,
      playable: 1,
      prompt: '3 rooms, 1 key, enemies 0.5, blocks 0.4, elements 0.25',
      rooms: 3,
    });
    // The 2 × 2 grid as 22 rows of 32 tiles: room 0 top-left, room 1 top-right, room 2 bottom-right, void elsewhere.
    const rows = previewOf(run).rows!;
    expect(rows).toHaveLength(22);
    expect(rows.every((row) => row.length === 32)).toBe(true);
    expect(rows[0]).toBe('W'.repeat(32));
    expect(rows[11]).toBe(`${'-'.repeat(16)}${'W'.repeat(16)}`);
  });

  it('labels one room redrawn by what the engine says it drew', () => {
    const run = dungeonRunFixture([dungeonFixture()], 'regenerateRoom');
    const redraw = { ...run, result: { ...run.result, prompt: 'room 2 of 3' } };
    expect(summaryOf(redraw, 'dungeons.regenerateRoom').label).toBe('Room redrawn: room 2 of 3');
  });
});
