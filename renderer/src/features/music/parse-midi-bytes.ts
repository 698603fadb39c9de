// Parses the bytes of a dropped or picked .mid for the Studio (Music's clip reader and Arrange's song reader): first the
// contract's check of header and chunks, then the parser, each failure thrown as a readable Error naming the file.
import { parseMidi, type MidiData } from 'midi-file';
import { midiFileProblem, parserMessage } from '../../../../common/midi-file-check.js';

/** Parses a Standard MIDI File; throws "<name> is not a usable MIDI file: …" when it is not one or is damaged. */
export function parseMidiBytes(name: string, bytes: Uint8Array): MidiData {
  const problem = midiFileProblem(bytes);
  if (problem) throw new Error(`${name} is not a usable MIDI file: ${problem}.`);
  try {
    return parseMidi(bytes);
  } catch (error) {
    throw new Error(`${name} is not a usable MIDI file: its track data is damaged (${parserMessage(error)}).`, {
      cause: error,
    });
  }
}
