"""MMA pattern syntax: note lengths, bar offsets, volumes, drum-tone names, and Drum / Bass pattern groups with Shift and *.

Follows MMA 21.09 (Bob van der Poel's "Musical MIDI Accompaniment", GPL-2+; Debian package mma): 192 ticks per quarter,
a pattern is `;`-separated groups — a drum group is `beat length velocity`, a bass group `beat length degree velocity`
(degree 1-7 of the chord's scale, with #/b and +/- octave marks) — or the name of a defined pattern, each optionally
followed by `Shift beats` and `* n` (n copies squeezed into the bar).
"""
from dataclasses import dataclass, replace

TICKS_PER_QUARTER = 192  # MMA's fixed resolution (gbl.BperQ)

# General MIDI percussion keys by MMA's tone names (MMA/miditables.py drumNames).
DRUM_TONES = {
    27: "HighQ", 28: "Slap", 29: "ScratchPush", 30: "ScratchPull", 31: "Sticks", 32: "SquareClick",
    33: "MetronomeClick", 34: "MetronomeBell", 35: "KickDrum2", 36: "KickDrum1", 37: "SideKick", 38: "SnareDrum1",
    39: "HandClap", 40: "SnareDrum2", 41: "LowTom2", 42: "ClosedHiHat", 43: "LowTom1", 44: "PedalHiHat",
    45: "MidTom2", 46: "OpenHiHat", 47: "MidTom1", 48: "HighTom2", 49: "CrashCymbal1", 50: "HighTom1",
    51: "RideCymbal1", 52: "ChineseCymbal", 53: "RideBell", 54: "Tambourine", 55: "SplashCymbal", 56: "CowBell",
    57: "CrashCymbal2", 58: "VibraSlap", 59: "RideCymbal2", 60: "HighBongo", 61: "LowBongo", 62: "MuteHighConga",
    63: "OpenHighConga", 64: "LowConga", 65: "HighTimbale", 66: "LowTimbale", 67: "HighAgogo", 68: "LowAgogo",
    69: "Cabasa", 70: "Maracas", 71: "ShortHiWhistle", 72: "LongLowWhistle", 73: "ShortGuiro", 74: "LongGuiro",
    75: "Claves", 76: "HighWoodBlock", 77: "LowWoodBlock", 78: "MuteCuica", 79: "OpenCuica", 80: "MuteTriangle",
    81: "OpenTriangle", 82: "Shaker", 83: "JingleBell", 84: "Castanets", 85: "MuteSurdo", 86: "OpenSurdo",
}
DRUM_KEYS = {name.upper(): key for key, name in DRUM_TONES.items()}

# Dynamic marks -> volume factor (MMA/volume.py vols).
VOLUMES = {"OFF": 0.0, "PPPP": 0.05, "PPP": 0.10, "PP": 0.25, "P": 0.40, "MP": 0.70, "M": 1.00, "MF": 1.10,
           "F": 1.30, "FF": 1.60, "FFF": 1.80, "FFFF": 2.00}

