"""The committed fixtures: probe.onnx agrees with probe.json, and tiny-decoder/ agrees with its expected.json in onnxruntime-node."""
import json
import subprocess
import unittest

import numpy as np
import onnx
from onnx import numpy_helper

from scratch_models import FIXTURES, REPO_ROOT

from mosaic_models.export import read_metadata, run_node_verifier

TINY = FIXTURES / "tiny-decoder"


class ProbeFixtureTest(unittest.TestCase):
    def test_probe_json_matches_the_graph(self):
        model = onnx.load(str(FIXTURES / "probe.onnx"))
        onnx.checker.check_model(model, full_check=True)
        reference = json.loads((FIXTURES / "probe.json").read_text())
        weights = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
        np.testing.assert_array_equal(weights["W"], np.array(reference["W"], np.float32))
        np.testing.assert_array_equal(weights["b"], np.array(reference["b"], np.float32))
        x = np.array(reference["input"], np.float32)
        np.testing.assert_allclose(np.maximum(x @ weights["W"] + weights["b"], 0), reference["output"], atol=1e-6)
        self.assertEqual([i.name for i in model.graph.input], ["x"])
        self.assertEqual([o.name for o in model.graph.output], ["y"])
        self.assertLess((FIXTURES / "probe.onnx").stat().st_size, 1000)


class TinyDecoderFixtureTest(unittest.TestCase):
    folder = TINY

    @classmethod
    def setUpClass(cls):
        cls.expected = json.loads((cls.folder / "expected.json").read_text())
        cls.model = onnx.load(str(cls.folder / "model.onnx"))

    def test_small_and_labelled(self):
        self.assertLess((self.folder / "model.onnx").stat().st_size, 200_000)
        metadata = read_metadata(self.model)
        config = self.expected["config"]
        self.assertEqual(metadata["layout"], "mosaic-kv-v2")
        self.assertEqual(self.expected["layout"], "mosaic-kv-v2")
        for key in ("n_layers", "n_heads", "vocab_size", "max_positions"):
            self.assertEqual(int(metadata[key]), config[key])
        self.assertEqual(int(metadata["head_dim"]), config["d_model"] // config["n_heads"])
        # Graphs exported before grouped-query attention do not name n_kv_heads: they are multi-head.
        self.assertEqual(int(metadata.get("n_kv_heads", metadata["n_heads"])), config.get("n_kv_heads") or config["n_heads"])

    def test_counts_up_from_the_prompt(self):
        """The pattern the TypeScript tests rely on: after 3, 4, 5 the model says 6, 7, 8, ..."""
        prompt = self.expected["prompt"]
        self.assertEqual(self.expected["greedy"], [(prompt[-1] + 1 + i) % 32 for i in range(16)])
        self.assertEqual(self.expected["last_logits"], self.expected["prompt_logits"][-1])

    def test_onnx_prompt_logits_match_the_stored_torch_logits(self):
        prompt = self.expected["prompt"]
        reference = {"cases": [
            {"name": "prompt", "tokens": [prompt], "chunks": [len(prompt)], "cache": "exact", "capacity": 0,
             "logits": [self.expected["prompt_logits"]]},
            {"name": "prompt-token-by-token", "tokens": [prompt], "chunks": [1] * len(prompt), "cache": "oversized",
             "capacity": 16, "logits": [self.expected["prompt_logits"]]},
        ]}
        report = run_node_verifier(self.folder / "model.onnx", reference, self.expected["tolerance"])
        self.assertTrue(report["ok"], report)

    def test_onnx_greedy_decoding_matches_expected(self):
        for capacity in ("0", "40"):
            arguments = [arg for prompt in self.expected["batch_prompts"] for arg in ("--prompt", ",".join(map(str, prompt)))]
            completed = subprocess.run(
                ["node", "--import", "tsx", "models/tools/greedy-decode.ts", str(self.folder / "model.onnx"), *arguments,
                 "--tokens", "16", "--capacity", capacity],
                cwd=REPO_ROOT, capture_output=True, text=True, check=True)
            self.assertEqual(json.loads(completed.stdout)["rows"], self.expected["batch_greedy"], capacity)


class TinyMultiQueryDecoderFixtureTest(TinyDecoderFixtureTest):
    """The same checks on tiny-decoder-mqa: one key/value head serving both query heads."""

    folder = FIXTURES / "tiny-decoder-mqa"

    def test_caches_one_key_value_head(self):
        self.assertEqual(self.expected["config"]["n_kv_heads"], 1)
        past_key = next(value for value in self.model.graph.input if value.name == "past_key_0")
        self.assertEqual(past_key.type.tensor_type.shape.dim[1].dim_value, 1)


if __name__ == "__main__":
    unittest.main()
