// How each contract method appears on the `mosaic` command line: its verb, positional arguments and flags. The CLI's
// usage and `--help` are built from this table and the methods' summaries, and its command switch dispatches on it
// (main/cli/command-table.ts); `mosaic call <method> [json]` reaches every method whatever this table says.
import type { MethodId } from './methods.js';

/** How a generic verb turns an argument's text into a request value. */
export type CliValueKind =
  /** as given */
  | 'string'
  /** a finite number */
  | 'number'
  /** `name` or `name@x.y.z`, spread into the request as `name` and `version` */
  | 'model-ref'
  /** `name` or `name@x.y.z`, sent as the request field `{name, version}` (a model selector) */
  | 'model'
  /** JSON text */
  | 'json';

export interface CliArgument {
  /** What the usage line calls it: `<id>`, `<level.txt|level.tmj>`. */
  name: string;
  /** The request field it fills (generic verbs). */
  field?: string;
  value?: CliValueKind;
  optional?: boolean;
}

export interface CliFlag {
  /** `string` takes a value (`--bars 8`); `boolean` is a switch (`--json`). */
  type: 'string' | 'boolean';
  /** The value shown in usage: `--bars 8`, `--key "Bb minor"`. */
  hint?: string;
  /** Shown without brackets: the verb needs it. */
  required?: boolean;
  multiple?: boolean;
  /** The request field a generic verb fills (a switch sets it true, or false when `negates`). */
  field?: string;
  value?: CliValueKind;
  negates?: boolean;
}

/** A method with a verb of its own. Several methods may share one verb (`ps` shows sessions and metrics). */
export interface CliVerb {
  /** The words after `mosaic`: `history list`, `models catalogs add`, `ps`. */
  verb: string;
  arguments?: readonly CliArgument[];
  flags?: Readonly<Record<string, CliFlag>>;
  /** Usage lines printed under the synopsis (what a flag means, a second form of the verb). */
  notes?: readonly string[];
  /** Other words that reach the same verb (`models use` for `models activate`). */
  aliases?: readonly string[];
}

/** A method reached by another method's verb (the files `music generate --out` writes come from music.export). */
export interface CliReachedThrough {
  through: string;
}

/** A method with no verb, and why: it is still reachable with `mosaic call`. */
export interface CliExcluded {
  excluded: string;
}

export type CliDescriptor = CliVerb | CliReachedThrough | CliExcluded;

const json = { type: 'boolean' } as const;

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

const levelFlags = {
  prompt: { type: 'string', hint: '"many pipes, some enemies, little blocks, low elevation"' },
  seed: { type: 'string', hint: 'N' },
  variations: { type: 'string', hint: 'N' },
  temperature: { type: 'string', hint: 'T' },
  model: { type: 'string', hint: 'name[@version]' },
  out: { type: 'string', hint: 'level.tmj|level.ldtk|level.png|level.txt' },
  format: { type: 'string', hint: 'tmj|ldtk|png|txt' },
  json,
} as const satisfies Record<string, CliFlag>;

/** `--order taste`: the variations best first by this data folder's taste (the generate methods' `order`). */
const orderFlag = { order: { type: 'string', hint: 'taste' } } as const satisfies Record<string, CliFlag>;

const modelRef = { name: '<name[@version]>' } as const;
const exactModelRef = { name: '<name@version>' } as const;
const reason = { reason: { type: 'string', hint: 'TEXT' } } as const;
const precision = { precision: { type: 'string', hint: 'fp32|fp16|int8' } } as const;

