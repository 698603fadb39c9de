// Runs the level benchmark (tests/bench/level.bench.ts) and keeps its table, with the machine's load, for the model card.
// node build/build.mjs --main-only && node --import tsx models/level-platformer/record-bench.ts
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runLevelBench } from '../../tests/bench/level.bench.js';

const before = loadavg()[0]!;
const table = await runLevelBench(20);
const after = loadavg()[0]!;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.versions.node}`;
const note = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; 1-minute load average ${before.toFixed(1)} before and ${after.toFixed(1)} after (other work shares the machine: a higher load slows every figure).`;
writeFileSync(join(new URL('.', import.meta.url).pathname, 'bench.md'), `${table}\n${note}\n`);
process.stdout.write(`${table}\n${note}\n`);
