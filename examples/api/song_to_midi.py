#!/usr/bin/env python3
"""An 8-bar song in A minor (melody, chords, bass, drums; form AABA) as a type-1 MIDI file with one named track per part,
then its bass in bars 3-4 rewritten with another seed, every other note kept: what a DAW script (REAPER's ReaScript,
Ableton's or Bitwig's Python controllers) does with the service. Standard library only.

Usage: python3 examples/api/song_to_midi.py [folder]   (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME as for mosaic)
"""
import base64
import sys
from pathlib import Path

from mosaic_api import post


def write_song(folder: Path, result: dict, name: str) -> Path:
    """The result's first variation as name.mid in the folder."""
    exported = post("music/export-song", {"result": result, "variation": 0, "format": "mid", "name": name})
    path = folder / exported["files"][0]["name"]
    path.write_bytes(base64.b64decode(exported["files"][0]["base64"]))
    return path


def parts_text(variation: dict) -> str:
    """"melody 31, chords 8, bass 16, drums 96 notes" from the variation's own count."""
    return ", ".join(f"{part} {notes}" for part, notes in variation["stats"]["notesPerTrack"].items()) + " notes"


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    # Key lock keeps every pitched note in A minor; the form restates section A's motif in bars 3-4 and 7-8.
    song = post("music/arrange", {"bars": 8, "tracks": ["melody", "chords", "bass", "drums"], "key": "A minor",
                                  "tempo": 96, "style": "pop", "form": "AABA", "variations": 1, "seed": 1})
    song_path = write_song(folder, song["result"], "song")
    print(f"{song['model']['name']}@{song['model']['version']}, seed {song['seed']}: {song_path}: "
          f"{parts_text(song['result']['variations'][0])}")
    # The file goes back as a DAW would send it (parts found by track name); bars count from 0 in the API.
    midi = base64.b64encode(song_path.read_bytes()).decode()
    rewritten = post("music/infill", {"song": {"midi": midi}, "cells": [{"track": "bass", "fromBar": 2, "toBar": 3}],
                                      "seed": 2})
    rewritten_path = write_song(folder, rewritten["result"], "song-2")
    print(f"seed {rewritten['seed']}: {rewritten_path}: bass bars 3-4 rewritten, "
          f"{parts_text(rewritten['result']['variations'][0])} in them")


if __name__ == "__main__":
    main()
