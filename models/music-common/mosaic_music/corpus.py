"""Loads the shared music corpora as bar-aligned 4/4 note lists (480 ticks per beat) with style, tempo, key and split."""
import bisect
import csv
from dataclasses import dataclass, field
from pathlib import Path
import statistics

import mido

from .keys import estimate_key
from .tokenizer import Note

DATA_ROOT = Path(__file__).resolve().parents[4] / "shared" / "data" / "music"
TICKS_PER_BEAT = 480
TICKS_PER_BAR = 4 * TICKS_PER_BEAT


@dataclass
class Song:
    id: str
    source: str  # pop909 | nottingham | groove
    style: str
    tempo: float
    split: str  # train | test (held out)
    notes: list = field(repr=False)
    key: str = ""


def _track_notes(track, scale: float = 1.0):
    """(start_tick, end_tick, pitch, velocity) of one track's notes, ticks multiplied by scale."""
    notes, playing, now = [], {}, 0
    for message in track:
        now += message.time
        if message.type == "note_on" and message.velocity > 0:
            playing.setdefault(message.note, []).append((now, message.velocity))
        elif message.type in ("note_off", "note_on") and message.note in playing and playing[message.note]:
            start, velocity = playing[message.note].pop(0)
            notes.append((start * scale, now * scale, message.note, velocity))
    return sorted(notes)


def _bar_aligned(notes) -> list:
    """Shifts notes by whole bars so the first note falls in bar 0."""
    if not notes:
        return []
    shift = (min(note.start for note in notes) // TICKS_PER_BAR) * TICKS_PER_BAR
    return [Note(note.start - shift, note.duration, note.pitch, note.velocity) for note in notes]


class TempoMap:
    """Tick -> seconds for a type-1 file's tempo track."""

    def __init__(self, midi: mido.MidiFile):
        self.ticks, self.seconds, self.tempos = [0], [0.0], [500000]
        self.per_beat = midi.ticks_per_beat
        now = 0
        for message in midi.tracks[0]:
            now += message.time
            if message.type == "set_tempo":
                seconds = self.at(now)
                self.ticks.append(now)
                self.seconds.append(seconds)
                self.tempos.append(message.tempo)

    def at(self, tick: float) -> float:
        index = bisect.bisect_right(self.ticks, tick) - 1
        return self.seconds[index] + (tick - self.ticks[index]) * self.tempos[index] / 1e6 / self.per_beat


def _interpolate(x, xs, ys):
    """Piecewise-linear interpolation that extends the end segments."""
    index = min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)
    x0, x1, y0, y1 = xs[index], xs[index + 1], ys[index], ys[index + 1]
    return y0 + (x - x0) * (y1 - y0) / (x1 - x0)


def load_pop909(root: Path = DATA_ROOT / "pop909" / "POP909") -> list:
    """MELODY tracks placed on the annotated beat grid (beat_midi.txt), 4/4 songs only; held out: song number % 20 == 0."""
    songs = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        beats = [line.split() for line in (folder / "beat_midi.txt").read_text().splitlines() if line.strip()]
        times = [float(row[0]) for row in beats]
        downbeats = [index for index, row in enumerate(beats) if float(row[2]) == 1.0]
        gaps = [b - a for a, b in zip(downbeats, downbeats[1:])]
        if len(times) < 8 or not gaps or sum(gap == 4 for gap in gaps) < 0.9 * len(gaps):
            continue
        midi = mido.MidiFile(folder / f"{folder.name}.mid")
        tempo_map = TempoMap(midi)
        melody = next(track for track in midi.tracks if track.name == "MELODY")
        beat_indices = list(range(len(times)))
        first = downbeats[0]
        notes = []
        for start, end, pitch, velocity in _track_notes(melody):
            start_beat = _interpolate(tempo_map.at(start), times, beat_indices) - first
            end_beat = _interpolate(tempo_map.at(end), times, beat_indices) - first
            notes.append(Note(round(start_beat * TICKS_PER_BEAT), max(1, round((end_beat - start_beat) * TICKS_PER_BEAT)),
                              pitch, velocity))
        notes = _bar_aligned([note for note in notes if note.start > -4 * TICKS_PER_BAR])
        tempo = 60 / statistics.median(b - a for a, b in zip(times, times[1:]))
        split = "test" if int(folder.name) % 20 == 0 else "train"
        songs.append(Song(f"pop909/{folder.name}", "pop909", "pop", tempo, split, notes, estimate_key(notes)))
    return songs


def load_nottingham(root: Path = DATA_ROOT / "nottingham" / "MIDI" / "melody") -> list:
    """Tunes whose every time signature is 4/4, 2/4 or 2/2 (two 2/4 bars make one 16-step bar); held out: index % 20 == 0."""
    songs = []
    for index, path in enumerate(sorted(root.glob("*.mid"))):
        midi = mido.MidiFile(path)
        signatures = {(m.numerator, m.denominator) for t in midi.tracks for m in t if m.type == "time_signature"}
        if not signatures or not signatures <= {(4, 4), (2, 4), (2, 2)}:
            continue
        scale = TICKS_PER_BEAT / midi.ticks_per_beat
        notes = []
        for track in midi.tracks:
            for start, end, pitch, velocity in _track_notes(track, scale):
                notes.append(Note(round(start), max(1, round(end - start)), pitch, velocity))
        notes = _bar_aligned(sorted(notes, key=lambda note: (note.start, note.pitch)))
        split = "test" if index % 20 == 0 else "train"
        songs.append(Song(f"nottingham/{path.stem}", "nottingham", "folk", 120.0, split, notes, estimate_key(notes)))
    return songs


def load_groove(root: Path = DATA_ROOT / "groove-midi") -> list:
    """4/4 beats (not fills) of the Groove MIDI Dataset, its own train/validation/test split (validation and test held out)."""
    songs = []
    with open(root / "info.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["beat_type"] != "beat" or row["time_signature"] != "4-4":
                continue
            midi = mido.MidiFile(root / row["midi_filename"])
            scale = TICKS_PER_BEAT / midi.ticks_per_beat
            notes = [Note(round(start), TICKS_PER_BEAT // 4, pitch, velocity)
                     for track in midi.tracks for start, _, pitch, velocity in _track_notes(track, scale)]
            notes.sort(key=lambda note: (note.start, note.pitch))
            split = "train" if row["split"] == "train" else "test"
            songs.append(Song(row["id"], "groove", row["style"].split("/")[0], float(row["bpm"]), split, notes))
    return songs
