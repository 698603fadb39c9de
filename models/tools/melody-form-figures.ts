// What a form buys a single-line melody model: 8-bar clips per style through the real pipeline, without a form and
// with each form asked for, counted as the arrange card counts melody structure (repeatedBars and
// fourGramSelfSimilarity of main/inference/tasks/music/music-stats.ts, which mirror
// mosaic_music/arrange_metrics.py and ANCHORS.md's 8-bar corpus figures).
// Usage: node --import tsx models/tools/melody-form-figures.ts PACKAGE_DIR [CLIPS_PER_STYLE=64] [FORMS=AABA,ABAB]
import { MusicTaskRunner } from './music-task-runner.js';

const [packageDir, clipsText = '64', formsText = 'AABA,ABAB'] = process.argv.slice(2);
if (!packageDir) throw new Error('usage: melody-form-figures.ts PACKAGE_DIR [CLIPS_PER_STYLE] [FORMS]');
const clips = Number(clipsText);
const variations = 8;
const runner = new MusicTaskRunner(packageDir, 'int8');
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

console.log(`| style | form (repetition 0.25) | clips | bars repeating an earlier bar | pitch 4-grams seen earlier |`);
console.log('| --- | --- | --- | --- | --- |');
try {
  for (const style of ['pop', 'folk'] as const) {
    for (const form of [undefined, ...formsText.split(',')]) {
      const repeated: number[] = [];
      const fourGrams: number[] = [];
      for (let run = 0; run * variations < clips; run += 1) {
        const result = await runner.run('music.melody', {
          bars: 8,
          variations,
          style,
          seed: 2000 + run,
          key: { tonic: 'A', scale: style === 'pop' ? 'minor' : 'major' },
          ...(form ? { form } : {}),
        });
        for (const variation of result.variations) {
          repeated.push(variation.stats.repeatedBars!);
          fourGrams.push(variation.stats.fourGramSelfSimilarity!);
        }
      }
      console.log(
        `| ${style} | ${form ?? 'none'} | ${repeated.length} | ${mean(repeated).toFixed(3)} | ${mean(fourGrams).toFixed(3)} |`,
      );
    }
  }
} finally {
  await runner.dispose();
}
