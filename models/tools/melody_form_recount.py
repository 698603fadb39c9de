#!/usr/bin/env python3
"""An independent recount of melody structure from the MIDI files the app exports, parsed by mido (a MIDI parser this
project did not write), with the counts written here afresh: the share of bars (of 8, counting bars with notes) whose
set of (16th-step onset, pitch) equals an earlier bar's, and the share of pitch 4-grams seen earlier (notes by onset,
the higher first at a shared onset) — the definitions of ANCHORS.md's 8-bar corpus figures.

    mosaic music generate --bars 8 --variations 8 --style pop --key "A minor" --form AABA --seed 2000 --json \
      --out /tmp/recount/pop-0.mid > /tmp/recount/pop-0.json          # and seeds 2001-2007
    /usr/bin/python3 models/tools/melody_form_recount.py '/tmp/recount/pop-*.mid'

Prints the means over the files; the app's own figures for the same clips are the --json answers'
`stats.repeatedBars` and `stats.fourGramSelfSimilarity`.
"""
import glob
import json
import sys

import mido


def onsets_and_pitches(path):
    """(tick, pitch) of every note-on in the file, and its ticks per quarter note."""
    midi = mido.MidiFile(path)
    notes = []
    for track in midi.tracks:
        tick = 0
        for message in track:
            tick += message.time
            if message.type == "note_on" and message.velocity > 0:
                notes.append((tick, message.note))
    return midi.ticks_per_beat, notes


def repeated_bars(notes, ticks_per_beat, bars=8):
    step = ticks_per_beat // 4
    by_bar = {}
    for tick, pitch in notes:
        sixteenth = (2 * tick + step) // (2 * step)
        by_bar.setdefault(sixteenth // 16, set()).add((sixteenth % 16, pitch))
    seen, repeats, counted = set(), 0, 0
    for index in range(bars):
        if index not in by_bar:
            continue
        counted += 1
        signature = tuple(sorted(by_bar[index]))
        if signature in seen:
            repeats += 1
        seen.add(signature)
    return repeats / counted if counted else 0.0


def four_gram_self_similarity(notes):
    line = [pitch for _, pitch in sorted(notes, key=lambda note: (note[0], -note[1]))]
    seen, total, repeated = set(), 0, 0
    for index in range(len(line) - 3):
        gram = tuple(line[index:index + 4])
        total += 1
        if gram in seen:
            repeated += 1
        seen.add(gram)
    return repeated / total if total else 0.0


def main():
    repeats, grams = [], []
    for pattern in sys.argv[1:]:
        for path in sorted(glob.glob(pattern)):
            ticks_per_beat, notes = onsets_and_pitches(path)
            repeats.append(repeated_bars(notes, ticks_per_beat))
            grams.append(four_gram_self_similarity(notes))
    if not repeats:
        raise SystemExit("no MIDI files matched: give a pattern such as '/tmp/recount/pop-*.mid'")
    print(json.dumps({"files": len(repeats), "repeatedBars": round(sum(repeats) / len(repeats), 3),
                      "fourGram": round(sum(grams) / len(grams), 3)}))


if __name__ == "__main__":
    main()
