"""Exports a Decoder to ONNX in the mosaic-kv-v2 layout and verifies the graph against torch through onnxruntime-node."""
import json
from pathlib import Path
import subprocess
import tempfile

import onnx
import torch

from .transformer import Decoder

LAYOUT = "mosaic-kv-v2"
OPSET = 17
OUTPUT_NAMES = ["logits", "kv_new"]
REPO_ROOT = Path(__file__).resolve().parents[3]
VERIFY_SCRIPT = REPO_ROOT / "models" / "tools" / "verify-kv-export.ts"


class _CachedForward(torch.nn.Module):
    """Wraps Decoder.forward_cached so torch.onnx.export traces the cache-as-input graph."""

    def __init__(self, model: Decoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, past_length, *past):
        return self.model.forward_cached(input_ids, past_length, past)


def past_names(n_layers: int) -> list:
    """The per-layer cache inputs in graph (and buffer) order: past_key_0, past_value_0, past_key_1, ..."""
    return [f"past_{kind}_{layer}" for layer in range(n_layers) for kind in ("key", "value")]


def graph_metadata(model: Decoder) -> dict:
    c = model.config
    return {
        "layout": LAYOUT,
        "n_layers": str(c.n_layers),
        "n_heads": str(c.n_heads),
        # The cache's head count (past_key_i dim 1); below n_heads the graph uses grouped-query attention.
        "n_kv_heads": str(c.kv_heads),
        "head_dim": str(c.head_dim),
        "vocab_size": str(c.vocab_size),
        "max_positions": str(c.max_positions),
        # The qkv initializers' query rows already carry 1/sqrt(head_dim) (Decoder.with_prescaled_queries).
        "attention_scale": "folded-into-query"
        if all(block.attention.query_prescaled for block in model.blocks)
        else "in-graph",
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


def _declare_output_shapes(onnx_model: onnx.ModelProto, model: Decoder) -> None:
    """Writes the outputs' contract shapes: torch's shape inference loses kv_new's static H and Dh."""
    c = model.config
    shapes = {
        "logits": ["batch", "new_tokens", c.vocab_size],
        "kv_new": [c.n_layers, 2, "batch", c.kv_heads, "new_tokens", c.head_dim],
    }
    for output in onnx_model.graph.output:
        dims = output.type.tensor_type.shape.dim
        del dims[:]
        for size in shapes[output.name]:
            dims.add(**({"dim_param": size} if isinstance(size, str) else {"dim_value": size}))


def cache_read_problems(graph: onnx.GraphProto) -> list:
    """How the graph reads its past_key_i / past_value_i inputs other than in place; [] when only MatMuls read them.

    A key may pass through one Transpose of its last two axes (q @ K^T) whose only readers are MatMuls: onnxruntime
    folds that pair into one FusedMatMul, so the Transpose never runs. Any other reader (Split, Slice, Gather,
    Concat, Shape, ...) is a problem: onnxruntime's CPU kernels copy when they cut or join a tensor. So is a score
    MatMul whose result is scaled (Mul or Div): onnxruntime folds the scale into the MatMul's alpha, and MLAS then
    packs the cache instead of taking its single-row path (Decoder.with_prescaled_queries avoids it).
    """
    readers: dict = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    problems = []

    def scaled(matmul) -> bool:
        return any(reader.op_type in ("Mul", "Div") for reader in readers.get(matmul.output[0], []))

    for value in graph.input:
        if not value.name.startswith(("past_key_", "past_value_")):
            continue
        for node in readers.get(value.name, []):
            if node.op_type == "MatMul":
                continue
            perm = next((list(a.ints) for a in node.attribute if a.name == "perm"), None)
            if value.name.startswith("past_key_") and node.op_type == "Transpose" and perm == [0, 1, 3, 2]:
                later = readers.get(node.output[0], [])
                if {reader.op_type for reader in later} == {"MatMul"}:
                    problems.extend(f"{value.name} -> MatMul -> scaled scores" for reader in later if scaled(reader))
                    continue
                problems.append(f"{value.name} -> Transpose -> {sorted({reader.op_type for reader in later})}")
            else:
                problems.append(f"{value.name} -> {node.op_type}")
    return problems


def export_kv(model: Decoder, path, extra_metadata: dict | None = None) -> Path:
    """Writes model as a mosaic-kv-v2 graph (opset 17, dynamic batch, new-token and cache-capacity axes).

    The graph computes the same logits as `model`, with the attention score scale folded into the query projection.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    model = model.eval().with_prescaled_queries()
    batch, new_tokens, capacity = 2, 3, 5
    names = past_names(model.config.n_layers)
    past = model.cache_views(model.empty_cache(batch, capacity))
    dynamic_axes = {name: {0: "batch", 2: "cache_capacity"} for name in names}
    dynamic_axes.update({
        "input_ids": {0: "batch", 1: "new_tokens"},
        "logits": {0: "batch", 1: "new_tokens"},
        "kv_new": {2: "batch", 4: "new_tokens"},
    })
    with torch.no_grad():
        torch.onnx.export(
            _CachedForward(model),
            (torch.zeros(batch, new_tokens, dtype=torch.int64), torch.tensor([2], dtype=torch.int64), *past),
            str(path),
            input_names=["input_ids", "past_length", *names],
            output_names=OUTPUT_NAMES,
            dynamic_axes=dynamic_axes,
            opset_version=OPSET,
            do_constant_folding=True,
        )
    onnx_model = onnx.load(str(path))
    problems = cache_read_problems(onnx_model.graph)
    if problems:
        raise RuntimeError(f"the exported graph reads its cache inputs other than in place: {problems}")
    _declare_output_shapes(onnx_model, model)
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
