// A drop zone and a Pick button for a .mid (the Continue primer, or the clip whose rhythm Drums follows), and Clear.
import { useRef } from 'react';
import type { MusicClipFile } from '../../state/music-requests.js';
import { useStudioStore } from '../../state/store-context.js';
import { loadClip, useClipDrop, type ClipRole } from './clip-loading.js';

function describeClip(clip: MusicClipFile): string {
  return Object.entries(clip.parts)
    .map(([part, notes]) => `${notes.notes.length} ${part} notes over ${notes.bars} bars`)
    .concat(`${clip.tempo} bpm`)
    .join(' · ');
}

export function ClipDropField({
  label,
  role,
  clip,
  empty,
  onClear,
}: {
  label: string;
  role: ClipRole;
  clip: MusicClipFile | null;
  /** What the zone says before a clip is dropped. */
  empty: string;
  onClear: () => void;
}) {
  const store = useStudioStore();
  const picker = useRef<HTMLInputElement>(null);
  const { over, handlers } = useClipDrop(store, role);
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div
        className={`music-drop ${over ? 'music-drop-over' : ''} ${clip ? 'music-drop-filled' : ''}`}
        data-testid={`music-${role}-drop`}
        {...handlers}
      >
        {clip ? (
          <>
            <span className="music-drop-name" title={clip.name}>
              {clip.name}
            </span>
            <span className="music-drop-facts">{describeClip(clip)}</span>
          </>
        ) : (
          <span className="muted">{empty}</span>
        )}
        <span className="music-drop-actions">
          <button type="button" className="button" onClick={() => picker.current?.click()}>
            {clip ? 'Replace…' : 'Pick .mid…'}
          </button>
          {clip ? (
            <button type="button" className="button" onClick={onClear}>
              Clear
            </button>
          ) : null}
        </span>
        <input
          ref={picker}
          type="file"
          accept=".mid,.midi,audio/midi,audio/x-midi"
          hidden
          data-testid={`music-${role}-file`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void loadClip(store, file, role);
            event.target.value = '';
          }}
        />
      </div>
    </div>
  );
}
