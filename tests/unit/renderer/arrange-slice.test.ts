import { describe, expect, it } from 'vitest';
import type { ArrangeRun, Job, PartialSong, RequestOf, SongTrack } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { currentTake } from '../../../renderer/src/state/arrange-song.js';
import { moveSelection } from '../../../renderer/src/state/arrange-selection.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { arrangeRunFixture, arrangeTracksFixture } from '../../support/arrange-runs.js';
import { musicRunFixture } from '../../support/studio-runs.js';

/** Answers an infill as the service does: the cells asked rewritten (one octave up), every other note kept. */
function infillAnswer(request: RequestOf<'music.infill'>): ArrangeRun {
  const cells = request.cells!;
  const tracks = (request.song!.tracks as SongTrack[]).map((track) => ({
    ...track,
    notes: track.notes.map((note) => {
      const bar = Math.floor(note.start / 1920);
      const inside = cells.some((cell) => cell.track === track.track && bar >= cell.fromBar && bar <= cell.toBar);
      return inside ? { ...note, pitch: note.pitch + 12 } : note;
    }),
  }));
  const run = arrangeRunFixture(1, `job-infill-${Math.random()}`);
  return { ...run, result: { ...run.result, variations: [{ ...run.result.variations[0]!, tracks }] } };
}

function storeWith(storage = memoryStorage()) {
  const bridge = fakeBridge({
    'music.arrange': () => arrangeRunFixture(2, 'job-arrange'),
    'music.infill': infillAnswer,
    'music.harmonize': () => arrangeRunFixture(1, 'job-harmonize'),
    'music.generate': () => musicRunFixture(2, 'job-melody'),
    'history.list': () => ({ items: [], total: 0 }),
  });
  const store = createStudioStore(bridge, storage);
  return { store, bridge, storage };
}

