"""Notes <-> remi-v1 tokens, the Python mirror of main/inference/tasks/music/music-tokenizer.ts (same rules, same ids)."""
from dataclasses import dataclass

from .vocabulary import RemiVocabulary


@dataclass(frozen=True)
class Note:
    """One note in ticks at the spec's ticksPerBeat (480); drums use the General MIDI key as pitch."""
    start: int
    duration: int
    pitch: int
    velocity: int


@dataclass(frozen=True)
class QuantizedNote:
    step: int
    key: int  # pitch, or the mapped drum key
    velocity: int  # token id
    detail: int  # duration token id (melody) or offset token id (drums)


class MusicTokenizer:
    def __init__(self, vocabulary: RemiVocabulary):
        self.vocabulary = vocabulary

    def quantize(self, notes, profile: str) -> list:
        """Snaps notes to the 16th grid and the vocabulary; one note per (step, key), the loudest."""
        v = self.vocabulary
        tps = v.ticks_per_step
        drums = profile == "drums"
        pitches = set(v.values["pitch"])
        candidates = []
        for note in notes:
            start = int(note.start)
            step = (2 * start + tps) // (2 * tps)
            if step < 0:
                continue
            if drums:
                key = v.drum_map.get(int(note.pitch))
                if key is None:
                    continue
                detail = v.nearest("offset", (start - step * tps) / v.offset_unit)
            else:
                key = int(note.pitch)
                if key not in pitches:
                    continue
                detail = v.nearest("duration", int(note.duration) / tps)
            candidates.append((step, key, -int(note.velocity), start, detail, int(note.velocity)))
        candidates.sort()
        kept, seen = [], set()
        for step, key, _, _, detail, velocity in candidates:
            if (step, key) in seen:
                continue
            seen.add((step, key))
            kept.append(QuantizedNote(step, key, v.nearest("velocity", velocity), detail))
        return kept

    def bar_tokens(self, notes, profile: str, bars=None) -> list:
        """One token list per bar: [Bar, Position, note tokens..., ...]."""
        v = self.vocabulary
        quantized = self.quantize(notes, profile)
        count = bars if bars is not None else (quantized[-1].step // v.steps_per_bar + 1 if quantized else 0)
        result = [[v.id("bar")] for _ in range(count)]
        key_family = "drum" if profile == "drums" else "pitch"
        last_step = None
        for note in quantized:
            bar = note.step // v.steps_per_bar
            if bar >= count:
                break
            if note.step != last_step:
                result[bar].append(v.id("position", note.step % v.steps_per_bar))
                last_step = note.step
            result[bar].extend([v.id(key_family, note.key), note.velocity, note.detail])
        return result

    def header(self, profile: str, conditions: dict) -> list:
        """BOS then the profile's conditioning tokens: style (name), key (e.g. "A-minor"), tempo (bpm), density (notes/bar)."""
        v = self.vocabulary
        tokens = [v.special("BOS")]
        for family in v.profiles[profile]["header"]:
            value = conditions[family]
            tokens.append(v.id(family, value) if family in ("style", "key") else v.nearest(family, value))
        return tokens

    def encode(self, notes, profile: str, conditions: dict, bars=None, end: bool = False) -> list:
        tokens = self.header(profile, conditions)
        for bar in self.bar_tokens(notes, profile, bars):
            tokens.extend(bar)
        if end:
            tokens.append(self.vocabulary.special("EOS"))
        return tokens

    def decode(self, tokens, profile: str) -> list:
        """Tokens -> notes; header tokens are skipped, incomplete notes dropped, the first Bar starts bar 0."""
        v = self.vocabulary
        tps = v.ticks_per_step
        drums = profile == "drums"
        key_family, detail_family = ("drum", "offset") if drums else ("pitch", "duration")
        default_steps = v.profiles[profile]["defaultDurationSteps"]
        notes, bar, position, pending = [], -1, None, None
        for token in tokens:
            family, value = v.value(token)
            if family == "bar":
                bar, position, pending = bar + 1, None, None
            elif family == "position" and bar >= 0:
                position, pending = value, None
            elif family == key_family and position is not None:
                pending = [value, None]
            elif family == "velocity" and pending is not None and pending[1] is None:
                pending[1] = value
            elif family == detail_family and pending is not None and pending[1] is not None:
                start = (bar * v.steps_per_bar + position) * tps
                if drums:
                    notes.append(Note(max(0, start + value * v.offset_unit), default_steps * tps, pending[0], pending[1]))
                else:
                    notes.append(Note(start, value * tps, pending[0], pending[1]))
                pending = None
            else:
                pending = None
        return notes