_Q = TICKS_PER_QUARTER
NOTE_LENGTHS = {"0": 1, "1": _Q * 4, "2": _Q * 2, "23": _Q * 4 // 3, "4": _Q, "43": _Q * 2 // 3, "8": _Q // 2,
                "16": _Q // 4, "32": _Q // 8, "64": _Q // 16, "6": _Q // 6, "3": _Q // 3, "5": _Q // 5}


class MmaSyntaxError(ValueError):
    """A construct this reader does not understand (or that MMA itself would reject)."""


@dataclass(frozen=True)
class Group:
    """One pattern event: offset and duration in MMA ticks, velocity; bass groups add the chord-scale degree."""
    offset: float
    duration: int
    velocity: float
    degree: int = 0  # 0-based scale step (bass)
    accidental: int = 0
    octave: int = 0  # semitones added (+/-, degrees above 7)


def note_length(text: str, skew: int = 66) -> int:
    """MMA note length ('4', '8.', '2+8', '1-4', '96t'; 81 and 82 the short and long swing 8ths) in ticks."""
    text = text.upper()
    if text.endswith("T"):
        return max(1, int(text[:-1] or "x"))
    total = 0.0
    for part in text.replace("-", "+-").replace("++-", "+-").split("+"):
        dots = len(part) - len(part.rstrip("."))
        part, sign = part.rstrip("."), 1
        if part.startswith("-"):
            part, sign = part[1:], -1
        if ":" in part:
            count, base = part.split(":")  # a tuplet: `count` notes in the time of one `base` note
            value = NOTE_LENGTHS[base] // int(count)
        elif part in NOTE_LENGTHS:
            value = NOTE_LENGTHS[part]
        elif part in ("81", "82"):
            value = int(skew * _Q / 100) if part == "81" else _Q - int(skew * _Q / 100)
        else:
            raise MmaSyntaxError(f"unknown note length {text!r}")
        value *= sign
        if dots >= 2:
            value += value / 2 + value / 4
        elif dots == 1:
            value += value / 2
        total += value
    return int(total)


def bar_offset(text: str, bar_length: int) -> int:
    """A beat ('1', '2.5', '3+8', '4-16') -> ticks from the bar start (MMA's setBarOffset)."""
    minus, plus = text.find("-"), text.find("+")
    split = min(i for i in (minus, plus) if i > 0) if max(minus, plus) > 0 else None
    extra = 0
    if split:
        extra = note_length(text[split + 1:]) * (-1 if text[split] == "-" else 1)
        text = text[:split]
    try:
        value = (float(text) - 1) * TICKS_PER_QUARTER + extra
    except ValueError as error:
        raise MmaSyntaxError(f"bad beat {text!r}") from error
    if value < -TICKS_PER_QUARTER or value >= bar_length:
        raise MmaSyntaxError(f"beat {text!r} outside the bar")
    return int(value)


def volume_factor(text: str, old: float) -> float:
    """A Volume value: a dynamic mark, a percentage (70), or a change (+10%, -20%, 80%)."""
    upper = text.upper()
    if upper in VOLUMES:
        return VOLUMES[upper]
    sign = upper[0] if upper[:1] in "+-" else ""
    number = upper.lstrip("+-").rstrip("%")
    try:
        value = float(number) / 100
    except ValueError as error:
        raise MmaSyntaxError(f"unknown volume {text!r}") from error
    if sign == "+":
        return old * (1 + value)
    if sign == "-":
        return old * (1 - value)
    return old * value if upper.endswith("%") else value


def drum_key(name: str) -> int:
    try:
        key = int(name, 0)
    except ValueError:
        key = DRUM_KEYS.get(name.upper(), -1)
    if not 0 <= key <= 127:
        raise MmaSyntaxError(f"unknown drum tone {name!r}")
    return key


def _group(kind: str, fields, bar_length: int, skew: int) -> Group:
    if kind == "DRUM":
        if len(fields) != 3:
            raise MmaSyntaxError(f"a drum group has 3 fields, not {' '.join(fields)!r}")
        return Group(bar_offset(fields[0], bar_length), note_length(fields[1], skew), float(int(fields[2])))
    if len(fields) != 4:
        raise MmaSyntaxError(f"a bass group has 4 fields, not {' '.join(fields)!r}")
    text, digits = fields[2], 0
    while text[digits:digits + 1].isdigit():
        digits += 1
    if not digits:
        raise MmaSyntaxError(f"bad bass degree {text!r}")
    degree, octave = int(text[:digits]), 0
    while degree > 7:
        degree, octave = degree - 7, octave + 12
    rest, accidental = text[digits:], 0
    if rest[:1] in ("#", "S"):
        rest, accidental = rest[1:], 1
    elif rest[:1] in ("B", "&"):
        rest, accidental = rest[1:], -1
    for mark in rest:
        if mark not in "+-":
            raise MmaSyntaxError(f"bad bass degree {text!r}")
        octave += 12 if mark == "+" else -12
    return Group(bar_offset(fields[0], bar_length), note_length(fields[1], skew), float(int(fields[3])), degree - 1,
                 accidental, octave)


@dataclass(frozen=True)
class Swing:
    """SwingMode settings (MMA/swing.py): off-beat 8ths (or 16ths) move to `skew` % of the beat when defined."""
    on: bool = False
    skew: int = 66
    accent: tuple = (1.0, 1.0)
    delay: tuple = (0, 0)
    notes: int = 8

    def text(self) -> str:
        return (f"{'On' if self.on else 'Off'} Accent={int(self.accent[0] * 100)},{int(self.accent[1] * 100)} "
                f"Delay={self.delay[0]},{self.delay[1]} Skew={self.skew} Notes={self.notes}")

    def apply(self, groups: list, kind: str, beats: int) -> list:
        eighth, first = _Q // 2, int(self.skew * _Q / 100)
        second, count, step = _Q - first, beats, _Q
        if self.notes == 16:
            eighth, first, second, count, step = eighth / 2, first / 2, second / 2, count * 2, step / 2
        on_beats = [x * step for x in range(count)]
        off_beats = [x * step + eighth for x in range(count)]
        out = []
        for g in groups:
            if g.duration == eighth or (kind == "DRUM" and g.duration == 1):
                if g.offset in on_beats and g.duration == eighth:
                    g = replace(g, duration=first, velocity=g.velocity * self.accent[0], offset=g.offset + self.delay[0])
                elif g.offset in off_beats:
                    if g.duration == eighth:
                        g = replace(g, duration=second, velocity=g.velocity * self.accent[1])
                    g = replace(g, offset=on_beats[off_beats.index(g.offset)] + first + self.delay[1])
            out.append(g)
        return out


def parse_swing(words: list, swing: Swing) -> Swing:
    """A SwingMode command's arguments applied to the current settings."""
    for word in words:
        key, _, value = word.upper().partition("=")
        if not value:
            if key not in ("ON", "1", "OFF", "0"):
                raise MmaSyntaxError(f"bad SwingMode argument {word!r}")
            swing = replace(swing, on=key in ("ON", "1"))
        elif key == "SKEW":
            swing = replace(swing, skew=int(value))
        elif key in ("ACCENT", "DELAY"):
            a, b = (int(v) for v in value.split(","))
            swing = replace(swing, accent=(a / 100, b / 100)) if key == "ACCENT" else replace(swing, delay=(a, b))
        elif key == "NOTES":
            swing = replace(swing, notes=int(value))
        else:
            raise MmaSyntaxError(f"bad SwingMode argument {word!r}")
    return swing


def parse_pattern(kind: str, text: str, patterns: dict, bar_length: int, swing: Swing = Swing()) -> tuple:
    """A pattern definition (`kind` DRUM or BASS) -> groups sorted by offset; names refer to `patterns[(kind, NAME)]`;
    under SwingMode the groups are swung as they are defined (as MMA does)."""
    groups = []
    for part in text.upper().rstrip("; ").split(";"):
        words = part.split()
        if not words:
            continue
        cut = next((i for i, word in enumerate(words) if word in ("SHIFT", "*")), len(words))
        if cut == 0:
            raise MmaSyntaxError("a pattern group cannot start with Shift or *")
        head, more = words[:cut], words[cut:]
        if len(head) == 1:
            if (kind, head[0]) not in patterns:
                raise MmaSyntaxError(f"{head[0]} is not a defined {kind.title()} pattern")
            current = list(patterns[(kind, head[0])])
        else:
            current = [_group(kind, head, bar_length, swing.skew)]
        while more:
            command, argument = more[0], more[1] if len(more) > 1 else None
            more = more[2:]
            if argument is None:
                raise MmaSyntaxError(f"{command} needs a value")
            if command == "SHIFT":
                shift = float(argument) * TICKS_PER_QUARTER
                current = [replace(g, offset=g.offset + shift) for g in current]
                if any(g.offset < 0 or g.offset > bar_length for g in current):
                    raise MmaSyntaxError("Shift moves a group out of the bar")
            else:
                factor = int(argument)
                step = bar_length // factor
                current = [replace(g, offset=g.offset // factor + copy * step, duration=max(1, g.duration // factor))
                           for copy in range(factor) for g in current]
        groups.extend(current)
    groups.sort(key=lambda group: group.offset)
    if swing.on:
        groups = swing.apply(groups, kind, bar_length // TICKS_PER_QUARTER)
    return tuple(groups)
