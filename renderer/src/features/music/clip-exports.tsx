// Export the picked variation as MIDI or WAV, or drag its MIDI out of the window into a DAW or onto the desktop.
import { useEffect, type DragEvent } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { currentMusicTake, isRenderingMusicFile, renderedMusicFile, type MusicFile } from '../../state/music-take.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

/** The preload's native drag (Electron's webContents.startDrag), where this window has one. */
function nativeDrag(): ((file: { name: string; base64: string }) => void) | null {
  const bridge: unknown = window.mosaic;
  const preload = bridge as { startDrag?: (file: { name: string; base64: string }) => void } | undefined;
  return typeof preload?.startDrag === 'function' ? preload.startDrag.bind(preload) : null;
}

/** Starts a drag of the MIDI file: natively in Electron, else Chromium's drag-to-desktop through DownloadURL. */
export function startClipDrag(event: DragEvent, file: MusicFile): void {
  const drag = nativeDrag();
  if (drag && file.base64) {
    event.preventDefault();
    drag({ name: file.name, base64: file.base64 });
    return;
  }
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData('DownloadURL', `audio/midi:${file.name}:${file.url}`);
  event.dataTransfer.setData('text/uri-list', file.url);
  event.dataTransfer.setData('text/plain', file.name);
}

function DragHandle() {
  const store = useStudioStore();
  const take = useStudio(currentMusicTake);
  const midi = useStudio((state) => (take ? renderedMusicFile(state, 'mid', take.selected) : null));
  const musicFile = useStudio((state) => state.musicFile);
  // The drag must find the file ready when it starts, so the picked variation's MIDI is rendered ahead (a few ms).
  useEffect(() => {
    if (take) void musicFile('mid', take.selected);
  }, [take, musicFile]);
  if (!take) return null;
  return (
    <button
      type="button"
      className="music-drag"
      draggable={midi !== null}
      disabled={midi === null}
      data-testid="music-drag"
      title="Drag the MIDI clip into your DAW or onto the desktop (click to download it)"
      onDragStart={(event) => (midi ? startClipDrag(event, midi) : event.preventDefault())}
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
    </div>
  );
}
