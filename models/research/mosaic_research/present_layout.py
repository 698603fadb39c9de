"""Exports the older "present" layout (per-layer past in, whole grown cache out) only to benchmark it against mosaic-kv-v1."""
from pathlib import Path

import onnx
import torch

from mosaic_models.export import OPSET, write_metadata
from mosaic_models.transformer import Decoder

LAYOUT = "present-v0-benchmark-only"


def _attend_with_concat(attention, x, past_key, past_value):
    q, k, v = attention._project(x)
    key, value = torch.cat([past_key, k], dim=2), torch.cat([past_value, v], dim=2)
    past, length = past_key.shape[2], x.shape[1]
    query_positions = past + torch.arange(length, device=x.device)
    allowed = torch.arange(past + length, device=x.device) <= query_positions.unsqueeze(1)
    scores = attention._scale_scores(attention._grouped(q) @ key.transpose(-1, -2))
    scores = scores.masked_fill(attention._grouped_mask(~allowed), float("-inf"))
    return attention._merge_heads(attention._ungrouped(torch.softmax(scores, dim=-1) @ value)), key, value


class PresentForward(torch.nn.Module):
    """input_ids [B, T], past_key_i / past_value_i [B, H, P, Dh] -> logits, present_key_i / present_value_i [B, H, P+T, Dh]."""

    def __init__(self, model: Decoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, *past):
        model = self.model
        past_length = past[0].shape[2]
        positions = past_length + torch.arange(input_ids.shape[1], device=input_ids.device)
        x = model.token_embedding(input_ids) + model.position_embedding(positions)
        presents = []
        for index, block in enumerate(model.blocks):
            attended, key, value = _attend_with_concat(
                block.attention, block.ln_attention(x), past[2 * index], past[2 * index + 1])
            x = x + attended
            x = x + block.mlp(block.ln_mlp(x))
            presents += [key, value]
        return (model._logits(x), *presents)


def export_present(model: Decoder, path) -> Path:
    path = Path(path)
    model.eval()
    c = model.config
    layers = range(c.n_layers)
    past_names = [f"past_{kind}_{i}" for i in layers for kind in ("key", "value")]
    present_names = [f"present_{kind}_{i}" for i in layers for kind in ("key", "value")]
    past = [torch.zeros(2, c.kv_heads, 3, c.head_dim) for _ in past_names]
    axes = {name: {0: "batch", 2: "past_tokens"} for name in past_names}
    axes.update({name: {0: "batch", 2: "total_tokens"} for name in present_names})
    axes.update({"input_ids": {0: "batch", 1: "new_tokens"}, "logits": {0: "batch", 1: "new_tokens"}})
    with torch.no_grad():
        torch.onnx.export(PresentForward(model), (torch.zeros(2, 2, dtype=torch.int64), *past), str(path),
                          input_names=["input_ids", *past_names], output_names=["logits", *present_names],
                          dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    onnx_model = onnx.load(str(path))
    write_metadata(onnx_model, {"layout": LAYOUT})
    onnx.save(onnx_model, str(path))
    return path
