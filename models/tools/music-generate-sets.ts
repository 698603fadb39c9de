// Generates the evaluation sets a music model's config names, through the real pipeline, and writes them as JSON for
// mosaic_music.evaluate. Usage: node --import tsx models/tools/music-generate-sets.ts PACKAGE_DIR CONFIG_JSON OUT_JSON
import { readFileSync, writeFileSync } from 'node:fs';
import { pitchClassNames, scaleNames, type MusicKey } from '../../contract/music.js';
import { MusicTaskRunner, type MusicVariant } from './music-task-runner.js';

interface EvaluationSet {
  name: string;
  task: 'music.melody' | 'music.drums';
  /** Parameters of every run; `keys: "cycle"` gives run i the i-th of the 24 major/minor keys. */
  params: Record<string, unknown>;
  runs: number;
  keys?: 'cycle';
  /** Drum styles to cycle through, one per run. */
  styles?: string[];
}

interface EvaluationConfig {
  evaluation: { bars: number; variations: number; variant: MusicVariant; sets: EvaluationSet[] };
}

const [packageDir, configPath, outPath] = process.argv.slice(2);
if (!packageDir || !configPath || !outPath) {
  throw new Error('usage: music-generate-sets.ts PACKAGE_DIR CONFIG_JSON OUT_JSON');
}
const { evaluation } = JSON.parse(readFileSync(configPath, 'utf8')) as EvaluationConfig;
const runner = new MusicTaskRunner(packageDir, evaluation.variant);
const majorMinor = scaleNames.slice(0, 2);
const output = [];
try {
  for (const set of evaluation.sets) {
    const clips = [];
    let totalMs = 0;
    let tokensPerSecond = 0;
    for (let run = 0; run < set.runs; run += 1) {
      const key: MusicKey | undefined =
        set.keys === 'cycle'
          ? { tonic: pitchClassNames[run % 12]!, scale: majorMinor[Math.floor(run / 12) % 2]! }
          : undefined;
      const style = set.styles?.[run % set.styles.length];
      const params = {
        ...set.params,
        ...(key ? { key } : {}),
        ...(style ? { style } : {}),
        bars: evaluation.bars,
        variations: evaluation.variations,
        seed: 1000 + run,
      };
      const result = await runner.run(set.task, params);
      totalMs += result.timing.totalMs;
      tokensPerSecond += result.timing.tokensPerSecond / set.runs;
      for (const variation of result.variations) {
        clips.push({
          key: result.key,
          style: params.style,
          lockedKey: (set.params.lockToScale ?? true) && key ? key : undefined,
          notes: variation.notes.map((note) => [note.start, note.duration, note.pitch, note.velocity]),
        });
      }
    }
    output.push({ name: set.name, task: set.task, bars: evaluation.bars, clips, totalMs, tokensPerSecond });
    process.stderr.write(`${set.name}: ${clips.length} clips in ${(totalMs / 1000).toFixed(1)} s\n`);
  }
} finally {
  await runner.dispose();
}
writeFileSync(outPath, JSON.stringify({ variant: evaluation.variant, sets: output }));
