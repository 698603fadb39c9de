// The three modes as tabs — Generate a melody, Continue a clip, Drums — with arrow keys moving between them.
import { musicModes, type MusicMode } from '../../state/music-settings.js';
import { useStudio } from '../../state/store-context.js';
import { horizontalSteps, useRovingChoice } from '../../ui/use-roving-choice.js';

const labels: Record<MusicMode, { title: string; hint: string }> = {
  generate: { title: 'Generate', hint: 'A melody from nothing, in a key' },
  continue: { title: 'Continue', hint: 'More bars after a clip you drop' },
  drums: { title: 'Drums', hint: 'A groove for a style and tempo' },
};

export function ModeTabs() {
  const mode = useStudio((state) => state.musicSettings.mode);
  const update = useStudio((state) => state.setMusicSettings);
  const { group, onKeyDown } = useRovingChoice(musicModes, mode, (next) => update({ mode: next }), horizontalSteps);
  return (
    <div ref={group} className="segmented" role="tablist" aria-label="Mode" onKeyDown={onKeyDown}>
      {musicModes.map((entry) => (
        <button
          key={entry}
          type="button"
          role="tab"
          aria-selected={entry === mode}
          tabIndex={entry === mode ? 0 : -1}
          data-choice={entry}
          className={`segment music-tab ${entry === mode ? 'segment-selected' : ''}`}
          title={labels[entry].hint}
          onClick={() => update({ mode: entry })}
        >
          {labels[entry].title}
        </button>
      ))}
    </div>
  );
}
