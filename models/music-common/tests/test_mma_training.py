"""MMA grooves against MMA itself, as arrange drum songs through the tokenizer, and in the card's training-data table."""
import json
from pathlib import Path
import sys
import unittest

import numpy as np

from mosaic_music.arrange_card import training_data
from mosaic_music.arrange_dataset import ArrangeSampler, tokenize_songs
from mosaic_music.arrange_tokens import ArrangeTokenizer
from mosaic_music.mma_check import check, mma_available
from mosaic_music.mma_corpus import MMA_STYLES, drum_notes, load_mma_drums
from mosaic_music.mma_grooves import DrumHit, MmaGroove
from mosaic_music.mma_render import LIBRARY_ROOT, includes_folder

ROOT = Path(__file__).resolve().parents[2]
NO_MMA = "the mma program is not installed (apt-get install mma; .ci/run installs it): MMA's own rendering not compared"


@unittest.skipUnless(mma_available(), NO_MMA)
class AgainstMmaTest(unittest.TestCase):
    def test_mma_plays_the_hits_the_reader_reads(self):
        result = check(count=50, seed=1)
        self.assertEqual(result["grooves"], 50)
        self.assertGreaterEqual(len(result["folders"]), 6)
        self.assertEqual(result["mma_errors"], [])
        self.assertGreaterEqual(result["grooves_identical"], 48, result["differing"])
        self.assertGreaterEqual(result["hit_recall"], 0.99)
        self.assertGreaterEqual(result["velocity_within_1"], 0.99)


def groove(hits, bars=2):
    return MmaGroove("T", "", "stdlib/rock.mma", "stdlib", 4, (4, 4), bars, tuple(hits), (), False, 0.0)


class TrainingSongsTest(unittest.TestCase):
    def test_a_groove_repeats_to_the_song_length_at_480_ticks(self):
        notes = drum_notes(groove([DrumHit(0, 0, 36, 100, "K"), DrumHit(1, 768, 38, 90, "S")]), bars=4)
        # the hit on bar 1's closing bar line plays on the next cycle's downbeat
        self.assertEqual([(n.start, n.pitch) for n in notes],
                         [(0, 36), (0, 38), (3840, 36), (3840, 38)])

    def test_drum_songs_round_trip_through_the_tokenizer(self):
        tokenizer = ArrangeTokenizer()
        notes = drum_notes(groove([DrumHit(b, t, n, v, "x") for b, t, n, v in
                                   [(0, 0, 36, 88), (0, 64, 42, 60), (0, 192, 38, 73), (1, 288, 46, 120)]]), bars=4)
        from mosaic_music.arrange_corpus import ArrangeSong

        song = ArrangeSong("mma/t", "mma", "rock", 120.0, "train", 4, {"drums": notes})
        (tokenized,) = tokenize_songs([song], tokenizer)
        for bar in range(4):
            decoded = tokenizer.decode_cell(tokenized.cells["drums"][bar], "drums", bar)
            again, _ = tokenizer.cells(decoded, "drums", 4)
            self.assertEqual(again[bar].tolist(), tokenized.cells["drums"][bar].tolist())
            original = [n for n in notes if n.start // 1920 == bar]
            self.assertEqual([(d.start, d.pitch) for d in decoded], [(n.start, n.pitch) for n in original])
        # a triplet 8th (64 MMA ticks = 160) is step 1 with +40 ticks of micro-timing, velocities 88, 60, 73 -> bins 80, 64, 80
        self.assertEqual([(d.start, d.velocity) for d in tokenizer.decode_cell(tokenized.cells["drums"][0], "drums", 0)],
                         [(0, 80), (160, 64), (480, 80)])  # 88 ties between 80 and 96: low
        tokens, sep = ArrangeSampler([tokenized], tokenizer, 512).build(tokenized, 0, 4, ["drums"], {(2, "drums")})
        self.assertEqual(tokens[1], tokenizer.v.id("style", "rock"))
        self.assertEqual(tokens[sep], tokenizer.sep)

    def test_style_mapping_names_only_spec_styles(self):
        styles = set(ArrangeTokenizer().v.values["style"])
        self.assertTrue(set(MMA_STYLES.values()) <= styles)
        self.assertNotIn("folk", MMA_STYLES.values())  # folk is Nottingham's (pitched) style

    @unittest.skipIf(not (LIBRARY_ROOT / "stdlib").is_dir() or includes_folder(LIBRARY_ROOT) is None,
                     "../shared/data/music/mma-groove-lib (and MMA's includes/) not here")
    def test_library_songs_tokenize(self):
        songs = load_mma_drums()
        self.assertGreater(len(songs), 400)
        self.assertTrue(all(song.style in MMA_STYLES.values() for song in songs))
        self.assertEqual({song.split for song in songs}, {"train", "test"})
        tokenizer = ArrangeTokenizer()
        sampler = ArrangeSampler(tokenize_songs(songs[:40], tokenizer), tokenizer, 768)
        batch, mask = sampler.sample(np.random.default_rng(0), 8)
        self.assertGreater(float(mask.sum()), 0)


class CardTest(unittest.TestCase):
    def test_mma_licence_joins_the_card_only_after_training_on_it(self):
        config = json.loads((ROOT / "music-arrange" / "recipes" / "1.1.0.json").read_text())
        self.assertEqual(training_data(config, {"sources": ["pop909", "nottingham", "groove"]}),
                         config["card"]["trainingData"])
        rows = training_data(config, {"sources": ["pop909", "nottingham", "groove", "mma"]})
        self.assertEqual(len(rows), len(config["card"]["trainingData"]) + 1)
        self.assertIn("GPL-2.0-or-later", rows[-1]["licence"])
        self.assertIn("mma 21.09-1", rows[-1]["licence"])
        self.assertFalse(config["card"]["commercialUse"])

    def test_the_commercial_use_model_refuses_mma(self):
        from mosaic_music.arrange_train import main

        with self.assertRaises(SystemExit):
            main([str(ROOT / "music-arrange-cc-by"), "--with-mma", "--steps", "1"])


if __name__ == "__main__":
    if not mma_available():
        print(NO_MMA, file=sys.stderr)
    unittest.main()
