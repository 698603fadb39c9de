"""Music metrics with the muspy / MGEval definitions of ANCHORS.md: pitch-class entropy, scale consistency, groove consistency, density."""
import math

from .keys import MAJOR_SCALE, MINOR_SCALE

TICKS_PER_BAR = 1920
STEPS_PER_BAR = 16


def pitch_class_entropy(notes) -> float:
    """-sum p log2 p over the 12-bin pitch-class histogram of note counts (max log2 12 = 3.585)."""
    counts = [0] * 12
    for note in notes:
        counts[note.pitch % 12] += 1
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c) if total else 0.0


def scale_consistency(notes) -> float:
    """Largest share of notes inside one of the 24 major/minor scales."""
    if not notes:
        return 0.0
    best = 0
    for tonic in range(12):
        for scale in (MAJOR_SCALE, MINOR_SCALE):
            members = {(tonic + step) % 12 for step in scale}
            best = max(best, sum(1 for note in notes if note.pitch % 12 in members))
    return best / len(notes)


def in_scale_rate(notes, pitch_classes) -> float:
    return sum(1 for note in notes if note.pitch % 12 in pitch_classes) / len(notes) if notes else 1.0


def bar_count(notes, bars=None) -> int:
    if bars is not None:
        return bars
    return max((note.start // TICKS_PER_BAR for note in notes), default=-1) + 1


def notes_per_bar(notes, bars=None) -> float:
    count = bar_count(notes, bars)
    return len(notes) / count if count else 0.0


def groove_consistency(notes, bars=None) -> float:
    """1 - mean Hamming distance between consecutive bars' 16-step onset vectors / 16 (needs 2+ bars)."""
    count = bar_count(notes, bars)
    if count < 2:
        return float("nan")
    onsets = [[0] * STEPS_PER_BAR for _ in range(count)]
    for note in notes:
        step = (2 * note.start + 120) // 240
        bar = step // STEPS_PER_BAR
        if 0 <= bar < count:
            onsets[bar][step % STEPS_PER_BAR] = 1
    distances = [sum(a != b for a, b in zip(onsets[i], onsets[i + 1])) for i in range(count - 1)]
    return 1 - sum(distances) / len(distances) / STEPS_PER_BAR
