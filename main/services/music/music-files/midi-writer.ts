// Writes a clip as a Standard MIDI File type 1: a conductor track (name, tempo, time and key signature) and one track per part.
import { writeMidi, type MidiData, type MidiEvent } from 'midi-file';
import type { MidiClip, MidiTrackSpec } from './midi-clip.js';

interface TimedEvent {
  tick: number;
  /** Note-offs sort before note-ons at the same tick, so a repeated pitch is released before it strikes again. */
  order: number;
  event: MidiEvent;
}

export function writeMidiFile(clip: MidiClip): Uint8Array {
  const end = clip.lengthTicks ?? 0;
  const conductor: TimedEvent[] = [
    { tick: 0, order: 0, event: { deltaTime: 0, meta: true, type: 'trackName', text: clip.name } },
    {
      tick: 0,
      order: 0,
      event: { deltaTime: 0, meta: true, type: 'setTempo', microsecondsPerBeat: Math.round(60_000_000 / clip.tempo) },
    },
    {
      tick: 0,
      order: 0,
      event: {
        deltaTime: 0,
        meta: true,
        type: 'timeSignature',
        numerator: clip.timeSignature[0],
        denominator: clip.timeSignature[1],
        metronome: 24,
        thirtyseconds: 8,
      },
    },
  ];
  if (clip.keySignature) {
    const { sharpsOrFlats, minor } = clip.keySignature;
    conductor.push({
      tick: 0,
      order: 0,
      event: { deltaTime: 0, meta: true, type: 'keySignature', key: sharpsOrFlats, scale: minor ? 1 : 0 },
    });
  }
  const data: MidiData = {
    header: { format: 1, numTracks: clip.tracks.length + 1, ticksPerBeat: clip.ticksPerBeat },
    tracks: [withDeltas(conductor, end), ...clip.tracks.map((track) => withDeltas(trackEvents(track), end))],
  };
  return Uint8Array.from(writeMidi(data));
}

/** Name, program, volume, texts and notes of one part; a note still sounding when its pitch strikes again is cut at that onset. */
function trackEvents(track: MidiTrackSpec): TimedEvent[] {
  const channel = track.channel;
  const events: TimedEvent[] = [
    { tick: 0, order: 0, event: { deltaTime: 0, meta: true, type: 'trackName', text: track.name } },
    { tick: 0, order: 1, event: { deltaTime: 0, channel, type: 'programChange', programNumber: track.program } },
  ];
  if (track.volume !== undefined) {
    const volume = { deltaTime: 0, channel, type: 'controller', controllerType: 7, value: track.volume } as const;
    events.push({ tick: 0, order: 1, event: volume });
  }
  for (const { tick, text } of track.texts ?? [])
    events.push({ tick, order: 2.5, event: { deltaTime: 0, meta: true, type: 'text', text } });
  const notes = [...track.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const nextStart = new Map<number, number>();
  for (let index = notes.length - 1; index >= 0; index -= 1) {
    const note = notes[index]!;
    const following = nextStart.get(note.pitch);
    const end = Math.max(note.start + 1, Math.min(note.start + note.duration, following ?? Infinity));
    nextStart.set(note.pitch, note.start);
    events.push(
      {
        tick: note.start,
        order: 3,
        event: { deltaTime: 0, channel, type: 'noteOn', noteNumber: note.pitch, velocity: note.velocity },
      },
      { tick: end, order: 2, event: { deltaTime: 0, channel, type: 'noteOff', noteNumber: note.pitch, velocity: 0 } },
    );
  }
  return events;
}

function withDeltas(events: TimedEvent[], endTick: number): MidiEvent[] {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || a.order - b.order);
  let now = 0;
  const result = sorted.map(({ tick, event }) => {
    const timed = { ...event, deltaTime: tick - now };
    now = tick;
    return timed;
  });
  result.push({ deltaTime: Math.max(0, endTick - now), meta: true, type: 'endOfTrack' });
  return result;
}
