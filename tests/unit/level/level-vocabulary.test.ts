// The packaged level vocabulary as the pipeline reads it: prompt tokens, column tokens, features, nearest columns.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnFeatures, LevelVocabulary } from '../../../main/inference/tasks/level/level-vocabulary.js';
import { findPackageRoot } from '../../../main/platform/paths.js';

const path = join(findPackageRoot(), 'models/packages/level-platformer/1.0.0/level-vocabulary.json');
const vocabulary = LevelVocabulary.fromFile(path);

describe('LevelVocabulary', () => {
  it('turns attributes into the conditioning prompt the model was trained with', () => {
    expect(vocabulary.promptLength).toBe(5);
    expect(
      vocabulary.promptTokens({ pipes: 'many', enemies: 'none', blocks: 'some', elevation: 'high' }, true),
    ).toEqual([3, 4, 9, 12, 13]);
    expect(
      vocabulary.promptTokens({ pipes: 'none', enemies: 'many', blocks: 'little', elevation: 'low' }, false),
    ).toEqual([0, 7, 8, 11, 14]);
  });

  it('maps columns to tokens and back, and unknown columns to the nearest', () => {
    const ground = '-------------X';
    const token = vocabulary.tokenFor(ground);
    expect(vocabulary.isColumnToken(token)).toBe(true);
    expect(vocabulary.column(token)).toBe(ground);
    const odd = 'o------------X';
    const nearest = vocabulary.column(vocabulary.tokenFor(odd));
    expect([...nearest].filter((tile, y) => tile !== odd[y]).length).toBeLessThanOrEqual(1);
    expect(() => vocabulary.column(3)).toThrow();
  });

  it('describes what each column holds', () => {
    expect(columnFeatures('----------<[[X')).toMatchObject({ pipes: 1, blocks: 1, enemies: 0, elevated: false });
    expect(columnFeatures('----------<[[X').pipeLeft).toBe((1 << 10) | (1 << (11 + 14)) | (1 << (12 + 14)));
    expect(columnFeatures('---X--------EX')).toMatchObject({ elevated: true, enemies: 1, blocks: 2 });
    expect(columnFeatures('-------------X').standRows).toBe(1 << 12);
    expect(columnFeatures('--------------').standRows).toBe(0);
  });

  it('refuses a file that is not a level vocabulary with MODEL_LOAD_FAILED', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mosaic-vocabulary-'));
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ format: 'other' }));
    expect(() => LevelVocabulary.fromFile(join(folder, 'bad.json'))).toThrow(
      expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
    );
    expect(() => LevelVocabulary.fromFile(join(folder, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
    );
  });
});
