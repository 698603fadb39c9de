"""A tiny run of the real trainer, the sampler and the room metrics: the same code paths as the package, in seconds."""
import json
import sys
import tempfile
import unittest
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2] / "common")]

import torch  # noqa: E402

import dungeon_data  # noqa: E402
import room_metrics  # noqa: E402
import train_dungeon  # noqa: E402
from evaluate_dungeon import sample_rooms  # noqa: E402
from room_tokens import INTERIOR_TILES, PROMPT_LENGTH, SEQUENCE_LENGTH, conditions_of, prompt_ids  # noqa: E402

TINY = {"steps": 4, "eval_every": 2, "batch": 4}


class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = Path(tempfile.mkdtemp())
        original = train_dungeon.read_recipe
        recipe = original("1.0.0")
        recipe["model"] = {"d_model": 16, "layers": 1, "heads": 2, "d_ff": 32, "dropout": 0.0}
        train_dungeon.read_recipe = lambda version: recipe
        try:
            cls.report = train_dungeon.train("1.0.0", cls.folder, TINY)
            cls.again = train_dungeon.train("1.0.0", Path(tempfile.mkdtemp()), TINY)
        finally:
            train_dungeon.read_recipe = original

    def test_split_holds_out_whole_dungeons(self):
        splits = train_dungeon.split_rooms(train_dungeon.read_recipe("1.0.0"))
        self.assertEqual({room.dungeon for room in splits["test"]}, {"tloz4_1", "tloz7_2"})
        self.assertEqual({room.dungeon for room in splits["validation"]}, {"tloz5_2"})
        self.assertEqual(sum(len(rooms) for rooms in splits.values()), 417)
        self.assertFalse({room.dungeon for room in splits["train"]} & {"tloz4_1", "tloz7_2", "tloz5_2"})
        self.assertEqual(self.report["rows"]["train"], 4 * len(splits["train"]))

    def test_report_checkpoint_and_determinism(self):
        saved = json.loads((self.folder / "training.json").read_text())
        self.assertEqual(saved["config"]["max_positions"], SEQUENCE_LENGTH)
        self.assertGreater(saved["test"]["nll_per_tile"], 0)
        self.assertEqual(saved["test"]["tiles"], saved["test"]["rooms"] * 84)
        self.assertEqual(self.report["history"][-1]["train_loss"], self.again["history"][-1]["train_loss"])
        model = train_dungeon.load_checkpoint(self.folder)
        self.assertEqual(model.config.vocab_size, 35)

    def test_loss_scores_the_tiles_and_end_only(self):
        model = train_dungeon.load_checkpoint(self.folder)
        tokens = torch.tensor(train_dungeon.room_rows(dungeon_data.training_rooms()[:2], augment=False))
        logits = model(tokens[:, :-1])
        every = torch.nn.functional.cross_entropy(logits.transpose(1, 2), tokens[:, 1:], reduction="none")
        self.assertEqual(every[:, PROMPT_LENGTH - 1:].shape[1], 85)  # 84 tiles and <end>
        self.assertAlmostEqual(train_dungeon.masked_loss(model, tokens).item(),
                               every[:, PROMPT_LENGTH - 1:].mean().item(), places=5)
        self.assertNotAlmostEqual(train_dungeon.masked_loss(model, tokens).item(), every.mean().item(), places=3)

    def test_mirrored_rows_swap_door_conditions(self):
        room = next(r for r in dungeon_data.training_rooms() if r.doors["w"] and not r.doors["e"])
        rows = train_dungeon.room_rows([room], augment=True)
        self.assertEqual(len(rows), 4)
        ids = {token for token in rows[1][:PROMPT_LENGTH]}
        self.assertIn(7, ids)  # door_e:1 after the west-east mirror
        self.assertIn(10, ids)  # door_w:0

    def test_sampler_writes_only_tiles(self):
        model = train_dungeon.load_checkpoint(self.folder)
        prompt = conditions_of(("F" * 12,) * 7, dict.fromkeys("nesw", True), "normal")
        rooms = sample_rooms(model, [prompt_ids(prompt)] * 3, 1.0, 0.95, torch.Generator().manual_seed(0))
        self.assertEqual(len(rooms), 3)
        for interior in rooms:
            self.assertEqual((len(interior), len(interior[0])), (7, 12))
            self.assertTrue(set("".join(interior)) <= set(INTERIOR_TILES))


class MetricsTest(unittest.TestCase):
    def test_door_connectivity(self):
        open_room = ("F" * 12,) * 7
        self.assertTrue(room_metrics.doors_connected(open_room, dict.fromkeys("nesw", True)))
        split = ("F" * 12,) * 3 + ("P" * 12,) + ("F" * 12,) * 3
        self.assertFalse(room_metrics.doors_connected(split, {"n": True, "s": True, "e": False, "w": False}))
        self.assertTrue(room_metrics.doors_connected(split, {"n": True, "s": False, "e": True, "w": True}))
        crossing = ("F" * 12,) * 3 + ("PPPPPOPPPPPP",) + ("F" * 12,) * 3
        self.assertTrue(room_metrics.doors_connected(crossing, {"n": True, "s": True, "e": False, "w": False}))
        walled_door = ("FFFFFBBFFFFF",) + ("F" * 12,) * 6
        self.assertFalse(room_metrics.doors_connected(walled_door, {"n": True, "s": False, "e": False, "w": False}))

    def test_pattern_kl_and_diversity(self):
        rooms = [room.interior for room in dungeon_data.training_rooms()[:40]]
        counts = room_metrics.pattern_counts(rooms)
        self.assertEqual(sum(counts.values()), 40 * 6 * 11)
        self.assertAlmostEqual(room_metrics.pattern_kl(counts, counts), 0.0, places=9)
        self.assertGreater(room_metrics.pattern_kl(Counter({"FFFF": 10}), counts), 0.1)
        self.assertEqual(room_metrics.mean_pairwise_hamming([("F" * 12,) * 7, ("B" * 12,) * 7]), 1.0)
        self.assertEqual(room_metrics.distinct_per_100([("F" * 12,) * 7] * 100), 1)


if __name__ == "__main__":
    unittest.main()
