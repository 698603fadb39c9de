// The take's variations to audition and pick: a mini roll and the stats of each; arrows, 1–9, [ and ] move the pick.
import { useEffect, useRef } from 'react';
import type { MusicVariation } from '../../../../contract/index.js';
import { musicTicksPerBar } from '../../../../contract/index.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio } from '../../state/store-context.js';
import { isKept } from '../../state/kept-slice.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { KeepStar } from '../../ui/keep-star.js';
import { DiscardButton, useDisplayOrder, useRankShownRun, WhyButton } from '../taste/taste-controls.js';
import { noteColour } from './roll-painter.js';
import { useKeepPickInView, variationListKeyDown } from './variation-listbox.js';

function MiniRoll({ variation, bars, drums }: { variation: MusicVariation; bars: number; drums: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(canvas);
  const height = 34;
  useEffect(() => {
    const context = canvas.current && width > 0 ? prepareCanvas(canvas.current, width, height) : null;
    if (!context) return;
    const pitches = variation.notes.map((note) => note.pitch);
    const lowest = Math.min(...pitches) - 1;
    const span = Math.max(12, Math.max(...pitches) + 1 - lowest);
    const perTick = width / (bars * musicTicksPerBar);
    const row = height / (span + 1);
    context.fillStyle = '#2a2d35';
    for (let bar = 1; bar < bars; bar += 1)
      context.fillRect(Math.round(bar * musicTicksPerBar * perTick), 0, 1, height);
    variation.notes.forEach((note, index) => {
      context.fillStyle = noteColour(note.velocity, index < variation.primerNotes);
      const length = drums ? Math.min(note.duration, 120) : note.duration;
      const y = height - (note.pitch - lowest + 1) * row;
      context.fillRect(note.start * perTick, y, Math.max(1.5, length * perTick - 0.5), Math.max(1.5, row));
    });
  }, [variation, bars, drums, width]);
  return <canvas ref={canvas} className="music-mini-roll" style={{ height }} aria-hidden="true" />;
}

function percent(share: number | undefined): string {
  return share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

function Stats({ variation, drums }: { variation: MusicVariation; drums: boolean }) {
  const { stats } = variation;
  return (
    <span className="music-stats">
      <span title={drums ? 'Hits per bar' : 'Notes per bar'}>
        {stats.notesPerBar.toFixed(1)} <small>{drums ? 'hits/bar' : 'notes/bar'}</small>
      </span>
      {drums ? (
        <span title="Groove consistency: how alike consecutive bars' onsets are">
          {percent(stats.grooveConsistency)} <small>groove</small>
        </span>
      ) : (
        <span title="Share of notes in the key's scale (locked), or in the best-fitting major/minor scale">
          {percent(stats.inScaleRate ?? stats.scaleConsistency)} <small>in scale</small>
        </span>
      )}
      <span title="Velocity range (1–127)">
        {stats.velocityMin}–{stats.velocityMax} <small>vel</small>
      </span>
    </span>
  );
}

export function VariationsList() {
  const take = useStudio(currentMusicTake);
  const playback = useStudio((state) => state.musicPlayback);
  const select = useStudio((state) => state.selectMusicVariation);
  const toggle = useStudio((state) => state.toggleMusicPlayback);
  const play = useStudio((state) => state.playMusic);
  const keptRuns = useStudio((state) => state.keptRuns);
  const toggleKept = useStudio((state) => state.toggleKept);
  const reportError = useStudio((state) => state.reportMusicError);
  const list = useRef<HTMLDivElement>(null);
  const selected = take?.selected ?? null;
  const runId = take?.run.jobId ?? null;
  const count = take?.run.result.variations.length ?? 0;
  // "For you": the generated indices best first by taste (as generated while it is off or has nothing to go on).
  const order = useDisplayOrder('music', runId, count);
  const discarded = useStudio((state) => (runId ? state.tasteDiscarded[runId] : undefined));
  useRankShownRun('music', runId);
  // The pick is always in view: a variation picked from the keyboard (1–9, ], End) below the fold scrolls up whole.
  useKeepPickInView(list, selected === null ? null : `music-variation-${selected}`, runId);
  if (!take) return null;
  const { result } = take.run;
  const drums = result.task === 'music.drums';
  // Arrows move through the strip as shown: by position in the display order.
  const onKeyDown = variationListKeyDown(
    order.length,
    order.indexOf(take.selected),
    (position) => select(order[Math.min(order.length - 1, Math.max(0, position))]!),
    toggle,
  );
  return (
    <div
      ref={list}
      className="music-variations"
      role="listbox"
      tabIndex={0}
      aria-label="Variations"
      aria-activedescendant={`music-variation-${take.selected}`}
      onKeyDown={onKeyDown}
      data-testid="music-variations-list"
    >
      {order.map((index) => {
        const variation = result.variations[index]!;
        const sounding = playback.state !== 'stopped' && playback.variation === index;
        return (
          <div
            key={index}
            id={`music-variation-${index}`}
            role="option"
            aria-selected={index === take.selected}
            className={`music-variation ${index === take.selected ? 'music-variation-selected' : ''} ${discarded?.includes(index) ? 'taste-dimmed' : ''}`}
            title={`Variation ${index + 1}: click to pick, double-click to play`}
            onClick={() => select(index)}
            onDoubleClick={() => void play(index)}
          >
            <span className="music-variation-head">
              <span className="music-variation-number">{index + 1}</span>
              {sounding ? (
                <span className="music-sounding" aria-label={playback.state === 'loading' ? 'Rendering' : 'Playing'}>
                  {playback.state === 'loading' ? '…' : '♪'}
                </span>
              ) : null}
              <Stats variation={variation} drums={drums} />
              <span className="music-variation-taste">
                <WhyButton workspace="music" jobId={take.run.jobId} variation={index} />
                <DiscardButton
                  jobId={take.run.jobId}
                  variation={index}
                  shortcut={index === take.selected ? 'X' : undefined}
                />
              </span>
              <KeepStar
                kept={isKept({ keptRuns }, take.run.jobId, index)}
                onToggle={() => toggleKept(take.run.jobId, index).catch(reportError)}
                what={`variation ${index + 1}`}
                shortcut={index === take.selected ? 'F' : undefined}
                testId={`music-keep-${index}`}
              />
            </span>
            <MiniRoll variation={variation} bars={result.bars} drums={drums} />
          </div>
        );
      })}
    </div>
  );
}
