"""Multi-track songs for the arrange model: melody, chords (symbols), bass and drums per corpus, bar-aligned at 480 ticks per beat.

POP909: MELODY on its annotated beat grid, chord symbols from chord_midi.txt, bass = the PIANO's lowest voice below G3
(each onset's lowest note), with the chord root at a chord's onset in bars where the piano has no such note.
Nottingham (MIDI/, melody + chord tracks): chord symbols recognised from the chord track's block chords, bass = each
chord's root in octave 2. Groove MIDI: drums only (no corpus here holds drums together with pitched parts).
Held-out splits are the single-track models' (POP909 song number % 20 == 0, Nottingham tune index % 20 == 0, Groove's
own validation + test), so held-out likelihoods compare like with like.
"""
from dataclasses import dataclass, field
from pathlib import Path
import statistics

import mido

from .corpus import DATA_ROOT, TICKS_PER_BAR, TICKS_PER_BEAT, TempoMap, _interpolate, _track_notes, load_groove
from .keys import estimate_key
from .tokenizer import Note

CHORD_QUALITIES = {
    "maj": (0, 4, 7), "min": (0, 3, 7), "dim": (0, 3, 6), "aug": (0, 4, 8), "sus2": (0, 2, 7), "sus4": (0, 5, 7),
    "7": (0, 4, 7, 10), "maj7": (0, 4, 7, 11), "min7": (0, 3, 7, 10), "6": (0, 4, 7, 9), "min6": (0, 3, 7, 9),
    "hdim7": (0, 3, 6, 10), "dim7": (0, 3, 6, 9), "7sus4": (0, 5, 7, 10), "minmaj7": (0, 3, 7, 11),
}
# POP909 (Harte-style) quality names -> ours; extensions in parentheses are dropped except sus4(b7).
POP909_QUALITIES = {"maj6": "6", "sus4(b7)": "7sus4"}
ROOTS = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "Fb": 4, "E#": 5, "F": 5, "F#": 6, "Gb": 6,
         "G": 7, "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11, "Cb": 11, "B#": 0}
BASS_CEILING = 55  # piano notes below G3 are bass candidates
PITCHED = ("melody", "chords", "bass")


@dataclass(frozen=True)
class Chord:
    start: int
    duration: int
    root: int  # pitch class
    quality: str
    velocity: int


@dataclass
class ArrangeSong:
    id: str
    source: str
    style: str
    tempo: float
    split: str
    bars: int
    tracks: dict = field(repr=False)  # track -> list of Note (chords: list of Chord)
    key: str = ""


def parse_pop909_chord(label: str):
    """(root pitch class, quality) of a POP909 label such as "A:min7" or "C:maj/3"; None for N and unknown qualities."""
    if label == "N" or ":" not in label:
        return None
    root, quality = label.split(":", 1)
    quality = quality.split("/")[0]
    quality = POP909_QUALITIES.get(quality, quality.split("(")[0] if quality not in POP909_QUALITIES else quality)
    if root not in ROOTS or quality not in CHORD_QUALITIES:
        return None
    return ROOTS[root], quality


def recognise_chord(pitches):
    """Best (root, quality) for a set of sounding pitches: templates covering the most pitch classes, the lowest note's
    pitch class preferred as root; None for fewer than two pitch classes."""
    classes = {pitch % 12 for pitch in pitches}
    if len(classes) < 2:
        return None
    lowest = min(pitches) % 12
    best, best_score = None, None
    for root in range(12):
        for quality, intervals in CHORD_QUALITIES.items():
            tones = {(root + interval) % 12 for interval in intervals}
            score = (len(classes & tones) - len(classes - tones) - 0.5 * len(tones - classes), root == lowest,
                     -len(intervals))
            if best_score is None or score > best_score:
                best, best_score = (root, quality), score
    return best


