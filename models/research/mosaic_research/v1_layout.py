"""Exports the previous layout mosaic-kv-v1 (one kv_cache input [L, 2, B, H, S, Dh]) only to benchmark it against v2."""
from pathlib import Path

import onnx
import torch

from mosaic_models.export import OPSET, write_metadata
from mosaic_models.transformer import Decoder

LAYOUT = "mosaic-kv-v1-benchmark-only"


class V1Forward(torch.nn.Module):
    """input_ids [B, T], past_length [1], kv_cache [L, 2, B, H, S, Dh] -> logits [B, T, V], kv_new (as in v2)."""

    def __init__(self, model: Decoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, past_length, kv_cache):
        # One unbind of the [2L, B, H, S, Dh] view: onnxruntime runs it as a Split that copies the whole cache.
        layers = 2 * self.model.config.n_layers
        past = kv_cache.reshape((layers,) + kv_cache.shape[2:]).unbind(0)
        return self.model.forward_cached(input_ids, past_length, past)


def _reshape_cache_allowing_zero(onnx_model: onnx.ModelProto) -> None:
    """A 0 in a Reshape shape means "keep this input dim" unless allowzero=1, which an empty cache (S = 0) needs."""
    for node in onnx_model.graph.node:
        if node.op_type == "Reshape" and node.input[0] == "kv_cache":
            kept = [attribute for attribute in node.attribute if attribute.name != "allowzero"]
            del node.attribute[:]
            node.attribute.extend(kept + [onnx.helper.make_attribute("allowzero", 1)])


def export_v1(model: Decoder, path) -> Path:
    path = Path(path)
    model.eval()
    with torch.no_grad():
        torch.onnx.export(
            V1Forward(model),
            (torch.zeros(2, 3, dtype=torch.int64), torch.tensor([2]), model.empty_cache(2, 5)),
            str(path),
            input_names=["input_ids", "past_length", "kv_cache"],
            output_names=["logits", "kv_new"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "new_tokens"},
                "kv_cache": {2: "batch", 4: "cache_capacity"},
                "logits": {0: "batch", 1: "new_tokens"},
                "kv_new": {2: "batch", 4: "new_tokens"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
        )
    onnx_model = onnx.load(str(path))
    _reshape_cache_allowing_zero(onnx_model)
    write_metadata(onnx_model, {"layout": LAYOUT})
    onnx.save(onnx_model, str(path))
    return path
