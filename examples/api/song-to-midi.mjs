#!/usr/bin/env node
// An 8-bar song in A minor — melody, chords, bass and drums in the form AABA — written as a type-1 MIDI file with one
// named track per part (drums on channel 10), then its bass in bars 3–4 rewritten with another seed, every other note
// kept: the round trip a DAW script makes (arrange, drop the file on the timeline, ask again for one part of it).
// Usage: node examples/api/song-to-midi.mjs [folder]   (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME)
import { readFileSync } from 'node:fs';
import { post, saveFiles } from './mosaic-api.mjs';

const folder = process.argv[2] ?? '.';

/** The variation's MIDI file, written into the folder; returns its path. */
async function writeSong(result, name) {
  const { files } = await post('music/export-song', { result, variation: 0, format: 'mid', name });
  return saveFiles(folder, files)[0];
}

/** "melody 31, chords 8, bass 16, drums 96 notes" from a variation's own count. */
const partsText = (variation) =>
  `${Object.entries(variation.stats.notesPerTrack)
    .map(([part, notes]) => `${part} ${notes}`)
    .join(', ')} notes`;

try {
  // 1. Arrange: key lock keeps every pitched note in A minor; the form restates section A's motif in bars 3–4 and 7–8.
  const song = await post('music/arrange', {
    bars: 8,
    tracks: ['melody', 'chords', 'bass', 'drums'],
    key: 'A minor',
    tempo: 96,
    style: 'pop',
    form: 'AABA',
    variations: 1,
    seed: 1,
  });
  const songPath = await writeSong(song.result, 'song');
  console.log(
    `${song.model.name}@${song.model.version}, seed ${song.seed}: ${songPath}: ${partsText(song.result.variations[0])}`,
  );

  // 2. Infill: the file goes back as it would from a DAW (parts found by track name); bars count from 0 in the API, so
  //    bars 3–4 are fromBar 2 to toBar 3. Every note outside those bass bars comes back unchanged.
  const rewritten = await post('music/infill', {
    song: { midi: readFileSync(songPath).toString('base64') },
    cells: [{ track: 'bass', fromBar: 2, toBar: 3 }],
    seed: 2,
  });
  const rewrittenPath = await writeSong(rewritten.result, 'song-2');
  console.log(
    `seed ${rewritten.seed}: ${rewrittenPath}: bass bars 3-4 rewritten, ${partsText(rewritten.result.variations[0])} in them`,
  );
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
