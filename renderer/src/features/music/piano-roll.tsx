// The piano roll: the shown notes painted on a canvas sized to its box, the playhead on a canvas above it, and drops.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeShortcut } from '../../commands/command.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { useClipDrop } from './clip-loading.js';
import { rollEmptyText } from './roll-empty-text.js';
import { rollLayout, ticksOfSeconds, xOfTick, laneTop, type RollLayout } from './roll-geometry.js';
import { paintRoll, type RollPaint } from './roll-painter.js';
import { paintPlayheadMarker } from './playhead-marker.js';
import type { RollView } from './roll-scene.js';

function Playhead({ layout, tempo }: { layout: RollLayout; tempo: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const playing = useStudio((state) => state.musicPlayback.state === 'playing');
  const seconds = useStudio((state) => state.musicPlayhead);
  const tick = ticksOfSeconds(seconds, tempo);
  const { width, height } = layout;
  useLayoutEffect(() => {
    if (canvas.current) prepareCanvas(canvas.current, width, height);
  }, [width, height]);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, width, height);
    const x = Math.round(xOfTick(layout, tick)) + 0.5;
    if (!playing || x > width) return;
    // The part already played is washed lighter; the line runs from the ruler through the velocity lane.
    context.fillStyle = 'rgba(154, 184, 255, 0.08)';
    context.fillRect(layout.keys, layout.ruler, x - layout.keys, laneTop(layout) - layout.ruler);
    paintPlayheadMarker(context, x, layout.ruler, height);
  }, [layout, width, height, tick, playing]);
  return (
    <canvas
      ref={canvas}
      className="music-roll-overlay"
      aria-hidden="true"
      data-testid="music-playhead"
      data-tick={playing ? Math.round(tick) : ''}
    />
  );
}

export function PianoRoll({ view }: { view: RollView }) {
  const store = useStudioStore();
  const mode = useStudio((state) => state.musicSettings.mode);
  const activity = useStudio((state) => state.musicActivity);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);
  // The count is kept with the scene it was painted from, so data-notes is absent (not stale) between a new
  // scene's render and its paint: a reader never takes the previous variation's count for the shown one.
  const [painted, setPainted] = useState<{ scene: RollView['scene']; paint: RollPaint } | null>(null);
  const current = painted?.scene === view.scene ? painted.paint : undefined;
  const drawn = current?.notes;
  const { over, handlers } = useClipDrop(store, mode === 'drums' ? 'follow' : 'primer');
  const layout = useMemo(
    () => rollLayout(size.width, size.height, view.rows, view.bars),
    [size.width, size.height, view.rows, view.bars],
  );

  useEffect(() => {
    const element = canvas.current;
    const context = element && size.width > 0 && prepareCanvas(element, size.width, size.height);
    if (context) setPainted({ scene: view.scene, paint: paintRoll(context, layout, view.scene) });
  }, [layout, view.scene, size]);

  const dropping = mode !== 'generate';
  const empty = view.scene.notes.length === 0;
  return (
    <div
      ref={box}
      className={`music-roll ${over ? 'music-roll-over' : ''}`}
      {...(dropping ? handlers : {})}
      aria-label={`Piano roll, ${drawn ?? view.scene.notes.length} notes`}
      role="img"
    >
      <canvas
        ref={canvas}
        className="music-roll-canvas"
        data-testid="music-roll"
        data-notes={drawn}
        data-ruler={current ? JSON.stringify(current.ruler) : undefined}
      />
      {size.width > 0 ? <Playhead layout={layout} tempo={view.tempo} /> : null}
      {empty ? (
        <p className="music-roll-empty" data-testid="music-roll-empty">
          {rollEmptyText(mode, activity, describeShortcut('Mod+Enter'))}
        </p>
      ) : null}
    </div>
  );
}
