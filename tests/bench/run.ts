// `npm run bench`: every benchmark in one run, printed as markdown (and written to out/bench/report.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';
import { packageModels, referenceModels } from './bench-models.js';
import { runArrangeBench } from './arrange.bench.js';
import { runCliBench } from './cli.bench.js';
import { runDungeonBench } from './dungeon.bench.js';
import { runInferenceBench } from './inference.bench.js';
import { runLevelBench } from './level.bench.js';
import { runModelInstallBench } from './model-install.bench.js';
import { runMusicBench } from './music.bench.js';
import { runRemoteOipBench } from './remote-oip.bench.js';

const only = process.argv
  .slice(2)
  .find((argument) => argument.startsWith('--only='))
  ?.slice('--only='.length);
const sections: string[] = [
  `## Benchmarks (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${platform()}-${arch()}, Node ${process.versions.node})`,
];

if (!only || only === 'inference') {
  const models = [...referenceModels(), ...packageModels()];
  sections.push(
    models.length > 0
      ? await runInferenceBench(models)
      : '### Inference\n\nNo benchmark models (needs /usr/bin/python3 with torch to export the reference decoder).\n',
  );
}
if (!only || only === 'level') sections.push(await runLevelBench());
if (!only || only === 'dungeon') sections.push(await runDungeonBench());
if (!only || only === 'music') sections.push(await runMusicBench());
if (!only || only === 'arrange') sections.push(await runArrangeBench());
if (!only || only === 'remote-oip') sections.push(await runRemoteOipBench());
if (!only || only === 'install') sections.push(await runModelInstallBench());
const cliBaseline = process.argv
  .slice(2)
  .find((argument) => argument.startsWith('--cli-baseline='))
  ?.slice('--cli-baseline='.length);
if (!only || only === 'cli') sections.push(await runCliBench(11, cliBaseline));
const report = sections.join('\n\n');
const folder = join(findPackageRoot(), 'out', 'bench');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'report.md'), `${report}\n`);
process.stdout.write(`${report}\n`);
