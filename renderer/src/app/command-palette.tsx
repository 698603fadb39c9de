// Mod+K: every command by name, the shown workspace's first, filtered as you type, run with Enter; Escape closes.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { describeShortcut, isEnabled } from '../commands/command.js';
import { paletteEntries } from '../commands/command-ranking.js';
import { studioCommands } from '../commands/command-registry.js';
import { useStudio, useStudioStore } from '../state/store-context.js';

export function CommandPalette() {
  const store = useStudioStore();
  const open = useStudio((state) => state.paletteOpen);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const workspace = useStudio((state) => state.workspace);
  const matches = useMemo(() => paletteEntries(studioCommands, workspace, query), [workspace, query]);
  if (!open) return null;

  const close = (): void => {
    setQuery('');
    setSelected(0);
    store.getState().setPaletteOpen(false);
  };
  const runAt = (index: number): void => {
    const command = matches[index]?.command;
    if (!command || !isEnabled(command, store.getState())) return;
    close();
    void command.run(store);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') setSelected((index) => Math.min(matches.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setSelected((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') runAt(selected);
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div
        className="palette"
        role="dialog"
        aria-label="Command palette"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <input
          autoFocus
          className="palette-input"
          placeholder="Type a command"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setSelected(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" role="listbox">
          {matches.map(({ command, shortcut }, index) => (
            <li
              key={command.id}
              role="option"
              aria-selected={index === selected}
              className={`palette-item ${index === selected ? 'palette-item-selected' : ''}`}
              onMouseEnter={() => setSelected(index)}
              onClick={() => runAt(index)}
            >
              <span>{command.label}</span>
              {shortcut ? <kbd>{describeShortcut(shortcut)}</kbd> : null}
            </li>
          ))}
          {matches.length === 0 ? <li className="palette-empty">No command matches “{query}”</li> : null}
        </ul>
      </div>
    </div>
  );
}
