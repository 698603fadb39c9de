"""Metrics of generated sets against the corpus, clip for clip (same bar count): the figures written into cards and manifests."""
import json
import math
import statistics

from . import metrics
from .corpus import load_groove, load_nottingham, load_pop909
from .keys import scale_pitch_classes
from .tokenizer import Note

CORPORA = {"pop": ("POP909 melodies", load_pop909), "folk": ("Nottingham 4/4 tunes", load_nottingham),
           "drums": ("Groove MIDI 4/4 beats", load_groove)}
TICKS_PER_BAR = 1920


def summary(values) -> dict:
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return {"mean": float("nan"), "p10": float("nan"), "p90": float("nan")}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {"mean": statistics.fmean(values), "p10": pick(0.1), "p90": pick(0.9)}


def clip_metrics(notes, bars: int, drums: bool) -> dict:
    result = {"notes_per_bar": metrics.notes_per_bar(notes, bars)}
    if drums:
        result["groove_consistency"] = metrics.groove_consistency(notes, bars)
        result["velocity_std"] = statistics.pstdev(note.velocity for note in notes) if notes else 0.0
        # Micro-timing: mean distance of a hit from its nearest 16th step, in ticks (480 per beat).
        result["timing_offset_ticks"] = statistics.fmean(abs(n.start - (2 * n.start + 120) // 240 * 120) for n in notes) if notes else 0.0
    else:
        result["pitch_class_entropy"] = metrics.pitch_class_entropy(notes)
        result["scale_consistency"] = metrics.scale_consistency(notes)
    return result


def corpus_clips(corpus: str, bars: int) -> list:
    """Every full `bars`-bar segment with notes, of every song of the corpus."""
    clips = []
    for song in CORPORA[corpus][1]():
        total = metrics.bar_count(song.notes)
        for start in range(0, total - bars + 1, bars):
            low, high = start * TICKS_PER_BAR, (start + bars) * TICKS_PER_BAR
            notes = [Note(n.start - low, n.duration, n.pitch, n.velocity) for n in song.notes if low <= n.start < high]
            if len(notes) >= bars // 2:
                clips.append(notes)
    return clips


def evaluate_set(generated: dict, corpus: str) -> dict:
    """Per metric: generated mean, corpus mean/p10/p90 (same clip length) and the relative difference."""
    bars, drums = generated["bars"], generated["task"] == "music.drums"
    clips = []
    for clip in generated["clips"]:
        notes = [Note(*values) for values in clip["notes"]]
        measured = clip_metrics(notes, bars, drums)
        if clip.get("lockedKey"):
            key = clip["lockedKey"]
            minor = key["scale"] in ("minor", "harmonic-minor", "melodic-minor", "dorian", "phrygian", "pentatonic-minor", "blues")
            if key["scale"] in ("major", "minor"):
                measured["in_scale_rate"] = metrics.in_scale_rate(notes, scale_pitch_classes(f"{key['tonic']}-{'minor' if minor else 'major'}"))
        clips.append(measured)
    reference = [clip_metrics(notes, bars, drums) for notes in corpus_clips(corpus, bars)]
    result = {"clips": len(clips), "corpus": CORPORA[corpus][0], "corpus_clips": len(reference), "metrics": {}}
    for name in clips[0]:
        mine = summary(c[name] for c in clips)
        theirs = summary(c[name] for c in reference) if name in reference[0] else None
        entry = {"generated": mine}
        if theirs:
            entry["corpus"] = theirs
            entry["relative_difference"] = (mine["mean"] - theirs["mean"]) / theirs["mean"] if theirs["mean"] else float("nan")
        if name == "in_scale_rate":
            entry["minimum"] = min(c[name] for c in clips)
        result["metrics"][name] = entry
    return result


def main(argv=None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("generated")
    parser.add_argument("--corpus", action="append", help="set=corpus, e.g. pop=pop (default: by set name prefix)")
    args = parser.parse_args(argv)
    data = json.loads(open(args.generated).read())
    mapping = dict(item.split("=") for item in args.corpus or [])
    for generated in data["sets"]:
        corpus = mapping.get(generated["name"], generated["name"].split("-")[0])
        print(generated["name"], json.dumps(evaluate_set(generated, corpus), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
