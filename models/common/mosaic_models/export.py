"""Exports a Decoder to ONNX in the mosaic-kv-v1 layout and verifies the graph against torch through onnxruntime-node."""
import json
from pathlib import Path
import subprocess
import tempfile

import onnx
import torch

from .transformer import Decoder

LAYOUT = "mosaic-kv-v1"
OPSET = 17
INPUT_NAMES = ["input_ids", "past_length", "kv_cache"]
OUTPUT_NAMES = ["logits", "kv_new"]
REPO_ROOT = Path(__file__).resolve().parents[3]
VERIFY_SCRIPT = REPO_ROOT / "models" / "tools" / "verify-kv-export.ts"


class _CachedForward(torch.nn.Module):
    """Wraps Decoder.forward_cached so torch.onnx.export traces the cache-as-input graph."""

    def __init__(self, model: Decoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, past_length, kv_cache):
        return self.model.forward_cached(input_ids, past_length, kv_cache)


def graph_metadata(model: Decoder) -> dict:
    c = model.config
    return {
        "layout": LAYOUT,
        "n_layers": str(c.n_layers),
        "n_heads": str(c.n_heads),
        "head_dim": str(c.head_dim),
        "vocab_size": str(c.vocab_size),
        "max_positions": str(c.max_positions),
    }


def write_metadata(onnx_model: onnx.ModelProto, metadata: dict) -> None:
    """Sets metadata_props entries (replacing any with the same key)."""
    kept = [prop for prop in onnx_model.metadata_props if prop.key not in metadata]
    del onnx_model.metadata_props[:]
    onnx_model.metadata_props.extend(kept)
    for key, value in metadata.items():
        onnx_model.metadata_props.add(key=key, value=str(value))


def read_metadata(onnx_model: onnx.ModelProto) -> dict:
    return {prop.key: prop.value for prop in onnx_model.metadata_props}


def _reshape_cache_allowing_zero(onnx_model: onnx.ModelProto) -> None:
    """Sets allowzero=1 on the Reshape of kv_cache: by default a 0 in a Reshape shape means "keep this input dim",
    which breaks an empty cache (S = 0)."""
    reshapes = [node for node in onnx_model.graph.node if node.op_type == "Reshape" and node.input[0] == "kv_cache"]
    if len(reshapes) != 1:
        raise RuntimeError(f"expected one Reshape of kv_cache in the exported graph, found {len(reshapes)}")
    kept = [attribute for attribute in reshapes[0].attribute if attribute.name != "allowzero"]
    del reshapes[0].attribute[:]
    reshapes[0].attribute.extend(kept + [onnx.helper.make_attribute("allowzero", 1)])


def export_kv(model: Decoder, path, extra_metadata: dict | None = None) -> Path:
    """Writes model as a mosaic-kv-v1 graph (opset 17, dynamic batch, new-token and cache-capacity axes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.eval()
    batch, new_tokens, capacity = 2, 3, 5
    example = (
        torch.zeros(batch, new_tokens, dtype=torch.int64),
        torch.tensor([2], dtype=torch.int64),
        model.empty_cache(batch, capacity),
    )
    with torch.no_grad():
        torch.onnx.export(
            _CachedForward(model),
            example,
            str(path),
            input_names=INPUT_NAMES,
            output_names=OUTPUT_NAMES,
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
    write_metadata(onnx_model, {**graph_metadata(model), **(extra_metadata or {})})
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, str(path))
    return path


def torch_reference(model: Decoder, batches=(1, 3), total_tokens: int = 12, prompt_tokens: int = 5, seed: int = 0):
    """Cases for verify-kv-export.ts: token rows, how to feed them, and torch's full-sequence logits for every position."""
    generator = torch.Generator().manual_seed(seed)
    total_tokens = min(total_tokens, model.config.max_positions)
    cases = []
    for batch in batches:
        tokens = torch.randint(0, model.config.vocab_size, (batch, total_tokens), generator=generator)
        with torch.no_grad():
            logits = model.eval()(tokens)
        steps = [1] * (total_tokens - prompt_tokens)
        feeds = {
            "empty-cache-grown-exactly": ([prompt_tokens] + steps, "exact"),
            "oversized-garbage-cache": ([prompt_tokens] + steps, "oversized"),
            "chunked-prefill-oversized": ([3] * (total_tokens // 3) + [1] * (total_tokens % 3), "oversized"),
        }
        for name, (chunks, cache) in feeds.items():
            cases.append(
                {
                    "name": f"batch{batch}-{name}",
                    "tokens": tokens.tolist(),
                    "chunks": chunks,
                    "cache": cache,
                    "capacity": total_tokens + 7 if cache == "oversized" else 0,
                    "logits": logits.tolist(),
                }
            )
    return {"layout": LAYOUT, "cases": cases}


def run_node_verifier(onnx_path, reference: dict, tolerance: float = 1e-3) -> dict:
    """Runs models/tools/verify-kv-export.ts on the graph and returns its JSON report (raises if it cannot run)."""
    with tempfile.TemporaryDirectory() as folder:
        reference_path = Path(folder) / "torch-reference.json"
        reference_path.write_text(json.dumps(reference))
        completed = subprocess.run(
            ["node", "--import", "tsx", str(VERIFY_SCRIPT), str(Path(onnx_path).resolve()), str(reference_path),
             "--tolerance", str(tolerance)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
        )
    if completed.returncode not in (0, 1) or not completed.stdout.strip():
        raise RuntimeError(f"verify-kv-export.ts failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return json.loads(completed.stdout)


def verify_export(model: Decoder, onnx_path, batches=(1, 3), tolerance: float = 1e-3) -> dict:
    """Torch full-sequence logits vs ONNX prefill + step decoding in onnxruntime-node; report['ok'] says if all match."""
    return run_node_verifier(onnx_path, torch_reference(model, batches), tolerance)
