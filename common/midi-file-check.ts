// What is wrong with bytes that should be a Standard MIDI File, in words, before a parser trips over them (service, CLI and Studio).

/** Formats the reader takes: 0 (one track) and 1 (simultaneous tracks). */
const supportedFormats = [0, 1];

const signatures: { test: (bytes: Uint8Array, text: string) => boolean; what: string }[] = [
  { test: (_, text) => text.startsWith('RIFF') && text.slice(8, 12) === 'WAVE', what: 'a WAV audio file' },
  {
    test: (_, text) => text.startsWith('RIFF') && text.slice(8, 12) === 'RMID',
    what: 'an RMID file (MIDI wrapped in RIFF): save it as a plain Standard MIDI File (.mid)',
  },
  {
    test: (bytes, text) => text.startsWith('ID3') || (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0),
    what: 'an MP3 audio file',
  },
  { test: (_, text) => text.startsWith('OggS'), what: 'an Ogg audio file' },
  { test: (_, text) => text.startsWith('fLaC'), what: 'a FLAC audio file' },
  { test: (_, text) => text.slice(4, 8) === 'ftyp', what: 'an MP4/M4A file' },
  { test: (_, text) => text.startsWith('PK'), what: 'a ZIP archive (a MusicXML .mxl or a project file?)' },
  { test: (_, text) => text.startsWith('%PDF'), what: 'a PDF document' },
  { test: (_, text) => /^\s*</.test(text), what: 'an XML or HTML text file (MusicXML is not read: export MIDI)' },
  { test: (_, text) => /^\s*(X:|%abc)/.test(text), what: 'ABC notation text (convert it to MIDI first)' },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

function uint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
}

function hexBytes(bytes: Uint8Array, count: number): string {
  return [...bytes.subarray(0, count)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Why these bytes cannot be read as a Standard MIDI File, or undefined when its header and chunks are sound: not a MIDI
 * file (and what it looks like instead), a header or track cut short, an unsupported format or timing. A sentence
 * fragment to follow "<file> is not a usable MIDI file: ".
 */
export function midiFileProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  const head = ascii(bytes, 0, 64);
  if (!head.startsWith('MThd')) {
    const known = signatures.find((signature) => signature.test(bytes, head));
    return known
      ? `it is ${known.what}, not MIDI`
      : `it does not start with the MIDI header "MThd" (its first bytes are ${hexBytes(bytes, 8)})`;
  }
  if (bytes.length < 14) return `its header is cut short (the file has ${bytes.length} bytes; a MIDI header takes 14)`;
  const headerLength = uint32(bytes, 4);
  if (headerLength < 6) return `its header declares ${headerLength} bytes, fewer than the 6 a MIDI header holds`;
  const format = (bytes[8]! << 8) + bytes[9]!;
  const tracks = (bytes[10]! << 8) + bytes[11]!;
  const division = (bytes[12]! << 8) + bytes[13]!;
  if (format === 2) return 'it is format 2 (independent patterns), which is not read: save it as format 0 or 1';
  if (!supportedFormats.includes(format)) return `its header names format ${format}; MIDI files are format 0, 1 or 2`;
  if (division & 0x8000)
    return 'it is timed in SMPTE frames, which is not read: save it with ticks per quarter note (any DAW does)';
  if (division === 0) return 'its header gives 0 ticks per quarter note';
  if (tracks === 0) return 'its header says it has no tracks';
  let offset = 8 + headerLength;
  for (let track = 1; track <= tracks; track += 1) {
    if (offset >= bytes.length)
      return `it ends after ${track - 1} of the ${tracks} tracks its header announces (the file is truncated)`;
    if (offset + 8 > bytes.length) return `track ${track} of ${tracks} is cut off in its chunk header (truncated)`;
    const id = ascii(bytes, offset, offset + 4);
    if (id !== 'MTrk')
      return `where track ${track} should start (byte ${offset}) there is "${id.replace(/[^\x20-\x7e]/g, '?')}", not a track chunk "MTrk"`;
    const length = uint32(bytes, offset + 4);
    const present = bytes.length - offset - 8;
    if (length > present)
      return `track ${track} of ${tracks} is truncated: it declares ${length} bytes, only ${present} are left in the file`;
    offset += 8 + length;
  }
  return undefined;
}

/** The message of whatever a MIDI parser threw (midi-file throws plain strings). */
export function parserMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
