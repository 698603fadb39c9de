// Exports one variation of an arranged song as a multi-track MIDI file or a WAV mix, as `music.export` files.
import type { ArrangeResult } from '../../../../contract/arrange.js';
import { MosaicError } from '../../../../contract/errors.js';
import type { ExportedFile } from '../../../../contract/level-methods.js';
import { clipSeconds } from './midi-clip.js';
import { writeMidiFile } from './midi-writer.js';
import { clipFromSong } from './song-clip.js';

/** What renders MIDI to WAV (the WavRenderService's worker in the app, a WavRenderer in tests). */
export interface SongWavRendering {
  render(midi: Uint8Array, seconds: number, end: 'loop' | 'tail'): Promise<Uint8Array>;
}

export interface SongExportOptions {
  /** File name without extension (default "song"); also the MIDI file's title. */
  name?: string;
  /** "loop" (default): exactly the song's bars, the release folded onto the start; "tail": plus 1 s of release. */
  wavEnd?: 'loop' | 'tail';
  /** Needed for "wav". */
  wav?: SongWavRendering;
}

/**
 * One variation as a Standard MIDI File type 1 (conductor track, then Melody, Chords, Bass, Drums, each with its General
 * MIDI program) or as a WAV mix of the same file rendered with each part's instrument, peak-normalised like every
 * WAV export. Both end on the last bar line.
 */
export async function exportSong(
  result: ArrangeResult,
  variation: number,
  format: 'mid' | 'wav',
  options: SongExportOptions = {},
): Promise<{ files: ExportedFile[] }> {
  const count = result.variations.length;
  if (!Number.isInteger(variation) || variation < 0 || variation >= count)
    throw new MosaicError(
      'BAD_REQUEST',
      count === 0
        ? 'The song has no variations to export: arrange it first.'
        : `The song has no variation ${variation}: pick ${count === 1 ? '0' : `0–${count - 1}`}.`,
    );
  const name = options.name ?? 'song';
  const clip = clipFromSong(result, variation, { name });
  const midi = writeMidiFile(clip);
  if (format === 'mid') return { files: [{ name: `${name}.mid`, mediaType: 'audio/midi', base64: base64(midi) }] };
  if (!options.wav) throw new MosaicError('INTERNAL', 'No audio renderer was given for the WAV export.');
  const wav = await options.wav.render(midi, clipSeconds(clip), options.wavEnd ?? 'loop');
  return { files: [{ name: `${name}.wav`, mediaType: 'audio/wav', base64: base64(wav) }] };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
