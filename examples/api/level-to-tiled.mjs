#!/usr/bin/env node
// A playable 120-column level from a MarioGPT-style prompt, written as a Tiled map (.tmj with its .tsj tileset and
// tile PNG) that opens in Tiled or loads in any engine with a Tiled importer.
// Usage: node examples/api/level-to-tiled.mjs [folder] ["prompt"]   (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME)
import { post, provenanceOf, saveFiles } from './mosaic-api.mjs';

const folder = process.argv[2] ?? '.';
const prompt = process.argv[3] ?? 'many pipes, some enemies, little blocks, high elevation';
try {
  // 1. Generate: an agent has walked the level (and the model redrawn what blocked it), so it is playable as returned.
  const run = await post('levels/generate', { prompt, width: 120 });
  const level = run.result.levels[0];
  console.log(
    `${run.model.name}@${run.model.version}, seed ${run.result.seed}: ${level.playable ? 'playable' : 'NOT playable'}`,
  );
  // 2. Export: the map records the model, its digest, the prompt and the seed as map properties.
  const { files } = await post('levels/export', { level, provenance: provenanceOf(run), format: 'tmj', name: 'level' });
  console.log(saveFiles(folder, files).join(', '));
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
