// Runs the built `mosaic` command as a user would, in its own process, against a given data folder.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPackageRoot } from '../../main/platform/paths.js';

const run = promisify(execFile);

/** A `mosaic …` runner for one MOSAIC_HOME; rejects (with `code`, `stdout`, `stderr`) on a non-zero exit. */
export function mosaicCli(home: () => string, env: NodeJS.ProcessEnv = {}) {
  return (...args: string[]) =>
    run(process.execPath, [join(findPackageRoot(), 'bin', 'mosaic.js'), ...args], {
      env: { ...process.env, MOSAIC_HOME: home(), MOSAIC_EP: 'cpu', ...env },
    });
}
