"""Training, checkpoint and export of a tiny level decoder: the same code paths as the packaged model, in seconds."""
import json
import random
import tempfile
import unittest
from pathlib import Path

import torch
from torch.nn import functional as F

from mosaic_models.export import export_kv, verify_export

import level_data
from level_tokens import FIRST_LEVEL_TOKEN, PROMPT_LENGTH, ColumnVocabulary
from train_level import WindowSampler, load_checkpoint, masked_loss, parse_args, train


class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = Path(tempfile.mkdtemp())
        args = parse_args(["--out", str(cls.folder), "--steps", "3", "--eval-every", "3", "--batch", "2",
                           "--d-model", "16", "--layers", "1", "--heads", "2", "--d-ff", "32",
                           "--window-min", "8", "--window-max", "12", "--eval-window", "12"])
        cls.report = train(args)

    def test_report_and_checkpoint(self):
        saved = json.loads((self.folder / "training.json").read_text())
        self.assertEqual(saved["steps"], 3)
        self.assertEqual(saved["config"]["max_positions"], PROMPT_LENGTH + 12)
        self.assertIn("nll_per_column_in_vocabulary", saved["test"])
        model, vocabulary, checkpoint = load_checkpoint(self.folder)
        self.assertIsInstance(vocabulary, ColumnVocabulary)
        self.assertEqual(model.config.vocab_size, vocabulary.size)
        self.assertEqual(checkpoint["tokenization"], "column")

    def test_windows_start_with_the_prompt(self):
        splits = level_data.split_levels(level_data.load_corpus())
        vocabulary = ColumnVocabulary.from_levels(splits["train"])
        batch = WindowSampler(vocabulary, splits["train"], 10, 10, 4)(random.Random(0))
        self.assertEqual(tuple(batch.shape), (4, PROMPT_LENGTH + 10))
        self.assertTrue(bool((batch[:, :PROMPT_LENGTH] < FIRST_LEVEL_TOKEN).all()))
        self.assertTrue(bool((batch[:, PROMPT_LENGTH:] >= FIRST_LEVEL_TOKEN).all()))

    def test_loss_covers_level_tokens_only(self):
        model, _, _ = load_checkpoint(self.folder)
        tokens = torch.tensor([[0, 4, 8, 11, 13] + [FIRST_LEVEL_TOKEN + i for i in range(6)]])
        logits = model(tokens[:, :-1])
        expected = F.cross_entropy(logits[0, PROMPT_LENGTH - 1:], tokens[0, PROMPT_LENGTH:])
        self.assertAlmostEqual(masked_loss(model, tokens).item(), expected.item(), places=5)

    def test_ema_keeps_an_average_of_the_weights_not_the_last_ones(self):
        tiny = ["--steps", "4", "--eval-every", "4", "--batch", "2", "--d-model", "16", "--layers", "1", "--heads", "2",
                "--kv-heads", "1", "--d-ff", "32", "--window-min", "8", "--window-max", "12", "--eval-window", "12"]
        raw_folder, ema_folder = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
        train(parse_args(["--out", str(raw_folder), *tiny]))
        train(parse_args(["--out", str(ema_folder), "--ema", "0.5", *tiny]))
        raw, ema = torch.load(raw_folder / "checkpoint.pt")["state"], torch.load(ema_folder / "checkpoint.pt")["state"]
        self.assertEqual(raw.keys(), ema.keys())
        # Same seed, same steps: the raw run keeps the step-4 weights, the EMA run their average with steps 1-3.
        self.assertTrue(any(not torch.equal(raw[name], ema[name]) for name in raw))
        model, _, _ = load_checkpoint(ema_folder)
        self.assertEqual(model.config.kv_heads, 1)
        self.assertEqual(json.loads((ema_folder / "training.json").read_text())["arguments"]["ema"], 0.5)

    def test_export_matches_torch_in_onnxruntime_node(self):
        model, _, _ = load_checkpoint(self.folder)
        path = export_kv(model, self.folder / "model.onnx")
        self.assertTrue(verify_export(model, path)["ok"])


if __name__ == "__main__":
    unittest.main()
