"""PyTorch eager baseline for the inference benchmark: KV-cached decoding with the project's Decoder in plain torch.

The weights are random (speed does not depend on their values); the architecture and sizes are the benchmarked
model's. Prints one JSON object. Run with Debian's /usr/bin/python3 (torch 1.13):
  python3 tests/bench/torch_eager_bench.py --config '{"vocab_size": 512, ...}' --tokens 252 --threads 1
"""
import argparse
import json
from pathlib import Path
import statistics
import sys
import time

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models" / "common"))
from mosaic_models.transformer import Decoder, DecoderConfig  # noqa: E402


@torch.no_grad()
def decode(model: Decoder, prompt: torch.Tensor, new_tokens: int) -> float:
    """Tokens per second for prompt + new_tokens sampled steps, each step feeding one token against a growing cache."""
    c = model.config
    batch = prompt.shape[0]
    caches = [(torch.zeros(batch, c.n_heads, 0, c.head_dim), torch.zeros(batch, c.n_heads, 0, c.head_dim)) for _ in model.blocks]
    started = time.perf_counter()
    tokens, length = prompt, 0
    for _ in range(new_tokens):
        positions = torch.arange(length, length + tokens.shape[1])
        x = model.token_embedding(tokens) + model.position_embedding(positions)
        past = torch.tensor([length])
        for index, block in enumerate(model.blocks):
            cache_k, cache_v = caches[index]
            x, k_new, v_new = block.forward_cached(x, past, cache_k, cache_v)
            caches[index] = (torch.cat([cache_k, k_new], dim=2), torch.cat([cache_v, v_new], dim=2))
        logits = model._logits(x[:, -1:])
        length += tokens.shape[1]
        tokens = torch.multinomial(torch.softmax(logits[:, -1], dim=-1), 1)
    return batch * new_tokens / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True, help="DecoderConfig fields as JSON")
    parser.add_argument("--tokens", type=int, default=252)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Decoder(DecoderConfig(**json.loads(args.config))).eval()
    prompt = torch.tensor([[1, 2, 3, 4]] * args.batch)
    decode(model, prompt, 8)
    runs = [decode(model, prompt, args.tokens) for _ in range(args.repeats)]
    print(json.dumps({"tokensPerSecond": statistics.median(runs), "runs": runs, "torch": torch.__version__}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
