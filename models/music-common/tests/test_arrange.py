"""arrange-v1 sequences, masking, chord recognition and the structure metrics (no corpus needed)."""
import unittest

import numpy as np

from mosaic_music import arrange_metrics as am
from mosaic_music.arrange_corpus import Chord, parse_pop909_chord, recognise_chord
from mosaic_music.arrange_dataset import ArrangeSampler, TokenizedArrangeSong, choose_masked
from mosaic_music.arrange_tokens import ArrangeTokenizer
from mosaic_music.tokenizer import Note


def song(tokenizer):
    melody = [Note(bar * 1920 + step * 480, 480, 60 + 2 * step, 96) for bar in range(4) for step in range(4)]
    chords = [Chord(bar * 1920, 1920, [0, 9, 5, 7][bar], ["maj", "min", "maj", "7"][bar], 64) for bar in range(4)]
    bass = [Note(bar * 1920, 960, [36, 45, 41, 43][bar], 80) for bar in range(4)]
    tracks = {"melody": melody, "chords": chords, "bass": bass}
    cells, counts = {}, {}
    for name, events in tracks.items():
        cells[name], counts[name] = tokenizer.cells(events, name, 4)
    return tracks, TokenizedArrangeSong("t", "pop", "C-major", 100.0, 4, cells, counts)


