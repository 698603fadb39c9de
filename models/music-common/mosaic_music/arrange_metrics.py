"""Structure, harmony and originality metrics of arranged songs, counted as ANCHORS.md counts the corpus figures.

- repeated_bars: over an 8-bar melody segment, the share of non-empty bars whose set of (16th step in the bar, pitch)
  equals an earlier bar's in the segment (POP909 0.060, Nottingham 0.192 measured by this code; ANCHORS.md: 0.062 / 0.192).
- transposed_repeats: as repeated_bars, bars compared transposition-invariantly (each bar's pitches taken from its
  lowest), so a motif restated a step higher counts; exact repeats count too (issue 19's corpus figures: POP909
  0.067, Nottingham 0.203).
- four_gram_self_similarity: the share of the segment's pitch 4-grams (notes ordered by onset, higher pitch first) that
  already occurred earlier in it (POP909 0.153, Nottingham 0.242; ANCHORS.md 0.153 / 0.241).
- chord_tone_rate: melody notes of at least one beat whose pitch class the chord sounding at their onset contains.
- bass_downbeat_chord_tone_rate: bass notes starting on a beat-1 downbeat whose pitch class the chord sounding there holds.
- copies: 16-note melody passages (pitch intervals and inter-onset steps, so transposed copies count) that occur in
  the training melodies.
The TypeScript pipeline's per-variation stats (main/inference/tasks/music/arrange/) use the same definitions.
"""
from .arrange_corpus import CHORD_QUALITIES

TICKS_PER_BAR = 1920
TICKS_PER_BEAT = 480
STEP = 120
COPY_LENGTH = 16


def _ordered(notes):
    return sorted(notes, key=lambda note: (note.start, -note.pitch))


def _bar_cells(notes, bars: int) -> list:
    cells = [set() for _ in range(bars)]
    for note in notes:
        bar = note.start // TICKS_PER_BAR
        if 0 <= bar < bars:
            cells[bar].add(((note.start - bar * TICKS_PER_BAR + STEP // 2) // STEP, note.pitch))
    return cells


def _share_repeating(cells) -> float:
    counted = repeats = 0
    for index, cell in enumerate(cells):
        if not cell:
            continue
        counted += 1
        repeats += any(cell == cells[earlier] for earlier in range(index))
    return repeats / counted if counted else float("nan")


def repeated_bars(notes, bars: int) -> float:
    return _share_repeating(_bar_cells(notes, bars))


def transposed_repeats(notes, bars: int) -> float:
    def relative(cell):
        lowest = min((pitch for _, pitch in cell), default=0)
        return {(step, pitch - lowest) for step, pitch in cell}
    return _share_repeating([relative(cell) for cell in _bar_cells(notes, bars)])


def four_gram_self_similarity(notes) -> float:
    pitches = [note.pitch for note in _ordered(notes)]
    grams = [tuple(pitches[i:i + 4]) for i in range(len(pitches) - 3)]
    if not grams:
        return float("nan")
    seen, repeats = set(), 0
    for gram in grams:
        repeats += gram in seen
        seen.add(gram)
    return repeats / len(grams)


def _sounding(chords, tick):
    for chord in chords:
        if chord.start <= tick < chord.start + chord.duration:
            return chord
    return None


def chord_tones(chord) -> set:
    return {(chord.root + interval) % 12 for interval in CHORD_QUALITIES[chord.quality]}


def chord_tone_rate(melody, chords) -> float:
    long_notes = [note for note in melody if note.duration >= TICKS_PER_BEAT]
    judged = hits = 0
    for note in long_notes:
        chord = _sounding(chords, note.start)
        if chord is None:
            continue
        judged += 1
        hits += note.pitch % 12 in chord_tones(chord)
    return hits / judged if judged else float("nan")


def pitch_chord_tone_rate(melody, accompaniment) -> float:
    """As chord_tone_rate, against the pitch classes an accompaniment's notes sound at the onset (the ANCHORS.md 0.66)."""
    judged = hits = 0
    for note in melody:
        if note.duration < TICKS_PER_BEAT:
            continue
        sounding = {a.pitch % 12 for a in accompaniment if a.start <= note.start < a.start + a.duration}
        if not sounding:
            continue
        judged += 1
        hits += note.pitch % 12 in sounding
    return hits / judged if judged else float("nan")


def bass_downbeat_chord_tone_rate(bass, chords) -> float:
    judged = hits = 0
    for note in bass:
        if note.start % TICKS_PER_BAR >= STEP // 2 and note.start % TICKS_PER_BAR < TICKS_PER_BAR - STEP // 2:
            continue
        chord = _sounding(chords, round(note.start / TICKS_PER_BAR) * TICKS_PER_BAR)
        if chord is None:
            continue
        judged += 1
        hits += note.pitch % 12 in chord_tones(chord)
    return hits / judged if judged else float("nan")


def _passage_keys(notes, length: int = COPY_LENGTH):
    ordered = _ordered(notes)
    steps = [(note.start + STEP // 2) // STEP for note in ordered]
    pitches = [note.pitch for note in ordered]
    for i in range(len(ordered) - length + 1):
        yield tuple((pitches[j + 1] - pitches[j], steps[j + 1] - steps[j]) for j in range(i, i + length - 1))


class CopyIndex:
    """Every 16-note passage of the training melodies, transposition-invariant (intervals and inter-onset steps)."""

    def __init__(self, melodies):
        self.keys = set()
        for notes in melodies:
            self.keys.update(_passage_keys(notes))

    def copies(self, notes) -> int:
        return sum(key in self.keys for key in _passage_keys(notes))
