// Exports of generated music: every MIDI file parses back with an independent parser (@tonejs/midi) with the same
// notes, tempo, time signature and track names, drums on channel 10; the WAV render is not silent and has the length
// the clip implies.
import { join } from 'node:path';
import ToneMidi from '@tonejs/midi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MusicResult } from '../../../contract/music.js';
import { clipFromResult, clipSeconds } from '../../../main/services/music/music-files/midi-clip.js';
import { primerFromMidi, readMidiFile, rhythmFromNotes } from '../../../main/services/music/music-files/midi-reader.js';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { WavRenderer } from '../../../main/services/music/music-files/wav-renderer.js';
import { MusicTaskRunner } from '../../../models/tools/music-task-runner.js';
import { repositoryRoot } from '../../unit/music/music-fixtures.js';

const packages = join(repositoryRoot, 'models', 'packages');
let melody: MusicResult;
let drums: MusicResult;
let renderer: WavRenderer;

beforeAll(async () => {
  const melodyRunner = new MusicTaskRunner(join(packages, 'music-melody', '1.0.0'));
  const drumsRunner = new MusicTaskRunner(join(packages, 'music-drums', '1.0.0'));
  melody = await melodyRunner.run('music.melody', { bars: 4, variations: 3, seed: 8, tempo: 96 });
  drums = await drumsRunner.run('music.drums', { bars: 4, variations: 2, seed: 8, tempo: 132, style: 'jazz' });
  await Promise.all([melodyRunner.dispose(), drumsRunner.dispose()]);
  renderer = await WavRenderer.load();
}, 60_000);

/** Notes as @tonejs/midi reads them back, in our units. */
function parsedNotes(track: InstanceType<typeof ToneMidi.Midi>['tracks'][number]) {
  return track.notes
    .map((note) => ({
      pitch: note.midi,
      start: note.ticks,
      duration: note.durationTicks,
      velocity: Math.round(note.velocity * 127),
    }))
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}

describe('MIDI export', () => {
  it('writes every variation as SMF type 1 that parses back with the same notes', () => {
    for (const [result, channel, trackName] of [
      [melody, 0, 'Melody'],
      [drums, 9, 'Drums'],
    ] as const) {
      result.variations.forEach((variation, index) => {
        const clip = clipFromResult(result, index);
        const bytes = writeMidiFile(clip);
        const parsed = new ToneMidi.Midi(bytes);
        expect(parsed.header.ppq).toBe(480);
        expect(parsed.header.name).toBe(clip.name);
        expect(parsed.header.tempos[0]?.bpm).toBeCloseTo(result.tempo, 3);
        expect(parsed.header.timeSignatures[0]?.timeSignature).toEqual([4, 4]);
        const part = parsed.tracks.find((track) => track.notes.length > 0)!;
        expect(part.name).toBe(trackName);
        expect(part.channel).toBe(channel);
        expect(part.notes.length).toBeGreaterThan(4);
        expect(parsedNotes(part)).toEqual(variation.notes);
        // The file's own bytes: format 1, a conductor track and the part.
        expect([...bytes.subarray(0, 4)]).toEqual([0x4d, 0x54, 0x68, 0x64]);
        expect(bytes[9]).toBe(1);
        expect(Buffer.from(bytes).toString('latin1').split('MTrk')).toHaveLength(3);
      });
    }
  });

  it('reads its own files back as primers', () => {
    const bytes = writeMidiFile(clipFromResult(drums, 1));
    const primer = primerFromMidi(readMidiFile(bytes), 'drums');
    expect(primer.tempo).toBeCloseTo(132, 3);
    expect(primer.notes).toEqual(drums.variations[1]!.notes.map((note) => ({ ...note })));
    expect(primer.bars).toBeLessThanOrEqual(5);
    const rhythm = rhythmFromNotes(primer.notes, 2);
    expect(rhythm.bars).toBe(2);
    expect(rhythm.steps.length).toBeGreaterThan(4);
    expect(rhythm.steps.every((step) => step >= 0 && step < 32)).toBe(true);
  });
});

describe('WAV render', () => {
  it('renders a clip that is not silent, with the expected length', async () => {
    for (const result of [melody, drums]) {
      const clip = clipFromResult(result, 0);
      const seconds = clipSeconds(clip);
      expect(seconds).toBeCloseTo((4 * 4 * 60) / result.tempo, 6);
      const wav = await renderer.render(writeMidiFile(clip), { seconds, sampleRate: 22_050, tailSeconds: 1 });
      const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
      expect(String.fromCharCode(...wav.subarray(0, 4))).toBe('RIFF');
      expect(String.fromCharCode(...wav.subarray(8, 12))).toBe('WAVE');
      expect(view.getUint16(22, true)).toBe(2);
      expect(view.getUint32(24, true)).toBe(22_050);
      const dataOffset = findChunk(wav, 'data');
      const dataBytes = view.getUint32(dataOffset + 4, true);
      expect(dataBytes / 4).toBe(WavRenderer.frames(seconds, { sampleRate: 22_050, tailSeconds: 1 }));
      // Loudness per second: every second that holds notes must sound.
      const samples = new Int16Array(
        wav.buffer.slice(wav.byteOffset + dataOffset + 8, wav.byteOffset + dataOffset + 8 + dataBytes),
      );
      const secondRms = (second: number) => {
        let sum = 0;
        const from = second * 22_050 * 2;
        for (let i = from; i < from + 22_050 * 2; i += 1) sum += (samples[i]! / 32768) ** 2;
        return Math.sqrt(sum / (22_050 * 2));
      };
      const firstNoteSecond = Math.floor(((result.variations[0]!.notes[0]!.start / 480) * 60) / result.tempo);
      expect(secondRms(firstNoteSecond)).toBeGreaterThan(0.005);
      const sounding = Array.from({ length: Math.floor(seconds) }, (_, second) => secondRms(second)).filter(
        (rms) => rms > 0.002,
      );
      expect(sounding.length).toBeGreaterThanOrEqual(Math.floor(seconds) / 2);
    }
  }, 60_000);
});

function findChunk(wav: Uint8Array, name: string): number {
  let offset = 12;
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  while (offset + 8 <= wav.length) {
    if (String.fromCharCode(...wav.subarray(offset, offset + 4)) === name) return offset;
    offset += 8 + view.getUint32(offset + 4, true);
  }
  throw new Error(`no ${name} chunk`);
}
