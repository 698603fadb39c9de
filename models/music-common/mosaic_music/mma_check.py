"""Independent check of the MMA reader: MMA itself (Debian's `mma`) plays each sampled groove, and its drum hits are
compared with the reader's (onset tick, GM note, velocity).

A tiny song per groove: `Use` the groove's file, `Groove <name>`, every randomiser off (RTime, RVolume, RSkip, SeqRnd),
then 2 × SeqSize bars of C. `python -m mosaic_music.mma_check [--count N] [--all]` prints the agreement.
"""
import argparse
from dataclasses import dataclass
import json
from pathlib import Path
import random
import shutil
import subprocess
import tempfile

from .mma_render import SYSTEM_LIBRARY, read_library

MMA = shutil.which("mma") or "/usr/bin/mma"


def mma_available() -> bool:
    return Path(MMA).exists() and SYSTEM_LIBRARY.is_dir()


@dataclass
class Comparison:
    groove: str
    file: str
    ours: int  # distinct (bar, tick, note) hits
    theirs: int
    matched: int  # same onset and note
    same_velocity: int  # matched with velocity within 1
    error: str = ""

    @property
    def agrees(self) -> bool:
        return not self.error and self.ours == self.theirs == self.matched == self.same_velocity


def song_text(groove, library: Path) -> str:
    bars = 2 * groove.bars
    lines = [f"Use {(library / groove.file).with_suffix('')}", f"Groove {groove.name}",
             "AllTracks RTime 0", "AllTracks RVolume 0", "AllTracks RSkip 0", "AllTracks SeqRnd Off", "SeqRnd Off"]
    return "\n".join(lines + [f"{bar + 1} C" for bar in range(bars)]) + "\n"


def mma_hits(groove, library: Path, folder: Path) -> dict:
    """(bar, tick, note) -> velocity of the channel-10 notes MMA writes for 2 × SeqSize bars of the groove."""
    source = folder / "song.mma"
    source.write_text(song_text(groove, library))
    completed = subprocess.run([MMA, str(source)], capture_output=True, text=True, timeout=60)
    midi_path = source.with_suffix(".mid")
    if completed.returncode != 0 or not midi_path.exists():
        raise RuntimeError((completed.stdout + completed.stderr).strip().splitlines()[-1:] or ["mma failed"])
    division, notes = channel_10_notes(midi_path.read_bytes())
    midi_path.unlink()
    bar_ticks = round(groove.beats_per_bar * 192)
    hits = {}
    for now, note, velocity in notes:
        tick = round(now * 192 / division)
        key = (tick // bar_ticks, tick % bar_ticks, note)
        hits[key] = max(hits.get(key, 0), velocity)
    return hits


def channel_10_notes(data: bytes):
    """(ticks per quarter, [(tick, note, velocity)]) of a Standard MIDI File's channel-10 note-ons (no mido needed)."""
    division, position, notes = int.from_bytes(data[12:14], "big"), 14, []
    while position + 8 <= len(data):
        kind, size = data[position:position + 4], int.from_bytes(data[position + 4:position + 8], "big")
        body, position = data[position + 8:position + 8 + size], position + 8 + size
        if kind != b"MTrk":
            continue
        index, now, status = 0, 0, 0
        while index < len(body):
            delta = 0
            while True:
                byte = body[index]
                index += 1
                delta = (delta << 7) | (byte & 0x7F)
                if byte < 0x80:
                    break
            now += delta
            if body[index] >= 0x80:
                status, index = body[index], index + 1
            if status == 0xFF or status in (0xF0, 0xF7):
                index += 1 if status == 0xFF else 0
                length = 0
                while True:
                    byte = body[index]
                    index += 1
                    length = (length << 7) | (byte & 0x7F)
                    if byte < 0x80:
                        break
                index += length
                continue
            size_of = 1 if status & 0xF0 in (0xC0, 0xD0) else 2
            values, index = body[index:index + size_of], index + size_of
            if status == 0x99 and values[1] > 0:
                notes.append((now, values[0], values[1]))
    return division, notes


def reader_hits(groove) -> dict:
    """The reader's hits over the same 2 × SeqSize bars."""
    hits, bar_ticks = {}, round(groove.beats_per_bar * 192)
    for repeat in range(2):
        for hit in groove.drums:
            tick = (hit.bar + repeat * groove.bars) * bar_ticks + hit.tick  # a hit on the bar line plays in the next bar
            key = (tick // bar_ticks, tick % bar_ticks, hit.note)
            hits[key] = max(hits.get(key, 0), hit.velocity)
    return hits


def compare(groove, library: Path, folder: Path) -> Comparison:
    ours = reader_hits(groove)
    try:
        theirs = mma_hits(groove, library, folder)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        return Comparison(groove.name, groove.file, len(ours), 0, 0, 0, str(error))
    matched = [key for key in ours if key in theirs]
    close = sum(1 for key in matched if abs(ours[key] - theirs[key]) <= 1)
    return Comparison(groove.name, groove.file, len(ours), len(theirs), len(matched), close)


def sample(grooves: list, count: int, seed: int = 0) -> list:
    """Up to `count` grooves with drums, drawn in turn from each folder (stdlib, yamaha, casio ...)."""
    by_folder = {}
    for groove in sorted(grooves, key=lambda g: (g.file, g.name)):
        if groove.drums:
            by_folder.setdefault(groove.folder, []).append(groove)
    generator = random.Random(seed)
    for members in by_folder.values():
        generator.shuffle(members)
    chosen, folders = [], sorted(by_folder)
    while len(chosen) < count and any(by_folder.values()):
        for folder in folders:
            if by_folder[folder] and len(chosen) < count:
                chosen.append(by_folder[folder].pop())
    return chosen


def check(count: int | None = 60, seed: int = 0, library: Path = SYSTEM_LIBRARY) -> dict:
    """Agreement over a sample (count=None: every groove with drums), reading the library MMA itself reads."""
    grooves = read_library(library).grooves
    chosen = sample(grooves, count if count is not None else len(grooves), seed)
    with tempfile.TemporaryDirectory(prefix="mma-check-") as folder:
        results = [compare(groove, library, Path(folder)) for groove in chosen]
    ours, theirs = sum(r.ours for r in results), sum(r.theirs for r in results)
    matched, close = sum(r.matched for r in results), sum(r.same_velocity for r in results)
    return {
        "grooves": len(results), "folders": sorted({r.file.split("/")[0] for r in results}),
        "grooves_identical": sum(r.agrees for r in results),
        "hits_reader": ours, "hits_mma": theirs, "hit_recall": round(matched / max(1, theirs), 4),
        "hit_precision": round(matched / max(1, ours), 4), "velocity_within_1": round(close / max(1, matched), 4),
        "mma_errors": [(r.file, r.groove, r.error) for r in results if r.error],
        "differing": [(r.file, r.groove, r.ours, r.theirs, r.matched, r.same_velocity)
                      for r in results if not r.agrees and not r.error][:40],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--all", action="store_true", help="every groove with drums (takes minutes)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not mma_available():
        print("mma is not installed (apt-get install mma): nothing to compare against")
        return 1
    print(json.dumps(check(None if args.all else args.count, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
