// Above the roll: play/stop (Space), loop, where the playhead is in bars and beats, and what the shown clip is.
import type { MusicResult } from '../../../../contract/index.js';
import { musicTicksPerBar, musicTicksPerBeat } from '../../../../contract/index.js';
import { describeShortcut } from '../../commands/command.js';
import { findCommand } from '../../commands/command-registry.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { describeKey } from './music-theory.js';
import { ticksOfSeconds } from './roll-geometry.js';
import type { RollView } from './roll-scene.js';

/** "3.2" for bar 3, beat 2 (both from 1), as DAWs count. */
function Position({ tempo }: { tempo: number }) {
  const seconds = useStudio((state) => state.musicPlayhead);
  const tick = ticksOfSeconds(seconds, tempo);
  const bar = Math.floor(tick / musicTicksPerBar) + 1;
  const beat = Math.floor((tick % musicTicksPerBar) / musicTicksPerBeat) + 1;
  return (
    <span className="music-position" data-testid="music-position" aria-label="Playhead position">
      {bar}.{beat}
    </span>
  );
}

export function TransportBar({ view }: { view: RollView }) {
  const store = useStudioStore();
  const take = useStudio(currentMusicTake);
  const playback = useStudio((state) => state.musicPlayback);
  const loop = useStudio((state) => state.musicLoop);
  const play = findCommand('music.play');
  const result = take?.run.result;
  const playing = playback.state === 'playing';
  return (
    <div className="music-transport" role="toolbar" aria-label="Transport">
      <button
        type="button"
        className={`music-play ${playing ? 'music-play-on' : ''}`}
        disabled={!take}
        title={`${playing ? 'Stop' : 'Play'} (${describeShortcut('Space')})`}
        aria-label={playing || playback.state === 'loading' ? 'Stop' : 'Play'}
        data-testid="music-play"
        data-state={playback.state}
        onClick={() => void play.run(store)}
      >
        <span aria-hidden="true">{playing || playback.state === 'loading' ? '■' : '▶'}</span>
      </button>
      <button
        type="button"
        className="music-toggle"
        aria-pressed={loop}
        title="Loop the clip's bars (L)"
        onClick={() => store.getState().setMusicLoop(!loop)}
      >
        ⟲ Loop
      </button>
      <Position tempo={view.tempo} />
      {playback.state === 'loading' ? (
        <span className="music-rendering" data-testid="music-rendering">
          <ProgressBar label="Rendering audio" />
          rendering audio…
        </span>
      ) : null}
      <span className="music-transport-spacer" />
      {result ? (
        <span className="music-clip-facts">
          {take.mode === 'continue' ? 'Continuation' : result.task === 'music.drums' ? 'Drums' : 'Melody'} · variation{' '}
          {take.selected + 1} of {result.variations.length} · {result.bars} bars · {Math.round(result.tempo)} bpm
          {result.task !== 'music.melody'
            ? ''
            : result.key
              ? ` · ${describeKey(result.key)}`
              : detectedKeyText(result, take.selected)}
          {take.lockedKey ? ' · locked' : ''}
          {result.form && result.form.length > 1 ? ` · ${result.form}` : ''}
        </span>
      ) : (
        <span className="music-clip-facts muted">
          {view.bars} bars · {view.tempo} bpm
        </span>
      )}
    </div>
  );
}

/** Without a key asked for, the key the shown variation's notes are in, said to be detected (never a key that was applied). */
function detectedKeyText(result: MusicResult, selected: number): string {
  const detected = result.variations[selected]?.stats.detectedKey;
  return detected ? ` · no key set (sounds like ${describeKey(detected)})` : ' · no key set';
}
