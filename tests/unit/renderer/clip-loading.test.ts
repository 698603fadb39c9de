// Loading a primer in the Studio offers the key (modes included) and tempo it is in, and never changes the user's.
import { describe, expect, it } from 'vitest';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { loadClip } from '../../../renderer/src/features/music/clip-loading.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { keyedMelodies } from '../common/key-melodies.js';

const drunkenSailor = keyedMelodies.find((known) => known.name.startsWith('Drunken Sailor'))!;

function primerFile(notes: typeof drunkenSailor.notes, name = 'sailor.mid'): File {
  const bytes = writeMidiFile({
    name: 'primer',
    ticksPerBeat: 480,
    tempo: 96,
    timeSignature: [4, 4],
    tracks: [{ name: 'Lead', channel: 0, program: 0, notes }],
  });
  return new File([Buffer.from(bytes)], name);
}

describe('loading a primer', () => {
  it('offers D dorian for a D dorian tune with B natural, keeping the chosen key until Use', async () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ mode: 'continue', key: { tonic: 'E', scale: 'phrygian' } });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    expect(store.getState().musicPrimer?.name).toBe('sailor.mid');
    expect(store.getState().musicSettings.key).toEqual({ tonic: 'E', scale: 'phrygian' });
    expect(store.getState().musicKeySuggestion).toEqual({ tonic: 'D', scale: 'dorian' });
    store.getState().answerMusicKeySuggestion(true);
    expect(store.getState().musicSettings.key).toEqual({ tonic: 'D', scale: 'dorian' });
    expect(store.getState().musicKeySuggestion).toBeNull();
  });

  it('lets the offer be dismissed, and offers nothing when the chosen key is the primer\u2019s', async () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ mode: 'continue', key: { tonic: 'A', scale: 'minor' } });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    store.getState().answerMusicKeySuggestion(false);
    expect(store.getState().musicSettings.key).toEqual({ tonic: 'A', scale: 'minor' });
    expect(store.getState().musicKeySuggestion).toBeNull();
    store.getState().setMusicSettings({ key: { tonic: 'D', scale: 'dorian' } });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    expect(store.getState().musicKeySuggestion).toBeNull();
  });

  it('offers the primer\u2019s tempo and keeps the chosen one, for Generate and Drums too, until Use', async () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ mode: 'continue', tempo: 120 });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    expect(store.getState().musicSettings.tempo).toBe(120);
    expect(store.getState().musicTempoSuggestion).toBe(96);
    store.getState().setMusicSettings({ mode: 'generate' });
    expect(store.getState().musicSettings.tempo).toBe(120);
    store.getState().answerMusicTempoSuggestion(true);
    expect(store.getState().musicSettings.tempo).toBe(96);
    expect(store.getState().musicTempoSuggestion).toBeNull();
  });

  it('lets the tempo offer be dismissed, offers nothing at the same tempo, and withdraws it with the primer', async () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setMusicSettings({ mode: 'continue', tempo: 120 });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    store.getState().answerMusicTempoSuggestion(false);
    expect(store.getState().musicSettings.tempo).toBe(120);
    expect(store.getState().musicTempoSuggestion).toBeNull();
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    expect(store.getState().musicTempoSuggestion).toBe(96);
    store.getState().setMusicPrimer(null);
    expect(store.getState().musicTempoSuggestion).toBeNull();
    store.getState().setMusicSettings({ tempo: 96 });
    await loadClip(store, primerFile(drunkenSailor.notes), 'primer');
    expect(store.getState().musicTempoSuggestion).toBeNull();
    expect(store.getState().musicSettings.tempo).toBe(96);
  });

  it('shows what is wrong with a file that is not MIDI, changing nothing', async () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    const before = store.getState().musicSettings;
    await loadClip(store, new File([new TextEncoder().encode('RIFF\x24\x00\x00\x00WAVEfmt ')], 'take.mid'), 'primer');
    expect(store.getState().musicError).toEqual({
      code: 'BAD_REQUEST',
      message: 'take.mid is not a usable MIDI file: it is a WAV audio file, not MIDI.',
    });
    expect(store.getState().musicSettings).toEqual(before);
    expect(store.getState().musicPrimer).toBeNull();
  });
});
