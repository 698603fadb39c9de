// The empty piano roll says what is being generated during a run, and how to fill it otherwise.
import { describe, expect, it } from 'vitest';
import { rollEmptyText } from '../../../renderer/src/features/music/roll-empty-text.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { musicRunFixture } from '../../support/studio-runs.js';

describe('empty piano roll text', () => {
  it('invites a Generate (or a drop, in Continue) while idle', () => {
    expect(rollEmptyText('generate', { state: 'idle' }, 'Ctrl+Enter')).toBe(
      'Press Generate (Ctrl+Enter) and the melody is drawn here',
    );
    expect(rollEmptyText('drums', { state: 'idle' }, 'Ctrl+Enter')).toContain('the groove is drawn here');
    expect(rollEmptyText('continue', { state: 'idle' }, 'Ctrl+Enter')).toBe('Drop a .mid here to continue it');
  });

  it('says what is coming, never "Press Generate", while a run is under way', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const bridge = fakeBridge({ 'music.generate': () => new Promise((resolve) => (finish = resolve)) });
    const store = createStudioStore(bridge, memoryStorage());
    store.getState().setMusicSettings({ variations: 8 });
    const pending = store.getState().generateMusic();
    const during = rollEmptyText('generate', store.getState().musicActivity, 'Ctrl+Enter');
    expect(during).toBe('Generating 8 variations…');
    expect(during).not.toContain('Press Generate');
    finish(musicRunFixture(8));
    await pending;
    expect(rollEmptyText('generate', store.getState().musicActivity, 'Ctrl+Enter')).toContain('Press Generate');
    expect(rollEmptyText('drums', { state: 'generating', variations: 1 }, 'Ctrl+Enter')).toBe(
      'Generating 1 variation…',
    );
  });
});
