// Generates the arrange model's evaluation sets (config.json "evaluation") through the real music.arrange pipeline and
// writes them for mosaic_music.arrange_evaluate. Usage:
//   node --import tsx models/tools/arrange-generate-sets.ts PACKAGE_DIR CONFIG_JSON OUT_JSON
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrangeResult } from '../../contract/arrange.js';
import { pitchClassNames, scaleNames, type MusicKey, type MusicResult } from '../../contract/music.js';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import { graphFile, type MusicVariant } from './music-task-runner.js';

interface EvaluationSet {
  name: string;
  /**
   * A single-track package to compare with (e.g. "music-melody/1.1.0", under models/packages) and its task: its clips
   * are measured as songs holding that one track. Absent: the arrange package being evaluated.
   */
  compare?: { package: string; task: 'music.melody' | 'music.drums' };
  /** Parameters of every run; `keys: "cycle"` gives run i the i-th of the 24 major/minor keys. */
  params: Record<string, unknown>;
  runs: number;
  variations: number;
  keys?: 'cycle';
}

interface EvaluationConfig {
  evaluation: { bars: number; variant?: MusicVariant; sets: EvaluationSet[] };
}

const [packageDir, configPath, outPath] = process.argv.slice(2);
if (!packageDir || !configPath || !outPath) {
  throw new Error('usage: arrange-generate-sets.ts PACKAGE_DIR CONFIG_JSON OUT_JSON');
}
const { evaluation } = JSON.parse(readFileSync(configPath, 'utf8')) as EvaluationConfig;
const variant = evaluation.variant ?? 'int8';
const manifest = JSON.parse(readFileSync(join(packageDir, 'manifest.json'), 'utf8')) as {
  maxPositions: number;
  defaults?: Record<string, unknown>;
};
const runtime = createInProcessRuntime({ intraOpThreads: 1 });
const majorMinor = scaleNames.slice(0, 2);
const output = [];
let id = 1;
try {
  for (const set of evaluation.sets) {
    const clips = [];
    /** Each run's generation time (ms), for medians. */
    const runMs: number[] = [];
    /** Each arrange run's decoded tokens (all variations), so runs of different lengths compare per token. */
    const runTokens: number[] = [];
    let totalMs = 0;
    for (let run = 0; run < set.runs; run += 1) {
      const key: MusicKey | undefined =
        set.keys === 'cycle'
          ? { tonic: pitchClassNames[run % 12]!, scale: majorMinor[Math.floor(run / 12) % 2]! }
          : undefined;
      const params = {
        ...set.params,
        ...(key ? { key } : {}),
        bars: evaluation.bars,
        variations: set.variations,
        seed: 2000 + run,
      };
      if (set.compare) {
        const dir = join(packageDir, '..', '..', set.compare.package);
        const single = (await runtime.handle({
          id: id++,
          op: 'task',
          task: set.compare.task,
          modelPath: join(dir, graphFile(variant)),
          modelDir: dir,
          maxPositions: (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { maxPositions: number })
            .maxPositions,
          params,
        })) as MusicResult;
        totalMs += single.timing.totalMs;
        runMs.push(single.timing.totalMs);
        const track = set.compare.task === 'music.melody' ? 'melody' : 'drums';
        for (const variation of single.variations)
          clips.push({
            key: single.key,
            tracks: { [track]: variation.notes.map((n) => [n.start, n.duration, n.pitch, n.velocity]) },
          });
        continue;
      }
      const result = (await runtime.handle({
        id: id++,
        op: 'task',
        task: 'music.arrange',
        modelPath: join(packageDir, graphFile(variant)),
        modelDir: packageDir,
        maxPositions: manifest.maxPositions,
        ...(manifest.defaults ? { modelDefaults: manifest.defaults } : {}),
        params,
      })) as ArrangeResult;
      totalMs += result.timing.totalMs;
      runMs.push(result.timing.totalMs);
      runTokens.push(result.variations.reduce((sum, variation) => sum + variation.stats.tokens, 0));
      for (const variation of result.variations) {
        const tracks: Record<string, unknown[]> = {};
        for (const track of variation.tracks) {
          tracks[track.track] =
            track.track === 'chords'
              ? (track.chords ?? []).map((chord) => [
                  chord.start,
                  chord.duration,
                  pitchClassNames.indexOf(chord.root),
                  chord.quality,
                  chord.velocity,
                ])
              : track.notes.map((note) => [note.start, note.duration, note.pitch, note.velocity]);
        }
        clips.push({ key: result.key, tracks });
      }
    }
    output.push({ name: set.name, bars: evaluation.bars, clips, totalMs, runMs, runTokens });
    process.stderr.write(`${set.name}: ${clips.length} songs in ${(totalMs / 1000).toFixed(1)} s\n`);
  }
} finally {
  await runtime.dispose();
}
writeFileSync(outPath, JSON.stringify({ variant, sets: output }));
