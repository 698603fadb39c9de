// Draws a level on a 2D canvas: sky, tiles from the strip, repairs, selection, the agent's path, spawn, goal and ruler.
import type { GeneratedLevel } from '../../../../contract/index.js';
import { rulerHeight, rulerStep, visibleColumns } from './level-geometry.js';
import type { TilesetArt } from './tileset-art.js';

export interface LevelView {
  /** CSS pixels per tile side (tile size × zoom). */
  cell: number;
  scrollLeft: number;
  /** Size of the view in CSS pixels. */
  width: number;
  height: number;
  /** Selected columns [from, to), and the region being regenerated, if any. */
  selection: { from: number; to: number } | null;
  busyRegion: { from: number; to: number } | null;
}

const colours = {
  ruler: '#0e0f12',
  rulerText: '#8b909c',
  rulerTick: '#2a2d35',
  selection: 'rgb(122 162 247 / 28%)',
  selectionEdge: '#9ab8ff',
  busy: 'rgb(14 15 18 / 55%)',
  repair: '#e0af68',
  path: '#ffffff',
  pathShadow: 'rgb(14 15 18 / 55%)',
  spawn: '#7dcf9b',
  goal: '#f7768e',
};

function paintTiles(context: CanvasRenderingContext2D, level: GeneratedLevel, art: TilesetArt, view: LevelView): void {
  const { first, last } = visibleColumns(view.scrollLeft, view.width, view.cell, level.rows[0]!.length);
  context.fillStyle = art.background;
  context.fillRect(0, rulerHeight, view.width, level.rows.length * view.cell);
  context.imageSmoothingEnabled = false;
  const size = art.tileSize;
  level.rows.forEach((row, y) => {
    for (let x = first; x <= last; x += 1) {
      const index = art.indexOf.get(row[x]!);
      if (index === undefined) continue;
      const left = x * view.cell - view.scrollLeft;
      context.drawImage(
        art.image,
        index * size,
        0,
        size,
        size,
        left,
        rulerHeight + y * view.cell,
        view.cell,
        view.cell,
      );
    }
  });
}

function paintSpan(
  context: CanvasRenderingContext2D,
  span: { from: number; to: number },
  view: LevelView,
  fill: string,
  edge?: string,
): void {
  const left = span.from * view.cell - view.scrollLeft;
  const width = (span.to - span.from) * view.cell;
  context.fillStyle = fill;
  context.fillRect(left, 0, width, view.height);
  if (!edge) return;
  context.fillStyle = edge;
  context.fillRect(left, 0, 2, view.height);
  context.fillRect(left + width - 2, 0, 2, view.height);
}

function centre(cell: readonly [number, number], view: LevelView): [number, number] {
  return [(cell[0] + 0.5) * view.cell - view.scrollLeft, rulerHeight + (cell[1] + 0.5) * view.cell];
}

function paintPath(context: CanvasRenderingContext2D, level: GeneratedLevel, view: LevelView): void {
  if (level.path.length < 2) return;
  const line = Math.max(2, Math.round(view.cell / 12));
  context.lineJoin = 'round';
  context.lineCap = 'round';
  for (const [colour, width] of [
    [colours.pathShadow, line + 3],
    [colours.path, line],
  ] as const) {
    context.beginPath();
    level.path.forEach((cell, index) => {
      const [x, y] = centre(cell, view);
      if (index === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.stroke();
  }
}

function paintMarkers(context: CanvasRenderingContext2D, level: GeneratedLevel, view: LevelView): void {
  const radius = view.cell * 0.32;
  if (level.spawn) {
    const [x, y] = centre(level.spawn, view);
    context.beginPath();
    context.arc(x, y, radius, 0, Math.PI * 2);
    context.fillStyle = colours.spawn;
    context.fill();
  }
  if (level.goal) {
    const [x, y] = centre(level.goal, view);
    const pole = y + view.cell / 2;
    context.fillStyle = colours.goal;
    context.fillRect(x - 1, pole - view.cell * 1.5, 2, view.cell * 1.5);
    context.beginPath();
    context.moveTo(x + 1, pole - view.cell * 1.5);
    context.lineTo(x + 1 + view.cell * 0.6, pole - view.cell * 1.25);
    context.lineTo(x + 1, pole - view.cell);
    context.fill();
  }
}

function paintRuler(context: CanvasRenderingContext2D, level: GeneratedLevel, view: LevelView): void {
  const width = level.rows[0]!.length;
  context.fillStyle = colours.ruler;
  context.fillRect(0, 0, view.width, rulerHeight);
  const { first, last } = visibleColumns(view.scrollLeft, view.width, view.cell, width);
  const step = rulerStep(view.cell);
  context.font = '10px ui-monospace, Menlo, monospace';
  context.textBaseline = 'top';
  for (let column = first; column <= last; column += 1) {
    const left = Math.round(column * view.cell - view.scrollLeft);
    const labelled = column % step === 0;
    context.fillStyle = labelled ? colours.rulerText : colours.rulerTick;
    context.fillRect(left, labelled ? 12 : 17, 1, labelled ? 10 : 5);
    if (labelled) context.fillText(String(column), left + 3, 3);
  }
  context.fillStyle = colours.repair;
  for (const repair of level.repairs) {
    context.fillRect(
      repair.from * view.cell - view.scrollLeft,
      rulerHeight - 3,
      (repair.to - repair.from) * view.cell,
      3,
    );
  }
}

/** Paints the whole view; the canvas' transform must already map CSS pixels to device pixels. */
export function paintLevel(
  context: CanvasRenderingContext2D,
  level: GeneratedLevel,
  art: TilesetArt,
  view: LevelView,
): void {
  context.clearRect(0, 0, view.width, view.height);
  paintTiles(context, level, art, view);
  paintPath(context, level, view);
  paintMarkers(context, level, view);
  if (view.busyRegion) paintSpan(context, view.busyRegion, view, colours.busy);
  if (view.selection) paintSpan(context, view.selection, view, colours.selection, colours.selectionEdge);
  paintRuler(context, level, view);
  if (view.selection) {
    context.fillStyle = colours.selectionEdge;
    const { from, to } = view.selection;
    context.fillRect(from * view.cell - view.scrollLeft, 0, (to - from) * view.cell, 3);
  }
}

/** A small overview `width` × `height` pixels: one flat colour per tile on whole-pixel edges, and the path thinly. */
export function paintThumbnail(
  context: CanvasRenderingContext2D,
  level: GeneratedLevel,
  art: TilesetArt,
  width: number,
  height: number,
): void {
  const columns = level.rows[0]!.length;
  const edgeX = (column: number): number => Math.round((column * width) / columns);
  const edgeY = (row: number): number => Math.round((row * height) / level.rows.length);
  context.fillStyle = art.background;
  context.fillRect(0, 0, width, height);
  level.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      const index = art.indexOf.get(row[x]!);
      if (index === undefined) continue;
      context.fillStyle = art.colours[index]!;
      context.fillRect(edgeX(x), edgeY(y), edgeX(x + 1) - edgeX(x), edgeY(y + 1) - edgeY(y));
    }
  });
  context.beginPath();
  level.path.forEach(([x, y], index) => {
    const point: [number, number] = [((x + 0.5) * width) / columns, ((y + 0.5) * height) / level.rows.length];
    if (index === 0) context.moveTo(...point);
    else context.lineTo(...point);
  });
  context.strokeStyle = 'rgb(255 255 255 / 75%)';
  context.lineWidth = Math.max(1, height / 40);
  context.stroke();
}
