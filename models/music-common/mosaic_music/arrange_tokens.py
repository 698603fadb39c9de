"""Songs <-> arrange-v1 tokens (models/music-tokenizer/arrange-v1.json): per-cell events, the header, the fill layout.

The TypeScript pipeline (main/inference/tasks/music/arrange/) builds the same sequences at inference time:
  BOS Style [Key] Tempo {Track_t Density_d}  then per bar  Bar {Track_t (Fill_k | events)}  then Sep {Fill_k events End} EOS
"""
import numpy as np

from .arrange_corpus import CHORD_QUALITIES, PITCHED, Chord
from .tokenizer import Note
from .vocabulary import ARRANGE_SPEC_PATH, RemiVocabulary

TRACKS = ("melody", "chords", "bass", "drums")
QUALITY_NAMES = list(CHORD_QUALITIES)


class ArrangeTokenizer:
    def __init__(self, vocabulary: RemiVocabulary | None = None):
        self.v = v = vocabulary or RemiVocabulary.load(ARRANGE_SPEC_PATH)
        self.tracks = v.spec["tracks"]
        self.tps = v.ticks_per_step
        self.pitch_first, self.pitch_count = v.first["pitch"], len(v.values["pitch"])
        self.chord_first, self.chord_count = v.first["chord"], len(v.values["chord"])
        self.velocity_first = v.first["velocity"]
        self.pad, self.bos, self.eos = v.special("PAD"), v.special("BOS"), v.special("EOS")
        self.sep, self.end = v.special("Sep"), v.special("End")
        self.bar = v.id("bar")
        self.fill_first, self.fill_count = v.first["fill"], len(v.values["fill"])
        self.track_ids = {name: v.id("track", name) for name in TRACKS}

    # ---- events -------------------------------------------------------------------------------------------------
    def chord_id(self, root: int, quality: str) -> int:
        return self.chord_first + (root % 12) * len(QUALITY_NAMES) + QUALITY_NAMES.index(quality)

    def _fit_range(self, pitch: int, track: str) -> int:
        low, high = self.tracks[track]["pitchRange"]
        while pitch < low:
            pitch += 12
        while pitch > high:
            pitch -= 12
        return pitch

    def quantize(self, events, track: str):
        """(step, first-token id, velocity id, detail id) per event, one per (step, first token), loudest kept."""
        v, tps = self.v, self.tps
        candidates = []
        for event in events:
            start = int(event.start)
            step = (2 * start + tps) // (2 * tps)
            if step < 0:
                continue
            if track == "drums":
                key = v.drum_map.get(int(event.pitch))
                if key is None:
                    continue
                first = v.id("drum", key)
                detail = v.nearest("offset", (start - step * tps) / v.offset_unit)
            elif track == "chords":
                first = self.chord_id(event.root, event.quality)
                detail = v.nearest("duration", int(event.duration) / tps)
            else:
                first = v.id("pitch", self._fit_range(int(event.pitch), track))
                detail = v.nearest("duration", int(event.duration) / tps)
            candidates.append((step, first, -int(event.velocity), detail, int(event.velocity)))
        candidates.sort()
        kept, seen, chord_steps = [], set(), set()
        for step, first, _, detail, velocity in candidates:
            if (step, first) in seen or (track == "chords" and step in chord_steps):
                continue
            seen.add((step, first))
            chord_steps.add(step)
            kept.append((step, first, v.nearest("velocity", velocity), detail))
        return kept

    def cells(self, events, track: str, bars: int):
        """One token list per bar (Position, then the events' three tokens), and the event count per bar."""
        v = self.v
        result = [[] for _ in range(bars)]
        counts = np.zeros(bars, dtype=np.int64)
        last_step = None
        for step, first, velocity, detail in self.quantize(events, track):
            bar = step // v.steps_per_bar
            if bar >= bars:
                break
            if step != last_step:
                result[bar].append(v.id("position", step % v.steps_per_bar))
                last_step = step
            result[bar].extend([first, velocity, detail])
            counts[bar] += 1
        return [np.array(cell, dtype=np.int64) for cell in result], counts

    # ---- sequences ----------------------------------------------------------------------------------------------
    def header(self, style: str, key, tempo: float, densities: dict) -> list:
        """BOS Style [Key] Tempo {Track Density}; key only when a pitched track is present."""
        v = self.v
        tokens = [self.bos, v.id("style", style)]
        if any(track in PITCHED for track in densities):
            tokens.append(v.id("key", key))
        tokens.append(v.nearest("tempo", tempo))
        for track in TRACKS:
            if track in densities:
                tokens.extend([self.track_ids[track], v.nearest("density", densities[track])])
        return tokens

    def sequence(self, header, cells: dict, tracks, bars: int, masked) -> tuple:
        """Header, context (masked cells as Fill_k), Sep, fills, EOS. `cells[track][bar]` are token arrays; `masked` is a
        set of (bar, track). Returns (tokens, index of Sep)."""
        tokens = list(header)
        order = []
        for bar in range(bars):
            tokens.append(self.bar)
            for track in TRACKS:
                if track not in tracks:
                    continue
                tokens.append(self.track_ids[track])
                if (bar, track) in masked:
                    tokens.append(self.fill_first + len(order))
                    order.append((bar, track))
                else:
                    tokens.extend(cells[track][bar].tolist())
        sep = len(tokens)
        tokens.append(self.sep)
        for index, (bar, track) in enumerate(order):
            tokens.append(self.fill_first + index)
            tokens.extend(cells[track][bar].tolist())
            tokens.append(self.end)
        tokens.append(self.eos)
        return tokens, sep

    def transpose_cell(self, cell: np.ndarray, semitones: int, track: str):
        """The cell moved by `semitones` (pitches and chord roots), or None when a pitch leaves the track's range."""
        if not semitones or track == "drums" or len(cell) == 0:
            return cell
        out = cell.copy()
        if track == "chords":
            chords = (cell >= self.chord_first) & (cell < self.chord_first + self.chord_count)
            index = cell[chords] - self.chord_first
            per_root = len(QUALITY_NAMES)
            out[chords] = self.chord_first + ((index // per_root + semitones) % 12) * per_root + index % per_root
            return out
        pitches = (cell >= self.pitch_first) & (cell < self.pitch_first + self.pitch_count)
        shifted = cell[pitches] - self.pitch_first + self.v.values["pitch"][0] + semitones
        low, high = self.tracks[track]["pitchRange"]
        if shifted.size and (shifted.min() < low or shifted.max() > high):
            return None
        out[pitches] = cell[pitches] + semitones
        return out

    # ---- decoding (evaluation) ----------------------------------------------------------------------------------
    def decode_cell(self, tokens, track: str, bar: int) -> list:
        """A cell's tokens -> Notes (chords: Chord) at absolute ticks; incomplete events dropped."""
        v, tps = self.v, self.tps
        events, position, pending = [], None, None
        for token in tokens:
            family, value = v.value(int(token))
            if family == "position":
                position, pending = value, None
            elif family in ("pitch", "drum", "chord") and position is not None:
                pending = [family, value, None]
            elif family == "velocity" and pending is not None and pending[2] is None:
                pending[2] = value
            elif family in ("duration", "offset") and pending is not None and pending[2] is not None:
                start = (bar * v.steps_per_bar + position) * tps
                kind, first, velocity = pending
                if kind == "drum":
                    events.append(Note(max(0, start + value * v.offset_unit), tps, first, velocity))
                elif kind == "chord":
                    root, quality = first.split(":")
                    names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
                    events.append(Chord(start, value * tps, names.index(root), quality, velocity))
                else:
                    events.append(Note(start, value * tps, first, velocity))
                pending = None
            else:
                pending = None
        return events

