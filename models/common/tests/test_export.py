"""mosaic-kv-v2 export: the graph's I/O contract and metadata, cache inputs read only by the attention MatMuls, and parity in onnxruntime-node."""
import unittest

import onnx
from onnx import TensorProto, helper

from scratch_models import small_decoder, temporary_folder

from mosaic_models.export import (cache_read_problems, export_kv, read_metadata, run_node_verifier, torch_reference,
                                  verify_export)


def io_signature(values):
    signature = {}
    for value in values:
        tensor = value.type.tensor_type
        dims = [dim.dim_param or dim.dim_value for dim in tensor.shape.dim]
        signature[value.name] = (tensor.elem_type, dims)
    return signature


def readers_of(graph, name):
    return [node for node in graph.node if name in node.input]


class ExportContractTest(unittest.TestCase):
    def setUp(self):
        self.path = export_kv(small_decoder(seed=1), temporary_folder(self) / "model.onnx")
        self.onnx_model = onnx.load(str(self.path))

    def test_inputs_and_outputs(self):
        graph = self.onnx_model.graph
        cache = (TensorProto.FLOAT, ["batch", 4, "cache_capacity", 8])
        self.assertEqual(list(io_signature(graph.input).items()), [
            ("input_ids", (TensorProto.INT64, ["batch", "new_tokens"])),
            ("past_length", (TensorProto.INT64, [1])),
            ("past_key_0", cache), ("past_value_0", cache), ("past_key_1", cache), ("past_value_1", cache),
        ])
        self.assertEqual(io_signature(graph.output), {
            "logits": (TensorProto.FLOAT, ["batch", "new_tokens", 40]),
            "kv_new": (TensorProto.FLOAT, [2, 2, "batch", 4, "new_tokens", 8]),
        })

    def test_metadata(self):
        self.assertEqual(self.onnx_model.opset_import[0].version, 17)
        metadata = read_metadata(self.onnx_model)
        self.assertEqual({key: metadata[key] for key in
                          ("layout", "n_layers", "n_heads", "head_dim", "vocab_size", "max_positions")},
                         {"layout": "mosaic-kv-v2", "n_layers": "2", "n_heads": "4", "head_dim": "8",
                          "vocab_size": "40", "max_positions": "48"})

    def test_cache_inputs_are_read_only_by_the_attention_matmuls(self):
        graph = self.onnx_model.graph
        self.assertEqual(cache_read_problems(graph), [])
        for layer in range(2):
            # Keys: one Transpose of the last two axes (q @ K^T, folded into FusedMatMul by onnxruntime) read by MatMul.
            (transpose,) = readers_of(graph, f"past_key_{layer}")
            self.assertEqual(transpose.op_type, "Transpose")
            self.assertEqual([node.op_type for node in readers_of(graph, transpose.output[0])], ["MatMul"])
            self.assertEqual([node.op_type for node in readers_of(graph, f"past_value_{layer}")], ["MatMul"])
            # The score scale lives in the query weights: nothing multiplies the scores (see with_prescaled_queries).
            (scores,) = readers_of(graph, transpose.output[0])
            self.assertNotIn("Mul", [node.op_type for node in readers_of(graph, scores.output[0])])
        self.assertEqual(read_metadata(self.onnx_model)["attention_scale"], "folded-into-query")

    def test_no_node_cuts_joins_or_measures_the_cache(self):
        graph = self.onnx_model.graph
        cache = {value.name for value in graph.input if value.name.startswith(("past_key_", "past_value_"))}
        for node in graph.node:
            if node.op_type in {"Split", "Slice", "Gather", "Concat", "Shape", "Reshape", "Squeeze", "Unsqueeze"}:
                self.assertFalse(cache & set(node.input), f"{node.op_type} reads {cache & set(node.input)}")

    def test_valid_graph(self):
        onnx.checker.check_model(self.onnx_model, full_check=True)


class CacheReadCheckTest(unittest.TestCase):
    """cache_read_problems must flag a graph that cuts its cache (what mosaic-kv-v1's Split did)."""

    def test_flags_a_split_and_a_transpose_that_is_not_folded(self):
        float_input = lambda name: helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 2, 3, 4])  # noqa: E731
        nodes = [
            helper.make_node("Split", ["past_key_0"], ["a", "b"], axis=2),
            helper.make_node("Transpose", ["past_key_1"], ["k_t"], perm=[0, 1, 3, 2]),
            helper.make_node("Relu", ["k_t"], ["y"]),
            helper.make_node("MatMul", ["a", "past_value_0"], ["z"]),
        ]
        graph = helper.make_graph(nodes, "bad", [float_input(n) for n in ("past_key_0", "past_value_0", "past_key_1")],
                                  [float_input("y"), float_input("z")])
        self.assertEqual(cache_read_problems(graph), ["past_key_0 -> Split", "past_key_1 -> Transpose -> ['Relu']"])

    def test_flags_scaled_scores(self):
        float_input = lambda name: helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 2, 3, 3])  # noqa: E731
        nodes = [
            helper.make_node("Transpose", ["past_key_0"], ["k_t"], perm=[0, 1, 3, 2]),
            helper.make_node("MatMul", ["q", "k_t"], ["scores"]),
            helper.make_node("Mul", ["scores", "scale"], ["scaled"]),
        ]
        graph = helper.make_graph(nodes, "scaled", [float_input(n) for n in ("past_key_0", "q", "scale")],
                                  [float_input("scaled")])
        self.assertEqual(cache_read_problems(graph), ["past_key_0 -> MatMul -> scaled scores"])


class ExportParityTest(unittest.TestCase):
    """Runs the graph in onnxruntime-node: prefill + steps, chunks, S = 0 and oversized garbage caches, batch 1 and 3."""

    def test_matches_torch_within_1e_3(self):
        model = small_decoder(seed=2)
        path = export_kv(model, temporary_folder(self) / "model.onnx")
        report = verify_export(model, path, batches=(1, 3))
        self.assertTrue(report["ok"], report)
        self.assertLess(report["maxAbsDiff"], 1e-3)
        names = {case["name"] for case in report["cases"]}
        self.assertIn("batch3-oversized-garbage-cache", names)
        self.assertIn("batch1-empty-cache-grown-exactly", names)

    def test_grouped_query_graph_matches_torch_and_caches_only_its_key_value_heads(self):
        model = small_decoder(seed=2, n_kv_heads=1)
        path = export_kv(model, temporary_folder(self) / "model.onnx")
        onnx_model = onnx.load(str(path))
        signature = io_signature(onnx_model.graph.input)
        self.assertEqual(signature["past_key_0"], (TensorProto.FLOAT, ["batch", 1, "cache_capacity", 8]))
        self.assertEqual(io_signature(onnx_model.graph.output)["kv_new"][1], [2, 2, "batch", 1, "new_tokens", 8])
        metadata = read_metadata(onnx_model)
        self.assertEqual((metadata["n_heads"], metadata["n_kv_heads"]), ("4", "1"))
        self.assertEqual(cache_read_problems(onnx_model.graph), [])
        report = verify_export(model, path, batches=(1, 3))
        self.assertTrue(report["ok"], report)

    def test_verifier_fails_on_a_different_model(self):
        path = export_kv(small_decoder(seed=2), temporary_folder(self) / "model.onnx")
        report = run_node_verifier(path, torch_reference(small_decoder(seed=5), batches=(1,)))
        self.assertFalse(report["ok"])
        self.assertGreater(report["maxAbsDiff"], 1e-3)


if __name__ == "__main__":
    unittest.main()
