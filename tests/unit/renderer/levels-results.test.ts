// Levels' last results over a reload: the run shown, its region edits and the pick come back from History.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, LevelRun } from '../../../contract/index.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { fixtureLevelWidth, generatedLevelFixture, levelRunFixture } from '../../support/studio-runs.js';

const generated = levelRunFixture([generatedLevelFixture('X'), generatedLevelFixture('S', 1)], { jobId: 'job-gen' });
const edit = levelRunFixture([generatedLevelFixture('Q')], { mode: 'regenerate', jobId: 'job-edit' });

/** A history that answers for the runs it holds, as main's history service does (entry ids differ from job ids). */
function historyOf(runs: LevelRun[]) {
  const entries = runs.map((run, index) => ({ id: `entry-${index}`, jobId: run.jobId, run }));
  return {
    'history.list': () => ({ items: entries.map(({ id, jobId }) => ({ id, jobId })), total: entries.length }),
    'history.get': ({ id }: { id: string }) => entries.find((entry) => entry.id === id) as unknown as HistoryEntry,
    'levels.generate': () => generated,
    'levels.regenerate': () => edit,
  };
}

describe('levels results over a reload', () => {
  it('restores the variations with their region edits and the pick, fetching the runs from History', async () => {
    const storage = memoryStorage();
    const first = createStudioStore(fakeBridge(historyOf([])), storage);
    await first.getState().restoreResults();
    await first.getState().generateLevels();
    first.getState().selectVariation(1);
    first.getState().selectColumns({ anchor: 2, focus: 5 });
    await first.getState().regenerateColumns();
    expect(first.getState().levels[1]!.rows[13]).toBe('Q'.repeat(fixtureLevelWidth));

    // A reload: a new store on the same storage, main's History holding both runs.
    const second = createStudioStore(fakeBridge(historyOf([generated, edit])), storage);
    expect(second.getState().levels).toEqual([]);
    await second.getState().restoreResults();
    const state = second.getState();
    expect(state.levelRun?.jobId).toBe('job-gen');
    expect(state.selectedVariation).toBe(1);
    expect(state.levels.map((level) => level.rows[13]![0])).toEqual(['X', 'Q']);
    expect(state.levels[1]!.variation).toBe(1);
    expect(state.levelEdits).toEqual({ 1: 'job-edit' });
  });

  it('forgets an edit that was undone, and restores nothing History no longer has', async () => {
    const storage = memoryStorage();
    const first = createStudioStore(fakeBridge(historyOf([])), storage);
    await first.getState().restoreResults();
    await first.getState().generateLevels();
    first.getState().selectColumns({ anchor: 2, focus: 5 });
    await first.getState().regenerateColumns();
    first.getState().undoLevelEdit();
    const second = createStudioStore(fakeBridge(historyOf([generated, edit])), storage);
    await second.getState().restoreResults();
    expect(second.getState().levels.map((level) => level.rows[13]![0])).toEqual(['X', 'S']);

    const emptied = createStudioStore(fakeBridge(historyOf([])), storage);
    await emptied.getState().restoreResults();
    expect(emptied.getState().levels).toEqual([]);
  });
});
