// The one prompt reader (common/level-prompt.ts) that the pipeline and the Studio's free-text field share: what it
// understands, what it reports as ignored, and that the pipeline reads every phrasing the same way.
import { describe, expect, it } from 'vitest';
import { levelPromptText, parseLevelPrompt, readLevelPrompt } from '../../../common/level-prompt.js';
import { parsePrompt } from '../../../main/inference/tasks/level/level-attributes.js';

const phrasings = [
  'many pipes, some enemies, little blocks, low elevation',
  'no enemies',
  'No Pipes and NO ENEMIES please, high elevation',
  'lots of blocks',
  'lots blocks few enemy',
  'a castle with many pipes many enemies',
  'no blocks, some pipe, some pipes, little pipes',
  'high high elevation low',
  'elevation high',
  '',
  'many',
  'some blocks! many blocks? little blocks.',
];

describe('the level prompt reader', () => {
  it('reads MarioGPT phrasing, in any order and case, the last phrase for an attribute winning', () => {
    expect(readLevelPrompt('No Pipes and NO ENEMIES please, high elevation')).toEqual({
      attributes: { pipes: 'none', enemies: 'none', elevation: 'high' },
      phrases: [
        { words: 'no pipes', attribute: 'pipes', value: 'none' },
        { words: 'no enemies', attribute: 'enemies', value: 'none' },
        { words: 'high elevation', attribute: 'elevation', value: 'high' },
      ],
      ignored: ['and', 'please'],
    });
    expect(readLevelPrompt('no blocks, some pipe, many pipes')).toMatchObject({
      attributes: { blocks: 'little', pipes: 'many' },
      phrases: [
        { words: 'no blocks', attribute: 'blocks', value: 'little' },
        { words: 'some pipe', attribute: 'pipes', value: 'some' },
        { words: 'many pipes', attribute: 'pipes', value: 'many' },
      ],
    });
    expect(readLevelPrompt('a castle with lots of blocks')).toEqual({
      attributes: {},
      phrases: [],
      ignored: ['a', 'castle', 'with', 'lots', 'of', 'blocks'],
    });
  });

  it('gives back the canonical prompt of the attributes it read', () => {
    const text = 'many pipes, some enemies, little blocks, low elevation';
    expect(levelPromptText({ pipes: 'many', enemies: 'some', blocks: 'little', elevation: 'low' })).toBe(text);
    expect(parseLevelPrompt(text)).toEqual({ pipes: 'many', enemies: 'some', blocks: 'little', elevation: 'low' });
  });

  it('is read the same way by the level pipeline (the CLI’s --prompt and levels.generate)', () => {
    for (const text of phrasings) expect(parsePrompt(text), text).toEqual(parseLevelPrompt(text));
  });
});
