import { describe, expect, it } from 'vitest';
import { MosaicError } from '../../../contract/index.js';
import { musicCallOf } from '../../../renderer/src/state/music-requests.js';
import { defaultMusicSettings, sanitizeMusicSettings } from '../../../renderer/src/state/music-settings.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { musicRunFixture } from '../../support/studio-runs.js';

const run = musicRunFixture;

describe('music slice', () => {
  it('generates with the settings, keeps the take of its mode and picks within it', async () => {
    const bridge = fakeBridge({ 'music.generate': () => run(3) });
    const store = createStudioStore(bridge, memoryStorage());
    store.getState().setMusicSettings({ bars: 4, variations: 3, seed: 7, melodyDensity: 3 });
    const pending = store.getState().generateMusic();
    expect(store.getState().musicActivity).toEqual({ state: 'generating', variations: 3 });
    await pending;
    expect(bridge.calls[0]).toEqual({
      method: 'music.generate',
      request: {
        bars: 4,
        variations: 3,
        temperature: 1,
        seed: 7,
        tempo: 110,
        style: 'pop',
        key: { tonic: 'A', scale: 'minor' },
        lockToScale: true,
        pitchRange: { lowest: 55, highest: 84 },
        density: 3,
        form: 'AABA',
      },
    });
    const take = store.getState().musicTakes.generate!;
    expect(take).toMatchObject({ selected: 0, lockedKey: { tonic: 'A', scale: 'minor' }, kit: null });
    store.getState().selectMusicVariation(9);
    expect(store.getState().musicTakes.generate!.selected).toBe(2);
    // Another mode shows its own (empty) take; coming back shows this one again.
    store.getState().setMusicSettings({ mode: 'drums' });
    expect(store.getState().musicTakes.drums).toBeUndefined();
    store.getState().setMusicSettings({ mode: 'generate' });
    expect(store.getState().musicTakes.generate!.selected).toBe(2);
  });

  it('keeps the previous take and shows a coded error when a run fails', async () => {
    let fail = false;
    const bridge = fakeBridge({
      'music.generate': () => {
        if (fail) throw new MosaicError('QUEUE_FULL', 'busy');
        return run(2);
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateMusic();
    fail = true;
    await store.getState().generateMusic();
    expect(store.getState().musicError).toMatchObject({ code: 'QUEUE_FULL' });
    expect(store.getState().musicActivity).toEqual({ state: 'idle' });
    expect(store.getState().musicTakes.generate!.run.result.variations).toHaveLength(2);
  });

  it('renders a WAV before playing it, once, and stops on request', async () => {
    const bridge = fakeBridge({
      'music.generate': () => run(2),
      'music.export': () => ({ files: [{ name: 'a.wav', mediaType: 'audio/wav', base64: 'UklGRg==' }] }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateMusic();
    const first = store.getState().playMusic();
    expect(store.getState().musicPlayback).toEqual({ state: 'loading', variation: 0 });
    await first;
    expect(store.getState().musicPlayback).toMatchObject({ state: 'playing', variation: 0, url: /^blob:/ });
    store.getState().stopMusic();
    await store.getState().playMusic();
    expect(bridge.calls.filter((call) => call.method === 'music.export')).toHaveLength(1);
  });

  it('asks Continue for a primer, and builds each mode\u2019s call', () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ mode: 'continue' });
    expect(() => musicCallOf(store.getState().musicSettings, null, null)).toThrow(/\.mid/);
    const primer = { name: 'a.mid', base64: 'TVRoZA==', tempo: 96, parts: { drums: { notes: [], bars: 1 } } };
    const drums = musicCallOf({ ...defaultMusicSettings, mode: 'continue', continuePart: 'drums' }, primer, null);
    expect(drums).toMatchObject({ method: 'music.continue', request: { part: 'drums', primerMidi: 'TVRoZA==' } });
    const follow = musicCallOf({ ...defaultMusicSettings, mode: 'drums', followBars: 2 }, null, primer);
    expect(follow).toMatchObject({ method: 'music.drums', request: { followMidi: 'TVRoZA==', followBars: 2 } });
  });

  it('keeps settings valid: an out-of-range value takes the fallback, never a clamped guess', () => {
    const absurd = { bars: 999, variations: 0, temperature: 3, tempo: 5000, seed: -1, followBars: 2.5 };
    const { bars, variations, temperature, tempo, seed, followBars } = defaultMusicSettings;
    expect(sanitizeMusicSettings(absurd)).toMatchObject({ bars, variations, temperature, tempo, seed, followBars });
    expect(sanitizeMusicSettings({ bars: 32, tempo: 300, seed: 0xffffffff })).toMatchObject({
      bars: 32,
      tempo: 300,
      seed: 0xffffffff,
    });
    // A patch out of range leaves the current value as it is.
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ bars: 12 });
    store.getState().setMusicSettings({ bars: 999, tempo: 5000 });
    expect(store.getState().musicSettings).toMatchObject({ bars: 12, tempo: defaultMusicSettings.tempo });
    expect(sanitizeMusicSettings({ pitchRange: { lowest: 80, highest: 70 } }).pitchRange).toEqual({
      lowest: 80,
      highest: 86,
    });
    expect(sanitizeMusicSettings({ instruments: ['kick', 'cowbell'] }).instruments).toEqual(['kick']);
    // A form is section letters A–H or "" (auto); settings saved before forms existed get auto.
    expect(sanitizeMusicSettings({ form: 'abab' }).form).toBe('ABAB');
    expect(sanitizeMusicSettings({ form: 'A' }).form).toBe('A');
    expect(sanitizeMusicSettings({ form: 'AAXA' }, { ...defaultMusicSettings, form: 'ABAB' }).form).toBe('ABAB');
    expect(sanitizeMusicSettings({}).form).toBe('');
  });

  it('sends the form with melodies (generate and continue), never with drums; auto is AABA from 4 bars, none below', () => {
    const primer = { name: 'a.mid', base64: 'TVRoZA==', tempo: 120, parts: { melody: { notes: [], bars: 1 } } };
    const generate = musicCallOf({ ...defaultMusicSettings, form: 'ABAB' }, null, null);
    expect(generate.request).toMatchObject({ form: 'ABAB' });
    const continued = musicCallOf({ ...defaultMusicSettings, mode: 'continue' }, primer, null);
    expect(continued.request).toMatchObject({ part: 'melody', form: 'AABA' });
    expect(musicCallOf({ ...defaultMusicSettings, mode: 'drums' }, null, null).request).not.toHaveProperty('form');
    expect(musicCallOf({ ...defaultMusicSettings, bars: 4 }, null, null).request).toMatchObject({ form: 'AABA' });
    expect(musicCallOf({ ...defaultMusicSettings, bars: 3 }, null, null).request).not.toHaveProperty('form');
    // Typed, a form goes as typed: "A" is none, and one longer than the bars is the service's to refuse.
    expect(musicCallOf({ ...defaultMusicSettings, form: 'A' }, null, null).request).toMatchObject({ form: 'A' });
    expect(musicCallOf({ ...defaultMusicSettings, bars: 2, form: 'AB' }, null, null).request).toMatchObject({
      form: 'AB',
    });
  });
});
