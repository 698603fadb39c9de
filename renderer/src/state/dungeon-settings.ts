// The Dungeons workspace's settings (persisted): room count, densities, key/lock pairs, seed, variations, overlays.
import { dungeonGenerateFieldsSchema } from '../../../contract/index.js';
import { rangeOf, valueWithin } from './schema-range.js';

export interface DungeonSettings {
  /** Rooms in the dungeon. */
  rooms: number;
  /** Shares from 0 to 1: 0 draws every room with none, 1 every room with the most. */
  enemyDensity: number;
  blockDensity: number;
  elementDensity: number;
  /** Key → locked-door pairs on the way to the goal. */
  keyLocks: number;
  /** Unsigned 32-bit seed: the same seed and settings give the same dungeons. */
  seed: number;
  /** Dungeons generated together. */
  variations: number;
  /** What is drawn over the tiles: the room graph, the agent's path. */
  showGraph: boolean;
  showPath: boolean;
}

// The limits the service checks, from the contract.
const fields = dungeonGenerateFieldsSchema.shape;
export const dungeonRoomsRange = rangeOf(fields.rooms);
export const dungeonKeyLocksRange = rangeOf(fields.keyLocks);
export const dungeonSeedRange = rangeOf(fields.seed);
export const dungeonVariationsRange = rangeOf(fields.variations);
export const dungeonDensityRange = { ...rangeOf(fields.enemyDensity), step: 0.05 } as const;

export const defaultDungeonSettings: DungeonSettings = {
  rooms: 12,
  enemyDensity: 0.5,
  blockDensity: 0.4,
  elementDensity: 0.25,
  keyLocks: 1,
  seed: 1,
  variations: 4,
  showGraph: true,
  showPath: true,
};

/**
 * Accepts anything (an older or damaged persisted value, a patch) and returns valid settings: a field that is not
 * valid takes the fallback's value (the defaults on load, the current value for a patch), never a clamped guess.
 */
export function sanitizeDungeonSettings(
  value: unknown,
  fallback: DungeonSettings = defaultDungeonSettings,
): DungeonSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof DungeonSettings, unknown>>;
  const density = (key: 'enemyDensity' | 'blockDensity' | 'elementDensity'): number =>
    valueWithin(candidate[key], dungeonDensityRange, fallback[key], 0.01);
  return {
    rooms: valueWithin(candidate.rooms, dungeonRoomsRange, fallback.rooms),
    enemyDensity: density('enemyDensity'),
    blockDensity: density('blockDensity'),
    elementDensity: density('elementDensity'),
    keyLocks: valueWithin(candidate.keyLocks, dungeonKeyLocksRange, fallback.keyLocks),
    seed: valueWithin(candidate.seed, dungeonSeedRange, fallback.seed),
    variations: valueWithin(candidate.variations, dungeonVariationsRange, fallback.variations),
    showGraph: typeof candidate.showGraph === 'boolean' ? candidate.showGraph : fallback.showGraph,
    showPath: typeof candidate.showPath === 'boolean' ? candidate.showPath : fallback.showPath,
  };
}

/** A file name (without extension) from the prompt, seed and variation: "12-rooms-1-key-…-seed7-v2". */
export function dungeonExportName(prompt: string, seed: number, variation: number): string {
  const words = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${words || 'dungeon'}-seed${seed}-v${variation + 1}`.slice(0, 120);
}
