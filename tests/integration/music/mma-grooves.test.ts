// MMA itself (Debian's mma) plays sampled library grooves; the Python MMA groove reader must read the same drum hits.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../unit/music/music-fixtures.js';

const python = '/usr/bin/python3';
const missing = !existsSync('/usr/bin/mma')
  ? 'the mma program is not installed (apt-get install mma; .ci/run installs it)'
  : !existsSync(python)
    ? 'python3 is not installed'
    : '';
if (missing) console.warn(`MMA groove check skipped: ${missing}`);

interface Agreement {
  grooves: number;
  folders: string[];
  grooves_identical: number;
  hit_recall: number;
  velocity_within_1: number;
  mma_errors: unknown[];
}

describe.skipIf(missing !== '')('MMA groove reader against MMA', () => {
  it('reads the drum hits MMA plays for 24 grooves across the library folders', () => {
    const completed = spawnSync(python, ['-m', 'mosaic_music.mma_check', '--count', '24', '--seed', '1'], {
      cwd: repositoryRoot,
      env: { ...process.env, PYTHONPATH: join(repositoryRoot, 'models', 'music-common') },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(completed.status, completed.stderr).toBe(0);
    const result = JSON.parse(completed.stdout) as Agreement;
    expect(result.grooves).toBe(24);
    expect(result.folders.length).toBeGreaterThanOrEqual(6);
    expect(result.mma_errors).toEqual([]);
    expect(result.grooves_identical).toBe(24);
    expect(result.hit_recall).toBeGreaterThanOrEqual(0.99);
    expect(result.velocity_within_1).toBeGreaterThanOrEqual(0.99);
  }, 180_000);
});
