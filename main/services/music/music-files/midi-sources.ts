// A parsed MIDI file as its sources of notes (one per track and channel, so a type 0 file splits into its parts) and
// its conductor events (tempo, time and key signatures), in the file's own ticks.
import type { MidiData, MidiEvent } from 'midi-file';
import { notesOfMidiTracks, type MidiEventFields } from '../../../../common/midi-notes.js';
import type { MusicNote } from '../../../../contract/music.js';
import type { TimedText } from './chord-text.js';

export interface MidiSource {
  /** Index of the track chunk in the file (0-based; a type 1 file's conductor is track 0). */
  track: number;
  /** The track's name ("" when it has none). */
  name: string;
  /** 0–15; 9 is percussion. */
  channel: number;
  /** The channel's first program change in this track (else in any track). */
  program?: number;
  notes: MusicNote[];
  /** The track's text events (chord symbols, if it has them). */
  texts: TimedText[];
}

export interface TimedMeta<T> {
  tick: number;
  value: T;
}

export interface MidiSources {
  ticksPerBeat: number;
  /** Every track's name, by index, with or without notes. */
  trackNames: string[];
  sources: MidiSource[];
  /** Beats per minute, in time order. */
  tempos: TimedMeta<number>[];
  timeSignatures: TimedMeta<[number, number]>[];
  keySignatures: TimedMeta<{ sharpsOrFlats: number; minor: boolean }>[];
  /** The latest end-of-track mark. */
  endTick: number;
}

export function sourcesOfMidi(data: MidiData): MidiSources {
  const result: MidiSources = {
    ticksPerBeat: data.header.ticksPerBeat ?? 480,
    trackNames: [],
    sources: [],
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
    endTick: 0,
  };
  const programs = new Map<number, number>();
  const pending: { source: MidiSource; program?: number }[] = [];
  data.tracks.forEach((events, track) => {
    let now = 0;
    let name = '';
    const texts: TimedText[] = [];
    const byChannel = new Map<number, { events: MidiEventFields[]; last: number; program?: number }>();
    for (const event of events) {
      now += event.deltaTime;
      readMeta(event, now, result);
      if (event.type === 'trackName') name ||= event.text;
      if (event.type === 'text') texts.push({ tick: now, text: event.text });
      if (event.type === 'endOfTrack') result.endTick = Math.max(result.endTick, now);
      if (!('channel' in event)) continue;
      const channel = byChannel.get(event.channel) ?? { events: [], last: 0 };
      byChannel.set(event.channel, channel);
      if (event.type === 'programChange') {
        channel.program ??= event.programNumber;
        if (!programs.has(event.channel)) programs.set(event.channel, event.programNumber);
      } else if (event.type === 'noteOn' || event.type === 'noteOff') {
        channel.events.push({ ...event, deltaTime: now - channel.last });
        channel.last = now;
      }
    }
    result.trackNames.push(name);
    for (const [channel, { events: channelEvents, program }] of [...byChannel].sort((a, b) => a[0] - b[0])) {
      const notes = notesOfMidiTracks(result.ticksPerBeat, [channelEvents]).tracks[0]?.notes;
      if (notes) pending.push({ source: { track, name, channel, notes, texts }, program });
    }
  });
  result.sources = pending.map(({ source, program }) => {
    const chosen = program ?? programs.get(source.channel);
    return chosen === undefined ? source : { ...source, program: chosen };
  });
  const byTick = <T>(a: TimedMeta<T>, b: TimedMeta<T>) => a.tick - b.tick;
  result.tempos.sort(byTick);
  result.timeSignatures.sort(byTick);
  result.keySignatures.sort(byTick);
  return result;
}

function readMeta(event: MidiEvent, tick: number, into: MidiSources): void {
  if (event.type === 'setTempo' && event.microsecondsPerBeat > 0)
    into.tempos.push({ tick, value: 60_000_000 / event.microsecondsPerBeat });
  else if (event.type === 'timeSignature')
    into.timeSignatures.push({ tick, value: [event.numerator, event.denominator] });
  else if (event.type === 'keySignature')
    into.keySignatures.push({ tick, value: { sharpsOrFlats: event.key, minor: event.scale === 1 } });
}
