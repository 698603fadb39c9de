// Builds Standard MIDI Files for reader tests from tracks of absolute-tick events, written by midi-file's writer.
import { writeMidi, type MidiEvent } from 'midi-file';

export type TimedEvent = { tick: number } & (
  | { type: 'name'; text: string }
  | { type: 'tempo'; bpm: number }
  | { type: 'meter'; numerator: number; denominator: number }
  | { type: 'key'; sharpsOrFlats: number; minor: boolean }
  | { type: 'program'; channel: number; program: number }
  | { type: 'note'; channel: number; pitch: number; duration: number; velocity?: number }
);

function eventsOf(event: TimedEvent): { tick: number; event: MidiEvent }[] {
  const at = (tick: number, midi: MidiEvent) => ({ tick, event: midi });
  switch (event.type) {
    case 'name':
      return [at(event.tick, { deltaTime: 0, meta: true, type: 'trackName', text: event.text })];
    case 'tempo':
      return [
        at(event.tick, {
          deltaTime: 0,
          meta: true,
          type: 'setTempo',
          microsecondsPerBeat: Math.round(60_000_000 / event.bpm),
        }),
      ];
    case 'meter':
      return [
        at(event.tick, {
          deltaTime: 0,
          meta: true,
          type: 'timeSignature',
          numerator: event.numerator,
          denominator: event.denominator,
          metronome: 24,
          thirtyseconds: 8,
        }),
      ];
    case 'key':
      return [
        at(event.tick, {
          deltaTime: 0,
          meta: true,
          type: 'keySignature',
          key: event.sharpsOrFlats,
          scale: event.minor ? 1 : 0,
        }),
      ];
    case 'program':
      return [
        at(event.tick, { deltaTime: 0, channel: event.channel, type: 'programChange', programNumber: event.program }),
      ];
    case 'note':
      return [
        at(event.tick, {
          deltaTime: 0,
          channel: event.channel,
          type: 'noteOn',
          noteNumber: event.pitch,
          velocity: event.velocity ?? 90,
        }),
        // A note-on at velocity 0 ends it, as many files do.
        at(event.tick + event.duration, {
          deltaTime: 0,
          channel: event.channel,
          type: 'noteOn',
          noteNumber: event.pitch,
          velocity: 0,
        }),
      ];
  }
}

/** A type 0 (one track) or type 1 file at `ticksPerBeat`. */
export function smf(
  ticksPerBeat: number,
  tracks: TimedEvent[][],
  format: 0 | 1 = tracks.length === 1 ? 0 : 1,
): Uint8Array {
  return Uint8Array.from(
    writeMidi({
      header: { format, numTracks: tracks.length, ticksPerBeat },
      tracks: tracks.map((track) => {
        const timed = track.flatMap(eventsOf).sort((a, b) => a.tick - b.tick);
        let now = 0;
        const events = timed.map(({ tick, event }) => {
          const delta = tick - now;
          now = tick;
          return { ...event, deltaTime: delta };
        });
        return [...events, { deltaTime: 0, meta: true, type: 'endOfTrack' } as MidiEvent];
      }),
    }),
  );
}

/** Notes of one channel: [pitch, start, duration] in the file's ticks. */
export function notes(channel: number, list: [number, number, number][]): TimedEvent[] {
  return list.map(([pitch, tick, duration]) => ({ type: 'note', channel, pitch, tick, duration }));
}
