"""The state an MMA groove captures: per-track settings (one slot per bar of the sequence) and the global settings.

Mirrors MMA's PC track class for what a groove needs to sound its drums and bass: sequence, drum tones, volume, accent,
octave, SeqRnd, RSkip. A DefGroove snapshots this state; Groove restores it (MMA/grooves.py).
"""
import copy
from dataclasses import dataclass, field

from .mma_patterns import TICKS_PER_QUARTER, VOLUMES, MmaSyntaxError, Swing

PLAYED_KINDS = ("DRUM", "BASS")
TRACK_KINDS = ("BASS", "CHORD", "ARPEGGIO", "SCALE", "DRUM", "WALK", "PLECTRUM", "MELODY", "SOLO", "ARIA")


def seq_bump(values: list, size: int) -> list:
    """MMA's seqBump: a per-bar list repeated (doubled) up to `size` items, then cut."""
    values = list(values)
    while len(values) < size:
        values.extend(values)
    return values[:size]


def expand_slashes(values: list, size: int) -> list:
    """MMA's lnExpand: at most `size` items, '/' repeating the previous one."""
    values, last = list(values[:size]), None
    for index, value in enumerate(values):
        if value == "/":
            if last is None:
                raise MmaSyntaxError("a list cannot start with '/'")
            values[index] = last
        else:
            last = value
    return values


@dataclass
class Track:
    name: str
    kind: str  # DRUM | BASS
    sequence: list = field(default_factory=lambda: [None])
    tones: list = field(default_factory=lambda: [38])
    volume: list = field(default_factory=lambda: [VOLUMES["M"]])
    accent: list = field(default_factory=lambda: [[]])
    octave: list = field(default_factory=lambda: [48])
    articulate: list = field(default_factory=lambda: [90])
    rskip: list = field(default_factory=lambda: [0.0])
    seqrnd: bool = False
    mallet: tuple = (0, 0.0)  # Mallet Rate (ticks) and Decay: a long drum note repeats at that rate

    @property
    def played(self) -> bool:
        return self.kind in PLAYED_KINDS

    PER_BAR = ("sequence", "tones", "volume", "accent", "octave", "articulate", "rskip")

    def clear(self, size: int) -> None:
        """SeqClear: back to MMA's defaults (the tone list survives only for drums' default snare)."""
        fresh = Track(self.name, self.kind)
        for name in self.PER_BAR + ("seqrnd", "mallet"):
            setattr(self, name, getattr(fresh, name))
        self.resize(size)

    def resize(self, size: int) -> None:
        for name in self.PER_BAR:
            setattr(self, name, seq_bump(getattr(self, name), size))

    def settings(self) -> dict:
        return {name: copy.deepcopy(getattr(self, name)) for name in self.PER_BAR + ("seqrnd", "mallet")}

    def restore(self, settings: dict | None, size: int) -> None:
        if settings is None:
            self.clear(size)
            return
        for name, value in settings.items():
            setattr(self, name, copy.deepcopy(value))
        if len(self.octave) != size:
            self.resize(size)


@dataclass
class Globals:
    seq_size: int = 1
    beats_per_bar: int = 4  # MMA's Time (quarters per bar)
    time_signature: tuple = (4, 4)
    track_ratio: float = 0.6  # AdjustVolume Ratio
    master: float = VOLUMES["M"]
    swing: Swing = Swing()

    @property
    def bar_length(self) -> int:
        return self.beats_per_bar * TICKS_PER_QUARTER


class State:
    """Tracks by name and the globals; snapshots are what DefGroove stores."""

    def __init__(self):
        self.g = Globals()
        self.tracks: dict = {}

    def track(self, name: str):
        """The track of that name, created on first use (all kinds keep settings; only drums and bass play)."""
        name = name.upper()
        kind = name.split("-")[0]
        if kind not in TRACK_KINDS:
            raise MmaSyntaxError(f"unknown command or track {name!r}")
        if name not in self.tracks:
            track = Track(name, kind)
            track.resize(self.g.seq_size)
            self.tracks[name] = track
        return self.tracks[name]

    def set_seq_size(self, size: int) -> None:
        if size < 1:
            raise MmaSyntaxError("SeqSize must be 1 or more")
        if size != self.g.seq_size:
            self.g.seq_size = size
            for track in self.tracks.values():
                track.resize(size)

    def snapshot(self) -> dict:
        return {"globals": copy.deepcopy(self.g), "tracks": {n: t.settings() for n, t in self.tracks.items()}}

    def restore(self, snapshot: dict, only: str | None = None) -> None:
        if only is not None:
            self.tracks[only].restore(snapshot["tracks"].get(only), self.g.seq_size)
            return
        self.g = copy.deepcopy(snapshot["globals"])
        for name, track in self.tracks.items():
            track.restore(snapshot["tracks"].get(name), self.g.seq_size)
