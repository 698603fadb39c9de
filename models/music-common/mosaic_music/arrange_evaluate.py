"""Arranged songs against the corpora, segment for segment (8 bars): structure, harmony, groove, originality.

python -m mosaic_music.arrange_evaluate [generated.json] [--out evaluation.json]
Without a generated set it prints the corpus reference figures only. A generated set is what
models/tools/arrange-generate-sets.ts writes: {sets: [{name, bars, clips: [{tracks: {melody: [[start, duration,
pitch, velocity]...], chords: [[start, duration, root, quality, velocity]...], bass: [...], drums: [...]}}]}]}.
"""
import argparse
from dataclasses import replace
from pathlib import Path
import json
import math
import statistics

from . import arrange_metrics as am
from . import metrics
from .arrange_corpus import Chord, load_groove_drums, load_nottingham, load_pop909
from .tokenizer import Note

SEGMENT_BARS = 8
TICKS_PER_BAR = 1920


def summary(values) -> dict:
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return {"mean": float("nan"), "p10": float("nan"), "p90": float("nan"), "count": 0}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {"mean": statistics.fmean(values), "p10": pick(0.1), "p90": pick(0.9), "count": len(values)}


def segment_metrics(tracks: dict, bars: int) -> dict:
    result = {}
    melody, chords, bass, drums = (tracks.get(name) for name in ("melody", "chords", "bass", "drums"))
    if melody:
        result["repeated_bars"] = am.repeated_bars(melody, bars)
        result["transposed_repeats"] = am.transposed_repeats(melody, bars)
        result["four_gram_self_similarity"] = am.four_gram_self_similarity(melody)
        result["melody_notes_per_bar"] = len(melody) / bars
        result["pitch_class_entropy"] = metrics.pitch_class_entropy(melody)
    if melody and chords:
        result["chord_tone_rate"] = am.chord_tone_rate(melody, chords)
    if bass and chords:
        result["bass_downbeat_chord_tone_rate"] = am.bass_downbeat_chord_tone_rate(bass, chords)
    if drums:
        result["groove_consistency"] = metrics.groove_consistency(drums, bars)
        result["drum_hits_per_bar"] = len(drums) / bars
    return result


def corpus_segments(songs, bars: int = SEGMENT_BARS):
    """Every full `bars`-bar segment of every song, events shifted to start at 0."""
    for song in songs:
        for start in range(0, song.bars - bars + 1, bars):
            low, high = start * TICKS_PER_BAR, (start + bars) * TICKS_PER_BAR
            segment = {}
            for name, events in song.tracks.items():
                kept = [e for e in events if low <= e.start < high]
                if name == "chords":
                    segment[name] = [Chord(c.start - low, c.duration, c.root, c.quality, c.velocity) for c in kept]
                else:
                    segment[name] = [Note(n.start - low, n.duration, n.pitch, n.velocity) for n in kept]
            if any(segment.values()):
                yield segment


# Bump when segment_metrics measures something new: a cache of another version is measured again.
REFERENCE_VERSION = 2


def reference(bars: int = SEGMENT_BARS, cache=None) -> dict:
    """Corpus figures per 8-bar segment; kept in `cache` (a JSON path) once measured, as the corpora do not change."""
    if cache is not None and Path(cache).exists():
        cached = json.loads(Path(cache).read_text())
        if cached.get("version") == REFERENCE_VERSION:
            return cached["corpus"]
    corpora = {"POP909": load_pop909(), "Nottingham": load_nottingham(), "Groove MIDI": load_groove_drums()}
    result = {}
    for name, songs in corpora.items():
        measured = [segment_metrics(segment, bars) for segment in corpus_segments(songs, bars)]
        keys = sorted({key for m in measured for key in m})
        result[name] = {key: summary(m[key] for m in measured if key in m) for key in keys}
    if cache is not None:
        Path(cache).write_text(json.dumps({"version": REFERENCE_VERSION, "corpus": result}, indent=1))
    return result


def clip_tracks(clip: dict) -> dict:
    tracks = {}
    for name, events in clip["tracks"].items():
        if name == "chords":
            tracks[name] = [Chord(s, d, r, q, v) for s, d, r, q, v in events]
        else:
            tracks[name] = [Note(*values) for values in events]
    return tracks


def evaluate_generated(generated: dict, copy_index: am.CopyIndex | None) -> dict:
    result = {}
    for generated_set in generated["sets"]:
        bars = generated_set["bars"]
        measured, copies = [], 0
        for clip in generated_set["clips"]:
            tracks = clip_tracks(clip)
            for start in range(0, bars - SEGMENT_BARS + 1, SEGMENT_BARS) if bars >= SEGMENT_BARS else [0]:
                low, high = start * TICKS_PER_BAR, (start + min(bars, SEGMENT_BARS)) * TICKS_PER_BAR
                segment = {}
                for name, events in tracks.items():
                    kept = [e for e in events if low <= e.start < high]
                    segment[name] = [replace(e, start=e.start - low) for e in kept]
                measured.append(segment_metrics(segment, min(bars, SEGMENT_BARS)))
            if copy_index is not None and tracks.get("melody"):
                copies += copy_index.copies(tracks["melody"])
        keys = sorted({key for m in measured for key in m})
        result[generated_set["name"]] = {"clips": len(generated_set["clips"]), "segments": len(measured),
                                         "copied_16_note_passages": copies,
                                         "metrics": {key: summary(m[key] for m in measured if key in m) for key in keys}}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("generated", nargs="?")
    parser.add_argument("--out")
    parser.add_argument("--reference-cache", help="JSON file keeping the corpus figures between runs")
    args = parser.parse_args(argv)
    report = {"segment_bars": SEGMENT_BARS, "corpus": reference(cache=args.reference_cache)}
    if args.generated:
        generated = json.loads(open(args.generated).read())
        training = [song.tracks["melody"] for song in load_pop909() + load_nottingham() if song.split == "train"]
        report["generated"] = evaluate_generated(generated, am.CopyIndex(training))
    text = json.dumps(report, indent=1)
    if args.out:
        open(args.out, "w").write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
