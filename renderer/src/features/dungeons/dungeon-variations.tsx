// The variations of the last run as small drawn maps with their connected badge; click, 1–8, [ or ] to select.
import { useEffect, useRef } from 'react';
import type { Dungeon } from '../../../../contract/index.js';
import { dungeonOriginAt } from '../../state/dungeons-slice.js';
import { isKept } from '../../state/kept-slice.js';
import { useStudio } from '../../state/store-context.js';
import { useElementSize } from '../../ui/canvas-size.js';
import { dungeonTileSize, paintDungeon } from './dungeon-painter.js';

/** Thumbnails are at most this tall, in CSS pixels; a wide dungeon is drawn less tall. */
const thumbnailHeight = 72;

function Thumbnail({ dungeon }: { dungeon: Dungeon }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(canvas);
  const tiles = dungeonTileSize(dungeon);
  const cell = width > 0 ? Math.min(width / tiles.width, thumbnailHeight / tiles.height) : 0;
  const height = Math.max(12, Math.round(tiles.height * (cell || thumbnailHeight / tiles.height)));

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || cell === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    context.clearRect(0, 0, element.width, element.height);
    // Centred across the thumbnail's width.
    context.translate(Math.floor((element.width - tiles.width * cell * ratio) / 2), 0);
    paintDungeon(context, dungeon, cell * ratio);
  }, [dungeon, cell, width, height, tiles.width]);

  return <canvas ref={canvas} className="variation-canvas" style={{ height }} aria-hidden="true" />;
}

export function DungeonVariations() {
  const takes = useStudio((state) => state.dungeonTakes);
  const selected = useStudio((state) => state.selectedDungeon);
  const selectDungeon = useStudio((state) => state.selectDungeon);
  const run = useStudio((state) => state.dungeonRun);
  const keptRuns = useStudio((state) => state.keptRuns);
  const kept = (index: number): boolean => {
    const origin = dungeonOriginAt({ dungeonRun: run, dungeonTakes: takes }, index);
    return origin !== null && isKept({ keptRuns }, origin.jobId, origin.variation);
  };
  if (takes.length === 0) return null;
  return (
    <div className="variations" role="listbox" aria-label="Dungeon variations" data-testid="dungeon-variations-strip">
      {takes.map((entry, index) => {
        const dungeon = entry.takes[entry.at]!;
        return (
          <button
            key={index}
            type="button"
            role="option"
            aria-selected={index === selected}
            className={`variation ${index === selected ? 'variation-selected' : ''}`}
            title={`Dungeon ${index + 1} (press ${index + 1}; [ and ] step through)`}
            onClick={() => selectDungeon(index)}
          >
            <span className="variation-picture">
              <Thumbnail dungeon={dungeon} />
            </span>
            <span className="variation-caption">
              <span className="variation-number">{index + 1}</span>
              {kept(index) ? (
                <span className="variation-kept" title="Kept (starred in History)" data-testid="dungeon-kept-mark">
                  ★
                </span>
              ) : null}
              <span className={`badge ${dungeon.playable ? 'badge-ok' : 'badge-warn'}`}>
                {dungeon.playable ? 'Connected' : 'Not connected'}
              </span>
              <span className="muted">
                {dungeon.rooms.length} rooms
                {dungeon.repairs.length > 0
                  ? ` · ${dungeon.repairs.length} ${dungeon.repairs.length === 1 ? 'repair' : 'repairs'}`
                  : ''}
                {entry.takes.length > 1 ? ` · take ${entry.at + 1}/${entry.takes.length}` : ''}
              </span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
