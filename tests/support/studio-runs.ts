// Small, valid runs of the music and level tasks as the engine answers them, for the renderer's slice tests.
import type { GeneratedLevel, LevelRun, MusicRun } from '../../contract/index.js';

/** A melody run of `variations` identical one-bar variations of two notes (A4 then C5). */
export function musicRunFixture(variations = 1, jobId = 'job-1'): MusicRun {
  const notes = [
    { pitch: 69, start: 0, duration: 240, velocity: 90 },
    { pitch: 72, start: 480, duration: 240, velocity: 70 },
  ];
  const stats = { notes: 2, notesPerBar: 2, velocityMin: 70, velocityMax: 90, tokens: 10 };
  return {
    model: { name: 'music-melody', version: '1.0.0', precision: 'fp32', digest: 'ab'.repeat(32), task: 'music.melody' },
    jobId,
    seed: 7,
    result: {
      task: 'music.melody',
      ticksPerBeat: 480,
      tempo: 110,
      timeSignature: [4, 4],
      bars: 1,
      generatedFromTick: 0,
      key: { tonic: 'A', scale: 'minor' },
      conditioning: ['Style_pop'],
      variations: Array.from({ length: variations }, () => ({ notes, primerNotes: 0, stats })),
      timing: { totalMs: 5, tokensPerSecond: 100, windows: 1 },
    },
  };
}

export const fixtureLevelWidth = 20;

/** A flat, playable level: empty sky over one row of `ground` tiles. */
export function generatedLevelFixture(ground: string, variation = 0): GeneratedLevel {
  const width = fixtureLevelWidth;
  return {
    variation,
    rows: [...Array.from({ length: 13 }, () => '-'.repeat(width)), ground.repeat(width)],
    path: [
      [0, 12],
      [1, 12],
    ],
    playable: true,
    spawn: [0, 12],
    goal: [width - 1, 12],
    repairs: [],
    attributes: { pipes: 'none', enemies: 'none', blocks: 'little', elevation: 'low' },
    adherence: 3,
    stats: { decodeMs: 1, checkMs: 1, repairMs: 0, repairedColumns: 0 },
  };
}

export function levelRunFixture(
  levels: GeneratedLevel[],
  { mode = 'generate', jobId = 'job-1' }: { mode?: 'generate' | 'regenerate'; jobId?: string } = {},
): LevelRun {
  return {
    model: {
      name: 'level-platformer',
      version: '1.0.0',
      precision: 'fp32',
      digest: 'ab'.repeat(32),
      task: 'level.platformer',
    },
    jobId,
    result: {
      mode,
      prompt: 'little pipes, some enemies, little blocks, low elevation',
      attributes: { pipes: 'little', enemies: 'some', blocks: 'little', elevation: 'low' },
      seed: 7,
      width: fixtureLevelWidth,
      levels,
      totalMs: 12,
    },
  };
}