export const cliDescriptors = {
  // ── system ──
  'system.info': { verb: 'info' },
  'system.doctor': { verb: 'doctor', flags: { json } },
  'system.apiAccess': { verb: 'api-access' },
  'system.settings': { verb: 'settings' },
  'system.updateSettings': {
    excluded:
      'Settings → Inference in the Studio; scripts: mosaic call system.updateSettings \'{"inference":{"kind":"local"}}\'',
  },
  'inference.probe': {
    verb: 'probe',
    flags: { input: { type: 'string', hint: "'[[1,2,3,4]]'", field: 'input', value: 'json' } },
  },

  // ── inference host ──
  'inference.sessions': { verb: 'ps', flags: { json } },
  'inference.metrics': { through: 'ps' },
  'inference.load': {
    verb: 'load',
    arguments: [{ name: '<model[@version]>' }],
    flags: { 'keep-alive': { type: 'string', hint: '5m|0|forever' }, ...precision },
  },
  'inference.unload': { verb: 'unload', arguments: [{ name: '<model[@version]>' }] },
  'inference.generate': {
    verb: 'tokens',
    arguments: [{ name: '<model[@version]>' }],
    flags: {
      prompt: { type: 'string', hint: '"1 2 3"', required: true },
      max: { type: 'string', hint: 'N' },
      variations: { type: 'string', hint: 'N' },
      temperature: { type: 'string', hint: 'T' },
      'top-k': { type: 'string', hint: 'K' },
      'top-p': { type: 'string', hint: 'P' },
      seed: { type: 'string', hint: 'S' },
      ...precision,
      json,
    },
  },
  'jobs.list': { verb: 'jobs list' },
  'jobs.cancel': { verb: 'jobs cancel', arguments: [{ name: '<job-id>', field: 'id' }] },

  // ── levels ──
  'levels.generate': {
    verb: 'level generate',
    flags: { ...levelFlags, width: { type: 'string', hint: '100' }, ...orderFlag },
    notes: ['--order taste: best first by what you kept and discarded (mosaic taste); each keeps its seed stream'],
  },
  'levels.regenerate': {
    verb: 'level regenerate',
    arguments: [{ name: '<level.txt|level.tmj>' }],
    flags: { ...levelFlags, from: { type: 'string', hint: 'A', required: true }, to: { type: 'string', hint: 'B' } },
    notes: ['a .tmj: a map this app exported, also once edited and saved in Tiled; its prompt by default'],
  },
  'levels.export': { through: 'level generate' },
  'levels.tileset': { verb: 'level tileset' },

  // ── dungeons ──
  'dungeons.generate': {
    verb: 'dungeon generate',
    flags: {
      rooms: { type: 'string', hint: '12' },
      keys: { type: 'string', hint: '0-3' },
      enemies: { type: 'string', hint: '0.15' },
      blocks: { type: 'string', hint: '0.35' },
      elements: { type: 'string', hint: '0.3' },
      seed: { type: 'string', hint: 'N' },
      variations: { type: 'string', hint: 'N' },
      temperature: { type: 'string', hint: 'T' },
      model: { type: 'string', hint: 'name[@version]' },
      out: { type: 'string', hint: 'dungeon.tmj|dungeon.ldtk|dungeon.png|dungeon.txt' },
      format: { type: 'string', hint: 'tmj|ldtk|png|vglc' },
      json,
    },
    notes: [
      '--enemies, --blocks, --elements: from 0 (no room has any) to 1 (every room the most); defaults: the shares in the corpus; --keys: key → lock pairs',
    ],
  },
  'dungeons.regenerateRoom': {
    excluded: 'takes a whole dungeon as JSON (what dungeons.generate answers): mosaic call dungeons.regenerateRoom',
  },
  'dungeons.export': { through: 'dungeon generate' },

  // ── music ──
  'music.generate': {
    verb: 'music generate',
    flags: {
      bars: { type: 'string', hint: '8' },
      ...musicFlags,
      range: { type: 'string', hint: '48-84' },
      ...orderFlag,
    },
    notes: [
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

  // ── history ──
  'history.list': {
    verb: 'history list',
    flags: {
      kind: { type: 'string', hint: 'level|dungeon|music|song', field: 'kind' },
      kept: { type: 'boolean', field: 'kept' },
      offset: { type: 'string', hint: 'N', field: 'offset', value: 'number' },
      limit: { type: 'string', hint: 'N', field: 'limit', value: 'number' },
    },
  },
  'history.get': { verb: 'history get', arguments: [{ name: '<id>', field: 'id' }] },
  'history.regenerate': { verb: 'history regenerate', arguments: [{ name: '<id>', field: 'id' }] },
  'history.keep': {
    verb: 'history keep',
    arguments: [{ name: '<id>', field: 'id', optional: true }],
    flags: {
      'job-id': { type: 'string', hint: 'ID', field: 'jobId' },
      variation: { type: 'string', hint: 'N', field: 'variation', value: 'number' },
      unkeep: { type: 'boolean', field: 'kept', negates: true },
    },
    notes: ['by entry id or by --job-id (the job a run answered with); --variation stars one variation (from 0)'],
  },
  'history.remove': { verb: 'history remove', arguments: [{ name: '<id>', field: 'id' }] },
  'history.clear': { verb: 'history clear' },

  // ── taste ──
  'taste.feedback': {
    verb: 'taste feedback',
    arguments: [{ name: '<history-id>', field: 'historyId', optional: true }],
    flags: {
      'job-id': { type: 'string', hint: 'ID', field: 'jobId' },
      variation: { type: 'string', hint: 'N', field: 'variation', value: 'number', required: true },
      signal: { type: 'string', hint: 'keep|export|play|discard', field: 'signal', required: true },
    },
    notes: ['by history entry id or by --job-id; --variation counts from 0 in generated order'],
  },
  'taste.rank': {
    verb: 'taste rank',
    arguments: [{ name: '<history-id>', field: 'historyId', optional: true }],
    flags: { 'job-id': { type: 'string', hint: 'ID', field: 'jobId' } },
  },
  'taste.explain': {
    verb: 'taste explain',
    flags: { kind: { type: 'string', hint: 'melody|drums|song|level', field: 'kind' } },
  },
  'taste.status': { verb: 'taste status' },
  'taste.reset': {
    verb: 'taste reset',
    flags: { kind: { type: 'string', hint: 'melody|drums|song|level', field: 'kind' } },
  },
  'taste.configure': { verb: 'taste turn', arguments: [{ name: '<on|off>', field: 'enabled' }] },

  // ── model library ──
  'models.list': { verb: 'models list', flags: { json } },
  'models.show': { verb: 'models show', arguments: [modelRef], flags: { json } },
  'models.preview': {
    verb: 'models preview',
    arguments: [{ ...modelRef, value: 'model-ref' }],
    flags: { catalog: { type: 'string', hint: 'ID', field: 'catalogId' } },
  },
  'models.catalogs': { verb: 'models catalogs', flags: { json } },
  'models.addCatalog': {
    verb: 'models catalogs add',
    arguments: [{ name: '<url|folder>' }],
    flags: { id: { type: 'string', hint: 'ID' }, 'allow-http': { type: 'boolean' }, json },
  },
  'models.removeCatalog': { verb: 'models catalogs remove', arguments: [{ name: '<id>' }], flags: { json } },
  'models.install': {
    verb: 'models install',
    arguments: [modelRef],
    flags: { catalog: { type: 'string', hint: 'ID' }, 'no-activate': { type: 'boolean' }, json },
  },
  'models.jobs': { verb: 'models jobs' },
  'models.cancelInstall': {
    verb: 'models cancel-install',
    arguments: [{ name: '<job-id>', field: 'jobId' }],
  },
  'models.activate': {
    verb: 'models activate',
    aliases: ['models use'],
    arguments: [exactModelRef],
    flags: { ...reason, json },
  },
  'models.rollback': { verb: 'models rollback', arguments: [{ name: '<name>' }], flags: { ...reason, json } },
  'models.remove': {
    verb: 'models remove',
    arguments: [exactModelRef],
    flags: { force: { type: 'boolean' }, json },
    notes: ['--force for the active one, which hands over to the version active before it (or to none)'],
  },
  'models.history': { verb: 'models history', arguments: [{ name: '<name>', optional: true }], flags: { json } },
  'models.verify': {
    verb: 'models verify',
    flags: { repair: { type: 'boolean' }, json },
    notes: ['--repair fetches damaged blobs again'],
  },
  'models.gc': { verb: 'models gc', flags: { 'dry-run': { type: 'boolean' }, json } },
  'models.usage': { verb: 'models usage', flags: { json } },
  'models.export': {
    verb: 'models export',
    arguments: [exactModelRef],
    flags: {
      output: { type: 'string', hint: 'FILE' },
      triton: { type: 'string', hint: 'REPOSITORY' },
      precision: { type: 'string', hint: 'int8' },
      json,
    },
    notes: ['--triton writes into a Triton model repository instead of a bundle file'],
  },
  'models.exportTriton': { through: 'models export' },
  'models.import': {
    verb: 'models import',
    arguments: [{ name: '<file>' }],
    flags: { 'no-activate': { type: 'boolean' }, json },
  },
  'models.publish': {
    verb: 'models publish',
    arguments: [{ name: '<package-folder>' }],
    flags: { catalog: { type: 'string', hint: '<dir>', required: true }, force: { type: 'boolean' }, json },
  },
} as const satisfies Record<MethodId, CliDescriptor>;

export function isCliVerb(descriptor: CliDescriptor): descriptor is CliVerb {
  return 'verb' in descriptor;
}

/** The flags of a method's verb as `node:util` parseArgs options (what its handler parses). */
export function cliFlagsOf<M extends keyof typeof cliDescriptors>(
  method: M,
): (typeof cliDescriptors)[M] extends { flags: infer F } ? F : Record<string, never> {
  const descriptor = cliDescriptors[method] as CliDescriptor;
  return (isCliVerb(descriptor) ? (descriptor.flags ?? {}) : {}) as never;
}
