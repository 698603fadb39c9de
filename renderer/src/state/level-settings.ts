// The Levels workspace's prompt settings (persisted): MarioGPT attributes, size, seed and temperature, kept valid.
import {
  blockAmounts,
  elevations,
  enemyAmounts,
  levelGenerateParamsSchema,
  pipeAmounts,
  type LevelAttributes,
} from '../../../contract/index.js';
import { rangeOf } from './schema-range.js';

export interface LevelSettings {
  attributes: LevelAttributes;
  /** Level width in columns (16 px tiles). */
  width: number;
  /** Levels generated together from one prompt. */
  variations: number;
  /** Unsigned 32-bit seed: the same seed and settings give the same levels. */
  seed: number;
  /** Softmax temperature: lower is safer, higher is wilder. */
  temperature: number;
}

// The limits the service checks, from the contract (the temperature slider's narrower range is the UI's).
export const levelWidthRange = rangeOf(levelGenerateParamsSchema.shape.width);
export const levelVariationsRange = rangeOf(levelGenerateParamsSchema.shape.variations);
export const levelSeedRange = rangeOf(levelGenerateParamsSchema.shape.seed);
export const levelTemperatureRange = { min: 0.1, max: 2.5, step: 0.05 } as const;
const maxSeed = levelSeedRange.max;

export const defaultLevelSettings: LevelSettings = {
  attributes: { pipes: 'little', enemies: 'some', blocks: 'little', elevation: 'low' },
  width: 100,
  variations: 4,
  seed: 7,
  temperature: 1,
};

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, Math.round(value)))
    : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Accepts anything (an older or damaged persisted value, a half-typed field) and returns valid settings. */
export function sanitizeLevelSettings(value: unknown): LevelSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof LevelSettings, unknown>>;
  const attributes = (candidate.attributes ?? {}) as Partial<Record<keyof LevelAttributes, unknown>>;
  const fallback = defaultLevelSettings;
  const temperature =
    typeof candidate.temperature === 'number' && Number.isFinite(candidate.temperature)
      ? Math.min(levelTemperatureRange.max, Math.max(levelTemperatureRange.min, candidate.temperature))
      : fallback.temperature;
  return {
    attributes: {
      pipes: oneOf(attributes.pipes, pipeAmounts, fallback.attributes.pipes),
      enemies: oneOf(attributes.enemies, enemyAmounts, fallback.attributes.enemies),
      blocks: oneOf(attributes.blocks, blockAmounts, fallback.attributes.blocks),
      elevation: oneOf(attributes.elevation, elevations, fallback.attributes.elevation),
    },
    width: clampInteger(candidate.width, levelWidthRange.min, levelWidthRange.max, fallback.width),
    variations: clampInteger(
      candidate.variations,
      levelVariationsRange.min,
      levelVariationsRange.max,
      fallback.variations,
    ),
    seed: clampInteger(candidate.seed, 0, maxSeed, fallback.seed),
    temperature: Math.round(temperature * 100) / 100,
  };
}

/** The MarioGPT prompt the attributes stand for, e.g. "many pipes, some enemies, little blocks, low elevation". */
export function levelPromptText({ pipes, enemies, blocks, elevation }: LevelAttributes): string {
  return `${pipes} pipes, ${enemies} enemies, ${blocks} blocks, ${elevation} elevation`;
}

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
