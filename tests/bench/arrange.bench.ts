// Arrange benchmark: median wall time of music.arrange requests (a new 4-track song, a 2-bar infill, chords and bass
// under a melody, a melody alone) through a real forked inference host on one intra-op thread, and the host's peak
// memory with the model loaded, against the goals. Every bundled version of music-arrange is measured.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrangeResult, TaskParamsInput } from '../../contract/index.js';
import { newestFirst } from '../../common/semantic-version.js';
import { findPackageRoot } from '../../main/platform/paths.js';
import { graphFile, type MusicVariant } from '../../models/tools/music-task-runner.js';
import { startBenchHost } from './bench-host.js';
import { fixed, markdownTable, median, repeat } from './bench-stats.js';

type Params = TaskParamsInput<'music.arrange'>;

interface Case {
  label: string;
  /** The request; `song` cases get the tracks of a fresh 8-bar, 4-track arrangement. */
  params: (song: ArrangeResult) => Params;
  goalMs?: number;
}

const key = { tonic: 'A', scale: 'minor' } as const;
const songTracks = (song: ArrangeResult) => song.variations[0]!.tracks;
const cases: Case[] = [
  { label: '4 tracks × 8 bars', params: () => ({ bars: 8, key }), goalMs: 1000 },
  { label: '4 tracks × 8 bars, 4 variations', params: () => ({ bars: 8, key, variations: 4 }) },
  {
    label: 'infill 2 bars of the bass',
    params: (song) => ({ bars: 8, key, song: songTracks(song), fill: [{ track: 'bass', fromBar: 2, toBar: 3 }] }),
    goalMs: 250,
  },
  {
    label: 'harmonize an 8-bar melody (chords, bass)',
    params: (song) => ({
      bars: 8,
      key,
      tracks: ['melody', 'chords', 'bass'],
      song: songTracks(song).filter((track) => track.track === 'melody'),
    }),
  },
  { label: '8-bar melody alone', params: () => ({ bars: 8, key, tracks: ['melody'] }), goalMs: 150 },
];

export async function runArrangeBench(repeats = 7): Promise<string> {
  const root = findPackageRoot();
  const folder = join(root, 'models', 'packages', 'music-arrange');
  const versions = existsSync(folder)
    ? newestFirst(readdirSync(folder)).filter((version) => existsSync(join(folder, version, 'manifest.json')))
    : [];
  if (versions.length === 0) return '### Arranged songs\n\nNo music-arrange package under models/packages.\n';
  const rows: (string | number)[][] = [];
  const memory: (string | number)[][] = [];
  for (const version of versions) {
    const packageDir = join(folder, version);
    const { maxPositions } = JSON.parse(readFileSync(join(packageDir, 'manifest.json'), 'utf8')) as {
      maxPositions: number;
    };
    for (const variant of ['int8', 'fp32'] as MusicVariant[]) {
      const host = await startBenchHost();
      try {
        const run = (params: Params) =>
          host.request({
            op: 'task',
            task: 'music.arrange',
            modelPath: join(packageDir, graphFile(variant)),
            modelDir: packageDir,
            maxPositions,
            params,
          }) as Promise<ArrangeResult>;
        const song = await run({ bars: 8, key, seed: 99 });
        for (const benchCase of cases) {
          let last: ArrangeResult | undefined;
          let seed = 0;
          const times = await repeat(repeats, async () => {
            const started = performance.now();
            last = await run({ ...benchCase.params(song), seed: seed++ });
            return performance.now() - started;
          });
          const ms = median(times);
          const notes = last!.variations.reduce((sum, variation) => sum + variation.stats.notes, 0);
          rows.push([
            benchCase.label,
            `music-arrange ${version}`,
            variant,
            fixed(ms, 1),
            benchCase.goalMs ? `${benchCase.goalMs} ms ${ms <= benchCase.goalMs ? 'met' : 'missed'}` : '',
            notes,
            fixed(last!.timing.tokensPerSecond, 0),
          ]);
        }
        const metrics = await host.request({ op: 'metrics' });
        const peakMb = metrics.peakRssBytes / 2 ** 20;
        memory.push([
          `music-arrange ${version}`,
          variant,
          fixed(peakMb, 0),
          `400 MB ${peakMb <= 400 ? 'met' : 'missed'}`,
        ]);
      } finally {
        await host.dispose();
      }
    }
  }
  return [
    '### Arranged songs',
    '',
    `Median of ${repeats} requests (after one warm-up) to music.arrange in a forked inference host on one intra-op thread; wall time includes planning, both sequences (pitched parts, drums), windows, constraints, chord voicing and statistics. Notes are those written (last run).`,
    '',
    markdownTable(['request', 'model', 'graph', 'median ms', 'goal', 'notes written', 'tokens/s'], rows),
    '',
    'Peak resident memory of the inference host after every request above (the model loaded, one graph):',
    '',
    markdownTable(['model', 'graph', 'peak RSS MB', 'goal'], memory),
    '',
  ].join('\n');
}
