// The song as lanes over a bar ruler: painted on a canvas sized to its box, cells selected by dragging or from the
// keyboard (see arrange-selection.ts), the play head on a canvas above, and a .mid dropped here becomes the song.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { arrangeTrackTitles, MosaicError } from '../../../../contract/index.js';
import { describeShortcut } from '../../commands/command.js';
import {
  describeSelection,
  dragSelection,
  moveSelection,
  selectAll,
  selectCell,
  selectionRect,
  type SelectionMove,
} from '../../state/arrange-selection.js';
import { audibleTracks } from '../../state/arrange-settings.js';
import { currentTake, tracksWithNotes } from '../../state/arrange-song.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import type { StudioStore } from '../../state/studio-store.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { paintPlayheadMarker } from '../music/playhead-marker.js';
import { cellAt, laneLayout, laneTop, xOfSeconds, type LaneLayout } from './lane-geometry.js';
import { paintLanes } from './lane-painter.js';
import { LaneHeaders } from './lane-headers.js';
import { readSongFileOf } from './song-file-reader.js';

const moves: Record<string, SelectionMove> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

function Playhead({ layout, tempo }: { layout: LaneLayout; tempo: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const playing = useStudio((state) => state.arrangePlayback.state === 'playing');
  const seconds = useStudio((state) => state.arrangePlayhead);
  const { width, height } = layout;
  useLayoutEffect(() => {
    if (canvas.current) prepareCanvas(canvas.current, width, height);
  }, [width, height]);
  const x = Math.round(xOfSeconds(layout, seconds, tempo)) + 0.5;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, width, height);
    if (!playing || x > width) return;
    paintPlayheadMarker(context, x, layout.ruler, height);
  }, [layout, width, height, x, playing]);
  return (
    <canvas
      ref={canvas}
      className="music-roll-overlay"
      aria-hidden="true"
      data-testid="arrange-playhead"
      data-x={playing ? Math.round(x) : ''}
    />
  );
}

async function dropSong(store: StudioStore, file: File | undefined): Promise<void> {
  const state = store.getState();
  if (!file || !/\.midi?$/i.test(file.name)) {
    state.reportArrangeError(new MosaicError('BAD_REQUEST', 'Drop a .mid or .midi file.'));
    return;
  }
  try {
    state.importArrangeSong(await readSongFileOf(file));
  } catch (error) {
    state.reportArrangeError(new MosaicError('BAD_REQUEST', (error as Error).message));
  }
}

export function ArrangeCanvas() {
  const store = useStudioStore();
  const song = useStudio((state) => state.arrangeSong);
  const selections = useStudio((state) => state.arrangeSelections);
  const mix = useStudio((state) => state.arrangeMix);
  const activity = useStudio((state) => state.arrangeActivity);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);
  const [focused, setFocused] = useState(false);
  const [over, setOver] = useState(false);
  const [painted, setPainted] = useState<{ key: unknown; notes: Record<string, number> } | null>(null);
  // While a call writes, the bars it has decoded so far (where the engine reports them) are drawn instead.
  const partial = activity.state === 'working' ? (activity.partial ?? null) : null;
  const shownTake = song ? currentTake(song) : null;
  const take = useMemo(
    () =>
      partial
        ? {
            id: 'partial',
            label: 'partial',
            tracks: partial.tracks,
            bars: partial.bars,
            changed: partial.filledCells ?? [],
          }
        : shownTake,
    [partial, shownTake],
  );
  const bars = take?.bars ?? store.getState().arrangeSettings.bars;
  const selection = song ? (selections[song.selected] ?? null) : null;
  const layout = useMemo(() => laneLayout(size.width, size.height, bars), [size.width, size.height, bars]);
  const present = useMemo(() => (take ? tracksWithNotes(take.tracks) : []), [take]);
  const quiet = useMemo(() => {
    const heard = audibleTracks(mix, present);
    return present.filter((track) => !heard.includes(track));
  }, [mix, present]);

  useEffect(() => {
    const context = canvas.current && size.width > 0 ? prepareCanvas(canvas.current, size.width, size.height) : null;
    if (!context) return;
    const notes = paintLanes(context, layout, {
      tracks: take?.tracks ?? [],
      quiet,
      changed: take?.changed ?? [],
      selection: selection ? selectionRect(selection) : null,
      cursor: selection?.cursor ?? null,
      focused,
      // A lane still to be written is not an empty part: no hint while a song streams in.
      hintEmpty: take !== null && partial === null,
      ...(song?.form ? { form: song.form } : {}),
    });
    setPainted({ key: take, notes });
  }, [layout, take, partial, quiet, selection, focused, song?.form, size]);

  const variation = song?.selected ?? 0;
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>): void => {
    if (!song) return;
    const move = moves[event.key];
    const mod = event.ctrlKey || event.metaKey;
    let next = undefined;
    if (move && !mod && !event.altKey) next = moveSelection(selection, move, event.shiftKey, variation, bars);
    else if (mod && event.key.toLowerCase() === 'a') next = selectAll(variation, bars);
    // While a call writes, Escape cancels it (the arrange.cancel command) and leaves the selection be.
    else if (event.key === 'Escape' && selection && activity.state === 'idle') next = null;
    if (next === undefined) return;
    event.preventDefault();
    store.getState().setArrangeSelection(next);
  };
  const pointAt = (event: PointerEvent<HTMLCanvasElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return cellAt(layout, event.clientX - bounds.left, event.clientY - bounds.top);
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    const cell = song && event.button === 0 ? pointAt(event) : null;
    if (!cell) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const current =
      event.shiftKey && selection ? dragSelection(selection, cell, bars) : selectCell(variation, cell, bars);
    store.getState().setArrangeSelection(current);
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (!selection || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const cell = pointAt(event);
    if (cell && (cell.lane !== selection.cursor.lane || cell.bar !== selection.cursor.bar))
      store.getState().setArrangeSelection(dragSelection(selection, cell, bars));
  };
  const drawn = painted?.key === take ? painted.notes : undefined;
  const label = selection ? describeSelection(selection, arrangeTrackTitles) : 'no cells selected';
  return (
    <div className="arrange-lanes">
      <LaneHeaders counts={drawn} />
      <div
        ref={box}
        className={`arrange-canvas-box music-roll ${over ? 'music-roll-over' : ''}`}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setOver(false);
          void dropSong(store, event.dataTransfer.files[0]);
        }}
      >
        <canvas
          ref={canvas}
          className="music-roll-canvas arrange-canvas"
          tabIndex={0}
          role="application"
          aria-roledescription="song lanes"
          aria-label={`Song lanes: ${label}. Arrows move, Shift+arrows select, ${describeShortcut('Mod+Shift+Enter')} infills`}
          data-testid="arrange-canvas"
          data-notes={drawn ? JSON.stringify(drawn) : undefined}
          data-written-bars={partial ? (partial.writtenBars ?? '') : undefined}
          data-selection={selection ? JSON.stringify(selectionRect(selection)) : ''}
          data-lane-top={JSON.stringify([0, 1, 2, 3].map((lane) => Math.round(laneTop(layout, lane))))}
          data-lane-height={Math.round(layout.laneHeight)}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
        />
        {size.width > 0 && song ? <Playhead layout={layout} tempo={song.tempo} /> : null}
        {!take ? (
          <p className="music-roll-empty arrange-empty" data-testid="arrange-empty">
            {activity.state === 'working'
              ? `${activity.what}…`
              : `Press Arrange (${describeShortcut('Mod+Enter')}) for a song, or drop a .mid here to work on it`}
          </p>
        ) : null}
      </div>
    </div>
  );
}
