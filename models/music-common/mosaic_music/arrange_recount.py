"""An independent recount of arranged songs, from the MIDI files the app exports, parsed by music21.

    python -m mosaic_music.arrange_recount --generate 16 --style pop --out-dir /tmp/recount/pop   # writes the songs
    python -m mosaic_music.arrange_recount /tmp/recount/pop/*.mid                                 # recounts them

The card's structure and harmony figures are counted by arrange_metrics.py on the notes the pipeline returns. This
module counts the same quantities a second way, to catch a bug in either: from the exported SMF files (what a user
gets), read by music21 (a MIDI parser and score model this project did not write), with the counts written here
afresh against music21's objects and with harmony judged against the pitches the Chords track actually sounds (its
voicing), not the chord symbols; where the app's own figures for the same files are at hand (the `--json` answers
`--generate` keeps), both means over the same songs are printed with the number of songs whose counts differ.
`--generate` writes the songs with the `mosaic` CLI itself (default settings, keys
cycled over the 24 major and minor keys, four variations per run), into a throw-away data folder unless MOSAIC_HOME
is set.

music21 is not a dependency of the app, its tests or CI (Debian has no package for it); install it in a virtual
environment to run this (`python3 -m venv --system-site-packages /tmp/m21 && /tmp/m21/bin/pip install music21`).
"""
import argparse
from fractions import Fraction
import json
import os
from pathlib import Path
import statistics
import subprocess
import tempfile

try:
    import music21
    import music21.midi
except ImportError:  # the module's docstring says how to get it; --help works without it
    music21 = None

