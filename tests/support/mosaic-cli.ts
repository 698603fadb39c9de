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

/** What one `mosaic …` run ended with, failed or not. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `mosaic …` runner for one MOSAIC_HOME that resolves with the exit code instead of rejecting on a failure. */
export function mosaicCliOutcome(home: () => string, env: NodeJS.ProcessEnv = {}) {
  const cli = mosaicCli(home, env);
  return async (...args: string[]): Promise<CliOutcome> => {
    try {
      const { stdout, stderr } = await cli(...args);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as CliOutcome;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
}
