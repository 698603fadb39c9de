// Export the picked variation as MIDI or WAV, or drag its MIDI out of the window into a DAW or onto the desktop.
import { useEffect, useState, type DragEvent } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { currentMusicTake, isRenderingMusicFile, renderedMusicFile, type MusicFile } from '../../state/music-take.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

/** The preload's native drag (Electron's webContents.startDrag), where this window has one. */
export function nativeDrag(): ((file: { name: string; base64: string }) => void) | null {
  const bridge: unknown = window.mosaic;
  const preload = bridge as { startDrag?: (file: { name: string; base64: string }) => void } | undefined;
  return typeof preload?.startDrag === 'function' ? preload.startDrag.bind(preload) : null;
}

/** Hands the MIDI file to Electron's native drag (a real file a DAW accepts). */
export function startClipDrag(
  event: DragEvent,
  file: Pick<MusicFile, 'name' | 'base64'>,
  drag: (file: { name: string; base64: string }) => void,
): void {
  event.preventDefault();
  if (file.base64) drag({ name: file.name, base64: file.base64 });
}

/** Only in the desktop app: a browser tab cannot hand a DAW a file, so there the exports are downloads. */
function DragHandle() {
  const store = useStudioStore();
  const [drag] = useState(nativeDrag);
  const take = useStudio(currentMusicTake);
  const midi = useStudio((state) => (take ? renderedMusicFile(state, 'mid', take.selected) : null));
  const musicFile = useStudio((state) => state.musicFile);
  // The drag must find the file ready when it starts, so the picked variation's MIDI is rendered ahead (a few ms).
  useEffect(() => {
    if (take && drag) void musicFile('mid', take.selected);
  }, [take, drag, musicFile]);
  if (!take || !drag) return null;
  return (
    <button
      type="button"
      className="music-drag"
      draggable={midi !== null}
      disabled={midi === null}
      data-testid="music-drag"
      title="Drag the MIDI clip into your DAW or onto the desktop (click to download it)"
      onDragStart={(event) => {
        if (!midi) return event.preventDefault();
        startClipDrag(event, midi, drag);
        void store.getState().sendTaste(take.run.jobId, take.selected, 'export');
      }}
      onClick={() => void findCommand('music.export.mid').run(store)}
    >
      <span aria-hidden="true">⠿</span> {midi ? midi.name : 'Preparing MIDI…'}
    </button>
  );
}

export function ClipExports() {
  const take = useStudio(currentMusicTake);
  const renderingWav = useStudio((state) => (take ? isRenderingMusicFile(state, 'wav', take.selected) : false));
  return (
    <div className="music-exports" role="group" aria-label="Export the picked variation">
      <DragHandle />
      <span className="field-label">Export</span>
      <span data-testid="music-export-mid">
        <CommandButton command={findCommand('music.export.mid')} label="MIDI" />
      </span>
      <span data-testid="music-export-wav">
        <CommandButton command={findCommand('music.export.wav')} label={renderingWav ? 'WAV…' : 'WAV'} />
      </span>
      <span
        data-testid="music-export-wav-tail"
        title="WAV with 1 s of release after the last bar, for one-shot use (the plain WAV is exactly the clip's bars and loops seamlessly)"
      >
        <CommandButton command={findCommand('music.export.wav-tail')} label="WAV + tail" />
      </span>
    </div>
  );
}
