// Arranged songs as a WAV mix, checked with Python's wave module: 16-bit stereo at 44.1 kHz like every WAV export,
// exactly the song's bars long as a loop (plus 1 s as a one-shot), sounding throughout, at full scale without clipping.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArrangeResult } from '../../../contract/arrange.js';
import { exportSong, type SongWavRendering } from '../../../main/services/music/music-files/song-export.js';
import { WavRenderer } from '../../../main/services/music/music-files/wav-renderer.js';
import { wavByPython, wavLengthOf } from '../../support/independent-readers.js';
import { arrangedSong } from '../../unit/main/services/music/music-files/song-fixture.js';

let wav: SongWavRendering;

beforeAll(async () => {
  const renderer = await WavRenderer.load();
  wav = { render: (midi, seconds, end) => renderer.render(midi, { seconds, end }) };
}, 60_000);

async function wavOf(song: ArrangeResult, wavEnd: 'loop' | 'tail'): Promise<Uint8Array> {
  const { files } = await exportSong(song, 0, 'wav', { name: 'mix', wavEnd, wav });
  expect(files.map((file) => [file.name, file.mediaType])).toEqual([['mix.wav', 'audio/wav']]);
  return Buffer.from(files[0]!.base64, 'base64');
}

describe('exportSong as WAV', () => {
  it('mixes a loop exactly the song long, sounding in every second, peak-normalised without clipping', async () => {
    const song = arrangedSong(4, 96); // 4 bars at 96 bpm: 10 s
    const facts = wavByPython(await wavOf(song, 'loop'));
    if (!facts) return; // no Python here
    expect([facts.channels, facts.sampleWidth, facts.rate]).toEqual([2, 2, 44_100]);
    expect(facts.frames).toBe(441_000);
    expect(facts.peak).toBeGreaterThan(30_000);
    expect(facts.peak).toBeLessThanOrEqual(32_767);
    expect(facts.secondRms).toHaveLength(10);
    for (const rms of facts.secondRms) expect(rms).toBeGreaterThan(0.02);
  }, 60_000);

  it('is as long as the bars at any tempo, and one second longer with a tail', async () => {
    const song = arrangedSong(3, 97);
    const seconds = (3 * 4 * 60) / 97;
    expect(wavLengthOf(await wavOf(song, 'loop')).frames).toBe(Math.round(seconds * 44_100));
    expect(wavLengthOf(await wavOf(song, 'tail')).frames).toBe(Math.round(seconds * 44_100) + 44_100);
  }, 60_000);

  it('refuses a WAV without a renderer to make it', async () => {
    await expect(exportSong(arrangedSong(), 0, 'wav')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
