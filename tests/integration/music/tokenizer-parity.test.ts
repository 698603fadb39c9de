// The TypeScript tokenizer and its Python mirror (models/music-common) turn the same notes into the same tokens and back.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MusicNote } from '../../../contract/music.js';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';
import { MusicTokenizer, type MusicConditions } from '../../../main/inference/tasks/music/music-tokenizer.js';
import { RemiVocabulary } from '../../../main/inference/tasks/music/remi-vocabulary.js';
import { corpusFiles, musicDataRoot, remiSpecPath, repositoryRoot } from '../../unit/music/music-fixtures.js';

const python = '/usr/bin/python3';
const tokenizer = new MusicTokenizer(RemiVocabulary.fromJson(JSON.parse(readFileSync(remiSpecPath, 'utf8'))));

interface Case {
  profile: 'melody' | 'drums';
  conditions: MusicConditions;
  notes: MusicNote[];
}

/** Notes anywhere on and off the grid, with odd durations, velocities and pitches (some outside the vocabulary). */
function randomCase(seed: number, profile: Case['profile']): Case {
  const random = new SeededRandom(seed);
  const pick = (low: number, high: number) => low + (random.nextUint32() % (high - low + 1));
  const pitches = profile === 'drums' ? [22, 26, 35, 36, 37, 38, 40, 42, 44, 46, 49, 51, 53, 58, 81] : undefined;
  const notes = Array.from({ length: pick(1, 120) }, () => ({
    pitch: pitches ? pitches[pick(0, pitches.length - 1)]! : pick(15, 115),
    start: pick(0, 1920 * 9),
    duration: pick(1, 4000),
    velocity: pick(1, 127),
  }));
  const conditions = {
    style: profile === 'drums' ? 'jazz' : 'pop',
    key: 'D#-minor',
    tempo: pick(40, 220),
    density: pick(0, 40) / 2,
  };
  return { profile, conditions, notes };
}

describe.skipIf(!existsSync(python))('tokenizer parity with Python', () => {
  it('produces identical tokens and decoded notes for random and corpus notes', () => {
    const cases: Case[] = [
      ...Array.from({ length: 40 }, (_, i) => randomCase(i, i % 2 === 0 ? 'melody' : 'drums')),
      ...corpusFiles(8).map((file) => ({
        profile: file.profile,
        conditions: { style: file.profile === 'drums' ? 'rock' : 'folk', key: 'C-major', tempo: 120, density: 6 },
        notes: file.notes,
      })),
    ];
    const completed = spawnSync(python, ['-m', 'mosaic_music.tokenize_cli'], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        PYTHONPATH: [join(repositoryRoot, 'models', 'music-common'), join(repositoryRoot, 'models', 'common')].join(
          ':',
        ),
      },
      input: JSON.stringify({ cases }),
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    expect(completed.status, completed.stderr).toBe(0);
    const answer = JSON.parse(completed.stdout) as {
      vocabularySize: number;
      cases: { tokens: number[]; decoded: MusicNote[] }[];
    };
    expect(answer.vocabularySize).toBe(tokenizer.vocabulary.size);
    cases.forEach((testCase, index) => {
      const tokens = tokenizer.encode(testCase.notes, testCase.profile, testCase.conditions);
      expect(answer.cases[index]!.tokens, `case ${index}`).toEqual(tokens);
      expect(answer.cases[index]!.decoded, `case ${index}`).toEqual(tokenizer.decode(tokens, testCase.profile));
    });
    // With the corpus beside the repository (../shared/data), its files must have been among the cases.
    if (existsSync(musicDataRoot)) expect(cases.length).toBeGreaterThan(40);
  });
});
