// Runs the independent dungeon checker (tests/support/dungeon_check.py, Python, no code shared with the agent) on
// dungeons as the pipeline answers them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dungeon } from '../../contract/dungeons.js';
import { findPackageRoot } from '../../main/platform/paths.js';

export const python = '/usr/bin/python3';
const checker = join(findPackageRoot(), 'tests/support/dungeon_check.py');

export interface Recount {
  checked: number;
  passed: number;
  failures: { index: number; problems: string[] }[];
}

export function recount(dungeons: readonly Dungeon[]): Recount {
  const folder = mkdtempSync(join(tmpdir(), 'dungeon-recount-'));
  try {
    const file = join(folder, 'dungeons.json');
    writeFileSync(file, JSON.stringify(dungeons));
    const completed = spawnSync(python, [checker, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (completed.status !== 0) throw new Error(`dungeon_check.py failed: ${completed.stderr}`);
    return JSON.parse(completed.stdout) as Recount;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
