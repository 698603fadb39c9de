// Paths and corpus samples the music tests share: the remi spec in the repo and a few files of ../shared/data/music.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MusicNote } from '../../../contract/music.js';
import { primerFromMidi, readMidiFile } from '../../../main/services/music/music-files/midi-reader.js';
import { findPackageRoot } from '../../../main/platform/paths.js';

export const repositoryRoot = findPackageRoot();
export const remiSpecPath = join(repositoryRoot, 'models', 'music-tokenizer', 'remi-v1.json');
export const musicDataRoot = join(repositoryRoot, '..', 'shared', 'data', 'music');

export interface CorpusFile {
  name: string;
  profile: 'melody' | 'drums';
  notes: MusicNote[];
}

function firstFiles(folder: string, count: number): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mid'))
    .sort()
    .slice(0, count)
    .map((name) => join(folder, name));
}

/** Nottingham tunes, POP909 melodies and Groove MIDI beats, read with our MIDI reader (empty without the corpus). */
export function corpusFiles(count = 6): CorpusFile[] {
  const melody = [
    ...firstFiles(join(musicDataRoot, 'nottingham', 'MIDI', 'melody'), count),
    ...['001', '002', '003'].map((id) => join(musicDataRoot, 'pop909', 'POP909', id, `${id}.mid`)).filter(existsSync),
  ];
  const drums = firstFiles(join(musicDataRoot, 'groove-midi', 'drummer1', 'eval_session'), count);
  const load = (path: string, profile: 'melody' | 'drums'): CorpusFile => {
    const file = readMidiFile(readFileSync(path));
    const trackIndex =
      profile === 'melody'
        ? Math.max(
            0,
            file.tracks.findIndex((track) => track.name === 'MELODY'),
          )
        : undefined;
    return { name: path, profile, notes: primerFromMidi(file, profile, trackIndex).notes };
  };
  return [...melody.map((path) => load(path, 'melody')), ...drums.map((path) => load(path, 'drums'))];
}
