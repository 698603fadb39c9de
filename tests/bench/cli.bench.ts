// CLI benchmark: the wall time of `mosaic music generate --bars 8 --out x.mid` as a user's shell sees it (process start
// to exit, the built bin/mosaic.js), cold (no service on its MOSAIC_HOME: the command starts its own engine and
// inference host) and warm (`mosaic serve` running on its MOSAIC_HOME: the command is its client), taking turns so
// that both see the same machine, against the goals (warm ≤ 0.5 s, cold ≤ 2 s); and whether both ways write
// the same bytes for the same seed. With `--cli-baseline=<another checkout>/bin/mosaic.js` (built), that CLI takes
// turns too, on the same data folders and service: how this one compares with an earlier build on the same machine.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPackageRoot } from '../../main/platform/paths.js';
import { startMosaicServe } from '../support/mosaic-serve.js';
import { createTempHome } from '../support/temp-home.js';
import { fixed, markdownTable, median, percentile } from './bench-stats.js';

const run = promisify(execFile);
const goals = { cold: 2000, warm: 500 };
type Mode = keyof typeof goals;

export async function runCliBench(repeats = 11, baselineBin?: string): Promise<string> {
  const home = await createTempHome('mosaic-bench-cli-');
  const bins = {
    current: join(findPackageRoot(), 'bin', 'mosaic.js'),
    ...(baselineBin ? { baseline: baselineBin } : {}),
  };
  type Build = keyof typeof bins;
  const envOf = (mode: Mode) => ({
    ...process.env,
    MOSAIC_HOME: join(home.path, mode),
    MOSAIC_EP: 'cpu',
    MOSAIC_APP_CATALOG: '',
    MOSAIC_URL: undefined,
  });
  const out = (mode: Mode, seed: number, build: Build = 'current') =>
    join(home.path, 'clips', build, mode, `${seed}.mid`);
  /** One run's wall time in ms, from spawning the process to its exit. */
  const generate = async (mode: Mode, seed: number, build: Build = 'current'): Promise<number> => {
    const started = performance.now();
    const args = [
      bins[build]!,
      'music',
      'generate',
      '--bars',
      '8',
      '--seed',
      String(seed),
      '--out',
      out(mode, seed, build),
    ];
    const { stderr } = await run(process.execPath, args, { env: envOf(mode) });
    const elapsed = performance.now() - started;
    if (stderr.includes('running in the service') !== (mode === 'warm')) {
      throw new Error(`a ${mode} run ${mode === 'warm' ? 'did not reach' : 'reached'} a service: ${stderr}`);
    }
    return elapsed;
  };
  const times: Record<Build, Record<Mode, number[]>> = {
    current: { cold: [], warm: [] },
    baseline: { cold: [], warm: [] },
  };
  const server = await startMosaicServe({ ...envOf('warm'), MOSAIC_LOG_LEVEL: 'warn' });
  try {
    // Not measured: the first run in each data folder installs the bundled models; the service's loads the model.
    await generate('cold', 0);
    await generate('warm', 0);
    const turns = (Object.keys(bins) as Build[]).flatMap((build) =>
      (['cold', 'warm'] as const).map((mode) => ({ build, mode })),
    );
    for (let seed = 1; seed <= repeats; seed++) {
      // Taking turns, in an order that rotates from one seed to the next.
      for (const [index] of turns.entries()) {
        const { build, mode } = turns[(index + seed) % turns.length]!;
        times[build][mode].push(await generate(mode, seed, build));
      }
    }
  } finally {
    await server.stop();
  }
  try {
    let identical = 0;
    for (let seed = 1; seed <= repeats; seed++) {
      const [cold, warm] = await Promise.all([readFile(out('cold', seed)), readFile(out('warm', seed))]);
      if (cold.equals(warm)) identical++;
    }
    const row = (mode: Mode, how: string, build: Build = 'current') => {
      const ms = median(times[build][mode]);
      const spread = `${fixed(percentile(times[build][mode], 25))}–${fixed(percentile(times[build][mode], 75))}`;
      const label = build === 'current' ? mode : `${mode}, baseline`;
      return [label, how, fixed(ms), spread, `≤ ${goals[mode]} ms ${ms <= goals[mode] ? 'met' : 'missed'}`];
    };
    const baseline = baselineBin
      ? [
          row('cold', `\`${baselineBin}\`, no service`, 'baseline'),
          row('warm', `\`${baselineBin}\`, the same service`, 'baseline'),
        ]
      : [];
    const versus = baselineBin
      ? ` Against the baseline: cold ${fixed(median(times.baseline.cold) / median(times.current.cold), 2)}×, warm ${fixed(median(times.baseline.warm) / median(times.current.warm), 2)}× (baseline / this build).`
      : '';
    return [
      '### CLI',
      '',
      `\`mosaic music generate --bars 8 --seed N --out x.mid\` (seeds 1–${repeats}), wall time from spawning \`node bin/mosaic.js\` to its exit, median of ${repeats} runs each, cold and warm taking turns; not counted: each data folder's first run (it installs the bundled models; in the service it also loads the model).`,
      '',
      markdownTable(
        ['run', 'how', 'median ms', 'p25–p75 ms', 'goal'],
        [
          row('cold', 'no service on its MOSAIC_HOME: the command starts its own engine and inference host'),
          row('warm', '`mosaic serve` on its MOSAIC_HOME: the command is its client'),
          ...baseline,
        ],
      ),
      '',
      `Cold / warm: ${fixed(median(times.current.cold) / median(times.current.warm), 1)}×. The same MIDI bytes for the same seed, cold and warm: ${identical} of ${repeats} seeds.${versus}`,
    ].join('\n');
  } finally {
    await home.remove();
  }
}
