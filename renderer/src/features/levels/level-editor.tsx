// The selected variation: its badge and repairs, the column selection and its actions, zoom, and the drawn level.
import { useRef, useState } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { describeColumns, regionOf } from '../../state/column-selection.js';
import { selectedLevel } from '../../state/levels-slice.js';
import { useStudio } from '../../state/store-context.js';
import { useElementSize } from '../../ui/canvas-size.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { LevelCanvas } from './level-canvas.js';
import { fitZoom, zoomRange } from './level-geometry.js';
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
  const selection = useStudio((state) => state.columnSelection);
  const activity = useStudio((state) => state.levelActivity);
  const selectColumns = useStudio((state) => state.selectColumns);
  const stage = useRef<HTMLDivElement>(null);
  const { height: stageHeight } = useElementSize(stage);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');

  const tileSize = art?.tileSize ?? 16;
  const fitted = fitZoom(stageHeight - roomBelow, tileSize);
  const scale = zoom === 'fit' ? fitted : zoom;
  const changeZoom = (change: 'in' | 'out' | 'fit'): void =>
    setZoom(
      change === 'fit' ? 'fit' : Math.min(zoomRange.max, Math.max(zoomRange.min, scale + (change === 'in' ? 1 : -1))),
    );
  const region = selection ? regionOf(selection) : null;
  const busyRegion = activity.state === 'regenerating' ? { from: activity.from, to: activity.to } : null;

  return (
    <section className="level-editor" aria-label="Selected level">
      <div className="level-toolbar">
        {level ? <LevelFacts level={level} /> : <span className="muted">No level yet</span>}
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
              className="button zoom-value"
              onClick={() => changeZoom('fit')}
              title="Fit the level's height (0)"
              aria-pressed={zoom === 'fit'}
            >
              {scale}×{zoom === 'fit' ? ' fit' : ''}
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
              cell={tileSize * scale}
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
