// The shown dungeon: its facts, the overlay toggles and zoom, and the map (tiles on a canvas, the graph and the path
// over it); click a room, or use the arrow keys, to select it.
import { useEffect, useRef, type MouseEvent } from 'react';
import type { Dungeon } from '../../../../contract/index.js';
import { dungeonRoom } from '../../../../contract/index.js';
import { describeShortcut } from '../../commands/command.js';
import { findCommand } from '../../commands/command-registry.js';
import { dungeonOriginAt, shownDungeon } from '../../state/dungeons-slice.js';
import { isKept } from '../../state/kept-slice.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { KeepStar } from '../../ui/keep-star.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { DungeonOverlay } from './dungeon-overlay.js';
import { dungeonTileSize, paintDungeon } from './dungeon-painter.js';

/** Room kept around the map inside the stage, in CSS pixels (its padding and border). */
const stagePadding = 20;
/** Room kept below the fitted map for the zoom buttons that float in the stage's bottom-right corner. */
const zoomStrip = 40;

/** The largest whole number of pixels per tile at which the whole dungeon fits the stage (at least 1). */
export function fitCell(stage: { width: number; height: number }, tiles: { width: number; height: number }): number {
  const across = (stage.width - stagePadding) / tiles.width;
  const down = (stage.height - stagePadding - zoomStrip) / tiles.height;
  return Math.max(1, Math.floor(Math.min(across, down)));
}

function ToggleButton({ id, label, pressed }: { id: string; label: string; pressed: boolean }) {
  const store = useStudioStore();
  const command = findCommand(id);
  return (
    <button
      type="button"
      className="button"
      aria-pressed={pressed}
      title={`${command.label} (${describeShortcut(command.shortcut ?? '')})`}
      data-testid={`${id.replace(/\./g, '-')}`}
      onClick={() => void command.run(store)}
    >
      {label}
      <kbd>{describeShortcut(command.shortcut ?? '')}</kbd>
    </button>
  );
}

function DungeonFacts({ dungeon }: { dungeon: Dungeon }) {
  const locked = dungeon.doors.filter((door) => door.lock !== null).length;
  return (
    <span className="dungeon-facts" data-testid="dungeon-facts">
      <span
        className={`badge ${dungeon.playable ? 'badge-ok' : 'badge-warn'}`}
        data-testid="dungeon-playable"
        title={dungeon.playable ? 'Every room reachable, every door within each room, keys before locks' : undefined}
      >
        {dungeon.playable ? 'Connected' : 'Not connected'}
      </span>
      <span>
        {dungeon.rooms.length} rooms · {dungeon.doors.length} doors, {locked} locked · {dungeon.keys.length}{' '}
        {dungeon.keys.length === 1 ? 'key' : 'keys'} · {dungeon.path.length} steps ·{' '}
        {dungeon.repairs.length === 0
          ? 'no repairs'
          : `${dungeon.repairs.length} ${dungeon.repairs.length === 1 ? 'repair' : 'repairs'}`}
      </span>
      {dungeon.problems.length > 0 ? (
        <span className="dungeon-problems" title={dungeon.problems.join('\n')}>
          {dungeon.problems[0]}
        </span>
      ) : null}
    </span>
  );
}

/** The star of the dungeon shown: kept in History as its run's variation, or as the room redraw that made it. */
function DungeonKeep() {
  // Primitives, so the selectors answer the same value while nothing changed.
  const jobId = useStudio((state) => dungeonOriginAt(state, state.selectedDungeon)?.jobId ?? null);
  const variation = useStudio((state) => dungeonOriginAt(state, state.selectedDungeon)?.variation ?? 0);
  const kept = useStudio((state) => jobId !== null && isKept(state, jobId, variation));
  const toggleKept = useStudio((state) => state.toggleKept);
  const reportError = useStudio((state) => state.reportDungeonError);
  if (jobId === null) return null;
  return (
    <KeepStar
      kept={kept}
      onToggle={() => toggleKept(jobId, variation).catch(reportError)}
      what="this dungeon"
      shortcut="F"
      testId="dungeon-keep"
    />
  );
}

