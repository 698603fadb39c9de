// The music domain for the front doors: melodies, continuations and drum grooves through the music pipelines, and
// exports as MIDI (in process) and WAV (rendered in a worker thread).
import { randomInt } from 'node:crypto';
import type { MusicNote, ParsedRequestOf, ResponseOf } from '../../../contract/index.js';
import { MosaicError, taskTable } from '../../../contract/index.js';
import type { CallContext } from '../engine/contract-dispatcher.js';
import { clipFromResult, clipSeconds } from './music-files/midi-clip.js';
import { primerFromMidi, readMidiFile, rhythmFromNotes } from './music-files/midi-reader.js';
import { writeMidiFile } from './music-files/midi-writer.js';
import type { WavRenderService } from './music-files/wav-render-service.js';
import type { TaskRunner } from '../engine/task-runner.js';

type MusicRun = ResponseOf<'music.generate'>;

export class MusicService {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly wav: WavRenderService,
  ) {}

  async generate(request: ParsedRequestOf<'music.generate'>, context: CallContext): Promise<MusicRun> {
    const { model, seed = randomSeed(), ...fields } = request;
    const run = await this.tasks.run(
      taskTable['music.melody'],
      {
        kind: 'music.generate',
        label: `${fields.variations} × ${fields.bars} bars`,
        model,
        params: { mode: 'generate', ...fields, seed },
      },
      context,
    );
    return { ...run, seed };
  }

  async continue(request: ParsedRequestOf<'music.continue'>, context: CallContext): Promise<MusicRun> {
    const { primerMidi, track } = request;
    const parsed =
      primerMidi === undefined
        ? null
        : primerFromMidi(
            readMidiFile(decodeBase64(primerMidi, 'primerMidi'), 'The primer (primerMidi)'),
            request.part,
            track,
          );
    const primer = parsed ? { notes: parsed.notes, bars: parsed.bars } : request.primer!;
    const seed = request.seed ?? randomSeed();
    const job = {
      kind: 'music.continue',
      label: `continue ${primer.notes.length} notes by ${request.bars} bars`,
      model: request.model,
    };
    const given = { mode: 'continue', primer, tempo: request.tempo ?? parsed?.tempo ?? 120, seed } as const;
    const run =
      request.part === 'drums'
        ? await this.tasks.run(
            taskTable['music.drums'],
            { ...job, params: { ...taskFields(request), ...given } },
            context,
          )
        : await this.tasks.run(
            taskTable['music.melody'],
            { ...job, params: { ...taskFields(request), ...given } },
            context,
          );
    return { ...run, seed };
  }

  async drums(request: ParsedRequestOf<'music.drums'>, context: CallContext): Promise<MusicRun> {
    const { model, seed = randomSeed(), followMidi, followBars, ...fields } = request;
    const rhythm = followMidi === undefined ? fields.rhythm : rhythmFromNotes(notesOf(followMidi), followBars);
    const run = await this.tasks.run(
      taskTable['music.drums'],
      {
        kind: 'music.drums',
        label: `${fields.variations} × ${fields.bars} bars of ${fields.style}`,
        model,
        params: { mode: 'generate', ...fields, ...(rhythm ? { rhythm } : {}), seed },
      },
      context,
    );
    return { ...run, seed };
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
}

/** A continue request's fields that its task takes as they are (the primer, tempo and seed are worked out first). */
function taskFields<Request extends ParsedRequestOf<'music.continue'>>(request: Request) {
  const {
    part: _part,
    model: _model,
    seed: _seed,
    primer: _primer,
    primerMidi: _midi,
    track: _track,
    tempo: _tempo,
    ...fields
  } = request;
  return fields;
}

/** A seed for a request that names none, returned with the run so it can be replayed. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32);
}

/** Base64 (standard or URL-safe alphabet, padding optional), once line breaks and spaces are taken out. */
const base64Text = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The bytes of a base64-encoded file: an empty field or text outside the base64 alphabet is refused as such, never
 * decoded leniently into bytes that are then blamed on the file.
 */
export function decodeBase64(text: string, what: string): Uint8Array {
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
