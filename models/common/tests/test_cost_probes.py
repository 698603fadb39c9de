"""Probe graphs for step-breakdown.ts: fed like the exported graph, and covering every weight MatMul it runs."""
import unittest

import onnx

from scratch_models import small_decoder, temporary_folder

from mosaic_models.cost_probes import write_probes
from mosaic_models.export import export_kv
from mosaic_models.graph_rewrite import weight_matmuls


class CostProbesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folder = temporary_folder(cls)
        model = small_decoder(seed=4)
        cls.exported = onnx.load(str(export_kv(model, folder / "model.onnx")))
        cls.probes = {path.stem: onnx.load(str(path)) for path in write_probes(folder / "probes", model.config)}

    def test_every_probe_takes_the_exported_inputs(self):
        self.assertEqual(set(self.probes), {"overhead", "weights", "attention", "weights.int8-weights",
                                            "weights.int8-dynamic"})
        for name, probe in self.probes.items():
            self.assertEqual(probe.graph.input, self.exported.graph.input, name)

    def test_weights_probe_has_the_exported_weight_shapes(self):
        shapes = lambda model: sorted(  # noqa: E731
            tuple(i.dims) for i in model.graph.initializer
            if i.name in {node.input[1] for _, node in weight_matmuls(model.graph)})
        self.assertEqual(shapes(self.probes["weights"]), shapes(self.exported))
        self.assertEqual(weight_matmuls(self.probes["weights.int8-weights"].graph), [])


if __name__ == "__main__":
    unittest.main()