class ArrangeTokensTest(unittest.TestCase):
    def setUp(self):
        self.tokenizer = ArrangeTokenizer()
        self.tracks, self.song = song(self.tokenizer)

    def test_vocabulary_size_matches_the_spec(self):
        self.assertEqual(self.tokenizer.v.size, 535)

    def test_cells_decode_back_to_the_events(self):
        for name, events in self.tracks.items():
            for bar in range(4):
                decoded = self.tokenizer.decode_cell(self.song.cells[name][bar], name, bar)
                self.assertEqual(decoded, [e for e in events if e.start // 1920 == bar])

    def test_sequence_layout_puts_fills_after_sep_in_cell_order(self):
        t = self.tokenizer
        masked = {(1, "bass"), (3, "melody")}
        header = t.header("pop", "C-major", 100, {"melody": 4, "chords": 1, "bass": 1})
        tokens, sep = t.sequence(header, self.song.cells, ["melody", "chords", "bass"], 4, masked)
        self.assertEqual(tokens[sep], t.sep)
        self.assertEqual(tokens[-1], t.eos)
        fills = [i for i, token in enumerate(tokens) if t.fill_first <= token < t.fill_first + t.fill_count]
        self.assertEqual([tokens[i] - t.fill_first for i in fills], [0, 1, 0, 1])
        # context: Fill_0 follows Track_bass of bar 1; after Sep, Fill_0 is followed by that cell's tokens then End
        self.assertEqual(tokens[fills[0] - 1], t.track_ids["bass"])
        cell = self.song.cells["bass"][1].tolist()
        self.assertEqual(tokens[fills[2] + 1: fills[2] + 1 + len(cell)], cell)
        self.assertEqual(tokens[fills[2] + 1 + len(cell)], t.end)

    def test_transposition_moves_pitches_and_chord_roots(self):
        t = self.tokenizer
        moved = t.transpose_cell(self.song.cells["chords"][1], 2, "chords")
        self.assertEqual(t.decode_cell(moved, "chords", 1)[0].root, 11)  # A minor -> B minor
        self.assertIsNone(t.transpose_cell(self.song.cells["bass"][0], -12, "bass"))  # C2 - 12 leaves 28..60

    def test_sampler_masks_only_after_sep(self):
        sampler = ArrangeSampler([self.song], self.tokenizer, 512, bar_choices=(4,))
        tokens, mask = sampler.sample(np.random.default_rng(3), 4)
        for row in range(4):
            sep = int((tokens[row] == self.tokenizer.sep).nonzero()[0])
            self.assertEqual(float(mask[row, :sep].sum()), 0.0)
            self.assertEqual(float(mask[row, sep]), 1.0)

    def test_every_mask_mode_masks_something_inside_the_window(self):
        generator = np.random.default_rng(0)
        for mode in ("all", "tracks", "span", "cells", "track-span"):
            for _ in range(20):
                masked = choose_masked(generator, ["melody", "bass"], 4, mode)
                self.assertTrue(masked)
                self.assertTrue(all(0 <= bar < 4 and track in ("melody", "bass") for bar, track in masked))


class ChordsTest(unittest.TestCase):
    def test_pop909_labels(self):
        self.assertEqual(parse_pop909_chord("A:min7"), (9, "min7"))
        self.assertEqual(parse_pop909_chord("C:maj/3"), (0, "maj"))
        self.assertEqual(parse_pop909_chord("G:sus4(b7)"), (7, "7sus4"))
        self.assertIsNone(parse_pop909_chord("N"))

    def test_recognises_block_chords(self):
        self.assertEqual(recognise_chord([43, 47, 50]), (7, "maj"))
        self.assertEqual(recognise_chord([45, 48, 52]), (9, "min"))
        self.assertEqual(recognise_chord([43, 47, 50, 53]), (7, "7"))


class StructureMetricsTest(unittest.TestCase):
    def test_repeated_bars_counts_non_empty_bars_equal_to_an_earlier_one(self):
        motif = [Note(0, 240, 60, 80), Note(480, 240, 64, 80)]
        notes = [Note(n.start + bar * 1920, n.duration, n.pitch, n.velocity) for bar in (0, 1, 3) for n in motif]
        notes.append(Note(2 * 1920, 240, 67, 80))
        self.assertAlmostEqual(am.repeated_bars(notes, 8), 2 / 4)

    def test_transposed_repeats_count_a_motif_restated_at_another_pitch(self):
        motif = [Note(0, 240, 60, 80), Note(480, 240, 64, 80)]
        notes = [Note(n.start + bar * 1920, n.duration, n.pitch + shift, n.velocity)
                 for bar, shift in ((0, 0), (1, 2), (2, 0)) for n in motif]
        notes.append(Note(3 * 1920, 240, 67, 80))
        # bar 1 is bar 0 a tone higher, bar 2 its exact repeat: both count; bar 3 does not
        self.assertAlmostEqual(am.transposed_repeats(notes, 8), 2 / 4)
        self.assertAlmostEqual(am.repeated_bars(notes, 8), 1 / 4)

    def test_four_gram_self_similarity(self):
        notes = [Note(i * 240, 240, p, 80) for i, p in enumerate([60, 62, 64, 65, 60, 62, 64, 65])]
        # 5 four-grams; the last one repeats the first
        self.assertAlmostEqual(am.four_gram_self_similarity(notes), 1 / 5)

    def test_chord_and_bass_tones(self):
        chords = [Chord(0, 1920, 0, "maj", 70), Chord(1920, 1920, 7, "7", 70)]
        melody = [Note(0, 480, 64, 80), Note(480, 480, 62, 80), Note(1920, 960, 65, 80), Note(2400, 120, 61, 80)]
        self.assertAlmostEqual(am.chord_tone_rate(melody, chords), 2 / 3)
        bass = [Note(0, 480, 36, 80), Note(1920, 480, 38, 80), Note(960, 480, 37, 80)]
        self.assertAlmostEqual(am.bass_downbeat_chord_tone_rate(bass, chords), 1.0)

    def test_copy_index_finds_transposed_copies(self):
        tune = [Note(i * 240, 240, 60 + (i * 5) % 12, 80) for i in range(20)]
        index = am.CopyIndex([tune])
        moved = [Note(n.start + 1920, n.duration, n.pitch + 3, n.velocity) for n in tune[2:18]]
        self.assertEqual(index.copies(moved), 1)
        self.assertEqual(index.copies(tune[:15]), 0)


class CommittedWeightsTest(unittest.TestCase):
    def test_committed_weights_fit_their_recipes(self):
        """The fp16 weights committed beside each recipe load into its config's Decoder (to continue training)."""
        import json
        from pathlib import Path

        import torch

        from mosaic_models.transformer import Decoder, DecoderConfig

        root = Path(__file__).resolve().parents[2]
        checked = []
        for name in ("music-arrange", "music-arrange-cc-by"):
            for recipe in sorted((root / name / "recipes").glob("*.json")):
                config = json.loads(recipe.read_text())
                weights = torch.load(root / name / "weights" / f"{config['card']['version']}.fp16.pt")
                model = Decoder(DecoderConfig(vocab_size=535, **config["model"]))
                model.load_state_dict({key: value.float() for key, value in weights.items()})
                self.assertGreater(sum(value.numel() for value in weights.values()), 100_000)
                checked.append(f"{name}@{recipe.stem}")
        self.assertEqual(checked, ["music-arrange@1.0.0", "music-arrange@1.1.0", "music-arrange-cc-by@1.0.0"])


if __name__ == "__main__":
    unittest.main()


class SweepTest(unittest.TestCase):
    def test_sizes_train_the_same_recipe_with_their_own_shape(self):
        from mosaic_music.arrange_sweep import variant_config
        from mosaic_music.arrange_train import load_config, REPO_ROOT
        config = load_config(REPO_ROOT / "models" / "music-arrange")
        large = variant_config(config, "large", config["sweep"]["sizes"]["large"], 300)
        self.assertEqual(large["name"], "music-arrange-sweep-large")
        self.assertEqual(large["training"]["steps"], 300)
        self.assertEqual(large["training"]["seed"], config["training"]["seed"])
        self.assertNotEqual(large["model"]["d_model"], config["model"]["d_model"])
        self.assertNotIn("sweep", large)
        self.assertEqual(config["model"]["d_model"], 160)  # the base config is not changed

    def test_card_table_has_a_row_per_size(self):
        from mosaic_music.arrange_card import sweep_table
        entry = {"model": {"n_layers": 4, "d_model": 160}, "parameters": 1291360, "cpu_seconds": 900,
                 "heldout_nats_per_event": {"arrange": 5.5, "melody": 5.9, "harmonize": 5.6, "drums": 6.3},
                 "latency": {"median_ms_4x8": 380, "median_tokens": 900, "ms_per_100_tokens": 42.2}}
        lines = sweep_table({"steps": 300, "sizes": {"current": entry, "large": {**entry, "latency": {}}}})
        self.assertIn("| current | 4 × 160 | 1,291,360 | 5.500 | 5.900 | 5.600 | 6.300 | 900 | 380 | 900 | 42.2 |", lines)
        self.assertTrue(lines[-1].endswith("| 900 | — | — | — |"))
