// The `mosaic music` verbs: generate, continue, drums, and the song verbs (arrange, infill, harmonize, humanize).
import type { MethodId } from './methods.js';
import { json, orderFlag } from './cli-verb-flags.js';
import type { CliDescriptor, CliFlag } from './cli-verb-types.js';

/** The sampling and conditioning flags every `mosaic music` verb takes. */
export const musicFlags = {
  variations: { type: 'string', hint: 'N' },
  temperature: { type: 'string', hint: 'T' },
  seed: { type: 'string', hint: 'S' },
  tempo: { type: 'string', hint: '120' },
  density: { type: 'string', hint: 'N' },
  style: { type: 'string', hint: 'pop|folk' },
  key: { type: 'string', hint: '"Bb minor"' },
  'no-lock': { type: 'boolean' },
  model: { type: 'string', hint: 'name[@version]' },
  out: { type: 'string', hint: 'clip.mid' },
  wav: { type: 'string', hint: 'clip.wav' },
  'wav-tail': { type: 'boolean' },
  json,
} as const satisfies Record<string, CliFlag>;

/** A melody's form over the bars it generates (none unless given). */
const melodyForm = {
  form: { type: 'string', hint: 'AABA' },
  repetition: { type: 'string', hint: '0.25' },
} as const satisfies Record<string, CliFlag>;

/** What every song verb writes, and how it is sampled. */
const songOutput = {
  variations: { type: 'string', hint: 'N' },
  temperature: { type: 'string', hint: 'T' },
  seed: { type: 'string', hint: 'S' },
  model: { type: 'string', hint: 'name[@version]' },
  out: { type: 'string', hint: 'song.mid' },
  wav: { type: 'string', hint: 'song.wav' },
  'wav-tail': { type: 'boolean' },
  json,
} as const satisfies Record<string, CliFlag>;

/** How a song is conditioned: key, style, tempo, form, parts' density. */
const songConditioning = {
  key: { type: 'string', hint: '"A minor"' },
  'no-lock': { type: 'boolean' },
  tempo: { type: 'string', hint: '96' },
  style: { type: 'string', hint: 'pop|folk' },
  'drum-style': { type: 'string', hint: 'pop' },
  form: { type: 'string', hint: 'AABA' },
  repetition: { type: 'string', hint: '0.25' },
  density: { type: 'string', hint: 'melody=4,drums=16' },
  ...songOutput,
} as const satisfies Record<string, CliFlag>;

/** "0=melody,Piano=chords": which part each track of a MIDI file given is. */
const trackMap = { map: { type: 'string', hint: '0=melody,Piano=chords' } } as const;

export const musicVerbs = {
  'music.generate': {
    verb: 'music generate',
    flags: {
      bars: { type: 'string', hint: '8' },
      ...musicFlags,
      range: { type: 'string', hint: '48-84' },
      ...melodyForm,
      ...orderFlag,
    },
    notes: [
      '--form AABA: bars of a repeated letter restate that section (--repetition of them note for note, the rest their first half)',
      "the WAV is loop-ready: exactly the clip's bars; --wav-tail adds 1 s of release instead",
      '--order taste: best first by what you kept and discarded (mosaic taste); each keeps its seed stream',
    ],
  },
  'music.continue': {
    verb: 'music continue',
    arguments: [{ name: '<primer.mid>' }],
    flags: {
      part: { type: 'string', hint: 'melody|drums' },
      bars: { type: 'string', hint: '8' },
      ...musicFlags,
      range: { type: 'string', hint: '48-84' },
      ...melodyForm,
    },
  },
  'music.drums': {
    verb: 'music drums',
    flags: {
      ...musicFlags,
      style: { type: 'string', hint: 'rock' },
      bars: { type: 'string', hint: '4' },
      follow: { type: 'string', hint: 'clip.mid' },
      ...orderFlag,
    },
  },
  'music.export': { through: 'music generate' },
  'music.arrange': {
    verb: 'music arrange',
    flags: {
      bars: { type: 'string', hint: '8' },
      tracks: { type: 'string', hint: 'melody,chords,bass,drums' },
      ...songConditioning,
      ...orderFlag,
    },
    notes: ['multi-track songs (melody, chords, bass, drums) as type-1 MIDI files and WAV mixes'],
  },
  'music.infill': {
    verb: 'music infill',
    arguments: [{ name: '<song.mid>' }, { name: '<b.mid>', optional: true }],
    flags: {
      track: { type: 'string', hint: 'bass' },
      bars: { type: 'string', hint: '3-4' },
      cells: { type: 'string', hint: '"melody:5,drums:7-8"' },
      between: { type: 'boolean' },
      ...trackMap,
      ...songConditioning,
    },
    notes: [
      'bars count from 1; every note outside the chosen cells is kept;',
      '--between a.mid b.mid --bars 4 writes the bars between two clips, then b',
    ],
  },
  'music.harmonize': {
    verb: 'music harmonize',
    arguments: [{ name: '<melody.mid>' }],
    flags: { add: { type: 'string', hint: 'chords,bass,drums' }, ...trackMap, ...songConditioning },
    notes: ['the melody kept note for note'],
  },
  'music.humanize': {
    verb: 'music humanize',
    arguments: [{ name: '<drums.mid>' }],
    flags: {
      'drum-style': { type: 'string', hint: 'funk' },
      tempo: { type: 'string', hint: '96' },
      ...trackMap,
      ...songOutput,
    },
    notes: ['real velocities and micro-timing, same hits'],
  },
  'music.exportSong': { through: 'music arrange' },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
