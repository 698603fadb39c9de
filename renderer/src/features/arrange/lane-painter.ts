// Paints the song: the bar ruler (with the form's sections), each lane's bars, notes as a compact piano roll (drums
// as a grid of hits), velocity as opacity, chord names, the cells the last edit changed, and the selection. It draws
// whatever bars and notes the tracks have, so a song still being written can be drawn as it grows.
import {
  arrangeTracks,
  musicTicksPerBar,
  musicTicksPerBeat,
  type ArrangeTrack,
  type SongCell,
  type SongTrack,
} from '../../../../contract/index.js';
import type { CellPoint, CellRect } from '../../state/arrange-selection.js';
import {
  barLabelEvery,
  cellRect,
  laneNoteRect,
  laneRows,
  laneTop,
  velocityAlpha,
  xOfBar,
  xOfTick,
  type LaneLayout,
} from './lane-geometry.js';

export interface LaneScene {
  tracks: readonly SongTrack[];
  /** Lanes drawn dimmed (muted, or not soloed while another is). */
  quiet: readonly ArrangeTrack[];
  changed: readonly SongCell[];
  selection: CellRect | null;
  cursor: CellPoint | null;
  /** Whether the canvas has the keyboard (the cursor is drawn then). */
  focused: boolean;
  /** Whether an empty lane says how to write it (only once there is a song to select cells in). */
  hintEmpty?: boolean;
  form?: string;
}

/** Hue of each lane's notes; lightness and opacity follow velocity. */
export const laneHues: Record<ArrangeTrack, number> = { melody: 212, chords: 268, bass: 150, drums: 34 };
export const laneColours = {
  background: '#121316',
  lane: '#16181d',
  laneAlt: '#1a1c22',
  bar: '#3a3f4b',
  beat: '#23262e',
  ruler: '#0e0f12',
  text: '#8b909c',
  changed: 'rgba(224, 175, 104, 0.75)',
  selection: 'rgba(122, 162, 247, 0.16)',
  selectionEdge: '#7aa2f7',
  cursor: '#c0caf5',
} as const;

export function noteFill(track: ArrangeTrack, velocity: number, quiet: boolean): string {
  const alpha = velocityAlpha(velocity) * (quiet ? 0.3 : 1);
  const lightness = 48 + 22 * ((velocity - 1) / 126);
  return `hsl(${laneHues[track]} 70% ${lightness.toFixed(0)}% / ${alpha.toFixed(2)})`;
}

function paintGrid(context: CanvasRenderingContext2D, layout: LaneLayout): void {
  arrangeTracks.forEach((_track, lane) => {
    for (let bar = 0; bar < layout.bars; bar += 1) {
      const cell = cellRect(layout, lane, bar);
      context.fillStyle = bar % 2 === 0 ? laneColours.lane : laneColours.laneAlt;
      context.fillRect(cell.x, cell.y, cell.width, cell.height);
    }
  });
  const bottom = laneTop(layout, arrangeTracks.length - 1) + layout.laneHeight;
  const showBeats = musicTicksPerBeat * layout.pixelsPerTick >= 8;
  for (let tick = 0; tick <= layout.bars * musicTicksPerBar; tick += musicTicksPerBeat) {
    const bar = tick % musicTicksPerBar === 0;
    if (!bar && !showBeats) continue;
    context.fillStyle = bar ? laneColours.bar : laneColours.beat;
    context.fillRect(Math.round(xOfTick(layout, tick)), layout.ruler, 1, bottom - layout.ruler);
  }
}

function paintRuler(context: CanvasRenderingContext2D, layout: LaneLayout, form: string | undefined): void {
  if (layout.ruler === 0) return;
  context.fillStyle = laneColours.ruler;
  context.fillRect(0, 0, layout.width, layout.ruler);
  context.font = '11px ui-monospace, monospace';
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  const every = barLabelEvery(layout);
  // Sections of the form (equal lengths), lettered at their first bar.
  const sections = form && layout.bars % form.length === 0 ? form : '';
  const perSection = sections ? layout.bars / sections.length : 0;
  for (let bar = 0; bar < layout.bars; bar += 1) {
    const x = Math.round(xOfBar(layout, bar));
    const section = perSection > 0 && bar % perSection === 0 ? sections[bar / perSection] : undefined;
    context.fillStyle = laneColours.bar;
    context.fillRect(x, section ? 2 : 8, 1, layout.ruler - (section ? 2 : 8));
    const number = String(bar + 1);
    if (bar % every === 0) {
      context.fillStyle = laneColours.text;
      context.fillText(number, x + 4, layout.ruler / 2 + 1);
    }
    // The section's letter follows its first bar's number, in the accent colour.
    if (section && xOfBar(layout, 1) >= 36) {
      context.fillStyle = laneColours.selectionEdge;
      context.fillText(section, x + 4 + context.measureText(number).width + 6, layout.ruler / 2 + 1);
    }
  }
}

