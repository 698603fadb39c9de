// Readers other than ours for exported files: python-mido for MIDI files and key signatures, Python's wave module for WAV.
import { Midi } from '@tonejs/midi';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const python = '/usr/bin/python3';
export const hasMido = existsSync(python) && spawnSync(python, ['-c', 'import mido']).status === 0;

/**
 * A MIDI file's key signatures as @tonejs/midi reads them ("Db minor": it names a signature by its major key, so
 * Bb minor's five flats read as Db) and, where python3-mido is installed, as mido names them ("Bbm").
 */
export function keySignaturesOf(bytes: Uint8Array): { tonejs: string[]; mido: string[] | null } {
  const tonejs = new Midi(bytes).header.keySignatures.map(({ key, scale }) => `${key} ${scale}`);
  if (!hasMido) return { tonejs, mido: null };
  const script =
    'import sys, io, mido\n' +
    'f = mido.MidiFile(file=io.BytesIO(sys.stdin.buffer.read()))\n' +
    'print(" ".join(m.key for t in f.tracks for m in t if m.type == "key_signature"))';
  const result = spawnSync(python, ['-c', script], { input: bytes });
  if (result.status !== 0) throw new Error(`mido failed: ${result.stderr.toString()}`);
  return { tonejs, mido: result.stdout.toString().trim().split(' ').filter(Boolean) };
}

/** A WAV's frames and seconds by Python's wave module where Python is installed, else by its RIFF chunks. */
export function wavLengthOf(bytes: Uint8Array): { frames: number; seconds: number } {
  if (existsSync(python)) {
    const script =
      'import sys, io, wave\nw = wave.open(io.BytesIO(sys.stdin.buffer.read()))\nprint(w.getnframes(), w.getframerate())';
    const result = spawnSync(python, ['-c', script], { input: bytes });
    if (result.status !== 0) throw new Error(`wave failed: ${result.stderr.toString()}`);
    const [frames, rate] = result.stdout.toString().trim().split(' ').map(Number) as [number, number];
    return { frames, seconds: frames / rate };
  }
  const buffer = Buffer.from(bytes);
  let offset = 12;
  let rate = 0;
  let frameBytes = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('latin1', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      rate = buffer.readUInt32LE(offset + 12);
      frameBytes = buffer.readUInt16LE(offset + 20);
    } else if (id === 'data') return { frames: size / frameBytes, seconds: size / frameBytes / rate };
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

export interface MidoTrack {
  name: string;
  /** Channels (0-based) of the track's channel messages. */
  channels: number[];
  programs: number[];
  /** Controller 7 values. */
  volumes: number[];
  /** Paired note-on/off as [pitch, start, duration, velocity], in the file's ticks. */
  notes: [number, number, number, number][];
  /** Tick of the end-of-track mark. */
  end: number;
  /** Text events as [tick, text]. */
  texts: [number, string][];
}

export interface MidoFile {
  type: number;
  ticksPerBeat: number;
  /** Beats per minute of the first tempo. */
  tempo: number | null;
  timeSignatures: [number, number][];
  keys: string[];
  tracks: MidoTrack[];
}

/** A MIDI file as python-mido reads it (null where python3-mido is not installed). */
export function midiByMido(bytes: Uint8Array): MidoFile | null {
  if (!hasMido) return null;
  const script = `
import sys, io, json, mido
f = mido.MidiFile(file=io.BytesIO(sys.stdin.buffer.read()))
out = {'type': f.type, 'ticksPerBeat': f.ticks_per_beat, 'tempo': None, 'timeSignatures': [], 'keys': [], 'tracks': []}
for t in f.tracks:
    now, name, chans, progs, vols, notes, on, texts = 0, '', [], [], [], [], {}, []
    for m in t:
        now += m.time
        if m.type == 'track_name': name = name or m.name
        elif m.type == 'set_tempo' and out['tempo'] is None: out['tempo'] = mido.tempo2bpm(m.tempo)
        elif m.type == 'time_signature': out['timeSignatures'].append([m.numerator, m.denominator])
        elif m.type == 'key_signature': out['keys'].append(m.key)
        elif m.type == 'text': texts.append([now, m.text])
        if hasattr(m, 'channel') and m.channel not in chans: chans.append(m.channel)
        if m.type == 'program_change': progs.append(m.program)
        if m.type == 'control_change' and m.control == 7: vols.append(m.value)
        if m.type == 'note_on' and m.velocity > 0: on.setdefault((m.channel, m.note), []).append((now, m.velocity))
        elif m.type in ('note_off', 'note_on') and on.get((m.channel, m.note)):
            start, vel = on[(m.channel, m.note)].pop(0)
            notes.append([m.note, start, now - start, vel])
    notes.sort(key=lambda n: (n[1], n[0]))
    out['tracks'].append({'name': name, 'channels': chans, 'programs': progs, 'volumes': vols, 'notes': notes, 'end': now, 'texts': texts})
print(json.dumps(out))
`;
  const result = spawnSync(python, ['-c', script], { input: bytes });
  if (result.status !== 0) throw new Error(`mido failed: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as MidoFile;
}

export interface WavFacts {
  channels: number;
  /** Bytes per sample. */
  sampleWidth: number;
  rate: number;
  frames: number;
  /** Largest absolute sample value (16-bit: at most 32768). */
  peak: number;
  /** Root mean square of each second (both channels), 0–1. */
  secondRms: number[];
}

/** A 16-bit WAV's format, length and levels as Python's wave module reads it (null without Python). */
export function wavByPython(bytes: Uint8Array): WavFacts | null {
  if (!existsSync(python)) return null;
  const script = `
import sys, io, json, wave, array
w = wave.open(io.BytesIO(sys.stdin.buffer.read()))
ch, width, rate, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
samples = array.array('h', w.readframes(n)) if width == 2 else array.array('h')
step = rate * ch
rms = [(sum(s * s for s in samples[i:i + step]) / max(1, len(samples[i:i + step]))) ** 0.5 / 32768 for i in range(0, len(samples), step)]
print(json.dumps({'channels': ch, 'sampleWidth': width, 'rate': rate, 'frames': n, 'peak': max((abs(s) for s in samples), default=0), 'secondRms': rms}))
`;
  const result = spawnSync(python, ['-c', script], { input: bytes });
  if (result.status !== 0) throw new Error(`wave failed: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as WavFacts;
}
