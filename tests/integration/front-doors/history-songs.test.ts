// Arranged songs in History over real HTTP (mosaic serve, the bundled music-arrange model): arrange, infill, harmonize
// and humanize runs are recorded as songs with a lane thumbnail drawn from their notes, regenerate exactly, and can be
// starred (history.keep) and listed by star; an unknown id is refused with NOT_FOUND.
import { describe, expect, it } from 'vitest';
import type { ArrangeRun, HistoryEntry, HistoryItem, SongTrack } from '../../../contract/index.js';
import { serveTempHome } from '../../support/served-home.js';

const served = serveTempHome();

const send = served.send;

const part = (tracks: readonly SongTrack[], name: string) => tracks.find((track) => track.track === name)!;

describe('arranged songs in History', () => {
  const runs: Record<string, ArrangeRun> = {};
  let items: HistoryItem[] = [];

  it('records arrange, infill, harmonize and humanize runs as songs, each with a lane per part', async () => {
    const arranged = await send<ArrangeRun>('POST', '/v1/music/arrange', { bars: 4, seed: 3, variations: 2 });
    expect(arranged.status).toBe(200);
    runs.arrange = arranged.json;
    const song = { tracks: arranged.json.result.variations[0]!.tracks, bars: 4 };
    const calls = {
      infill: { song, cells: [{ track: 'bass', fromBar: 1, toBar: 2 }], seed: 5 },
      harmonize: { song: { tracks: [part(song.tracks, 'melody')], bars: 4 }, add: ['chords', 'bass'], seed: 6 },
      humanize: { song: { tracks: [part(song.tracks, 'drums')], bars: 4 }, seed: 7 },
    };
    for (const [verb, body] of Object.entries(calls)) {
      const answer = await send<ArrangeRun>('POST', `/v1/music/${verb}`, body);
      expect(answer.status, verb).toBe(200);
      runs[verb] = answer.json;
    }

    const listed = await send<{ items: HistoryItem[]; total: number }>('GET', '/v1/history/list?kind=song');
    expect(listed.status).toBe(200);
    items = listed.json.items;
    expect(items.map((item) => [item.kind, item.method])).toEqual([
      ['song', 'music.humanize'],
      ['song', 'music.harmonize'],
      ['song', 'music.infill'],
      ['song', 'music.arrange'],
    ]);
    // Songs are a kind of their own: the single-part music list does not hold them.
    const music = await send<{ total: number }>('GET', '/v1/history/list?kind=music');
    expect(music.json.total).toBe(0);

    const [humanized, harmonized, infilled, arrangedItem] = items as [
      HistoryItem,
      HistoryItem,
      HistoryItem,
      HistoryItem,
    ];
    expect(arrangedItem.summary).toMatchObject({
      bars: 4,
      variations: 2,
      tracks: ['melody', 'chords', 'bass', 'drums'],
    });
    expect(arrangedItem.seed).toBe(3);
    expect(infilled.summary.label).toMatch(/^Infill of 2 cells: 4 bars of pop/);
    expect(harmonized.summary.label).toMatch(/^Harmonized: /);
    expect(humanized.summary.tracks).toEqual(['drums']);
    // The thumbnail's lanes are the first variation's parts, note for note (as [pitch, start, duration]).
    const first = runs.arrange!.result.variations[0]!;
    expect(arrangedItem.preview.lanes!.map((lane) => lane.track)).toEqual(['melody', 'chords', 'bass', 'drums']);
    for (const lane of arrangedItem.preview.lanes!)
      expect(lane.notes).toEqual(part(first.tracks, lane.track).notes.map((n) => [n.pitch, n.start, n.duration]));
    expect(arrangedItem.preview.ticks).toBe(4 * 1920);
  }, 120_000);

  it('reopens a song run whole and regenerates an infill exactly', async () => {
    const infilled = items.find((item) => item.method === 'music.infill')!;
    const entry = await send<HistoryEntry>('POST', '/v1/history/get', { id: infilled.id });
    expect(entry.json.run).toEqual(runs.infill!);
    const again = await send<ArrangeRun>('POST', '/v1/history/regenerate', { id: infilled.id });
    expect(again.status).toBe(200);
    expect(again.json.result.variations.map((v) => v.tracks)).toEqual(
      runs.infill!.result.variations.map((v) => v.tracks),
    );
  }, 60_000);

  it('stars an entry, lists the starred ones, unstars it, and refuses an unknown id', async () => {
    const target = items.find((item) => item.method === 'music.arrange')!;
    const starred = await send<{ id: string; kept: boolean }>('POST', '/v1/history/keep', { id: target.id });
    expect(starred).toEqual({ status: 200, json: { id: target.id, kept: true, keptVariations: [] } });
    const kept = await send<{ items: HistoryItem[]; total: number }>('GET', '/v1/history/list?kept=true');
    expect(kept.json.items.map((item) => [item.id, item.kept])).toEqual([[target.id, true]]);
    const others = await send<{ total: number }>('GET', '/v1/history/list?kept=false');
    expect(others.json.total).toBe(4); // The regeneration above is an entry too.
    await send('POST', '/v1/history/keep', { id: target.id, kept: false });
    expect((await send<{ total: number }>('GET', '/v1/history/list?kept=true')).json.total).toBe(0);
    // A workspace stars the variation it shows, knowing the run's job id.
    const variation = await send('POST', '/v1/history/keep', { jobId: runs.arrange!.jobId, variation: 1 });
    expect(variation.json).toEqual({ id: target.id, kept: true, keptVariations: [1] });
    const listed = await send<{ items: HistoryItem[] }>('GET', '/v1/history/list?kept=true');
    expect(listed.json.items.map((item) => [item.id, item.keptVariations])).toEqual([[target.id, [1]]]);
    const both = await send('POST', '/v1/history/keep', { id: target.id, jobId: runs.arrange!.jobId });
    expect(both.status).toBe(400);
    const missing = await send<{ error: { code: string; message: string } }>('POST', '/v1/history/keep', {
      id: 'no-such-entry',
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    expect(missing.json.error.message).toMatch(/history\.list/);
  });
});