describe('the Arrange slice', () => {
  it('arranges a song, infills only the selected cells of the variation they were selected on, and undoes', async () => {
    const { store, bridge } = storeWith();
    store.getState().showWorkspace('arrange');
    await store.getState().generateArrangement();
    const song = store.getState().arrangeSong!;
    expect(song.variations).toHaveLength(2);
    const request = bridge.calls[0]!.request as RequestOf<'music.arrange'>;
    expect(request).toMatchObject({ bars: 8, tracks: ['melody', 'chords', 'bass', 'drums'], form: 'AABA', seed: 2024 });

    // Bass bars 3–4 on variation 2.
    store.getState().selectArrangeVariation(1);
    let selection = moveSelection(null, 'down', false, 1, 8);
    for (const move of ['down', 'down', 'right', 'right'] as const)
      selection = moveSelection(selection, move, false, 1, 8);
    selection = moveSelection(selection, 'right', true, 1, 8);
    store.getState().setArrangeSelection(selection);
    await store.getState().infillSelection();
    const infill = bridge.calls.at(-1)!;
    expect(infill.method).toBe('music.infill');
    expect((infill.request as RequestOf<'music.infill'>).cells).toEqual([{ track: 'bass', fromBar: 2, toBar: 3 }]);
    const after = store.getState().arrangeSong!;
    expect(currentTake(after, 1)!.changed).toEqual([
      { track: 'bass', bar: 2 },
      { track: 'bass', bar: 3 },
    ]);
    expect(currentTake(after, 1)!.label).toBe('Infill Bass bars 3–4');
    // Variation 1 is untouched and has no selection: the selection belongs to variation 2.
    expect(after.variations[0]!.takes).toHaveLength(1);
    expect(store.getState().arrangeSelections[0]).toBeUndefined();

    store.getState().undoArrange();
    expect(currentTake(store.getState().arrangeSong!, 1)!.tracks).toEqual(arrangeTracksFixture(8, 1));
    store.getState().redoArrange();
    expect(currentTake(store.getState().arrangeSong!, 1)!.changed).toHaveLength(2);
  });

  it('sends a Music melody to Arrange: harmonized, opened there as a new song, saying where it came from', async () => {
    const { store, bridge } = storeWith();
    await store.getState().generateMusic();
    store.getState().selectMusicVariation(1);
    await store.getState().sendMusicToArrange('harmonize');
    const call = bridge.calls.at(-1)!;
    expect(call.method).toBe('music.harmonize');
    const request = call.request as RequestOf<'music.harmonize'>;
    expect(request.add).toEqual(['chords', 'bass']);
    expect(request.song.tracks![0]!.track).toBe('melody');
    expect(store.getState().workspace).toBe('arrange');
    expect(store.getState().arrangeSong!.origin).toBe('Harmonized Music melody variation 2');
    expect(store.getState().arrangeNotice).toContain('opened here as a new song');
  });

  it('keeps the replaced song to restore, and a failed edit leaves the takes as they were', async () => {
    const { store } = storeWith();
    await store.getState().generateArrangement();
    const first = store.getState().arrangeSong!;
    store.getState().importArrangeSong({ name: 'tune.mid', tracks: arrangeTracksFixture(4), bars: 4, tempo: 90 });
    expect(store.getState().arrangeSong!.origin).toBe('Imported tune.mid');
    store.getState().restoreReplacedSong();
    expect(store.getState().arrangeSong).toBe(first);
    // Humanize needs drums: a song without them is not sent.
    store
      .getState()
      .importArrangeSong({ name: 'lead.mid', tracks: arrangeTracksFixture(4).slice(0, 1), bars: 4, tempo: 90 });
    await store.getState().editArrangeSong('humanize');
    expect(store.getState().arrangeSong!.variations[0]!.takes).toHaveLength(1);
  });

  it('brings the song, its takes and selections back after a reload', async () => {
    const { store, storage } = storeWith();
    await store.getState().restoreResults();
    await store.getState().generateArrangement();
    store.getState().setArrangeSelection(moveSelection(null, 'down', false, 0, 8));
    store.getState().setArrangeSelection(moveSelection(store.getState().arrangeSelections[0]!, 'down', false, 0, 8));
    await store.getState().infillSelection();
    const again = storeWith(storage).store;
    await again.getState().restoreResults();
    const song = again.getState().arrangeSong!;
    expect(song.variations[0]!.takes).toHaveLength(2);
    expect(again.getState().arrangeSelections[0]!.cursor).toEqual({ lane: 1, bar: 0 });
    expect(currentTake(song)!.tracks).toEqual(currentTake(store.getState().arrangeSong!)!.tracks);
  });

  it('refuses a damaged kept song instead of showing it', async () => {
    const storage = memoryStorage({
      'mosaic-studio:arrange-results': JSON.stringify({ version: 1, state: { song: { id: 'x' }, selections: {} } }),
    });
    const { store } = storeWith(storage);
    await store.getState().restoreResults();
    expect(store.getState().arrangeSong).toBeNull();
  });

  it('renders the mix with each lane’s program, leaving muted lanes out (a lane alone for its export)', async () => {
    const exported: RequestOf<'music.exportSong'>[] = [];
    const bridge = fakeBridge({
      'music.arrange': () => arrangeRunFixture(1),
      'music.exportSong': (request: RequestOf<'music.exportSong'>) => {
        exported.push(request);
        return { files: [{ name: `${request.name}.${request.format}`, mediaType: 'audio/wav', base64: 'AAAA' }] };
      },
    });
    const urls = { create: () => 'blob:mix', revoke: () => undefined };
    const store = createStudioStore(bridge, memoryStorage(), { clipUrls: urls });
    await store.getState().generateArrangement();
    store.getState().setLaneMix('bass', { program: 38 });
    store.getState().setLaneMix('drums', { mute: true });
    await store.getState().arrangeFile('wav', undefined, true);
    const mix = exported[0]!.result.variations[0]!.tracks;
    expect(mix.map((track) => [track.track, track.program])).toEqual([
      ['melody', 0],
      ['chords', 4],
      ['bass', 38],
    ]);
    await store.getState().arrangeFile('mid', 'drums');
    expect(exported[1]!.result.variations[0]!.tracks.map((track) => track.track)).toEqual(['drums']);
    expect(exported[1]!.name).toBe('drums-A-minor-110bpm-seed7-v1');
    // Asked again, the same file comes from the cache.
    await store.getState().arrangeFile('mid', 'drums');
    expect(exported).toHaveLength(2);
  });

  it('draws what a call has written so far only while it runs', async () => {
    const { store } = storeWith();
    store.getState().showArrangePartial({ tracks: arrangeTracksFixture(2), bars: 2 });
    expect(store.getState().arrangeActivity).toEqual({ state: 'idle' });
    const running = store.getState().generateArrangement();
    store.getState().showArrangePartial({ tracks: arrangeTracksFixture(2), bars: 2 });
    expect(store.getState().arrangeActivity).toMatchObject({ state: 'working', partial: { bars: 2 } });
    await running;
    expect(store.getState().arrangeActivity).toEqual({ state: 'idle' });
  });

  it('follows the job’s progress events while a call runs; a cancel keeps the song shown as it was', async () => {
    let cancel: ((error: unknown) => void) | null = null;
    const bridge = fakeBridge({
      'music.arrange': () => arrangeRunFixture(1, 'job-first'),
      'music.infill': () =>
        new Promise((_, reject) => {
          cancel = reject;
        }),
      'jobs.cancel': () => {
        cancel?.(new MosaicError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      },
      'history.list': () => ({ items: [], total: 0 }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    store.getState().showWorkspace('arrange');
    await store.getState().generateArrangement();
    const before = store.getState().arrangeSong!;
    store.getState().setArrangeSelection(moveSelection(null, 'down', false, 0, 8));
    const infill = store.getState().infillSelection();
    const job = (partial?: PartialSong): Job => ({
      id: 'job-infill',
      kind: 'music.infill',
      label: 'rewrite',
      state: 'running',
      progress: { fraction: 0.5, ...(partial ? { partial } : {}) },
      position: null,
      createdAt: '2026-12-07T00:00:00.000Z',
      startedAt: '2026-12-07T00:00:00.000Z',
      finishedAt: null,
      error: null,
    });
    const written: PartialSong = {
      variation: 0,
      bars: 8,
      writtenBars: 1,
      tracks: arrangeTracksFixture(8, 12),
      filledCells: [{ track: 'melody', bar: 0 }],
    };
    bridge.emit('jobs.didChange', job());
    expect(store.getState().arrangeActivity).not.toHaveProperty('partial');
    bridge.emit('jobs.didChange', job(written));
    bridge.emit('jobs.didChange', {
      ...job(written),
      kind: 'music.generate',
      progress: { partial: { ...written, bars: 2 } },
    });
    expect(store.getState().arrangeActivity).toMatchObject({
      state: 'working',
      partial: { bars: 8, filledCells: [{ track: 'melody', bar: 0 }] },
    });
    store.getState().applyJob(job(written));
    await store.getState().cancelArrange();
    await infill;
    expect(store.getState().arrangeActivity).toEqual({ state: 'idle' });
    expect(store.getState().arrangeError?.code).toBe('CANCELLED');
    expect(store.getState().arrangeSong).toEqual(before);
    // Events after the call ended draw nothing.
    bridge.emit('jobs.didChange', job(written));
    expect(store.getState().arrangeActivity).toEqual({ state: 'idle' });

    // Cancelled before main announced its job (Esc right after Arrange): the job is cancelled once it is announced.
    store.getState().applyJob({ ...job(), state: 'cancelled', finishedAt: '2026-12-07T00:00:01.000Z' });
    const again = store.getState().infillSelection();
    const cancelling = store.getState().cancelArrange();
    expect(bridge.calls.filter((call) => call.method === 'jobs.cancel')).toHaveLength(1);
    // The app shell applies each jobs.didChange to the store; that is where the cancel sees the job announced.
    store.getState().applyJob({ ...job(written), id: 'job-late' });
    await cancelling;
    expect(bridge.calls.at(-1)).toEqual({ method: 'jobs.cancel', request: { id: 'job-late' } });
    await again;
    expect(store.getState().arrangeError?.code).toBe('CANCELLED');
    expect(store.getState().arrangeSong).toEqual(before);
  });
});
