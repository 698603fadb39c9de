"""Keys and scales: Krumhansl-Schmuckler key estimation and the pitch-class sets the key lock and the metrics use."""
import math

PITCH_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
MAJOR_SCALE = (0, 2, 4, 5, 7, 9, 11)
MINOR_SCALE = (0, 2, 3, 5, 7, 8, 10)


def key_name(tonic: int, mode: str) -> str:
    """The key token value, e.g. key_name(9, "minor") == "A-minor"."""
    return f"{PITCH_NAMES[tonic % 12]}-{mode}"


def parse_key(name: str):
    tonic, mode = name.split("-")
    return PITCH_NAMES.index(tonic), mode


def transpose_key(name: str, semitones: int) -> str:
    tonic, mode = parse_key(name)
    return key_name(tonic + semitones, mode)


def pitch_class_histogram(notes, weighted: bool = True) -> list:
    histogram = [0.0] * 12
    for note in notes:
        histogram[note.pitch % 12] += max(1, note.duration) if weighted else 1
    return histogram


def _correlation(x, y) -> float:
    mean_x, mean_y = sum(x) / 12, sum(y) / 12
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y))
    spread = math.sqrt(sum((a - mean_x) ** 2 for a in x) * sum((b - mean_y) ** 2 for b in y))
    return covariance / spread if spread > 0 else 0.0


def estimate_key(notes) -> str:
    """Duration-weighted Krumhansl-Schmuckler; ties go to the earlier key in token order (majors C..B, then minors)."""
    histogram = pitch_class_histogram(notes)
    best, best_score = key_name(0, "major"), -math.inf
    for mode, profile in (("major", MAJOR_PROFILE), ("minor", MINOR_PROFILE)):
        for tonic in range(12):
            rotated = [profile[(pc - tonic) % 12] for pc in range(12)]
            score = _correlation(histogram, rotated)
            if score > best_score + 1e-12:
                best, best_score = key_name(tonic, mode), score
    return best


def scale_pitch_classes(name: str) -> set:
    tonic, mode = parse_key(name)
    return {(tonic + step) % 12 for step in (MAJOR_SCALE if mode == "major" else MINOR_SCALE)}
