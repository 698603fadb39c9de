"""PyTorch eager baseline for the inference benchmark: KV-cached decoding with the project's Decoder in plain torch.

The weights are random (speed does not depend on their values); the architecture and sizes are the benchmarked
model's. Prints one JSON object. Run with Debian's /usr/bin/python3 (torch 1.13):
  python3 tests/bench/torch_eager_bench.py --config '{"vocab_size": 512, ...}' --tokens 252 --threads 1
  python3 tests/bench/torch_eager_bench.py --onnx models/packages/music-melody/1.1.0/model.onnx
"""
import argparse
import json
import re
from pathlib import Path
import statistics
import sys
import time

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models" / "common"))
from mosaic_models.transformer import Decoder, DecoderConfig  # noqa: E402


@torch.no_grad()
def decode(model: Decoder, prompt: torch.Tensor, new_tokens: int) -> float:
    """Tokens per second for prompt + new_tokens sampled steps, as the app decodes (layout mosaic-kv-v2): one cache
    buffer preallocated at full capacity, each step attending to it and writing only the new keys/values in place."""
    batch = prompt.shape[0]
    cache = model.empty_cache(batch, prompt.shape[1] + new_tokens)
    past = Decoder.cache_views(cache)
    started = time.perf_counter()
    tokens, length = prompt, 0
    for _ in range(new_tokens):
        logits, kv_new = model.forward_cached(tokens, torch.tensor([length]), past)
        cache[:, :, :, :, length : length + tokens.shape[1]] = kv_new
        length += tokens.shape[1]
        tokens = torch.multinomial(torch.softmax(logits[:, -1], dim=-1), 1)
    return batch * new_tokens / (time.perf_counter() - started)


def config_of_graph(path: str, heads: int | None) -> dict:
    """DecoderConfig fields of a graph exported from mosaic_models.Decoder, from its named initializers' shapes."""
    import onnx  # Debian's python3-onnx; only needed for this path

    graph = onnx.load(path, load_external_data=False)
    metadata = {prop.key: prop.value for prop in graph.metadata_props}
    # Exports since grouped-query attention name both head counts; older ones (multi-head only) need --heads.
    heads = int(metadata.get("n_heads", 0)) or heads
    if not heads:
        raise SystemExit("--onnx needs --heads (the graph's metadata does not say)")
    kv_heads = int(metadata.get("n_kv_heads", heads))
    shapes = {item.name: list(item.dims) for item in graph.graph.initializer}
    vocab_size, d_model = shapes["model.token_embedding.weight"]
    # The exporter names n_layers; counting blocks by initializer name undercounts a graph whose identical weights
    # (a random-init LayerNorm's ones, say) were folded into one initializer.
    layers = int(metadata.get("n_layers", 0)) or sum(
        1 for name in shapes if re.fullmatch(r"model\.blocks\.\d+\.ln_attention\.weight", name))
    return {
        "vocab_size": vocab_size,
        "d_model": d_model,
        "n_layers": layers,
        "n_heads": heads,
        **({} if kv_heads == heads else {"n_kv_heads": kv_heads}),
        "d_ff": shapes["model.blocks.0.mlp.0.bias"][0],
        "max_positions": shapes["model.position_embedding.weight"][0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--config", help="DecoderConfig fields as JSON")
    source.add_argument("--onnx", help="an exported graph whose architecture (read from its initializers) to rebuild")
    parser.add_argument("--heads", type=int, help="query heads, for a graph whose metadata does not name n_heads")
    parser.add_argument("--tokens", type=int, default=252)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config = json.loads(args.config) if args.config else config_of_graph(args.onnx, args.heads)
    # The same computation as the exported graphs, which fold the attention score scale into the query projection.
    model = Decoder(DecoderConfig(**config)).eval().with_prescaled_queries()
    prompt = torch.tensor([[1, 2, 3, 4]] * args.batch)
    decode(model, prompt, 8)
    runs = [decode(model, prompt, args.tokens) for _ in range(args.repeats)]
    print(json.dumps({"tokensPerSecond": statistics.median(runs), "runs": runs, "torch": torch.__version__}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