REPO_ROOT = Path(__file__).resolve().parents[3]
KEYS = [f"{tonic} {mode}" for mode in ("major", "minor")
        for tonic in ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")]
BAR = Fraction(4)  # quarter notes in a 4/4 bar
SIXTEENTH = Fraction(1, 4)


def track_notes(track, ticks_per_quarter: int) -> tuple:
    """A music21 MidiTrack's name and its notes as (onset, duration, midi pitch) in quarter notes, paired note-on to
    note-off (a note-on of velocity 0 ends a note) per channel and pitch."""
    name, now, sounding, notes = "", 0, {}, []
    for event in track.events:
        if event.isDeltaTime():
            now += event.time
            continue
        if event.type == music21.midi.MetaEvents.SEQUENCE_TRACK_NAME:
            name = event.data.decode("latin-1") if isinstance(event.data, bytes) else str(event.data)
        elif event.type in (music21.midi.ChannelVoiceMessages.NOTE_ON, music21.midi.ChannelVoiceMessages.NOTE_OFF):
            key = (event.channel, event.pitch)
            if event.type == music21.midi.ChannelVoiceMessages.NOTE_OFF or event.velocity == 0:
                if key in sounding:
                    onset = sounding.pop(key)
                    notes.append((Fraction(onset, ticks_per_quarter), Fraction(now - onset, ticks_per_quarter), event.pitch))
            else:
                sounding[key] = now
    return name.strip(), sorted(notes, key=lambda note: (note[0], -note[2]))


def read_song(path) -> dict:
    """The Melody, Chords, Bass and Drums tracks of an exported song, by track name, read by music21's MIDI parser
    (its event level: music21's score conversion merges overlapping chord voicings and shifts them, so it is not used)."""
    midi = music21.midi.MidiFile()
    midi.open(str(path))
    midi.read()
    midi.close()
    parts = {}
    for track in midi.tracks:
        name, notes = track_notes(track, midi.ticksPerQuarterNote)
        if name in ("Melody", "Chords", "Bass", "Drums"):
            parts[name] = notes
    return parts


def bar_sets(melody, bars: int) -> list:
    sets = [set() for _ in range(bars)]
    for onset, _, pitch in melody:
        bar = int(onset // BAR)
        if bar < bars:
            sets[bar].add((round((onset - bar * BAR) / SIXTEENTH), pitch))
    return sets


def share_restated(sets) -> float | None:
    filled = [(index, cell) for index, cell in enumerate(sets) if cell]
    if not filled:
        return None
    return sum(any(cell == sets[earlier] for earlier in range(index)) for index, cell in filled) / len(filled)


def transposition_free(cell: set) -> set:
    lowest = min(pitch for _, pitch in cell) if cell else 0
    return {(step, pitch - lowest) for step, pitch in cell}


def four_gram_share(melody) -> float | None:
    pitches = [pitch for _, _, pitch in melody]
    grams = [tuple(pitches[i:i + 4]) for i in range(len(pitches) - 3)]
    if not grams:
        return None
    return sum(gram in set(grams[:index]) for index, gram in enumerate(grams)) / len(grams)


def sounding_classes(part, at: Fraction) -> set:
    return {pitch % 12 for onset, duration, pitch in part if onset <= at < onset + duration}


def long_notes_on_chord_tones(melody, chords) -> float | None:
    judged = [(pitch, sounding_classes(chords, onset)) for onset, duration, pitch in melody if duration >= 1]
    judged = [(pitch, classes) for pitch, classes in judged if classes]
    return sum(pitch % 12 in classes for pitch, classes in judged) / len(judged) if judged else None


def bass_downbeats_on_chord_tones(bass, chords) -> float | None:
    judged = []
    for onset, _, pitch in bass:
        bar = round(onset / BAR)
        if abs(onset - bar * BAR) < SIXTEENTH / 2:
            classes = sounding_classes(chords, bar * BAR)
            if classes:
                judged.append(pitch % 12 in classes)
    return sum(judged) / len(judged) if judged else None


APP_STATS = {"repeated_bars": "repeatedBars", "four_gram_self_similarity": "fourGramSelfSimilarity",
             "long_melody_notes_on_sounding_chord_tones": "chordToneRate",
             "bass_downbeats_on_sounding_chord_tones": "bassDownbeatChordToneRate"}


def app_stats(paths) -> dict:
    """The app's own figures for each file, from the `--json` answers `--generate` kept beside them (path -> stats)."""
    stats = {}
    for answer in {Path(path).with_name(Path(path).stem.rsplit("-", 1)[0] + ".json") for path in paths}:
        if answer.exists():
            run = json.loads(answer.read_text())
            for file, variation in zip(run["files"], run["result"]["variations"]):
                stats[str(Path(file).resolve())] = variation["stats"]
    return stats


def recount(paths) -> dict:
    per_song = {"repeated_bars": [], "transposed_repeats": [], "four_gram_self_similarity": [],
                "long_melody_notes_on_sounding_chord_tones": [], "bass_downbeats_on_sounding_chord_tones": []}
    theirs = app_stats(paths)
    app = {name: [] for name in APP_STATS}
    songs = 0
    for path in paths:
        parts = read_song(path)
        melody, chords, bass = parts.get("Melody", []), parts.get("Chords", []), parts.get("Bass", [])
        if not melody:
            continue
        songs += 1
        sets = bar_sets(melody, int(max(onset for onset, _, _ in melody) // BAR) + 1)
        values = {"repeated_bars": share_restated(sets),
                  "transposed_repeats": share_restated([transposition_free(cell) for cell in sets]),
                  "four_gram_self_similarity": four_gram_share(melody),
                  "long_melody_notes_on_sounding_chord_tones": long_notes_on_chord_tones(melody, chords),
                  "bass_downbeats_on_sounding_chord_tones": bass_downbeats_on_chord_tones(bass, chords)}
        for name, value in values.items():
            if value is not None:
                per_song[name].append(value)
        stats = theirs.get(str(Path(path).resolve()))
        for name, key in APP_STATS.items():
            if stats and values[name] is not None and stats.get(key) is not None:
                app[name].append((values[name], stats[key]))
    metrics = {}
    for name, values in per_song.items():
        if not values:
            continue
        metrics[name] = {"mean": round(statistics.fmean(values), 4), "songs": len(values)}
        if app.get(name):
            pairs = app[name]
            metrics[name]["same_songs_app_mean"] = round(statistics.fmean(their for _, their in pairs), 4)
            metrics[name]["same_songs_recount_mean"] = round(statistics.fmean(ours for ours, _ in pairs), 4)
            metrics[name]["songs_that_differ"] = sum(abs(ours - their) > 1e-9 for ours, their in pairs)
            metrics[name]["songs_compared"] = len(pairs)
    return {"songs": songs, "counted_by": "mosaic_music.arrange_recount (music21 reading the exported .mid files)",
            "metrics": metrics}


def generate(runs: int, style: str, out_dir: Path, bars: int = 8) -> list:
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    home = None
    if "MOSAIC_HOME" not in env:
        home = tempfile.mkdtemp(prefix="mosaic-recount-")
        env["MOSAIC_HOME"] = home
    drum_style = {"folk": "country"}.get(style, style)
    for run in range(runs):
        answer = subprocess.run(
            ["node", str(REPO_ROOT / "bin" / "mosaic.js"), "music", "arrange", "--bars", str(bars), "--key",
             KEYS[run % len(KEYS)], "--style", style, "--drum-style", drum_style, "--seed", str(run + 1),
             "--variations", "4", "--out", str(out_dir / f"{style}-{run + 1}.mid"), "--json"],
            cwd=REPO_ROOT, env=env, check=True, capture_output=True, text=True)
        (out_dir / f"{style}-{run + 1}.json").write_text(answer.stdout)  # the app's own figures, for comparison
    return sorted(out_dir.glob(f"{style}-*.mid"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help=".mid files the app exported (Melody, Chords, Bass, Drums tracks)")
    parser.add_argument("--generate", type=int, metavar="RUNS", help="first write RUNS × 4 songs with the mosaic CLI")
    parser.add_argument("--style", default="pop")
    parser.add_argument("--out-dir", type=Path, help="where --generate writes the songs")
    args = parser.parse_args(argv)
    if music21 is None:
        parser.error("music21 is not importable here: see this module's docstring for a virtual environment")
    files = [Path(name) for name in args.files]
    if args.generate:
        if not args.out_dir:
            parser.error("--generate needs --out-dir")
        files += generate(args.generate, args.style, args.out_dir)
    if not files:
        parser.error("name .mid files, or --generate RUNS --out-dir DIR")
    print(json.dumps(recount(files), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
