// The export methods name their files from a safe stem; the CLI writes those files under the name the user gave it.
import { basename } from 'node:path';
import { exportFileStemPattern } from '../../contract/index.js';

/** Asked of an export in place of a stem it would refuse ("A#minor", "mélodie", "(take 2)"). */
const standIn = 'mosaic-export';

export interface ExportNaming {
  /** The stem to send to music.export / levels.export. */
  name: string;
  /** Where a returned file goes in the user's folder: the export's own name for it, under the user's stem. */
  localName: (exported: string) => string;
}

/** How the files for `stem` (the --out file's name without its extension) are asked for and named on disk. */
export function exportNaming(stem: string): ExportNaming {
  const name = exportFileStemPattern.test(stem) ? stem : standIn;
  return {
    name,
    localName: (exported) => {
      // An engine (perhaps a running service) names files, never folders: keep only the last part.
      const file = basename(exported);
      return name !== stem && file.startsWith(`${name}.`) ? `${stem}${file.slice(name.length)}` : file;
    },
  };
}
