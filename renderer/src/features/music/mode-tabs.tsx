// The three modes as tabs — Generate a melody, Continue a clip, Drums — with arrow keys moving between them.
import { useRef, type KeyboardEvent } from 'react';
import { musicModes, type MusicMode } from '../../state/music-settings.js';
import { useStudio } from '../../state/store-context.js';

const labels: Record<MusicMode, { title: string; hint: string }> = {
  generate: { title: 'Generate', hint: 'A melody from nothing, in a key' },
  continue: { title: 'Continue', hint: 'More bars after a clip you drop' },
  drums: { title: 'Drums', hint: 'A groove for a style and tempo' },
};

export function ModeTabs() {
  const mode = useStudio((state) => state.musicSettings.mode);
  const update = useStudio((state) => state.setMusicSettings);
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const delta = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!delta) return;
    event.preventDefault();
    const next = musicModes[(musicModes.indexOf(mode) + delta + musicModes.length) % musicModes.length]!;
    update({ mode: next });
    list.current?.querySelector<HTMLButtonElement>(`[data-mode="${next}"]`)?.focus();
  };
  return (
    <div ref={list} className="music-tabs" role="tablist" aria-label="Mode" onKeyDown={onKeyDown}>
      {musicModes.map((entry) => (
        <button
          key={entry}
          type="button"
          role="tab"
          aria-selected={entry === mode}
          tabIndex={entry === mode ? 0 : -1}
          data-mode={entry}
          className={`music-tab ${entry === mode ? 'music-tab-selected' : ''}`}
          title={labels[entry].hint}
          onClick={() => update({ mode: entry })}
        >
          {labels[entry].title}
        </button>
      ))}
    </div>
  );
}
