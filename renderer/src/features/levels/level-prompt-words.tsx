// The free-text prompt: MarioGPT's phrasing ("many pipes, no enemies, high elevation") read by the contract's prompt
// reader (the one the pipeline and the CLI's --prompt use), setting the attribute controls it names and showing how it
// was understood: a chip per phrase, and the words it did not understand.
import { useId } from 'react';
import { type LevelAttributes } from '../../../../contract/index.js';
import { readLevelPrompt } from '../../../../common/level-prompt.js';
import { findCommand } from '../../commands/command-registry.js';
import { isEnabled } from '../../commands/command.js';
import { levelPromptMaxLength } from '../../state/level-settings.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

const attributeLabels: Record<keyof LevelAttributes, string> = {
  pipes: 'Pipes',
  enemies: 'Enemies',
  blocks: 'Blocks',
  elevation: 'Elevation',
};

export function LevelPromptWords() {
  const store = useStudioStore();
  const text = useStudio((state) => state.levelSettings.promptText);
  const attributes = useStudio((state) => state.levelSettings.attributes);
  const update = useStudio((state) => state.setLevelSettings);
  const reading = readLevelPrompt(text);
  // Where an attribute is named twice, the last phrase is the one that counts: earlier ones are shown as overridden.
  const lastPhrase = new Map(reading.phrases.map((phrase, index) => [phrase.attribute, index]));
  const hintId = useId();

  const onChange = (next: string): void => {
    update({ promptText: next, attributes: { ...attributes, ...readLevelPrompt(next).attributes } });
  };

  return (
    <div className="level-prompt-words">
      <label className="field">
        <span className="field-label">Describe the level</span>
        <textarea
          className="field-input level-prompt-input"
          rows={2}
          spellCheck={false}
          maxLength={levelPromptMaxLength}
          placeholder="e.g. many pipes, no enemies, high elevation"
          value={text}
          data-testid="level-prompt-words"
          aria-describedby={text.trim() === '' ? undefined : hintId}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
            const generate = findCommand('levels.generate');
            if (isEnabled(generate, store.getState())) void generate.run(store);
            event.preventDefault();
          }}
        />
      </label>
      {text.trim() === '' ? null : (
        <div className="level-understood" id={hintId} data-testid="level-understood" aria-live="polite">
          {reading.phrases.length === 0 ? (
            <span className="level-not-understood">
              Nothing understood yet: name an amount and what, like “no enemies”.
            </span>
          ) : (
            reading.phrases.map((phrase, index) => {
              const overridden = lastPhrase.get(phrase.attribute) !== index;
              const changedSince = !overridden && attributes[phrase.attribute] !== phrase.value;
              const name = attributeLabels[phrase.attribute].toLowerCase();
              return (
                <span
                  key={`${index}-${phrase.words}`}
                  className={`level-chip ${overridden || changedSince ? 'level-chip-stale' : ''}`}
                  data-testid="level-understood-chip"
                  title={
                    overridden
                      ? `“${phrase.words}”: a later phrase sets ${name}`
                      : changedSince
                        ? `“${phrase.words}” set ${name} to ${phrase.value}; changed by hand since`
                        : `“${phrase.words}” set ${name} to ${phrase.value}`
                  }
                >
                  {attributeLabels[phrase.attribute]}: {phrase.value}
                </span>
              );
            })
          )}
          {reading.ignored.length > 0 && reading.phrases.length > 0 ? (
            <span className="level-not-understood" data-testid="level-ignored-words">
              not understood: {reading.ignored.join(' ')}
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
