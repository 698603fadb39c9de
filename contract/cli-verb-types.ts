// The shape of the `mosaic` command line's table (cli-verbs.ts): how a method appears as a verb, with its
// arguments and flags, or why it has none.

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
