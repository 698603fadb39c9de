"""Probe graphs for step-breakdown.ts: fed like the exported graph, and covering every weight MatMul, layer norm and
GELU it runs, for multi-head and multi-query attention."""
import unittest

import onnx

import research_path  # noqa: F401  (puts the toolkit, its test helpers and models/research on sys.path)
from scratch_models import small_decoder, temporary_folder  # noqa: E402

from mosaic_research.cost_probes import write_probes
from mosaic_models.export import export_kv
from mosaic_models.graph_rewrite import weight_matmuls

PROBES = {"overhead", "weights", "attention", "norms", "activations", "weights.int8-weights", "weights.int8-dynamic"}


def count(model: onnx.ModelProto, op_type: str) -> int:
    return sum(node.op_type == op_type for node in model.graph.node)


class CostProbesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folder = temporary_folder(cls)
        cls.cases = {}
        for name, kv_heads in (("multi-head", None), ("multi-query", 1)):
            model = small_decoder(seed=4, n_kv_heads=kv_heads)
            exported = onnx.load(str(export_kv(model, folder / f"{name}.onnx")))
            probes = {path.stem: onnx.load(str(path)) for path in write_probes(folder / name, model.config)}
            cls.cases[name] = (model.config, exported, probes)

    def test_every_probe_takes_the_exported_inputs(self):
        for name, (_, exported, probes) in self.cases.items():
            self.assertEqual(set(probes), PROBES, name)
            for probe_name, probe in probes.items():
                self.assertEqual(probe.graph.input, exported.graph.input, f"{name}: {probe_name}")

    def test_weights_probe_has_the_exported_weight_shapes(self):
        shapes = lambda model: sorted(  # noqa: E731
            tuple(i.dims) for i in model.graph.initializer
            if i.name in {node.input[1] for _, node in weight_matmuls(model.graph)})
        for name, (_, exported, probes) in self.cases.items():
            self.assertEqual(shapes(probes["weights"]), shapes(exported), name)
            self.assertEqual(weight_matmuls(probes["weights.int8-weights"].graph), [], name)

    def test_norm_and_activation_probes_hold_the_exported_counts(self):
        for name, (config, exported, probes) in self.cases.items():
            self.assertEqual(count(probes["norms"], "LayerNormalization"), count(exported, "LayerNormalization"), name)
            self.assertEqual(count(probes["norms"], "LayerNormalization"), 2 * config.n_layers + 1, name)
            self.assertEqual(count(probes["activations"], "Erf"), count(exported, "Erf"), name)

    def test_attention_probe_groups_the_query_heads_of_a_cached_head(self):
        for name, (config, _, probes) in self.cases.items():
            attention = probes["attention"]
            self.assertEqual(count(attention, "MatMul"), 2 * config.n_layers, name)
            grouped = next(i for i in attention.graph.initializer if i.name == "grouped")
            self.assertEqual(list(onnx.numpy_helper.to_array(grouped)), [0, config.kv_heads, -1, config.head_dim])


if __name__ == "__main__":
    unittest.main()
