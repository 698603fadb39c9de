// The song's variations to audition and pick, each drawn small (its current take's lanes) with its takes and notes.
import { useEffect, useRef } from 'react';
import { takeOrigin, type SongTake } from '../../state/arrange-song.js';
import { isKept } from '../../state/kept-slice.js';
import { useStudio } from '../../state/store-context.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { KeepStar } from '../../ui/keep-star.js';
import { useKeepPickInView, variationListKeyDown } from '../music/variation-listbox.js';
import { laneLayout } from './lane-geometry.js';
import { paintLanes } from './lane-painter.js';

function MiniLanes({ take }: { take: SongTake }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(canvas);
  const height = 48;
  useEffect(() => {
    const context = canvas.current && width > 0 ? prepareCanvas(canvas.current, width, height) : null;
    if (!context) return;
    const layout = laneLayout(width, height, take.bars, { ruler: 0, gap: 1 });
    paintLanes(context, layout, {
      tracks: take.tracks,
      quiet: [],
      changed: [],
      selection: null,
      cursor: null,
      focused: false,
    });
  }, [take, width]);
  return <canvas ref={canvas} className="music-mini-roll" style={{ height }} aria-hidden="true" />;
}

export function ArrangeVariations() {
  const song = useStudio((state) => state.arrangeSong);
  const select = useStudio((state) => state.selectArrangeVariation);
  const toggle = useStudio((state) => state.toggleArrangePlayback);
  const selections = useStudio((state) => state.arrangeSelections);
  const keptRuns = useStudio((state) => state.keptRuns);
  const toggleKept = useStudio((state) => state.toggleKept);
  const reportError = useStudio((state) => state.reportArrangeError);
  const list = useRef<HTMLDivElement>(null);
  const selected = song?.selected ?? null;
  useKeepPickInView(list, selected === null ? null : `arrange-variation-${selected}`);
  if (!song) return null;
  const origins = song.variations.map((stack) => takeOrigin(stack.takes[stack.index]!));
  const onKeyDown = variationListKeyDown(song.variations.length, song.selected, select, toggle);
  return (
    <div
      ref={list}
      className="music-variations"
      role="listbox"
      tabIndex={0}
      aria-label="Song variations"
      aria-activedescendant={`arrange-variation-${song.selected}`}
      onKeyDown={onKeyDown}
      data-testid="arrange-variations-list"
    >
      {song.variations.map((stack, index) => {
        const take = stack.takes[stack.index]!;
        const notes = take.tracks.reduce((sum, track) => sum + track.notes.length, 0);
        return (
          <div
            key={index}
            id={`arrange-variation-${index}`}
            role="option"
            aria-selected={index === song.selected}
            className={`music-variation ${index === song.selected ? 'music-variation-selected' : ''}`}
            title={`Variation ${index + 1}: click to pick (or press ${index + 1})`}
            onClick={() => select(index)}
          >
            <span className="music-variation-head">
              <span className="music-variation-number">{index + 1}</span>
              <span className="music-stats">
                <span>
                  {notes} <small>notes</small>
                </span>
                <span title="Takes: the current one of all kept (undo and redo move between them)">
                  {stack.index + 1}/{stack.takes.length} <small>takes</small>
                </span>
                {selections[index] ? <small className="arrange-has-selection">selection</small> : null}
              </span>
              {origins[index] ? (
                <KeepStar
                  kept={isKept({ keptRuns }, origins[index].jobId, origins[index].variation)}
                  onToggle={() => {
                    const { jobId, variation } = origins[index]!;
                    toggleKept(jobId, variation).catch(reportError);
                  }}
                  what={`variation ${index + 1}`}
                  shortcut={index === song.selected ? 'F' : undefined}
                  testId={`arrange-keep-${index}`}
                />
              ) : null}
            </span>
            <MiniLanes take={take} />
          </div>
        );
      })}
    </div>
  );
}
