"""Metric definitions (ANCHORS.md), key estimation and the training windows: header, whole bars, density, transposition."""
import math
import sys
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common"))

from mosaic_music import metrics  # noqa: E402
from mosaic_music.corpus import Song  # noqa: E402
from mosaic_music.dataset import WindowSampler, tokenize_songs  # noqa: E402
from mosaic_music.keys import estimate_key, transpose_key  # noqa: E402
from mosaic_music.tokenizer import MusicTokenizer, Note  # noqa: E402
from mosaic_music.vocabulary import RemiVocabulary  # noqa: E402

VOCABULARY = RemiVocabulary.load()
TOKENIZER = MusicTokenizer(VOCABULARY)


def scale_run(pitches, step=240):
    return [Note(i * step, step, p, 80) for i, p in enumerate(pitches)]


class MetricsTest(unittest.TestCase):
    def test_pitch_class_entropy(self):
        self.assertAlmostEqual(metrics.pitch_class_entropy(scale_run(range(60, 72))), math.log2(12))
        self.assertEqual(metrics.pitch_class_entropy(scale_run([60, 72, 48])), 0.0)
        self.assertAlmostEqual(metrics.pitch_class_entropy(scale_run([60, 62])), 1.0)

    def test_scale_consistency(self):
        self.assertEqual(metrics.scale_consistency(scale_run([60, 62, 64, 65, 67, 69, 71])), 1.0)
        self.assertAlmostEqual(metrics.scale_consistency(scale_run(range(60, 72))), 7 / 12)

    def test_groove_consistency_and_density(self):
        same = [Note(bar * 1920 + step * 120, 60, 36, 100) for bar in range(4) for step in (0, 4, 8, 12)]
        self.assertEqual(metrics.groove_consistency(same, 4), 1.0)
        self.assertEqual(metrics.notes_per_bar(same, 4), 4.0)
        shifted = same[:4] + [Note(1920 + step * 120, 60, 36, 100) for step in (2, 6, 10, 14)]
        self.assertAlmostEqual(metrics.groove_consistency(shifted, 2), 1 - 8 / 16)
        self.assertTrue(math.isnan(metrics.groove_consistency(same, 1)))

    def test_key_estimation(self):
        self.assertEqual(estimate_key(scale_run([60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60])), "C-major")
        self.assertEqual(estimate_key(scale_run([57, 59, 60, 62, 64, 65, 67, 69, 64, 60, 57, 57])), "A-minor")
        self.assertEqual(transpose_key("A-minor", 3), "C-minor")


class WindowTest(unittest.TestCase):
    def setUp(self):
        notes = [Note(bar * 1920 + beat * 480, 480, 60 + beat, 96) for bar in range(12) for beat in range(bar % 4 + 1)]
        song = Song("test/1", "nottingham", "folk", 120.0, "train", notes, "C-major")
        self.songs = tokenize_songs([song], TOKENIZER, "melody")

    def test_windows_are_a_header_then_whole_bars(self):
        sampler = WindowSampler(self.songs, TOKENIZER, "melody", 64)
        tokens, bars, notes = sampler.window(self.songs[0], 2)
        header = TOKENIZER.header("melody", {"style": "folk", "key": "C-major", "tempo": 120, "density": notes / bars})
        self.assertEqual(tokens[:5].tolist(), header)
        self.assertEqual(tokens[5], VOCABULARY.id("bar"))
        self.assertEqual(int((tokens == VOCABULARY.id("bar")).sum()), bars)
        self.assertLessEqual(len(tokens), 65)
        self.assertEqual(notes, sum(b % 4 + 1 for b in range(2, 2 + bars)))

    def test_the_last_window_ends_with_eos_and_transposition_moves_key_and_pitches(self):
        sampler = WindowSampler(self.songs, TOKENIZER, "melody", 256)
        tokens, _, _ = sampler.window(self.songs[0], 9, transposition=-2)
        self.assertEqual(tokens[-1], VOCABULARY.special("EOS"))
        self.assertEqual(tokens[2], VOCABULARY.id("key", "A#-major"))
        pitches = [VOCABULARY.value(t)[1] for t in tokens if VOCABULARY.value(t)[0] == "pitch"]
        self.assertEqual(min(pitches), 58)

    def test_batches_are_padded_windows(self):
        sampler = WindowSampler(self.songs, TOKENIZER, "melody", 48, transpositions=[0, 1])
        batch = sampler.sample(np.random.default_rng(0), 4)
        self.assertEqual(tuple(batch.shape), (4, 49))
        self.assertTrue(all(row[0] == VOCABULARY.special("BOS") for row in batch.tolist()))


if __name__ == "__main__":
    unittest.main()
