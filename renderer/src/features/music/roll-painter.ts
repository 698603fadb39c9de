// Paints the piano roll: rows with scale shading, the bar/beat grid, notes and velocity stalks, keys and the ruler.
import { musicTicksPerBar, musicTicksPerBeat, type MusicKey, type MusicNote } from '../../../../contract/index.js';
import { pitchClassNames } from '../../../../contract/index.js';
import type { MusicPart } from '../../state/music-settings.js';
import {
  laneTop,
  noteRect,
  rulerLabels,
  velocityShare,
  xOfTick,
  type RollLayout,
  type RulerLabel,
} from './roll-geometry.js';
import { scalePitchClasses } from './music-theory.js';

/** What the roll shows: the notes (a primer's first), where generation starts, and the key they were locked to. */
export interface RollScene {
  part: MusicPart;
  notes: readonly MusicNote[];
  primerNotes: number;
  generatedFromTick: number;
  lockedKey: MusicKey | null;
}

export const rollColours = {
  background: '#121316',
  blackRow: '#0f1013',
  scaleRow: 'rgba(122, 162, 247, 0.07)',
  tonicRow: 'rgba(122, 162, 247, 0.15)',
  mutedRow: 'rgba(0, 0, 0, 0.45)',
  bar: '#3a3f4b',
  beat: '#262a33',
  step: '#1a1c22',
  ruler: '#0e0f12',
  text: '#8b909c',
  primerWash: 'rgba(224, 175, 104, 0.06)',
  primerEdge: 'rgba(224, 175, 104, 0.7)',
} as const;

function mix(from: number, to: number, share: number): number {
  return from + (to - from) * share;
}

/** Generated notes run from a dim slate blue (soft) to a bright sky blue (loud); primer notes the same in sand. */
export function noteColour(velocity: number, primer: boolean): string {
  const share = velocityShare(velocity);
  const [hue, saturation, lightness] = primer
    ? [mix(30, 38, share), mix(18, 70, share), mix(30, 66, share)]
    : [mix(232, 204, share), mix(30, 92, share), mix(32, 68, share)];
  return `hsl(${hue.toFixed(0)} ${saturation.toFixed(0)}% ${lightness.toFixed(0)}%)`;
}

function paintRows(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene): void {
  const inScale = scene.lockedKey ? scalePitchClasses(scene.lockedKey) : null;
  const tonic = scene.lockedKey ? pitchClassNames.indexOf(scene.lockedKey.tonic) : -1;
  layout.rows.forEach((row, index) => {
    const y = layout.ruler + index * layout.rowHeight;
    const fill = row.black
      ? rollColours.blackRow
      : inScale && row.pitch % 12 === tonic
        ? rollColours.tonicRow
        : inScale?.[row.pitch % 12]
          ? rollColours.scaleRow
          : null;
    if (fill) {
      context.fillStyle = fill;
      context.fillRect(layout.keys, y, layout.width - layout.keys, layout.rowHeight);
    }
    if (inScale?.[row.pitch % 12] && row.black) {
      context.fillStyle = row.pitch % 12 === tonic ? rollColours.tonicRow : rollColours.scaleRow;
      context.fillRect(layout.keys, y, layout.width - layout.keys, layout.rowHeight);
    }
    if (row.pitch % 12 === 0 || scene.part === 'drums') {
      context.fillStyle = rollColours.step;
      context.fillRect(layout.keys, y + layout.rowHeight - 1, layout.width - layout.keys, 1);
    }
    if (row.muted) {
      context.fillStyle = rollColours.mutedRow;
      context.fillRect(layout.keys, y, layout.width - layout.keys, layout.rowHeight);
    }
  });
}

function paintGrid(context: CanvasRenderingContext2D, layout: RollLayout, bottom: number): void {
  const stepTicks = musicTicksPerBeat / 4;
  const showSteps = stepTicks * layout.pixelsPerTick >= 6;
  for (let tick = 0; tick <= layout.bars * musicTicksPerBar; tick += stepTicks) {
    const bar = tick % musicTicksPerBar === 0;
    const beat = tick % musicTicksPerBeat === 0;
    if (!bar && !beat && !showSteps) continue;
    context.fillStyle = bar ? rollColours.bar : beat ? rollColours.beat : rollColours.step;
    context.fillRect(Math.round(xOfTick(layout, tick)), layout.ruler, 1, bottom - layout.ruler);
  }
}

function paintPrimer(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene, bottom: number): void {
  if (scene.primerNotes === 0 || scene.generatedFromTick <= 0) return;
  const edge = Math.round(xOfTick(layout, scene.generatedFromTick));
  context.fillStyle = rollColours.primerWash;
  context.fillRect(layout.keys, layout.ruler, edge - layout.keys, bottom - layout.ruler);
  context.fillStyle = rollColours.primerEdge;
  context.fillRect(edge - 1, 0, 2, bottom);
}

