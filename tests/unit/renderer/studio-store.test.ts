import { describe, expect, it } from 'vitest';
import type { MosaicBridge } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { defaultArrangeMix, defaultArrangeSettings } from '../../../renderer/src/state/arrange-settings.js';
import { defaultDungeonSettings } from '../../../renderer/src/state/dungeon-settings.js';
import { defaultLevelSettings } from '../../../renderer/src/state/level-settings.js';
import { defaultMusicSettings } from '../../../renderer/src/state/music-settings.js';
import { createStudioStore, migratePersisted } from '../../../renderer/src/state/studio-store.js';
import { memoryStorage } from '../../support/fake-bridge.js';
import { sampleInfo } from '../../support/sample-handlers.js';

function bridge(calls: Partial<Record<string, () => Promise<unknown>>>): MosaicBridge {
  return {
    call: (method) => {
      const answer = calls[method];
      return (answer ? answer() : Promise.reject(new Error(`unexpected ${method}`))) as never;
    },
    on: () => () => undefined,
  };
}

describe('studio store', () => {
  it('persists the workspace and restores it in a new store', () => {
    const storage = memoryStorage();
    const first = createStudioStore(bridge({}), storage);
    first.getState().showWorkspace('levels');
    const second = createStudioStore(bridge({}), storage);
    expect(second.getState().workspace).toBe('levels');
    expect(JSON.parse(storage.data['mosaic-studio'] ?? '{}')).toMatchObject({
      version: 6,
      state: {
        workspace: 'levels',
        levelSettings: defaultLevelSettings,
        musicSettings: defaultMusicSettings,
        remoteBackend: null,
      },
    });
  });

  it('migrates damaged or older persisted state to a valid one', () => {
    const defaults = {
      workspace: 'music',
      levelSettings: defaultLevelSettings,
      dungeonSettings: defaultDungeonSettings,
      musicSettings: defaultMusicSettings,
      remoteBackend: null,
      arrangeSettings: defaultArrangeSettings,
      arrangeMix: defaultArrangeMix,
      arrangeLoop: false,
      arrangeMetronome: false,
      tasteOrder: { music: false, levels: false },
    };
    expect(migratePersisted({ workspace: 'drums' })).toEqual(defaults);
    expect(migratePersisted(null)).toEqual(defaults);
    // Version 2 had no music settings; damaged ones are repaired field by field: an absurd value takes the default.
    const absurd = { bars: 999, tempo: 5000, seed: 5, mode: 'jam' };
    expect(migratePersisted({ workspace: 'music', musicSettings: absurd })).toMatchObject({
      musicSettings: { ...defaultMusicSettings, seed: 5 },
    });
    expect(migratePersisted({ workspace: 'models' })).toMatchObject({ workspace: 'models' });
    // Version 1 had no level settings; damaged ones are repaired field by field (an absurd value takes the default).
    expect(migratePersisted({ workspace: 'levels', levelSettings: { width: 9000, seed: 5 } }).levelSettings).toEqual({
      ...defaultLevelSettings,
      seed: 5,
    });
    // Version 6 added Dungeons: damaged settings are repaired field by field, never clamped to a limit.
    expect(
      migratePersisted({ dungeonSettings: { rooms: 99, keyLocks: 2, enemyDensity: 3, showGraph: 'yes' } })
        .dungeonSettings,
    ).toEqual({ ...defaultDungeonSettings, keyLocks: 2 });
    // Version 4 added the remote backend: kept when it is a valid http(s) URL with a token, dropped otherwise.
    expect(migratePersisted({ remoteBackend: { url: 'http://box.local:7523/', token: 't' } }).remoteBackend).toEqual({
      url: 'http://box.local:7523',
      token: 't',
    });
    expect(migratePersisted({ remoteBackend: { url: 'file:///etc', token: 't' } }).remoteBackend).toBeNull();
    const storage = memoryStorage({ 'mosaic-studio': JSON.stringify({ version: 0, state: { workspace: 'nope' } }) });
    expect(createStudioStore(bridge({}), storage).getState().workspace).toBe('music');
  });

  it('persists the level prompt settings across a reload', () => {
    const storage = memoryStorage({ 'mosaic-studio': JSON.stringify({ version: 1, state: { workspace: 'levels' } }) });
    const first = createStudioStore(bridge({}), storage);
    expect(first.getState().levelSettings).toEqual(defaultLevelSettings);
    first
      .getState()
      .setLevelSettings({ seed: 1234, attributes: { ...defaultLevelSettings.attributes, pipes: 'many' } });
    const second = createStudioStore(bridge({}), storage);
    expect(second.getState().levelSettings).toMatchObject({ seed: 1234, attributes: { pipes: 'many' } });
    expect(second.getState().workspace).toBe('levels');
  });

  it('loads system info, then follows host status events', async () => {
    const store = createStudioStore(bridge({ 'system.info': async () => sampleInfo }), memoryStorage());
    await store.getState().loadSystem();
    expect(store.getState().system?.inference.state).toBe('ready');
    store.getState().applyHostStatus({ ...sampleInfo.inference, state: 'restarting', restarts: 1 });
    expect(store.getState().system?.inference).toMatchObject({ state: 'restarting', restarts: 1 });
  });

  it('records a coded error when main cannot be reached', async () => {
    const store = createStudioStore(
      bridge({ 'system.info': () => Promise.reject(new MosaicError('INFERENCE_HOST_UNAVAILABLE', 'down')) }),
      memoryStorage(),
    );
    await store.getState().loadSystem();
    expect(store.getState().systemError).toEqual({ code: 'INFERENCE_HOST_UNAVAILABLE', message: 'down' });
  });

  it('moves the self-test through running to passed or failed', async () => {
    let release: (value: unknown) => void = () => undefined;
    const store = createStudioStore(
      bridge({ 'inference.probe': () => new Promise((resolve) => (release = resolve)) }),
      memoryStorage(),
    );
    const running = store.getState().runSelfTest();
    expect(store.getState().selfTest.state).toBe('running');
    release({ output: [[1]], executionProvider: 'cpu', elapsedMs: 1, pid: 3 });
    await running;
    expect(store.getState().selfTest).toMatchObject({ state: 'passed', result: { pid: 3 } });

    const failing = createStudioStore(
      bridge({ 'inference.probe': () => Promise.reject(new MosaicError('INFERENCE_HOST_CRASHED', 'gone')) }),
      memoryStorage(),
    );
    await failing.getState().runSelfTest();
    expect(failing.getState().selfTest).toEqual({
      state: 'failed',
      error: { code: 'INFERENCE_HOST_CRASHED', message: 'gone' },
    });
  });
});
