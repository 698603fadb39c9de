// The selected variation: its badge and repairs, the column selection and its actions, zoom, and the drawn level.
import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { describeColumns, regionOf } from '../../state/column-selection.js';
import { isKept } from '../../state/kept-slice.js';
import { selectedLevel, shownLevelOrigin } from '../../state/levels-slice.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { useElementSize } from '../../ui/canvas-size.js';
import { KeepStar } from '../../ui/keep-star.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { LevelCanvas, zoomKeys, type ZoomChange } from './level-canvas.js';
import { fitWidthCell, fitZoom, zoomRange } from './level-geometry.js';
import { LevelFacts } from './level-facts.js';
import type { TilesetArt } from './tileset-art.js';

/** Room kept under the level for the horizontal scrollbar and the selection bar, in CSS pixels. */
const roomBelow = 16 + 48;

export function LevelEditor({
  art,
  onView,
}: {
  art: TilesetArt | null;
  onView: (view: { first: number; last: number }) => void;
}) {
  const level = useStudio(selectedLevel);
  // Primitives, so the selectors answer the same value while nothing changed.
  const originJob = useStudio((state) => shownLevelOrigin(state)?.jobId ?? null);
  const originVariation = useStudio((state) => shownLevelOrigin(state)?.variation ?? 0);
  const origin = originJob === null ? null : { jobId: originJob, variation: originVariation };
  const keptRuns = useStudio((state) => state.keptRuns);
  const toggleKept = useStudio((state) => state.toggleKept);
  const reportError = useStudio((state) => state.reportLevelError);
  const selection = useStudio((state) => state.columnSelection);
  const activity = useStudio((state) => state.levelActivity);
  const selectColumns = useStudio((state) => state.selectColumns);
  const stage = useRef<HTMLDivElement>(null);
  const { width: stageWidth, height: stageHeight } = useElementSize(stage);
  const [zoom, setZoom] = useState<number | 'fit' | 'width'>('fit');

  const tileSize = art?.tileSize ?? 16;
  const fitted = fitZoom(stageHeight - roomBelow, tileSize);
  const columns = level?.rows[0]?.length ?? 1;
  // Fit to width may go below 1× (a 100-column level in a narrow window); zooming in from there goes to 1×.
  const widthCell = fitWidthCell(stageWidth, columns, tileSize);
  const scale = zoom === 'fit' ? fitted : zoom === 'width' ? Math.min(widthCell, fitted * tileSize) / tileSize : zoom;
  const changeZoom = (change: ZoomChange): void => {
    if (change === 'fit' || change === 'width') return setZoom(change);
    const step = change === 'in' ? Math.floor(scale) + 1 : Math.ceil(scale) - 1;
    setZoom(Math.min(zoomRange.max, Math.max(zoomRange.min, step)));
  };
  // W, 0, + and − zoom from anywhere in the workspace, not only on the focused level (which handles them itself).
  const store = useStudioStore();
  const zoomFromKey = useRef(changeZoom);
  useEffect(() => {
    zoomFromKey.current = changeZoom;
  });
  const hasLevel = level !== null;
  useEffect(() => {
    if (!hasLevel) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const change = zoomKeys[event.key];
      if (!change || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (store.getState().paletteOpen || isTextEntry(event.target)) return;
      event.preventDefault();
      zoomFromKey.current(change);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hasLevel, store]);
  const scaleLabel = Number.isInteger(scale) ? `${scale}×` : `${Math.round(scale * 100)} %`;
  const region = selection ? regionOf(selection) : null;
  const busyRegion = activity.state === 'regenerating' ? { from: activity.from, to: activity.to } : null;

  return (
    <section className="level-editor" aria-label="Selected level">
      <div className="level-toolbar">
        {level ? <LevelFacts level={level} /> : <span className="muted">No level yet</span>}
        {origin ? (
          <KeepStar
            kept={isKept({ keptRuns }, origin.jobId, origin.variation)}
            onToggle={() => toggleKept(origin.jobId, origin.variation).catch(reportError)}
            what="this level"
            shortcut="F"
            testId="level-keep"
          />
        ) : null}
        <span className="level-toolbar-spacer" />
        {level ? (
          <div className="zoom" role="group" aria-label="Zoom">
            <button
              type="button"
              className="button"
              onClick={() => changeZoom('out')}
              aria-label="Zoom out"
              title="Zoom out (−)"
              disabled={scale <= zoomRange.min}
            >
              −
            </button>
            <button
              type="button"
              className="button"
              onClick={() => changeZoom('width')}
              title="Fit the whole level's width (W)"
              aria-pressed={zoom === 'width'}
            >
              Fit width
            </button>
            <button
              type="button"
              className="button zoom-value"
              onClick={() => changeZoom('fit')}
              title="Fit the level's height (0)"
              aria-pressed={zoom === 'fit'}
            >
              {scaleLabel}
              {zoom === 'fit' ? ' fit' : ''}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => changeZoom('in')}
              aria-label="Zoom in"
              title="Zoom in (+)"
              disabled={scale >= zoomRange.max}
            >
              +
            </button>
          </div>
        ) : null}
      </div>
      <div ref={stage} className="level-stage">
        {level && art ? (
          <>
            <LevelCanvas
              level={level}
              art={art}
              cell={Math.round(tileSize * scale)}
              selection={selection}
              busyRegion={busyRegion}
              onSelect={selectColumns}
              onZoom={changeZoom}
              onView={onView}
            />
            <div className="level-selection-bar">
              <span className="level-selection" data-testid="level-selection">
                {region
                  ? `Columns ${describeColumns(region.from, region.to)} selected`
                  : 'Drag across the level (or Shift+arrows) to select columns'}
              </span>
              <CommandButton command={findCommand('levels.regenerate')} label="Regenerate region" />
              <CommandButton command={findCommand('levels.undo')} label="Undo" />
            </div>
          </>
        ) : (
          <div className="level-stage-empty">
            <p>
              {level
                ? 'Loading the tile art…'
                : activity.state === 'generating'
                  ? 'Drawing levels and walking them with the playability agent…'
                  : 'Your level will be drawn here, with the path an agent found through it.'}
            </p>
            {activity.state === 'generating' ? <ProgressBar label="Generating levels" /> : null}
          </div>
        )}
      </div>
    </section>
  );
}
