// The variations of the last run as small drawn thumbnails with their playable badge; click, 1–8, [ or ] to select.
import { useEffect, useRef } from 'react';
import type { GeneratedLevel } from '../../../../contract/index.js';
import { isKept } from '../../state/kept-slice.js';
import { levelOriginAt } from '../../state/levels-slice.js';
import { useStudio } from '../../state/store-context.js';
import { useElementSize } from '../../ui/canvas-size.js';
import { DiscardButton, ForYouToggle, useDisplayOrder, useRankShownRun, WhyButton } from '../taste/taste-controls.js';
import { paintThumbnail } from './level-painter.js';
import type { TilesetArt } from './tileset-art.js';

function Thumbnail({ level, art }: { level: GeneratedLevel; art: TilesetArt | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(canvas);
  const columns = level.rows[0]!.length;
  const height = Math.max(14, Math.round((width * level.rows.length) / columns));

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || !art || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    paintThumbnail(context, level, art, element.width, element.height);
  }, [level, art, width, height, columns]);

  return <canvas ref={canvas} className="variation-canvas" style={{ height }} aria-hidden="true" />;
}

/** The editor's columns in view, outlined over the thumbnail. */
function ViewWindow({ view, columns }: { view: { first: number; last: number }; columns: number }) {
  if (view.first === 0 && view.last >= columns - 1) return null;
  const left = Math.min(100, (view.first / columns) * 100);
  const width = Math.min(100 - left, ((view.last - view.first + 1) / columns) * 100);
  return <span className="variation-window" style={{ left: `${left}%`, width: `${width}%` }} aria-hidden="true" />;
}

export function VariationsStrip({
  art,
  view,
}: {
  art: TilesetArt | null;
  view: { first: number; last: number } | null;
}) {
  const levels = useStudio((state) => state.levels);
  const selected = useStudio((state) => state.selectedVariation);
  const selectVariation = useStudio((state) => state.selectVariation);
  const keptRuns = useStudio((state) => state.keptRuns);
  const levelRun = useStudio((state) => state.levelRun);
  const levelEdits = useStudio((state) => state.levelEdits);
  const runId = levelRun?.jobId ?? null;
  // "For you": the run's variations best first by taste (an edited one keeps its run variation's place).
  const order = useDisplayOrder('levels', runId, levels.length);
  const discarded = useStudio((state) => state.tasteDiscarded);
  useRankShownRun('levels', runId);
  const originOf = (index: number) => levelOriginAt({ levelRun, levelEdits, levels }, index);
  const kept = (index: number): boolean => {
    const origin = originOf(index);
    return origin !== null && isKept({ keptRuns }, origin.jobId, origin.variation);
  };
  if (levels.length === 0) return null;
  return (
    <div className="levels-strip">
      {levels.length > 1 ? <ForYouToggleRow /> : null}
      <div className="variations" role="listbox" aria-label="Variations" data-testid="level-variations-strip">
        {order.map((index) => {
          const level = levels[index]!;
          const origin = originOf(index);
          const dimmed = origin !== null && (discarded[origin.jobId] ?? []).includes(origin.variation);
          return (
            <span key={index} className="variation-slot">
              <button
                type="button"
                role="option"
                aria-selected={index === selected}
                className={`variation ${index === selected ? 'variation-selected' : ''} ${dimmed ? 'taste-dimmed' : ''}`}
                title={`Variation ${index + 1} (press ${index + 1}; [ and ] step through)`}
                onClick={() => selectVariation(index)}
              >
                <span className="variation-picture">
                  <Thumbnail level={level} art={art} />
                  {index === selected && view ? <ViewWindow view={view} columns={level.rows[0]!.length} /> : null}
                </span>
                <span className="variation-caption">
                  <span className="variation-number">{index + 1}</span>
                  {kept(index) ? (
                    <span className="variation-kept" title="Kept (starred in History)" data-testid="level-kept-mark">
                      ★
                    </span>
                  ) : null}
                  <span className={`badge ${level.playable ? 'badge-ok' : 'badge-warn'}`}>
                    {level.playable ? 'Playable' : 'Not playable'}
                  </span>
                  {level.repairs.length > 0 ? (
                    <span className="muted">
                      {level.repairs.length} {level.repairs.length === 1 ? 'repair' : 'repairs'}
                    </span>
                  ) : null}
                </span>
              </button>
              {origin ? (
                <span className="variation-taste">
                  {runId && origin.jobId === runId ? (
                    <WhyButton workspace="levels" jobId={runId} variation={index} />
                  ) : null}
                  <DiscardButton
                    jobId={origin.jobId}
                    variation={origin.variation}
                    shortcut={index === selected ? 'X' : undefined}
                  />
                </span>
              ) : null}
            </span>
          );
        })}
      </div>
    </div>
  );
}

function ForYouToggleRow() {
  return (
    <div className="strip-head">
      <span className="field-label">Variations</span>
      <ForYouToggle workspace="levels" />
    </div>
  );
}
