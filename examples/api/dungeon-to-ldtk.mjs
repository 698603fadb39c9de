#!/usr/bin/env node
// A Zelda-style dungeon of 8 rooms with one locked door, checked by an agent that walks it from the spawn through the
// key to the goal, written as an LDtk project (one level per room, laid out as the map; tileset PNG beside it) that opens
// in LDtk or loads in any engine with an LDtk importer.
// Usage: node examples/api/dungeon-to-ldtk.mjs [folder] [rooms]   (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME)
import { post, provenanceOf, saveFiles } from './mosaic-api.mjs';

const folder = process.argv[2] ?? '.';
const rooms = Number(process.argv[3] ?? 8);
try {
  // 1. Generate: the agent has walked it (and repaired what blocked it), so the goal is reachable as returned.
  const run = await post('dungeons/generate', { rooms, keyLocks: 1, seed: 7 });
  const dungeon = run.result.dungeons[0];
  console.log(
    `${run.model.name}@${run.model.version}, seed ${run.result.seed}: ${dungeon.rooms.length} rooms, ` +
      `${dungeon.keys.length} key, ${dungeon.playable ? 'playable' : 'NOT playable'} ` +
      `(the agent's route: ${dungeon.path.length} steps)`,
  );
  // 2. Export: the project records the model, its digest, the request and the seed; each room is a level at its place
  //    on LDtk's world grid (GridVania).
  const { files } = await post('dungeons/export', {
    dungeon,
    provenance: provenanceOf(run),
    format: 'ldtk',
    name: 'dungeon',
  });
  console.log(saveFiles(folder, files).join(', '));
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