function paintChordNames(context: CanvasRenderingContext2D, layout: LaneLayout, track: SongTrack, lane: number): void {
  if (!track.chords || layout.laneHeight < 40 || xOfBar(layout, 1) < 40) return;
  context.font = '10px ui-sans-serif, system-ui, sans-serif';
  context.textBaseline = 'top';
  context.textAlign = 'left';
  let clearFrom = -Infinity;
  for (const chord of track.chords) {
    const x = xOfTick(layout, chord.start) + 3;
    const text = `${chord.root}${chord.quality === 'maj' ? '' : chord.quality === 'min' ? 'm' : chord.quality}`;
    if (x < clearFrom) continue;
    context.fillStyle = 'rgba(200, 190, 240, 0.85)';
    context.fillText(text, x, laneTop(layout, lane) + 2);
    clearFrom = x + context.measureText(text).width + 6;
  }
}

/** A lane the song has no notes in says how to write it (only on the full-size canvas). */
function paintEmptyLane(context: CanvasRenderingContext2D, layout: LaneLayout, lane: number): void {
  if (layout.ruler === 0 || layout.laneHeight < 30) return;
  context.font = '12px ui-sans-serif, system-ui, sans-serif';
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  context.fillStyle = laneColours.text;
  context.fillText(
    'Empty: select its bars and Infill to write this part',
    12,
    laneTop(layout, lane) + layout.laneHeight / 2,
  );
}

/** Paints the lanes' notes; answers how many notes each lane drew. */
function paintNotes(
  context: CanvasRenderingContext2D,
  layout: LaneLayout,
  scene: LaneScene,
): Record<ArrangeTrack, number> {
  const drawn = { melody: 0, chords: 0, bass: 0, drums: 0 };
  arrangeTracks.forEach((track, lane) => {
    const part = scene.tracks.find((candidate) => candidate.track === track);
    if (!part || part.notes.length === 0) {
      if (scene.hintEmpty) paintEmptyLane(context, layout, lane);
      return;
    }
    const drums = track === 'drums';
    const rows = laneRows(track, part.notes);
    const quiet = scene.quiet.includes(track);
    if (drums && layout.laneHeight / rows.length >= 4) {
      context.fillStyle = 'rgba(255, 255, 255, 0.03)';
      rows.forEach((_pitch, row) => {
        if (row % 2 === 0)
          context.fillRect(
            0,
            laneTop(layout, lane) + (row * layout.laneHeight) / rows.length,
            layout.width,
            layout.laneHeight / rows.length,
          );
      });
    }
    for (const note of part.notes) {
      const rect = laneNoteRect(layout, lane, rows, note, drums);
      if (!rect || rect.x >= layout.width) continue;
      context.fillStyle = noteFill(track, note.velocity, quiet);
      context.fillRect(rect.x, rect.y, rect.width, rect.height);
      drawn[track] += 1;
    }
    paintChordNames(context, layout, part, lane);
  });
  return drawn;
}

function paintMarks(context: CanvasRenderingContext2D, layout: LaneLayout, scene: LaneScene): void {
  context.setLineDash([3, 3]);
  context.strokeStyle = laneColours.changed;
  context.lineWidth = 1;
  for (const cell of scene.changed) {
    const lane = arrangeTracks.indexOf(cell.track);
    if (cell.bar >= layout.bars) continue;
    const rect = cellRect(layout, lane, cell.bar);
    context.strokeRect(rect.x + 1.5, rect.y + 1.5, rect.width - 3, rect.height - 3);
  }
  context.setLineDash([]);
  if (scene.selection) {
    const { fromLane, toLane, fromBar, toBar } = scene.selection;
    const first = cellRect(layout, fromLane, fromBar);
    const last = cellRect(layout, toLane, toBar);
    context.fillStyle = laneColours.selection;
    context.fillRect(first.x, first.y, last.x + last.width - first.x, last.y + last.height - first.y);
    context.strokeStyle = laneColours.selectionEdge;
    context.lineWidth = 2;
    context.strokeRect(first.x + 1, first.y + 1, last.x + last.width - first.x - 2, last.y + last.height - first.y - 2);
  }
  if (scene.cursor && scene.focused) {
    const rect = cellRect(layout, scene.cursor.lane, scene.cursor.bar);
    context.strokeStyle = laneColours.cursor;
    context.lineWidth = 1;
    context.setLineDash([2, 2]);
    context.strokeRect(rect.x + 3.5, rect.y + 3.5, rect.width - 7, rect.height - 7);
    context.setLineDash([]);
  }
}

/** Paints the whole canvas in CSS pixels; answers how many notes each lane drew. */
export function paintLanes(
  context: CanvasRenderingContext2D,
  layout: LaneLayout,
  scene: LaneScene,
): Record<ArrangeTrack, number> {
  context.fillStyle = laneColours.background;
  context.fillRect(0, 0, layout.width, layout.height);
  paintGrid(context, layout);
  paintRuler(context, layout, scene.form);
  const drawn = paintNotes(context, layout, scene);
  paintMarks(context, layout, scene);
  return drawn;
}
