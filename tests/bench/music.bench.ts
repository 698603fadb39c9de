// Music benchmark: median wall time of music.melody and music.drums requests through the real pipeline (in-process
// inference runtime, one intra-op thread, packaged models), against the goals. Every bundled version of a
// package is measured, newest first, so that a new version's speed is seen beside the one it replaces.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MusicResult } from '../../contract/music.js';
import { newestFirst } from '../../common/semantic-version.js';
import { findPackageRoot } from '../../main/platform/paths.js';
import { MusicTaskRunner, type MusicVariant } from '../../models/tools/music-task-runner.js';
import { fixed, markdownTable, median, repeat } from './bench-stats.js';

interface Case {
  label: string;
  task: 'music.melody' | 'music.drums';
  params: Record<string, unknown>;
  goalMs?: number;
}

const cases: Case[] = [
  { label: '8-bar melody', task: 'music.melody', params: { bars: 8, variations: 1 }, goalMs: 150 },
  { label: '8 variations × 8 bars', task: 'music.melody', params: { bars: 8, variations: 8 }, goalMs: 500 },
  { label: '8-bar melody, key lock', task: 'music.melody', params: { bars: 8, key: { tonic: 'A', scale: 'minor' } } },
  { label: '32-bar melody (sliding window)', task: 'music.melody', params: { bars: 32, variations: 1 } },
  { label: '8-bar drums', task: 'music.drums', params: { bars: 8, variations: 1 } },
  { label: '8 drum variations × 8 bars', task: 'music.drums', params: { bars: 8, variations: 8 } },
];

export async function runMusicBench(repeats = 7): Promise<string> {
  const root = findPackageRoot();
  const packageName = (task: Case['task']) => (task === 'music.melody' ? 'music-melody' : 'music-drums');
  const versionsOf = (task: Case['task']) => {
    const folder = join(root, 'models', 'packages', packageName(task));
    if (!existsSync(folder)) return [];
    return newestFirst(readdirSync(folder)).filter((version) => MusicTaskRunner.exists(join(folder, version)));
  };
  const tasks: Case['task'][] = ['music.melody', 'music.drums'];
  const versions = tasks.map(versionsOf);
  if (versions.some((list) => list.length === 0)) {
    return '### Music\n\nNo music packages under models/packages (build them with mosaic_music.package).\n';
  }
  const rows: (string | number)[][] = [];
  const measured = tasks.flatMap((task, index) => versions[index]!.map((version) => ({ task, version })));
  for (const variant of ['int8', 'fp32'] as MusicVariant[]) {
    for (const { task, version } of measured) {
      const runner = new MusicTaskRunner(join(root, 'models', 'packages', packageName(task), version), variant, 1);
      try {
        for (const benchCase of cases.filter((entry) => entry.task === task)) {
          let last: MusicResult | undefined;
          let seed = 0;
          const times = await repeat(repeats, async () => {
            const started = performance.now();
            last = await runner.run(benchCase.task, { ...benchCase.params, seed: seed++ });
            return performance.now() - started;
          });
          const notes = last!.variations.reduce((sum, variation) => sum + variation.stats.notes, 0);
          const ms = median(times);
          rows.push([
            benchCase.label,
            `${packageName(task)} ${version}`,
            variant,
            fixed(ms, 1),
            benchCase.goalMs ? `${benchCase.goalMs} ms ${ms <= benchCase.goalMs ? 'met' : 'missed'}` : '',
            notes,
            fixed((notes / ms) * 1000, 0),
            fixed(last!.timing.tokensPerSecond, 0),
            last!.timing.windows,
          ]);
        }
      } finally {
        await runner.dispose();
      }
    }
  }
  return [
    '### Music',
    '',
    `Median of ${repeats} requests (after one warm-up) through MelodyPipeline / DrumsPipeline in the inference runtime, one intra-op thread; wall time includes tokenizing, windows, constraints and statistics.`,
    '',
    markdownTable(
      ['request', 'model', 'graph', 'median ms', 'goal', 'notes (last run)', 'notes/s', 'tokens/s', 'windows'],
      rows,
    ),
    '',
  ].join('\n');
}
