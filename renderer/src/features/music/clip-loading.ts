// Loading a dropped or picked .mid: as the Continue primer (taking its part, offering its key and tempo) or as the rhythm to follow.
import { useState, type DragEvent } from 'react';
import { MosaicError } from '../../../../contract/index.js';
import type { StudioStore } from '../../state/studio-store.js';
import { readMidiFile } from './midi-clip-reader.js';
import { detectKey } from './music-theory.js';

export type ClipRole = 'primer' | 'follow';

export async function loadClip(store: StudioStore, file: File, role: ClipRole): Promise<void> {
  const state = store.getState();
  try {
    const clip = await readMidiFile(file);
    if (role === 'follow') {
      state.setMusicFollow(clip);
      return;
    }
    // Keep the part chosen when the file has it; otherwise the part it has.
    const wanted = state.musicSettings.continuePart;
    const continuePart = clip.parts[wanted] ? wanted : clip.parts.melody ? 'melody' : 'drums';
    const melody = clip.parts.melody;
    state.setMusicPrimer(clip);
    state.setMusicSettings({ continuePart });
    // The key and tempo the user chose stay (Generate and Drums use them too); the primer's are offered beside the
    // Key and Tempo fields.
    state.suggestMusicKey((melody && detectKey(melody.notes)?.key) || null);
    state.suggestMusicTempo(clip.tempo);
  } catch (error) {
    state.reportMusicError(new MosaicError('BAD_REQUEST', (error as Error).message));
  }
}

function midiFileOf(event: DragEvent): File | null {
  const file = event.dataTransfer.files[0];
  return file && /\.midi?$/i.test(file.name) ? file : null;
}

/** Drop handlers for a .mid dropped from the desktop; `over` is true while one hovers. */
export function useClipDrop(store: StudioStore, role: ClipRole) {
  const [over, setOver] = useState(false);
  const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');
  return {
    over,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setOver(false);
        const file = midiFileOf(event);
        if (file) void loadClip(store, file, role);
        else store.getState().reportMusicError(new MosaicError('BAD_REQUEST', 'Drop a .mid or .midi file.'));
      },
    },
  };
}