def _beats(folder: Path):
    beats = [line.split() for line in (folder / "beat_midi.txt").read_text().splitlines() if line.strip()]
    times = [float(row[0]) for row in beats]
    downbeats = [index for index, row in enumerate(beats) if float(row[2]) == 1.0]
    return times, downbeats


def _bass_from_piano(piano, chords, bars):
    """The piano's lowest voice below G3 (one note per 16th onset, cut at the next one), lifted to ≥ E1; bars without
    any take the chord roots at the chord onsets."""
    step = TICKS_PER_BEAT // 4
    by_step = {}
    for note in piano:
        if note.pitch < BASS_CEILING:
            onset = (2 * note.start + step) // (2 * step)
            if onset not in by_step or note.pitch < by_step[onset].pitch:
                by_step[onset] = note
    onsets = sorted(by_step)
    bass = []
    for index, onset in enumerate(onsets):
        note = by_step[onset]
        pitch = note.pitch
        while pitch < 28:
            pitch += 12
        end = note.start + note.duration
        if index + 1 < len(onsets):
            end = min(end, onsets[index + 1] * step)
        bass.append(Note(onset * step, max(step, end - onset * step), pitch, note.velocity))
    covered = {note.start // TICKS_PER_BAR for note in bass}
    for chord in chords:
        if chord.start // TICKS_PER_BAR not in covered:
            bass.append(Note(chord.start, chord.duration, 36 + chord.root if chord.root >= 4 else 48 + chord.root, 70))
    return sorted(bass, key=lambda note: (note.start, note.pitch))


def _split_at_bars(chords):
    """Chords cut at bar lines, each bar's sounding chord restated at its downbeat, so every bar cell stands alone."""
    result = []
    for chord in chords:
        start, end = chord.start, chord.start + chord.duration
        while start < end:
            bar_end = (start // TICKS_PER_BAR + 1) * TICKS_PER_BAR
            piece_end = min(end, bar_end)
            result.append(Chord(start, piece_end - start, chord.root, chord.quality, chord.velocity))
            start = piece_end
    return result


def _shift(song_tracks, bars_from):
    """Shifts all tracks so that bar `bars_from` becomes bar 0 (dropping what lies before it)."""
    shift = bars_from * TICKS_PER_BAR
    out = {}
    for name, events in song_tracks.items():
        kept = [event for event in events if event.start >= shift]
        if name == "chords":
            out[name] = [Chord(c.start - shift, c.duration, c.root, c.quality, c.velocity) for c in kept]
        else:
            out[name] = [Note(n.start - shift, n.duration, n.pitch, n.velocity) for n in kept]
    return out


def _finish(song_tracks):
    """Bar-aligns to the first event of any track; returns (tracks, bars)."""
    first = min((event.start for events in song_tracks.values() for event in events), default=0)
    tracks = _shift(song_tracks, max(0, first) // TICKS_PER_BAR)
    last = max((event.start for events in tracks.values() for event in events), default=-1)
    return tracks, last // TICKS_PER_BAR + 1


def load_pop909(root: Path = DATA_ROOT / "pop909" / "POP909") -> list:
    songs = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        times, downbeats = _beats(folder)
        gaps = [b - a for a, b in zip(downbeats, downbeats[1:])]
        if len(times) < 8 or not gaps or sum(gap == 4 for gap in gaps) < 0.9 * len(gaps):
            continue
        midi = mido.MidiFile(folder / f"{folder.name}.mid")
        tempo_map = TempoMap(midi)
        beat_indices = list(range(len(times)))
        first = downbeats[0]

        def to_tick(seconds):
            return round((_interpolate(seconds, times, beat_indices) - first) * TICKS_PER_BEAT)

        def notes_of(name):
            track = next((t for t in midi.tracks if t.name == name), None)
            notes = []
            for start, end, pitch, velocity in _track_notes(track or []):
                s, e = to_tick(tempo_map.at(start)), to_tick(tempo_map.at(end))
                if s >= 0:
                    notes.append(Note(s, max(1, e - s), pitch, velocity))
            return notes

        melody, piano = notes_of("MELODY"), notes_of("PIANO")
        chords = []
        step = TICKS_PER_BEAT // 4
        for line in (folder / "chord_midi.txt").read_text().splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue
            parsed = parse_pop909_chord(parts[2])
            if parsed is None:
                continue
            start = (2 * to_tick(float(parts[0])) + step) // (2 * step) * step
            end = (2 * to_tick(float(parts[1])) + step) // (2 * step) * step
            if start < 0 or end <= start:
                continue
            onsets = [n.velocity for n in piano if abs(n.start - start) < step]
            velocity = round(statistics.mean(onsets)) if onsets else 70
            chords.append(Chord(start, end - start, parsed[0], parsed[1], velocity))
        chords = _split_at_bars(chords)
        bass = _bass_from_piano(piano, chords, None)
        tracks, bars = _finish({"melody": melody, "chords": chords, "bass": bass})
        if bars < 2 or not tracks["melody"]:
            continue
        tempo = 60 / statistics.median(b - a for a, b in zip(times, times[1:]))
        split = "test" if int(folder.name) % 20 == 0 else "train"
        songs.append(ArrangeSong(f"pop909/{folder.name}", "pop909", "pop", tempo, split, bars, tracks,
                                 estimate_key(tracks["melody"])))
    return songs


def load_nottingham(root: Path = DATA_ROOT / "nottingham" / "MIDI") -> list:
    """Tunes in 4/4, 2/4, 2/2 with a chord track; split as the melody model's (index in MIDI/melody % 20)."""
    split_index = {path.stem: index for index, path in enumerate(sorted((root / "melody").glob("*.mid")))}
    songs = []
    for path in sorted(root.glob("*.mid")):
        midi = mido.MidiFile(path)
        signatures = {(m.numerator, m.denominator) for t in midi.tracks for m in t if m.type == "time_signature"}
        if not signatures or not signatures <= {(4, 4), (2, 4), (2, 2)} or len(midi.tracks) < 2:
            continue
        scale = TICKS_PER_BEAT / midi.ticks_per_beat
        melody = [Note(round(s), max(1, round(e - s)), p, v) for s, e, p, v in _track_notes(midi.tracks[0], scale)]
        groups = {}
        for s, e, p, v in _track_notes(midi.tracks[1], scale):
            groups.setdefault(round(s), []).append((round(e), p, v))
        chords, bass = [], []
        for start in sorted(groups):
            members = groups[start]
            parsed = recognise_chord([p for _, p, _ in members])
            if parsed is None:
                continue
            end = max(e for e, _, _ in members)
            velocity = max(v for _, _, v in members)
            chords.append(Chord(start, max(1, end - start), parsed[0], parsed[1], velocity))
            bass.append(Note(start, max(1, end - start), 36 + parsed[0] if parsed[0] >= 4 else 48 + parsed[0], velocity))
        tracks, bars = _finish({"melody": melody, "chords": _split_at_bars(chords), "bass": bass})
        if bars < 2 or not tracks["melody"] or not tracks["chords"]:
            continue
        index = split_index.get(path.stem, hash(path.stem))
        split = "test" if index % 20 == 0 else "train"
        songs.append(ArrangeSong(f"nottingham/{path.stem}", "nottingham", "folk", 120.0, split, bars, tracks,
                                 estimate_key(tracks["melody"])))
    return songs


def load_groove_drums() -> list:
    songs = []
    for song in load_groove():
        if not song.notes:
            continue
        bars = max(note.start for note in song.notes) // TICKS_PER_BAR + 1
        songs.append(ArrangeSong(song.id, "groove", song.style, song.tempo, song.split, bars, {"drums": song.notes}))
    return songs


LOADERS = {"pop909": load_pop909, "nottingham": load_nottingham, "groove": load_groove_drums}
