"""remi-v1 in Python: vocabulary layout, MIDI -> tokens -> MIDI round trips (via mido files), and edge cases."""
import sys
import tempfile
import unittest
from pathlib import Path

import mido

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common"))

from mosaic_music.corpus import DATA_ROOT, _track_notes  # noqa: E402
from mosaic_music.tokenizer import MusicTokenizer, Note  # noqa: E402
from mosaic_music.vocabulary import RemiVocabulary  # noqa: E402

VOCABULARY = RemiVocabulary.load()
TOKENIZER = MusicTokenizer(VOCABULARY)
MELODY = {"style": "folk", "key": "G-major", "tempo": 120, "density": 6}
DRUMS = {"style": "funk", "tempo": 100, "density": 18}


def write_midi(notes, path, channel=0):
    """A type-1 file at 480 ticks per beat holding the notes (the writer under test is the tokenizer's decode)."""
    midi = mido.MidiFile(type=1, ticks_per_beat=480)
    track = mido.MidiTrack()
    midi.tracks.append(track)
    events = []
    for note in notes:
        events.append((note.start, 1, mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity)))
        events.append((note.start + note.duration, 0, mido.Message("note_off", channel=channel, note=note.pitch)))
    now = 0
    for tick, _, message in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(message.copy(time=tick - now))
        now = tick
    midi.save(path)


def read_midi(path):
    midi = mido.MidiFile(path)
    return [Note(int(s), int(e - s), p, v) for track in midi.tracks for s, e, p, v in _track_notes(track)]


class VocabularyTest(unittest.TestCase):
    def test_layout(self):
        self.assertEqual(VOCABULARY.tokens[:4], ["PAD", "BOS", "EOS", "Bar"])
        self.assertEqual(VOCABULARY.size, 221)
        self.assertEqual(VOCABULARY.tokens[VOCABULARY.id("pitch", 60)], "Pitch_60")
        self.assertEqual(VOCABULARY.tokens[VOCABULARY.id("key", "A-minor")], "Key_A-minor")
        self.assertEqual(VOCABULARY.value(VOCABULARY.nearest("tempo", 97)), ("tempo", 90))
        self.assertEqual(VOCABULARY.value(VOCABULARY.nearest("tempo", 97.5)), ("tempo", 90))  # ties go low


class RoundTripTest(unittest.TestCase):
    def roundtrip(self, notes, profile, conditions, channel=0):
        tokens = TOKENIZER.encode(notes, profile, conditions)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "clip.mid"
            write_midi(TOKENIZER.decode(tokens, profile), path, channel)
            again = TOKENIZER.encode(read_midi(path), profile, conditions)
        return tokens, again

    def test_quantized_melody_survives_exactly(self):
        notes = [Note(0, 480, 67, 96), Note(480, 240, 69, 80), Note(720, 240, 71, 80), Note(1920 * 2 + 120, 960, 72, 112)]
        tokens, again = self.roundtrip(notes, "melody", MELODY)
        self.assertEqual(tokens, again)
        self.assertEqual(TOKENIZER.decode(tokens, "melody"), notes)
        self.assertEqual(tokens.count(VOCABULARY.id("bar")), 3)  # the empty middle bar is kept

    def test_drums_keep_microtiming_and_velocity(self):
        notes = [Note(0, 60, 36, 110), Note(478, 60, 38, 90), Note(250, 60, 42, 40), Note(960 + 40, 60, 22, 70)]
        tokens, again = self.roundtrip(notes, "drums", DRUMS, channel=9)
        self.assertEqual(tokens, again)
        decoded = TOKENIZER.decode(tokens, "drums")
        self.assertEqual([(n.start, n.pitch) for n in decoded], [(0, 36), (250, 42), (480, 38), (1000, 42)])
        self.assertEqual(sorted({n.velocity for n in decoded}), [32, 64, 96, 112])  # 40 is halfway: ties go low

    def test_corpus_files_round_trip(self):
        files = sorted((DATA_ROOT / "nottingham" / "MIDI" / "melody").glob("a*.mid"))[:10]
        drum_files = sorted((DATA_ROOT / "groove-midi" / "drummer1" / "eval_session").glob("*.mid"))[:5]
        if not files or not drum_files:
            self.skipTest("shared corpus not present")
        for path, profile, conditions in [(f, "melody", MELODY) for f in files] + [(f, "drums", DRUMS) for f in drum_files]:
            midi = mido.MidiFile(path)
            scale = 480 / midi.ticks_per_beat
            notes = [Note(round(s), max(1, round(e - s)), p, v) for t in midi.tracks for s, e, p, v in _track_notes(t, scale)]
            tokens, again = self.roundtrip(notes, profile, conditions, 9 if profile == "drums" else 0)
            self.assertEqual(tokens, again, path.name)
            self.assertGreater(len(tokens), 50)


class EdgeCaseTest(unittest.TestCase):
    def test_duplicates_keep_the_loudest_and_sorting_is_by_pitch(self):
        notes = [Note(0, 120, 64, 50), Note(5, 120, 64, 100), Note(0, 120, 60, 70)]
        decoded = TOKENIZER.decode(TOKENIZER.encode(notes, "melody", MELODY), "melody")
        self.assertEqual([(n.pitch, n.velocity) for n in decoded], [(60, 64), (64, 96)])

    def test_early_hit_at_the_very_start_is_clamped_to_zero(self):
        tokens = TOKENIZER.encode([Note(0, 60, 36, 100)], "drums", DRUMS)
        early = tokens[:-1] + [VOCABULARY.id("offset", -3)]
        self.assertEqual(TOKENIZER.decode(early, "drums")[0].start, 0)

    def test_incomplete_notes_are_dropped(self):
        v = VOCABULARY
        tokens = [v.id("bar"), v.id("position", 0), v.id("pitch", 60), v.id("velocity", 64)]
        self.assertEqual(TOKENIZER.decode(tokens, "melody"), [])


if __name__ == "__main__":
    unittest.main()
