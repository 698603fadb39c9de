"""Precision variants: weight quantization, valid rewritten graphs, the CLI, running in onnxruntime-node, and compare-variants.ts."""
import json
import subprocess
import unittest

import numpy as np
import onnx
from onnx import TensorProto

from scratch_models import COMMON, FIXTURES, REPO_ROOT, temporary_folder

from mosaic_models.export import cache_read_problems, read_metadata
from mosaic_models.graph_rewrite import quantize_symmetric_int8, weight_matmuls
from mosaic_models.variants import VARIANTS, make_variant, write_variants

TINY = FIXTURES / "tiny-decoder"


def op_counts(model):
    counts = {}
    for node in model.graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    return counts


def initializer_types(model):
    return {initializer.data_type for initializer in model.graph.initializer}


class QuantizeWeightsTest(unittest.TestCase):
    def test_round_trip_error_is_at_most_half_a_step(self):
        weight = np.random.default_rng(0).normal(size=(16, 8)).astype(np.float32)
        for granularity in ("per-column", "per-tensor"):
            values, scale = quantize_symmetric_int8(weight, granularity)
            self.assertEqual(values.dtype, np.int8)
            self.assertLessEqual(np.abs(values).max(), 127)
            self.assertTrue(np.all(np.abs(values * scale - weight) <= scale / 2 + 1e-7))

    def test_per_column_keeps_small_columns_precise(self):
        weight = np.random.default_rng(1).normal(size=(32, 4)).astype(np.float32) * np.array([100, 1, 0.01, 1], np.float32)
        errors = {}
        for granularity in ("per-column", "per-tensor"):
            values, scale = quantize_symmetric_int8(weight, granularity)
            errors[granularity] = np.abs(values * scale - weight)[:, 2].max()
        self.assertLess(errors["per-column"] * 100, errors["per-tensor"])


class VariantGraphsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.base = onnx.load(str(TINY / "model.onnx"))
        cls.weights = len(weight_matmuls(cls.base.graph))

    def test_int8_dynamic_replaces_every_weight_matmul(self):
        variant = make_variant(self.base, "int8-dynamic")
        counts = op_counts(variant)
        self.assertEqual(counts["MatMulInteger"], self.weights)
        self.assertEqual(counts["DynamicQuantizeLinear"], self.weights)
        self.assertEqual(weight_matmuls(variant.graph), [])

    def test_int8_weights_dequantizes_before_the_original_matmul(self):
        variant = make_variant(self.base, "int8-weights")
        self.assertEqual(op_counts(variant)["DequantizeLinear"], self.weights)
        self.assertEqual(op_counts(variant)["MatMul"], op_counts(self.base)["MatMul"])
        self.assertIn(TensorProto.INT8, initializer_types(variant))

    def test_fp16_keeps_float32_inputs_and_outputs(self):
        variant = make_variant(self.base, "fp16")
        self.assertNotIn(TensorProto.FLOAT, {i.data_type for i in variant.graph.initializer if i.dims})
        self.assertEqual([v.type.tensor_type.elem_type for v in variant.graph.input],
                         [v.type.tensor_type.elem_type for v in self.base.graph.input])
        self.assertEqual([v.type.tensor_type.elem_type for v in variant.graph.output], [TensorProto.FLOAT] * 2)

    def test_every_variant_is_valid_and_keeps_the_layout_metadata(self):
        for name in VARIANTS:
            variant = make_variant(self.base, name)
            onnx.checker.check_model(variant, full_check=True)
            metadata = read_metadata(variant)
            self.assertEqual((metadata["layout"], metadata["variant"]), ("mosaic-kv-v2", name))
            self.assertEqual(metadata["n_layers"], read_metadata(self.base)["n_layers"])

    def test_variants_keep_the_v2_inputs_and_read_the_cache_in_place(self):
        """The rewrite only touches weight MatMuls: cache inputs, their readers and the outputs stay as exported."""
        for name in VARIANTS:
            variant = make_variant(self.base, name)
            self.assertEqual(variant.graph.input, self.base.graph.input, name)
            self.assertEqual(variant.graph.output, self.base.graph.output, name)
            self.assertEqual(cache_read_problems(variant.graph), [], name)
            self.assertFalse(any(node.input[1].startswith("past_") for _, node in weight_matmuls(variant.graph)))


class VariantsInOnnxRuntimeTest(unittest.TestCase):
    """Writes the variants with the CLI and decodes each with onnxruntime-node."""

    @classmethod
    def setUpClass(cls):
        cls.folder = temporary_folder(cls)
        completed = subprocess.run(
            ["/usr/bin/python3", "-m", "mosaic_models.variants", str(TINY / "model.onnx"), "--out-dir", str(cls.folder)],
            cwd=COMMON, capture_output=True, text=True, check=True)
        cls.cli_output = completed.stdout
        cls.expected = json.loads((TINY / "expected.json").read_text())

    def test_cli_writes_one_file_per_variant(self):
        for name in VARIANTS:
            self.assertTrue((self.folder / f"model.{name}.onnx").is_file(), self.cli_output)
        self.assertLess((self.folder / "model.int8-weights.onnx").stat().st_size, (TINY / "model.onnx").stat().st_size)

    def test_each_variant_decodes_the_counting_pattern(self):
        for name in VARIANTS:
            completed = subprocess.run(
                ["node", "--import", "tsx", "models/tools/greedy-decode.ts", str(self.folder / f"model.{name}.onnx"),
                 "--prompt", ",".join(map(str, self.expected["prompt"])), "--tokens", "16"],
                cwd=REPO_ROOT, capture_output=True, text=True, check=True)
            self.assertEqual(json.loads(completed.stdout)["rows"][0], self.expected["greedy"], name)

    def test_compare_variants_report(self):
        report_path = self.folder / "report.json"
        variants = [str(self.folder / f"model.{name}.onnx") for name in VARIANTS]
        subprocess.run(
            ["node", "--import", "tsx", "models/tools/compare-variants.ts", str(TINY / "model.onnx"), *variants,
             "--heldout", str(TINY / "heldout.json"), "--out", str(report_path), "--prompt", "8", "--steps", "4",
             "--batches", "1,2", "--repeats", "1", "--max-sequences", "3"],
            cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        report = {entry["name"]: entry for entry in json.loads(report_path.read_text())["variants"]}
        self.assertEqual(list(report), ["fp32", *VARIANTS])
        self.assertEqual(report["fp32"]["quality"]["maxAbsLogitDiff"], 0)
        self.assertEqual(report["fp32"]["quality"]["top1Agreement"], 1)
        self.assertGreater(report["int8-dynamic"]["quality"]["maxAbsLogitDiff"], 0)
        self.assertLess(report["fp16"]["quality"]["maxAbsLogitDiff"], report["int8-dynamic"]["quality"]["maxAbsLogitDiff"])
        for name, entry in report.items():
            self.assertEqual(entry["bytes"], (TINY / "model.onnx" if name == "fp32" else self.folder / entry["file"]).stat().st_size)
            self.assertEqual([d["batch"] for d in entry["decode"]], [1, 2])
            self.assertGreater(entry["prefillMs"], 0)
            self.assertGreater(entry["quality"]["top1Agreement"], 0.9)


if __name__ == "__main__":
    unittest.main()
