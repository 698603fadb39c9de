// Above the lanes: the transport (play, loop, metronome, position, what plays) and the edit row (Infill the
// selection, undo/redo, and Harmonize / Drums for / Continue / Humanize the song shown).
import { arrangeTrackTitles, musicTicksPerBar, musicTicksPerBeat } from '../../../../contract/index.js';
import { describeShortcut, isEnabled } from '../../commands/command.js';
import { findCommand } from '../../commands/command-registry.js';
import { describeSelection } from '../../state/arrange-selection.js';
import { currentTake } from '../../state/arrange-song.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { describeKey } from '../music/music-theory.js';

/** A compact button bound to a command, its shortcut in the tooltip. */
export function ToolButton({ id, label, testId }: { id: string; label: string; testId?: string }) {
  const store = useStudioStore();
  const command = findCommand(id);
  const enabled = useStudio((state) => isEnabled(command, state));
  return (
    <button
      type="button"
      className="music-toggle arrange-tool"
      disabled={!enabled}
      title={command.shortcut ? `${command.label} (${describeShortcut(command.shortcut)})` : command.label}
      onClick={() => void command.run(store)}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

function Position() {
  const seconds = useStudio((state) => state.arrangePlayhead);
  const tempo = useStudio((state) => state.arrangeSong?.tempo ?? 120);
  const tick = (seconds * tempo * 480) / 60;
  const bar = Math.floor(tick / musicTicksPerBar) + 1;
  const beat = Math.floor((tick % musicTicksPerBar) / musicTicksPerBeat) + 1;
  return (
    <span className="music-position" data-testid="arrange-position" aria-label="Play head position">
      {bar}.{beat}
    </span>
  );
}

export function ArrangeTransport() {
  const store = useStudioStore();
  const song = useStudio((state) => state.arrangeSong);
  const playback = useStudio((state) => state.arrangePlayback);
  const loop = useStudio((state) => state.arrangeLoop);
  const metronome = useStudio((state) => state.arrangeMetronome);
  const take = song ? currentTake(song) : null;
  // While a call writes, the lanes show its song so far: the facts say so instead of describing the song underneath.
  const writing = useStudio((state) =>
    state.arrangeActivity.state === 'working' && state.arrangeActivity.partial ? state.arrangeActivity : null,
  );
  const sounding = playback.state !== 'stopped';
  return (
    <div className="music-transport" role="toolbar" aria-label="Transport">
      <button
        type="button"
        className={`music-play ${playback.state === 'playing' ? 'music-play-on' : ''}`}
        disabled={!song}
        title={`${sounding ? 'Stop' : 'Play'} (${describeShortcut('Space')})`}
        aria-label={sounding ? 'Stop' : 'Play'}
        data-testid="arrange-play"
        data-state={playback.state}
        onClick={() => void findCommand('arrange.play').run(store)}
      >
        <span aria-hidden="true">{sounding ? '■' : '▶'}</span>
      </button>
      <button
        type="button"
        className="music-toggle"
        aria-pressed={loop}
        title="Loop the selected bars, or the whole song without a selection (L)"
        onClick={() => store.getState().setArrangeLoop(!loop)}
        data-testid="arrange-loop"
      >
        ⟲ Loop
      </button>
      <button
        type="button"
        className="music-toggle"
        aria-pressed={metronome}
        title="Click every beat while playing (K)"
        onClick={() => store.getState().setArrangeMetronome(!metronome)}
        data-testid="arrange-metronome"
      >
        ♩ Metronome
      </button>
      <Position />
      {playback.state === 'loading' ? (
        <span className="music-rendering" data-testid="arrange-rendering">
          <ProgressBar label="Rendering audio" />
          rendering the mix…
        </span>
      ) : null}
      <span className="music-transport-spacer" />
      {writing?.partial ? (
        <span className="music-clip-facts" data-testid="arrange-facts">
          Variation {(writing.partial.variation ?? 0) + 1} as it is written · {writing.partial.writtenBars ?? 0} of{' '}
          {writing.partial.bars} bars
        </span>
      ) : song && take ? (
        <span className="music-clip-facts" data-testid="arrange-facts">
          Variation {song.selected + 1} of {song.variations.length} · {take.bars} bars · {Math.round(song.tempo)} bpm
          {song.key ? ` · ${describeKey(song.key)}` : ''}
          {song.form ? ` · ${song.form}` : ''}
        </span>
      ) : null}
    </div>
  );
}

export function ArrangeEditRow() {
  const selection = useStudio((state) =>
    state.arrangeSong ? (state.arrangeSelections[state.arrangeSong.selected] ?? null) : null,
  );
  const take = useStudio((state) => (state.arrangeSong ? currentTake(state.arrangeSong) : null));
  const selected = selection ? describeSelection(selection, arrangeTrackTitles) : take ? 'Drag to select cells' : '';
  const last = take && take.changed.length > 0 ? ` · last: ${take.label}` : '';
  const text = `${selected}${last}`;
  return (
    <div className="arrange-edit-row" role="toolbar" aria-label="Edit the song">
      <ToolButton id="arrange.infill" label="Infill selection" testId="arrange-infill" />
      <ToolButton id="arrange.undo" label="↶ Undo" testId="arrange-undo" />
      <ToolButton id="arrange.redo" label="↷ Redo" testId="arrange-redo" />
      <span className="arrange-divider" aria-hidden="true" />
      <ToolButton id="arrange.harmonize" label="Harmonize" testId="arrange-harmonize" />
      <ToolButton id="arrange.drums" label="Drums for this" testId="arrange-drums" />
      <ToolButton id="arrange.continue" label="Continue +4" testId="arrange-continue" />
      <ToolButton id="arrange.humanize" label="Humanize" testId="arrange-humanize" />
      <span className="music-clip-facts" data-testid="arrange-selection-text" title={text}>
        {text}
      </span>
    </div>
  );
}