export function DungeonMap() {
  const dungeon = useStudio(shownDungeon);
  const selectedRoom = useStudio((state) => state.selectedRoom);
  const showGraph = useStudio((state) => state.dungeonSettings.showGraph);
  const showPath = useStudio((state) => state.dungeonSettings.showPath);
  const zoom = useStudio((state) => state.dungeonZoom);
  const activity = useStudio((state) => state.dungeonActivity);
  const selectRoom = useStudio((state) => state.selectRoom);
  const setFitScale = useStudio((state) => state.setDungeonFitScale);
  const store = useStudioStore();
  const stage = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stageSize = useElementSize(stage);
  const tiles = dungeon ? dungeonTileSize(dungeon) : { width: 1, height: 1 };
  const fitted = fitCell(stageSize, tiles);
  const cell = zoom === 'fit' ? fitted : zoom;
  const width = tiles.width * cell;
  const height = tiles.height * cell;

  useEffect(() => {
    if (stageSize.width > 0) setFitScale(fitted);
  }, [fitted, stageSize.width, setFitScale]);

  useEffect(() => {
    const element = canvas.current;
    const context = element && dungeon ? prepareCanvas(element, width, height) : null;
    if (!element || !context || !dungeon) return;
    const painted = paintDungeon(context, dungeon, cell);
    // What the test and a screen reader can check: how many tiles the canvas holds now.
    element.dataset.tiles = String(painted);
    element.dataset.rooms = String(dungeon.rooms.length);
  }, [dungeon, cell, width, height]);

  // A room selected from the keyboard is scrolled into view when the map is larger than the stage.
  useEffect(() => {
    const room = selectedRoom === null ? undefined : dungeon?.rooms[selectedRoom];
    const view = stage.current;
    if (!room || !view) return;
    const left = room.x * dungeonRoom.width * cell;
    const top = room.y * dungeonRoom.height * cell;
    const right = left + dungeonRoom.width * cell;
    const bottom = top + dungeonRoom.height * cell;
    if (left < view.scrollLeft || right > view.scrollLeft + view.clientWidth)
      view.scrollLeft = Math.max(0, left - (view.clientWidth - dungeonRoom.width * cell) / 2);
    if (top < view.scrollTop || bottom > view.scrollTop + view.clientHeight)
      view.scrollTop = Math.max(0, top - (view.clientHeight - dungeonRoom.height * cell) / 2);
  }, [selectedRoom, dungeon, cell]);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (!dungeon) return;
    const box = event.currentTarget.getBoundingClientRect();
    const gridX = Math.floor((event.clientX - box.left) / cell / dungeonRoom.width);
    const gridY = Math.floor((event.clientY - box.top) / cell / dungeonRoom.height);
    const room = dungeon.rooms.find((candidate) => candidate.x === gridX && candidate.y === gridY);
    selectRoom(room ? room.id : null);
    stage.current?.focus({ preventScroll: true });
  };

  const busyRoom = activity.state === 'regenerating' ? activity.room : null;
  const scaleLabel = zoom === 'fit' ? `${cell} px fit` : `${cell} px`;
  const zoomCommand = (id: string) => () => void findCommand(id).run(store);

  return (
    <section className="dungeon-map" aria-label="Dungeon map">
      <div className="dungeon-toolbar">
        {dungeon ? <DungeonFacts dungeon={dungeon} /> : <span className="muted">No dungeon yet</span>}
        {dungeon ? <DungeonKeep /> : null}
        <span className="dungeon-toolbar-spacer" />
        {dungeon ? (
          <div className="dungeon-toggles" role="group" aria-label="Overlays">
            <ToggleButton id="dungeons.overlay.graph" label="Graph" pressed={showGraph} />
            <ToggleButton id="dungeons.overlay.path" label="Path" pressed={showPath} />
          </div>
        ) : null}
      </div>
      <div className="dungeon-frame">
        {dungeon ? (
          <div className="zoom dungeon-zoom" role="group" aria-label="Zoom">
            <button
              type="button"
              className="button"
              onClick={zoomCommand('dungeons.zoom.out')}
              aria-label="Zoom out"
              title="Zoom out (−)"
            >
              −
            </button>
            <button
              type="button"
              className="button zoom-value"
              onClick={zoomCommand('dungeons.zoom.fit')}
              title="Fit the whole dungeon (0)"
              aria-pressed={zoom === 'fit'}
              data-testid="dungeon-zoom"
            >
              {scaleLabel}
            </button>
            <button
              type="button"
              className="button"
              onClick={zoomCommand('dungeons.zoom.in')}
              aria-label="Zoom in"
              title="Zoom in (+)"
            >
              +
            </button>
          </div>
        ) : null}
        <div
          ref={stage}
          className="dungeon-stage"
          tabIndex={dungeon ? 0 : -1}
          role="group"
          data-arrow-keys="rooms"
          aria-label={
            dungeon
              ? `Dungeon map, ${dungeon.rooms.length} rooms. Click a room or use the arrow keys to select one; R redraws it.`
              : 'Dungeon map'
          }
          data-testid="dungeon-stage"
        >
          {dungeon ? (
            <div className="dungeon-board" style={{ width, height }} onClick={onClick} data-testid="dungeon-board">
              <canvas ref={canvas} className="dungeon-canvas" style={{ width, height }} data-testid="dungeon-canvas" />
              <DungeonOverlay
                dungeon={dungeon}
                cell={cell}
                showGraph={showGraph}
                showPath={showPath}
                selectedRoom={selectedRoom}
                busyRoom={busyRoom}
              />
            </div>
          ) : (
            <div className="dungeon-stage-empty">
              <p>
                {activity.state === 'generating'
                  ? 'Laying out rooms, drawing each with the model and walking them with the agent…'
                  : 'Your dungeon will be drawn here: every room on its grid, the room graph over it, and the path an agent found from the start past every key to the boss.'}
              </p>
              {activity.state === 'generating' ? <ProgressBar label="Generating dungeons" /> : null}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
