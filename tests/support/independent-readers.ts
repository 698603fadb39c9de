// Readers other than ours for exported files: python-mido for MIDI key signatures, Python's wave module for WAV length.
import { Midi } from '@tonejs/midi';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const python = '/usr/bin/python3';
const hasMido = existsSync(python) && spawnSync(python, ['-c', 'import mido']).status === 0;

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
