// Export the song shown (its current take, each lane on its instrument): a type-1 MIDI file, a WAV mix, and the
// whole song's MIDI as a drag into a DAW where the desktop shell allows it.
import { useEffect, useState } from 'react';
import { CommandButton } from '../../commands/command-button.js';
import { findCommand } from '../../commands/command-registry.js';
import type { ArrangeFile } from '../../state/arrange-playback.js';
import { currentTake } from '../../state/arrange-song.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { nativeDrag, startClipDrag } from '../music/clip-exports.js';

function SongDrag() {
  const store = useStudioStore();
  const [drag] = useState(nativeDrag);
  const take = useStudio((state) => (state.arrangeSong ? currentTake(state.arrangeSong) : null));
  const mix = useStudio((state) => state.arrangeMix);
  // The file is kept with the take and mix it was rendered for, so a stale one is never dragged.
  const [rendered, setRendered] = useState<{ for: unknown; file: ArrangeFile | null } | null>(null);
  const file = rendered?.for === take && take !== null ? rendered.file : null;
  useEffect(() => {
    if (take && drag)
      void store
        .getState()
        .arrangeFile('mid')
        .then((made) => setRendered({ for: take, file: made }));
  }, [take, mix, drag, store]);
  if (!take || !drag) return null;
  return (
    <button
      type="button"
      className="music-drag"
      draggable={file !== null}
      disabled={file === null}
      data-testid="arrange-drag"
      title="Drag the song's MIDI (one track per lane) into your DAW or onto the desktop (click to download it)"
      onDragStart={(event) => (file ? startClipDrag(event, file, drag) : event.preventDefault())}
      onClick={() => void findCommand('arrange.export.mid').run(store)}
    >
      <span aria-hidden="true">⠿</span> {file ? file.name : 'Preparing MIDI…'}
    </button>
  );
}

export function ArrangeExports() {
  const rendering = useStudio((state) => state.arrangeRendering.some((key) => key.includes(':wav:')));
  return (
    <div className="music-exports" role="group" aria-label="Export the song">
      <SongDrag />
      <span className="field-label">Export</span>
      <span data-testid="arrange-export-mid">
        <CommandButton command={findCommand('arrange.export.mid')} label="MIDI" />
      </span>
      <span data-testid="arrange-export-wav">
        <CommandButton command={findCommand('arrange.export.wav')} label={rendering ? 'WAV mix…' : 'WAV mix'} />
      </span>
    </div>
  );
}
