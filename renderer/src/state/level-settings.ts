// The Levels workspace's prompt settings (persisted): MarioGPT attributes, size, seed and temperature, kept valid.
import {
  blockAmounts,
  elevations,
  enemyAmounts,
  levelGenerateParamsSchema,
  pipeAmounts,
  type LevelAttributes,
} from '../../../contract/index.js';
import { oneOf, rangeOf, valueWithin } from './schema-range.js';

export interface LevelSettings {
  attributes: LevelAttributes;
  /** The free text last typed in the prompt field (it sets the attributes it names; kept so a reload shows it). */
  promptText: string;
  /** Level width in columns (16 px tiles). */
  width: number;
  /** Levels generated together from one prompt. */
  variations: number;
  /** Unsigned 32-bit seed: the same seed and settings give the same levels. */
  seed: number;
  /** Softmax temperature: lower is safer, higher is wilder. */
  temperature: number;
}

// The limits the service checks, from the contract (the temperature slider keeps to a narrower part of its range).
const fields = levelGenerateParamsSchema.shape;
export const levelWidthRange = rangeOf(fields.width);
export const levelVariationsRange = rangeOf(fields.variations);
export const levelSeedRange = rangeOf(fields.seed);
const temperatureLimits = rangeOf(fields.temperature);
/** The longest prompt text levels.generate takes. */
export const levelPromptMaxLength = fields.prompt.unwrap().maxLength ?? 300;
export const levelTemperatureRange = {
  min: Math.max(0.1, temperatureLimits.min),
  max: Math.min(2.5, temperatureLimits.max),
  step: 0.05,
} as const;
const maxSeed = levelSeedRange.max;

export const defaultLevelSettings: LevelSettings = {
  attributes: { pipes: 'little', enemies: 'some', blocks: 'little', elevation: 'low' },
  promptText: '',
  width: 100,
  variations: 4,
  seed: 7,
  temperature: 1,
};

/**
 * Accepts anything (an older or damaged persisted value, a patch) and returns valid settings: a field that is not
 * valid takes the fallback's value (the defaults on load, the current value for a patch), so a saved 5000 columns
 * loads as the default width, never as the 1024 limit.
 */
export function sanitizeLevelSettings(value: unknown, fallback: LevelSettings = defaultLevelSettings): LevelSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof LevelSettings, unknown>>;
  const attributes = (candidate.attributes ?? {}) as Partial<Record<keyof LevelAttributes, unknown>>;
  return {
    attributes: {
      pipes: oneOf(attributes.pipes, pipeAmounts, fallback.attributes.pipes),
      enemies: oneOf(attributes.enemies, enemyAmounts, fallback.attributes.enemies),
      blocks: oneOf(attributes.blocks, blockAmounts, fallback.attributes.blocks),
      elevation: oneOf(attributes.elevation, elevations, fallback.attributes.elevation),
    },
    promptText:
      typeof candidate.promptText === 'string' && candidate.promptText.length <= levelPromptMaxLength
        ? candidate.promptText
        : fallback.promptText,
    width: valueWithin(candidate.width, levelWidthRange, fallback.width),
    variations: valueWithin(candidate.variations, levelVariationsRange, fallback.variations),
    seed: valueWithin(candidate.seed, levelSeedRange, fallback.seed),
    temperature: valueWithin(candidate.temperature, levelTemperatureRange, fallback.temperature, 0.01),
  };
}

/** The MarioGPT prompt the attributes stand for, e.g. "many pipes, some enemies, little blocks, low elevation". */
export { levelPromptText } from '../../../common/level-prompt.js';

/** A fresh unsigned 32-bit seed. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (maxSeed + 1));
}

/** A file name (without extension) from the prompt, seed and variation: "many-pipes-some-enemies-…-seed7-v2". */
export function levelExportName(prompt: string, seed: number, variation: number): string {
  const words = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${words || 'level'}-seed${seed}-v${variation + 1}`.slice(0, 120);
}
