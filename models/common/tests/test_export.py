"""mosaic-kv-v1 export: the graph's I/O contract and metadata, no concatenation of the cache, and parity in onnxruntime-node."""
import unittest

import onnx
from onnx import TensorProto

from scratch_models import small_decoder, temporary_folder

from mosaic_models.export import export_kv, read_metadata, run_node_verifier, torch_reference, verify_export

# Ops that only move or view data: whatever they produce from the cache is still "the cache".
DATA_MOVEMENT = {"Reshape", "Split", "Squeeze", "Unsqueeze", "Gather", "Slice", "Transpose", "Identity", "Flatten"}
COPYING = {"Split", "Gather", "Slice", "Transpose", "Concat", "Expand", "Tile"}


def io_signature(values):
    signature = {}
    for value in values:
        tensor = value.type.tensor_type
        dims = [dim.dim_param or dim.dim_value for dim in tensor.shape.dim]
        signature[value.name] = (tensor.elem_type, dims)
    return signature


def nodes_on_raw_cache(graph):
    """Nodes that take a tensor which is kv_cache itself or a reshaped/sliced piece of it (not a computed value)."""
    raw, found = {"kv_cache"}, []
    for node in graph.node:
        if any(name in raw for name in node.input):
            found.append(node)
            if node.op_type in DATA_MOVEMENT:
                raw.update(node.output)
    return found


class ExportContractTest(unittest.TestCase):
    def setUp(self):
        self.path = export_kv(small_decoder(seed=1), temporary_folder(self) / "model.onnx")
        self.onnx_model = onnx.load(str(self.path))

    def test_inputs_and_outputs(self):
        graph = self.onnx_model.graph
        self.assertEqual(io_signature(graph.input), {
            "input_ids": (TensorProto.INT64, ["batch", "new_tokens"]),
            "past_length": (TensorProto.INT64, [1]),
            "kv_cache": (TensorProto.FLOAT, [2, 2, "batch", 4, "cache_capacity", 8]),
        })
        self.assertEqual(io_signature(graph.output), {
            "logits": (TensorProto.FLOAT, ["batch", "new_tokens", 40]),
            "kv_new": (TensorProto.FLOAT, [2, 2, "batch", 4, "new_tokens", 8]),
        })

    def test_metadata(self):
        self.assertEqual(self.onnx_model.opset_import[0].version, 17)
        metadata = read_metadata(self.onnx_model)
        self.assertEqual({key: metadata[key] for key in
                          ("layout", "n_layers", "n_heads", "head_dim", "vocab_size", "max_positions")},
                         {"layout": "mosaic-kv-v1", "n_layers": "2", "n_heads": "4", "head_dim": "8",
                          "vocab_size": "40", "max_positions": "48"})

    def test_cache_is_never_concatenated_and_copied_once(self):
        graph = self.onnx_model.graph
        touching = nodes_on_raw_cache(graph)
        self.assertNotIn("Concat", [node.op_type for node in touching])
        # A Transpose feeding only MatMul (the K^T of q @ K^T) is folded into FusedMatMul by onnxruntime: no copy.
        consumers = {}
        for node in graph.node:
            for name in node.input:
                consumers.setdefault(name, []).append(node.op_type)
        folded = [node for node in touching if node.op_type == "Transpose" and set(consumers[node.output[0]]) == {"MatMul"}]
        self.assertEqual(len(folded), 2)  # one per layer
        copies = [node.op_type for node in touching if node.op_type in COPYING and node not in folded]
        self.assertEqual(copies, ["Split"])

    def test_valid_graph(self):
        onnx.checker.check_model(self.onnx_model, full_check=True)


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

    def test_verifier_fails_on_a_different_model(self):
        path = export_kv(small_decoder(seed=2), temporary_folder(self) / "model.onnx")
        report = run_node_verifier(path, torch_reference(small_decoder(seed=5), batches=(1,)))
        self.assertFalse(report["ok"])
        self.assertGreater(report["maxAbsDiff"], 1e-3)


if __name__ == "__main__":
    unittest.main()
