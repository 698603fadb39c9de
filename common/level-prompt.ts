// MarioGPT-style prompt text read into attributes ("many pipes, no enemies, high elevation"): one reader for the
// level pipeline (`prompt` in levels.generate, the CLI's --prompt) and the Studio's free-text prompt field.
import { blockAmounts, elevations, enemyAmounts, pipeAmounts, type LevelAttributes } from '../contract/levels.js';

/** One phrase the reader understood: the words as typed (lower case) and the attribute value they set. */
export interface LevelPromptPhrase {
  /** E.g. "no enemies". */
  words: string;
  attribute: keyof LevelAttributes;
  value: string;
}

export interface LevelPromptReading {
  /** Only the attributes the text names; where one is named twice, the last phrase wins. */
  attributes: Partial<LevelAttributes>;
  /** Every phrase understood, in text order (including ones a later phrase overrode). */
  phrases: LevelPromptPhrase[];
  /** Words that are part of no understood phrase, in text order. */
  ignored: string[];
}

const synonyms: Record<string, string> = {
  no: 'none',
  few: 'little',
  lots: 'many',
  lot: 'many',
  low: 'low',
  high: 'high',
};

const includes = (list: readonly string[], word: string) => list.includes(word);

/**
 * Reads "many pipes, some enemies, little blocks, low elevation" (any order, any subset, commas optional): an amount word
 * (none/no, little/few, some, many/lots, low, high) followed by its noun (pipe(s), enemy/enemies, block(s), elevation).
 * "no blocks" reads as little blocks, MarioGPT's least. Words it does not understand are listed, not refused.
 */
export function readLevelPrompt(text: string): LevelPromptReading {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const attributes: Partial<LevelAttributes> = {};
  const phrases: LevelPromptPhrase[] = [];
  const used = new Set<number>();
  for (let i = 0; i + 1 < words.length; i += 1) {
    const amount = synonyms[words[i]!] ?? words[i]!;
    const noun = words[i + 1]!;
    let attribute: keyof LevelAttributes | null = null;
    let value = amount;
    if (/^pipes?$/.test(noun) && includes(pipeAmounts, amount)) attribute = 'pipes';
    else if (/^enem(y|ies)$/.test(noun) && includes(enemyAmounts, amount)) attribute = 'enemies';
    else if (/^blocks?$/.test(noun)) {
      value = amount === 'none' ? 'little' : amount;
      if (includes(blockAmounts, value)) attribute = 'blocks';
    } else if (noun === 'elevation' && includes(elevations, amount)) attribute = 'elevation';
    if (!attribute) continue;
    (attributes as Record<string, string>)[attribute] = value;
    phrases.push({ words: `${words[i]} ${noun}`, attribute, value });
    used.add(i).add(i + 1);
  }
  return { attributes, phrases, ignored: words.filter((_, index) => !used.has(index)) };
}

/** The attributes a prompt text names (see readLevelPrompt). */
export function parseLevelPrompt(text: string): Partial<LevelAttributes> {
  return readLevelPrompt(text).attributes;
}

/** The canonical MarioGPT prompt for a set of attributes: "many pipes, some enemies, little blocks, low elevation". */
export function levelPromptText({ pipes, enemies, blocks, elevation }: LevelAttributes): string {
  return `${pipes} pipes, ${enemies} enemies, ${blocks} blocks, ${elevation} elevation`;
}
