// Draws a level as a PNG: sky, the tile art, the playability agent's path, the spawn and the goal flag.
import type { LevelCell } from '../../../../contract/levels.js';
import { createImage, encodePng, fillRect, setPixel, type RgbaImage } from './png-encoder.js';
import { drawTile, skyColour, tileSize } from './tileset-export.js';

/** What a drawing or an export needs of a level: its rows, and what the agent found when it is known. */
export interface ExportableLevel {
  rows: readonly string[];
  path?: readonly LevelCell[];
  spawn?: LevelCell | null;
  goal?: LevelCell | null;
  playable?: boolean;
}

export interface RenderOptions {
  /** Pixels per art pixel (1 draws 16 px tiles). */
  scale?: number;
  /** Draws the agent's path, spawn and goal (default true). */
  markers?: boolean;
}

const pathColour = 0xe52521;
const outlineColour = 0xffffff;

export function renderLevelImage(level: ExportableLevel, options: RenderOptions = {}): RgbaImage {
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const cell = tileSize * scale;
  const width = (level.rows[0]?.length ?? 0) * cell;
  const image = createImage(width, level.rows.length * cell);
  fillRect(image, 0, 0, image.width, image.height, skyColour);
  level.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) drawTile(image, row[x]!, x * cell, y * cell, scale);
  });
  if (options.markers === false) return image;
  const centre = ([x, y]: LevelCell): [number, number] => [x * cell + cell / 2, y * cell + cell / 2];
  const path = level.path ?? [];
  // A white halo under a red line keeps the path readable over sky and bricks alike.
  for (const [thickness, colour] of [
    [3 * scale, outlineColour],
    [scale, pathColour],
  ] as const) {
    for (let i = 1; i < path.length; i += 1) line(image, centre(path[i - 1]!), centre(path[i]!), thickness, colour);
  }
  if (level.spawn) drawSpawn(image, level.spawn, cell);
  if (level.goal) drawGoal(image, level.goal, cell);
  return image;
}

/** The level as PNG bytes; `text` becomes tEXt chunks (model, prompt, seed, ...). */
export function renderLevelPng(level: ExportableLevel, text: Record<string, string> = {}, options?: RenderOptions) {
  return encodePng(renderLevelImage(level, options), text);
}

function line(image: RgbaImage, from: [number, number], to: [number, number], thickness: number, rgb: number) {
  const steps = Math.max(Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1]), 1);
  const half = Math.floor(thickness / 2);
  for (let step = 0; step <= steps; step += 1) {
    const x = Math.round(from[0] + ((to[0] - from[0]) * step) / steps);
    const y = Math.round(from[1] + ((to[1] - from[1]) * step) / steps);
    fillRect(image, x - half, y - half, thickness, thickness, rgb);
  }
}

/** A small red-capped figure standing in the spawn cell. */
function drawSpawn(image: RgbaImage, [x, y]: LevelCell, cell: number) {
  const unit = cell / 16;
  const left = x * cell + 4 * unit;
  const top = y * cell + 2 * unit;
  fillRect(image, left, top, 8 * unit, 3 * unit, pathColour); // cap
  fillRect(image, left + unit, top + 3 * unit, 6 * unit, 4 * unit, 0xfcbcb0); // face
  fillRect(image, left, top + 7 * unit, 8 * unit, 4 * unit, 0x2038ec); // overalls
  fillRect(image, left, top + 11 * unit, 3 * unit, 3 * unit, 0x000000); // boots
  fillRect(image, left + 5 * unit, top + 11 * unit, 3 * unit, 3 * unit, 0x000000);
}

/** A flagpole rising from the goal cell with a green flag. */
function drawGoal(image: RgbaImage, [x, y]: LevelCell, cell: number) {
  const unit = cell / 16;
  const poleX = x * cell + 7 * unit;
  const bottom = (y + 1) * cell;
  const top = Math.max(0, bottom - 5 * cell);
  fillRect(image, poleX, top, 2 * unit, bottom - top, 0xfcfcfc);
  fillRect(image, poleX - unit, top - 2 * unit, 4 * unit, 3 * unit, 0x00a800);
  for (let row = 0; row < 6 * unit; row += 1) {
    const reach = Math.round(((6 * unit - Math.abs(row - 3 * unit)) * 8) / 6);
    for (let dx = 0; dx < reach; dx += 1) setPixel(image, poleX - dx - 1, top + unit + row, 0x00a800);
  }
}
