// Assigns a MIDI file's sources of notes to song parts: by an explicit mapping, else by names, channel 10 and programs.
import type { ArrangeTrack } from '../../../../contract/arrange.js';
import { arrangeTracks } from '../../../../contract/arrange.js';
import { MosaicError } from '../../../../contract/errors.js';
import type { MidiSource, MidiSources } from './midi-sources.js';
import { partOfOnlyTrack, partOfTrack } from './song-part-names.js';

/** Track number ("2"), track name (any case) or "channel N" (1–16) → the part it plays. */
export type SongPartMapping = Readonly<Record<string, ArrangeTrack>>;

export interface AssignedSource {
  /** null: the source has notes but no part (its name says nothing and no mapping names it). */
  part: ArrangeTrack | null;
  source: MidiSource;
}

/**
 * Each source's part. A mapping decides the parts it names, from the tracks it names only; every other part is found
 * as without one: a file's only track is the melody (or drums on channel 10, or what its name says outright); of
 * several, each by its name, channel 10 or a bass program.
 */
export function assignParts(file: MidiSources, mapping: SongPartMapping | undefined, what: string): AssignedSource[] {
  const mapped = mappedSources(file, mapping ?? {}, what);
  const mappedParts = new Set(mapped.values());
  const { sources } = file;
  const found = (source: MidiSource): ArrangeTrack | null => {
    const part =
      sources.length === 1
        ? partOfOnlyTrack(source.name, source.channel)
        : partOfTrack(source.name, source.channel, source.program);
    return part && !mappedParts.has(part) ? part : null;
  };
  const assigned = sources.map((source) => ({ part: mapped.get(source) ?? found(source), source }));
  if (assigned.every(({ part }) => part === null))
    throw new MosaicError(
      'BAD_REQUEST',
      `${what}'s track names do not say which part each plays (${describeSources(sources)}): name them Melody, ` +
        'Chords, Bass and Drums, or map them to parts by track number or name (e.g. track 1 → melody).',
    );
  return assigned;
}

function mappedSources(file: MidiSources, mapping: SongPartMapping, what: string): Map<MidiSource, ArrangeTrack> {
  const parts = new Map<MidiSource, ArrangeTrack>();
  for (const [key, part] of Object.entries(mapping)) {
    if (!arrangeTracks.includes(part))
      throw new MosaicError(
        'BAD_REQUEST',
        `"${String(part)}" is not a part: map tracks to ${arrangeTracks.join(', ')}.`,
      );
    for (const source of sourcesNamed(file, key.trim(), what)) parts.set(source, part);
  }
  return parts;
}

/** The sources a mapping key names; an error that lists what the file has when it names nothing with notes. */
function sourcesNamed(file: MidiSources, key: string, what: string): MidiSource[] {
  const channel = /^channel\s*(\d+)$/i.exec(key);
  if (channel) {
    const number = Number(channel[1]);
    const found = file.sources.filter((source) => source.channel + 1 === number);
    if (found.length > 0) return found;
    const used = [...new Set(file.sources.map((source) => source.channel + 1))].sort((a, b) => a - b);
    throw new MosaicError(
      'BAD_REQUEST',
      `${what} has no notes on channel ${number}; its notes are on channel ${used.join(', ')}.`,
    );
  }
  const index = /^\d+$/.test(key) ? Number(key) : undefined;
  const tracks =
    index !== undefined
      ? index < file.trackNames.length
        ? [index]
        : []
      : file.trackNames.flatMap((name, at) => (name.trim().toLowerCase() === key.toLowerCase() ? [at] : []));
  if (tracks.length === 0)
    throw new MosaicError(
      'BAD_REQUEST',
      `${what} has no track ${index !== undefined ? index : `named "${key}"`}; its tracks are ${describeTracks(file)}.`,
    );
  const found = file.sources.filter((source) => tracks.includes(source.track));
  if (found.length === 0)
    throw new MosaicError(
      'BAD_REQUEST',
      `Track ${tracks[0]} ${quoted(file.trackNames[tracks[0]!]!)}of ${what.replace(/^The /, 'the ')} has no notes: ` +
        `map a track that has (${describeSources(file.sources)}).`,
    );
  return found;
}

function quoted(name: string): string {
  return name ? `"${name}" ` : '';
}

/** `0 "Conductor", 1 "Lead", 2 (no name)`. */
export function describeTracks(file: MidiSources): string {
  return file.trackNames.map((name, index) => `${index} ${name ? `"${name}"` : '(no name)'}`).join(', ');
}

/** `track 1 "Lead" (channel 1), track 2 (channel 10)`. */
export function describeSources(sources: readonly MidiSource[]): string {
  return sources
    .map((source) => `track ${source.track} ${quoted(source.name)}(channel ${source.channel + 1})`)
    .join(', ');
}
