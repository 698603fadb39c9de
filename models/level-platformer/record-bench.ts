// Runs the level benchmark (tests/bench/level.bench.ts) over every bundled version of level-platformer, seed by seed in
// turn, and keeps its table, with the machine's load, for the newest version's card (reports/<version>/bench.md).
// node build/build.mjs --main-only && node --import tsx models/level-platformer/record-bench.ts [--versions 1.0.0,1.1.0]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { newestFirst } from '../../common/semantic-version.js';
import { bundledLevelVersions, runLevelBench } from '../../tests/bench/level.bench.js';
import { reportPath } from './recipes.js';

const named = process.argv.indexOf('--versions');
const versions = named > 0 ? process.argv[named + 1]!.split(',') : bundledLevelVersions();
const before = loadavg()[0]!;
const table = await runLevelBench(20, versions);
const after = loadavg()[0]!;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.versions.node}`;
const note = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; 1-minute load average ${before.toFixed(1)} before and ${after.toFixed(1)} after (other work shares the machine: a higher load slows every figure).`;
const out = reportPath(newestFirst(versions)[0]!, 'bench');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${table}\n${note}\n`);
process.stdout.write(`${table}\n${note}\nwritten to ${out}\n`);
