import { describe, expect, it } from 'vitest';
import type { HistoryEntry, MusicRun } from '../../../contract/index.js';
import type { MusicClipFile } from '../../../renderer/src/state/music-requests.js';
import { maxKeptClipChars } from '../../../renderer/src/state/music-results.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { musicRunFixture } from '../../support/studio-runs.js';

const primer: MusicClipFile = {
  name: 'hook.mid',
  base64: 'TVRoZA==',
  tempo: 96,
  parts: { melody: { notes: [{ pitch: 62, start: 0, duration: 480, velocity: 80 }], bars: 1 } },
};

/** A history that answers for the runs given, as main's history service does (entry ids differ from job ids). */
function historyOf(runs: MusicRun[]) {
  const entries = runs.map((run, index) => ({ id: `entry-${index}`, jobId: run.jobId, run }));
  return {
    'history.list': () => ({ items: entries.map(({ id, jobId }) => ({ id, jobId })), total: entries.length }),
    'history.get': ({ id }: { id: string }) => entries.find((entry) => entry.id === id) as unknown as HistoryEntry,
  };
}

describe('music results over a reload', () => {
  it('restores each mode’s take with its pick and the primer, fetching the runs from History', async () => {
    const storage = memoryStorage();
    const melody = musicRunFixture(8, 'job-melody');
    const groove = {
      ...musicRunFixture(2, 'job-drums'),
      result: { ...musicRunFixture(2).result, task: 'music.drums' },
    };
    let next: MusicRun = melody;
    const first = createStudioStore(fakeBridge({ 'music.generate': () => next, 'music.drums': () => next }), storage);
    await first.getState().restoreResults();
    await first.getState().generateMusic();
    first.getState().selectMusicVariation(7);
    first.getState().setMusicSettings({ mode: 'drums' });
    next = groove as MusicRun;
    await first.getState().generateMusic();
    first.getState().setMusicPrimer(primer);
    // The record holds references, not the notes.
    expect(storage.data['mosaic-studio:music-results']!.length).toBeLessThan(2000);

    const bridge = fakeBridge(historyOf([groove as MusicRun, melody]));
    const second = createStudioStore(bridge, storage);
    expect(second.getState().musicTakes).toEqual({});
    await second.getState().restoreResults();
    const state = second.getState();
    expect(state.musicSettings.mode).toBe('drums');
    expect(state.musicTakes.generate).toMatchObject({ selected: 7, lockedKey: { tonic: 'A', scale: 'minor' } });
    expect(state.musicTakes.generate!.run).toEqual(melody);
    expect(state.musicTakes.drums!.run.jobId).toBe('job-drums');
    expect(state.musicTakes.drums!.kit).toEqual(first.getState().musicTakes.drums!.kit);
    expect(state.musicPrimer).toEqual(primer);
    expect(bridge.calls.map((call) => call.method)).toEqual(['history.list', 'history.get', 'history.get']);
  });

  it('skips a take History no longer has, refuses a damaged record, and never keeps a large clip', async () => {
    const storage = memoryStorage();
    const first = createStudioStore(fakeBridge({ 'music.generate': () => musicRunFixture(2, 'job-gone') }), storage);
    await first.getState().restoreResults();
    await first.getState().generateMusic();
    const second = createStudioStore(fakeBridge(historyOf([])), storage);
    await second.getState().restoreResults();
    expect(second.getState().musicTakes).toEqual({});

    const record = JSON.parse(storage.data['mosaic-studio:music-results']!) as { state: { takes: object } };
    storage.data['mosaic-studio:music-results'] = JSON.stringify({
      version: 1,
      state: { ...record.state, primer: { ...primer, tempo: 'fast' }, follow: null },
    });
    const third = createStudioStore(fakeBridge({}), storage);
    await third.getState().restoreResults();
    expect(third.getState().musicPrimer).toBeNull();

    third.getState().setMusicPrimer({ ...primer, base64: 'A'.repeat(maxKeptClipChars + 1) });
    expect(storage.data['mosaic-studio:music-results']).toBeUndefined();
  });
});
