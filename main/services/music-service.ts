// The music domain for the front doors: melodies, continuations and drum grooves through the music pipelines, and
// exports as MIDI (in process) and WAV (rendered in a worker thread).
import { randomInt } from 'node:crypto';
import type { MusicNote, ParsedRequestOf, ResponseOf } from '../../contract/index.js';
import { MosaicError, musicResultSchema } from '../../contract/index.js';
import type { CallContext } from './contract-dispatcher.js';
import { clipFromResult, clipSeconds } from './music-export/midi-clip.js';
import { primerFromMidi, readMidiFile, rhythmFromNotes } from './music-export/midi-reader.js';
import { writeMidiFile } from './music-export/midi-writer.js';
import type { WavRenderService } from './music-export/wav-render-service.js';
import type { TaskRunner } from './task-runner.js';

type MusicRun = ResponseOf<'music.generate'>;

export class MusicService {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly wav: WavRenderService,
  ) {}

  generate(request: ParsedRequestOf<'music.generate'>, context: CallContext): Promise<MusicRun> {
    const { model, seed, ...fields } = request;
    return this.run(
      'music.generate',
      'music.melody',
      model,
      { mode: 'generate', ...fields },
      seed,
      context,
      `${fields.variations} × ${fields.bars} bars`,
    );
  }

  continue(request: ParsedRequestOf<'music.continue'>, context: CallContext): Promise<MusicRun> {
    const { model, seed, part, primer, primerMidi, track, tempo, ...fields } = request;
    const parsed =
      primerMidi === undefined
        ? null
        : primerFromMidi(readMidiFile(decodeBase64(primerMidi, 'primerMidi'), 'The primer (primerMidi)'), part, track);
    const notes = parsed ? { notes: parsed.notes, bars: parsed.bars } : primer!;
    const params = { mode: 'continue', ...fields, primer: notes, tempo: tempo ?? parsed?.tempo ?? 120 };
    const task = part === 'drums' ? 'music.drums' : 'music.melody';
    return this.run(
      'music.continue',
      task,
      model,
      params,
      seed,
      context,
      `continue ${notes.notes.length} notes by ${fields.bars} bars`,
    );
  }

  drums(request: ParsedRequestOf<'music.drums'>, context: CallContext): Promise<MusicRun> {
    const { model, seed, followMidi, followBars, ...fields } = request;
    const rhythm = followMidi === undefined ? fields.rhythm : rhythmFromNotes(notesOf(followMidi), followBars);
    const params = { mode: 'generate', ...fields, ...(rhythm ? { rhythm } : {}) };
    return this.run(
      'music.drums',
      'music.drums',
      model,
      params,
      seed,
      context,
      `${fields.variations} × ${fields.bars} bars of ${fields.style}`,
    );
  }

  async export(request: ParsedRequestOf<'music.export'>): Promise<ResponseOf<'music.export'>> {
    if (request.variation >= request.result.variations.length) {
      throw new MosaicError(
        'BAD_REQUEST',
        `The result has ${request.result.variations.length} variations, not ${request.variation + 1}.`,
      );
    }
    const clip = clipFromResult(request.result, request.variation, { name: request.name });
    const midi = writeMidiFile(clip);
    if (request.format === 'mid') {
      return {
        files: [{ name: `${request.name}.mid`, mediaType: 'audio/midi', base64: Buffer.from(midi).toString('base64') }],
      };
    }
    const wav = await this.wav.render(midi, clipSeconds(clip), request.wavEnd);
    return {
      files: [{ name: `${request.name}.wav`, mediaType: 'audio/wav', base64: Buffer.from(wav).toString('base64') }],
    };
  }

  private async run(
    kind: string,
    task: 'music.melody' | 'music.drums',
    model: ParsedRequestOf<'music.generate'>['model'],
    params: Record<string, unknown>,
    seed: number | undefined,
    context: CallContext,
    label: string,
  ): Promise<MusicRun> {
    const chosenSeed = seed ?? randomInt(0, 2 ** 32);
    const run = await this.tasks.run(
      { kind, label, selector: model, task, params: { ...params, seed: chosenSeed }, resultSchema: musicResultSchema },
      context,
    );
    return { ...run, seed: chosenSeed };
  }
}

/** Base64 (standard or URL-safe alphabet, padding optional), once line breaks and spaces are taken out. */
const base64Text = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The bytes of a base64-encoded file: an empty field or text outside the base64 alphabet is refused as such, never
 * decoded leniently into bytes that are then blamed on the file.
 */
function decodeBase64(text: string, what: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0)
    throw new MosaicError('BAD_REQUEST', `${what} is empty: send the .mid file's bytes, base64-encoded.`);
  if (!base64Text.test(compact) || compact.replace(/=+$/, '').length % 4 === 1)
    throw new MosaicError('BAD_REQUEST', `${what} is not base64 text: send the .mid file's bytes, base64-encoded.`);
  return Buffer.from(compact, 'base64');
}

/** Every note of a MIDI file (all tracks), resampled to 480 ticks per beat, for rhythm following. */
function notesOf(base64: string): MusicNote[] {
  const file = readMidiFile(decodeBase64(base64, 'followMidi'), 'The clip to follow (followMidi)');
  const part = file.tracks.some((track) => track.channel === 9) ? 'drums' : 'melody';
  return primerFromMidi(file, part).notes;
}
