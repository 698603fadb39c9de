#!/usr/bin/env node
// Four 8-bar melody variations in A minor from a running Mosaic service, written as MIDI files for a DAW.
// Usage: node examples/api/melody-to-midi.mjs [folder]      (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME as for mosaic)
import { post, saveFiles } from './mosaic-api.mjs';

const folder = process.argv[2] ?? '.';
try {
  // 1. Generate: the answer carries the notes of every variation, the model version and the seed (to replay it).
  const run = await post('music/generate', {
    bars: 8,
    variations: 4,
    key: { tonic: 'A', scale: 'minor' },
    tempo: 100,
  });
  console.log(`${run.model.name}@${run.model.version}, seed ${run.seed}`);
  // 2. Export each variation: the service writes the Standard MIDI File, the script only saves its bytes.
  for (const [variation, clip] of run.result.variations.entries()) {
    const name = `melody-${variation + 1}`;
    const { files } = await post('music/export', { result: run.result, variation, format: 'mid', name });
    console.log(`${saveFiles(folder, files).join(', ')}: ${clip.notes.length} notes`);
  }
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