function paintNotes(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene): number {
  const top = laneTop(layout);
  let drawn = 0;
  scene.notes.forEach((note, index) => {
    const rect = noteRect(layout, note, scene.part);
    const colour = noteColour(note.velocity, index < scene.primerNotes);
    context.fillStyle = colour;
    if (rect) {
      context.fillRect(rect.x, rect.y, rect.width, rect.height);
      context.fillStyle = 'rgba(255, 255, 255, 0.18)';
      context.fillRect(rect.x, rect.y, rect.width, 1);
      drawn += 1;
    }
    // The velocity lane: one stalk per note, as tall as its velocity.
    const x = Math.round(xOfTick(layout, note.start));
    const height = Math.max(2, velocityShare(note.velocity) * (layout.lane - 6));
    context.fillStyle = colour;
    context.fillRect(x, top + layout.lane - height, 2, height);
    context.fillRect(x - 1, top + layout.lane - height, 4, 3);
  });
  return drawn;
}

function paintKeys(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene): void {
  context.fillStyle = rollColours.ruler;
  context.fillRect(0, 0, layout.keys, layout.height);
  context.font = `${Math.min(11, Math.max(8, layout.rowHeight - 2))}px ui-sans-serif, system-ui, sans-serif`;
  context.textBaseline = 'middle';
  const drums = scene.part === 'drums';
  layout.rows.forEach((row, index) => {
    const y = layout.ruler + index * layout.rowHeight;
    if (!drums) {
      context.fillStyle = row.black ? '#23262d' : '#c9ccd4';
      context.fillRect(row.black ? 22 : 4, y + 0.5, layout.keys - (row.black ? 24 : 6), layout.rowHeight - 1);
    }
    const labelled = drums || (row.pitch % 12 === 0 && !row.black) || layout.rowHeight >= 12;
    if (!labelled || row.black) return;
    context.fillStyle = drums ? (row.muted ? '#555a66' : '#c9ccd4') : '#3b3f4a';
    context.textAlign = drums ? 'right' : 'left';
    context.fillText(row.label, drums ? layout.keys - 8 : 6, y + layout.rowHeight / 2 + 0.5);
  });
}

function paintRuler(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene): RulerLabel[] {
  context.fillStyle = rollColours.ruler;
  context.fillRect(layout.keys, 0, layout.width - layout.keys, layout.ruler);
  context.font = '11px ui-monospace, monospace';
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  const barWidth = musicTicksPerBar * layout.pixelsPerTick;
  const every = barWidth >= 28 ? 1 : barWidth >= 14 ? 2 : 4;
  context.fillStyle = rollColours.bar;
  for (let bar = 0; bar < layout.bars; bar += every) {
    context.fillRect(Math.round(xOfTick(layout, bar * musicTicksPerBar)), 4, 1, layout.ruler - 4);
  }
  const primed = scene.primerNotes > 0 ? scene.generatedFromTick : null;
  const labels = rulerLabels(layout, primed, (text) => context.measureText(text).width);
  for (const label of labels) {
    context.fillStyle = label.text === 'primer' ? rollColours.primerEdge : rollColours.text;
    context.fillText(label.text, label.left, layout.ruler / 2 + 1);
  }
  return labels;
}

/** What a paint drew: the notes, and the ruler's labels where they lie (the e2e tests check they never overlap). */
export interface RollPaint {
  notes: number;
  ruler: RulerLabel[];
}

/** Paints the whole roll at CSS-pixel coordinates; returns how many notes were drawn and where the ruler's labels lie. */
export function paintRoll(context: CanvasRenderingContext2D, layout: RollLayout, scene: RollScene): RollPaint {
  const bottom = laneTop(layout) - 6 + 1;
  context.fillStyle = rollColours.background;
  context.fillRect(0, 0, layout.width, layout.height);
  paintRows(context, layout, scene);
  paintGrid(context, layout, bottom);
  paintPrimer(context, layout, scene, bottom);
  context.fillStyle = rollColours.ruler;
  context.fillRect(layout.keys, laneTop(layout), layout.width - layout.keys, layout.lane);
  const drawn = paintNotes(context, layout, scene);
  paintKeys(context, layout, scene);
  const ruler = paintRuler(context, layout, scene);
  context.fillStyle = rollColours.text;
  context.font = '10px ui-sans-serif, system-ui, sans-serif';
  context.textAlign = 'right';
  context.fillText('velocity', layout.keys - 8, laneTop(layout) + layout.lane / 2);
  return { notes: drawn, ruler };
}
