"""A DefGroove's bars as MMA plays them (drum hits, chord-relative bass notes), and the whole library read with coverage.

Run `python -m mosaic_music.mma_render [library folder]` for the coverage report (DefGrooves read, refused, and why).
"""
from collections import Counter
from dataclasses import dataclass, field
import json
import os
from pathlib import Path
import re
import sys

from .mma_grooves import BassNote, DrumHit, GrooveReader, MmaGroove
from .mma_patterns import MmaSyntaxError

LIBRARY_ROOT = Path(__file__).resolve().parents[4] / "shared" / "data" / "music" / "mma-groove-lib"  # no mido needed
SYSTEM_LIBRARY = Path("/usr/share/mma/lib")  # Debian's mma package (the same 21.09 library)
_DEFGROOVE = re.compile(r"^\s*DefGroove\s+(\S+)", re.IGNORECASE)


def velocity(reader: GrooveReader, track, bar: int, group) -> int:
    """MMA's adjustVolume without its random parts (RSkip, RVolume)."""
    value, g = group.velocity, reader.state.g
    if not value or not track.volume[bar] or not g.master:
        return 0
    value *= track.volume[bar] * g.track_ratio + g.master * (1 - g.track_ratio)
    for offset, change in track.accent[bar]:
        if offset == group.offset:
            value += value * change
    return int(min(127, max(1, value)))


def mallet_hits(track, bar: int, group, loudness: int) -> list:
    """(tick, velocity) of a drum note: one hit, or under Mallet its repeats at the rate, each decayed (MMA's sendNote)."""
    rate, decay = track.mallet
    duration = max(1, group.duration * track.articulate[bar] // 100)
    if not rate or duration <= rate:
        return [(int(group.offset), loudness)]
    hits = []
    for repeat in range(duration // rate):
        hits.append((int(group.offset + repeat * rate), loudness))
        if decay:
            loudness = min(127, max(1, int(loudness + loudness * decay)))
    return hits


def render_groove(reader: GrooveReader, name: str, description: str) -> MmaGroove:
    g = reader.state.g
    drums, bass = [], []
    for track in sorted(reader.state.tracks.values(), key=lambda t: t.name):
        for bar in range(g.seq_size):
            for group in track.sequence[bar] or ():
                loudness = velocity(reader, track, bar, group)
                if not loudness:
                    continue
                if track.kind == "DRUM":
                    drums.extend(DrumHit(bar, tick, track.tones[bar], level, track.name)
                                 for tick, level in mallet_hits(track, bar, group, loudness))
                else:
                    bass.append(BassNote(bar, int(group.offset), group.duration, group.degree, group.accidental,
                                         group.octave + track.octave[bar], loudness, track.name))
    played = [t for t in reader.state.tracks.values() if any(t.sequence)]
    return MmaGroove(name, description, reader._file, reader._file.split("/")[0] if "/" in reader._file else "",
                     g.beats_per_bar, g.time_signature, g.seq_size,
                     tuple(sorted(drums, key=lambda h: (h.bar, h.tick, h.note))),
                     tuple(sorted(bass, key=lambda n: (n.bar, n.tick, n.degree))),
                     any(t.seqrnd for t in played), max((max(t.rskip) for t in played), default=0.0))


def includes_folder(root: Path):
    """MMA's includes/ (stdpats and friends): beside the library, or from Debian's mma package."""
    for candidate in (os.environ.get("MOSAIC_MMA_INCLUDES"), root / "includes", root.parent / "includes",
                      "/usr/share/mma/includes"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def groove_index(root: Path) -> dict:
    """Groove name -> the library file defining it (stdlib first), for Groove's auto-load."""
    index = {}
    files = sorted(root.glob("*/*.mma"), key=lambda p: (p.parent.name != "stdlib", p.as_posix()))
    for path in files:
        for line in path.read_text(encoding="latin-1").splitlines():
            match = _DEFGROOVE.match(line.split("//")[0])
            if match:
                index.setdefault(match.group(1).upper(), path)
    return index


@dataclass
class LibraryReport:
    grooves: list = field(default_factory=list)
    statements: int = 0  # DefGroove statements in the files
    refused: list = field(default_factory=list)  # (file, groove or None, reason)
    ignored: Counter = field(default_factory=Counter)

    def summary(self) -> dict:
        reasons = Counter(re.sub(r"'[^']*'", "'…'", reason) for _, _, reason in self.refused)
        return {"defgroove_statements": self.statements, "grooves_read": len(self.grooves),
                "share_read": round(len(self.grooves) / max(1, self.statements), 4),
                "with_drums": sum(1 for g in self.grooves if g.drums),
                "with_bass": sum(1 for g in self.grooves if g.bass),
                "refused_by_reason": dict(reasons.most_common()), "read_past": dict(self.ignored.most_common(25))}


def read_library(root: Path = LIBRARY_ROOT, includes: Path | None = None) -> LibraryReport:
    root = Path(root)
    includes = includes or includes_folder(root)
    index, report = groove_index(root), LibraryReport()
    for path in sorted(root.glob("*/*.mma")):
        relative = path.relative_to(root).as_posix()
        text = path.read_text(encoding="latin-1")
        statements = len({m.group(1).upper() for m in (_DEFGROOVE.match(l.split("//")[0]) for l in text.splitlines()) if m})
        report.statements += statements
        reader = GrooveReader(root, includes, index)
        try:
            reader.read(path)
            failure = None
        except (MmaSyntaxError, ValueError, KeyError, IndexError, StopIteration) as error:
            failure = f"{type(error).__name__}: {error}"
        own = {g.name: g for g in reader.grooves if g.file == relative}  # a name defined twice: the last one
        report.grooves.extend(own.values())
        report.ignored.update(reader.ignored)
        skipped = [s for s in reader.skipped if s[0] == relative]
        report.refused.extend(skipped)
        missing = statements - len(own) - len(skipped)
        if failure and missing > 0:
            report.refused.extend([(relative, None, failure)] * missing)
    return report


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    report = read_library(Path(argv[0]) if argv else LIBRARY_ROOT)
    print(json.dumps(report.summary(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
