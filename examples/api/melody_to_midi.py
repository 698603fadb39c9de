#!/usr/bin/env python3
"""Four 8-bar melody variations in A minor from a running Mosaic service, written as MIDI files (standard library only).

Usage: python3 examples/api/melody_to_midi.py [folder]   (MOSAIC_URL, MOSAIC_API_TOKEN or MOSAIC_HOME as for mosaic)
"""
import base64
import sys
from pathlib import Path

from mosaic_api import post


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    run = post("music/generate", {"bars": 8, "variations": 4, "key": {"tonic": "A", "scale": "minor"}, "tempo": 100})
    print(f"{run['model']['name']}@{run['model']['version']}, seed {run['seed']}")
    for variation, clip in enumerate(run["result"]["variations"]):
        name = f"melody-{variation + 1}"
        exported = post("music/export", {"result": run["result"], "variation": variation, "format": "mid", "name": name})
        for file in exported["files"]:
            (folder / file["name"]).write_bytes(base64.b64decode(file["base64"]))
        print(f"{folder / (name + '.mid')}: {len(clip['notes'])} notes")


if __name__ == "__main__":
    main()
