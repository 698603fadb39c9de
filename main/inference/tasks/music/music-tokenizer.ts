// Notes <-> remi-v1 tokens, mirrored by models/music-common/mosaic_music/tokenizer.py (same rules, same ids).
import type { MusicNote } from '../../../../contract/music.js';
import type { MusicProfile, RemiVocabulary } from './remi-vocabulary.js';

/** The conditioning a header carries: style name, key token value ("A-minor"), tempo (bpm), density (notes/bar). */
export interface MusicConditions {
  style: string;
  key?: string;
  tempo: number;
  density: number;
}

interface QuantizedNote {
  step: number;
  key: number;
  velocity: number;
  detail: number;
}

export class MusicTokenizer {
  constructor(readonly vocabulary: RemiVocabulary) {}

  /** Snaps notes to the 16th grid and the vocabulary; one note per (step, pitch), the loudest. */
  quantize(notes: readonly MusicNote[], profile: MusicProfile): QuantizedNote[] {
    const v = this.vocabulary;
    const tps = v.ticksPerStep;
    const [pitchLow, pitchEnd] = v.span('pitch');
    const pitchOffset = Number(v.value(pitchLow));
    const candidates: { step: number; key: number; velocity: number; start: number; detail: number }[] = [];
    for (const note of notes) {
      const step = Math.floor((2 * note.start + tps) / (2 * tps));
      if (step < 0) continue;
      let key: number | undefined;
      let detail: number;
      if (profile === 'drums') {
        key = v.drumMap.get(note.pitch);
        if (key === undefined) continue;
        detail = v.nearest('offset', (note.start - step * tps) / v.spec.offsetUnitTicks);
      } else {
        if (note.pitch < pitchOffset || note.pitch >= pitchOffset + pitchEnd - pitchLow) continue;
        key = note.pitch;
        detail = v.nearest('duration', note.duration / tps);
      }
      candidates.push({ step, key, velocity: note.velocity, start: note.start, detail });
    }
    candidates.sort((a, b) => a.step - b.step || a.key - b.key || b.velocity - a.velocity || a.start - b.start);
    const kept: QuantizedNote[] = [];
    let previous: { step: number; key: number } | undefined;
    for (const candidate of candidates) {
      if (previous && previous.step === candidate.step && previous.key === candidate.key) continue;
      previous = candidate;
      kept.push({
        step: candidate.step,
        key: candidate.key,
        velocity: v.nearest('velocity', candidate.velocity),
        detail: candidate.detail,
      });
    }
    return kept;
  }

  /** One token list per bar: [Bar, Position, note tokens..., ...]; `bars` defaults to the bar of the last note + 1. */
  barTokens(notes: readonly MusicNote[], profile: MusicProfile, bars?: number): number[][] {
    const v = this.vocabulary;
    const stepsPerBar = v.spec.stepsPerBar;
    const quantized = this.quantize(notes, profile);
    const count = bars ?? (quantized.length > 0 ? Math.floor(quantized.at(-1)!.step / stepsPerBar) + 1 : 0);
    const result = Array.from({ length: count }, () => [v.id('bar')]);
    const keyFamily = profile === 'drums' ? 'drum' : 'pitch';
    let lastStep = -1;
    for (const note of quantized) {
      const bar = Math.floor(note.step / stepsPerBar);
      if (bar >= count) break;
      if (note.step !== lastStep) {
        result[bar]!.push(v.id('position', note.step % stepsPerBar));
        lastStep = note.step;
      }
      result[bar]!.push(v.id(keyFamily, note.key), note.velocity, note.detail);
    }
    return result;
  }

  /** BOS then the profile's conditioning tokens. */
  header(profile: MusicProfile, conditions: MusicConditions): number[] {
    const v = this.vocabulary;
    const tokens = [v.special('BOS')];
    for (const family of v.spec.profiles[profile].header) {
      if (family === 'style') tokens.push(v.id('style', conditions.style));
      else if (family === 'key') tokens.push(v.id('key', conditions.key ?? 'C-major'));
      else if (family === 'tempo') tokens.push(v.nearest('tempo', conditions.tempo));
      else tokens.push(v.nearest(family, conditions.density));
    }
    return tokens;
  }

  encode(notes: readonly MusicNote[], profile: MusicProfile, conditions: MusicConditions, bars?: number): number[] {
    return [...this.header(profile, conditions), ...this.barTokens(notes, profile, bars).flat()];
  }

  /** Tokens -> notes; header tokens are skipped, incomplete notes dropped, the first Bar starts bar 0. */
  decode(tokens: readonly number[], profile: MusicProfile): MusicNote[] {
    const v = this.vocabulary;
    const tps = v.ticksPerStep;
    const drums = profile === 'drums';
    const [keyFamily, detailFamily] = drums ? ['drum', 'offset'] : ['pitch', 'duration'];
    const defaultSteps = v.spec.profiles[profile].defaultDurationSteps;
    const notes: MusicNote[] = [];
    let bar = -1;
    let position: number | undefined;
    let pending: { key: number; velocity?: number } | undefined;
    for (const token of tokens) {
      const family = v.family(token);
      const value = Number(v.value(token));
      if (family === 'bar') {
        bar += 1;
        position = undefined;
        pending = undefined;
      } else if (family === 'position' && bar >= 0) {
        position = value;
        pending = undefined;
      } else if (family === keyFamily && position !== undefined) {
        pending = { key: value };
      } else if (family === 'velocity' && pending && pending.velocity === undefined) {
        pending.velocity = value;
      } else if (family === detailFamily && pending?.velocity !== undefined && position !== undefined) {
        const start = (bar * v.spec.stepsPerBar + position) * tps;
        notes.push(
          drums
            ? {
                pitch: pending.key,
                start: Math.max(0, start + value * v.spec.offsetUnitTicks),
                duration: defaultSteps * tps,
                velocity: pending.velocity,
              }
            : { pitch: pending.key, start, duration: value * tps, velocity: pending.velocity },
        );
        pending = undefined;
      } else {
        pending = undefined;
      }
    }
    return notes;
  }
}
