"""Writes the 3.55M-parameter random-init reference decoder (v2, and v1/present for comparison, their variants, random held-out tokens) for benchmarks.

python -m mosaic_research.reference_decoder --out-dir models/.work/reference   (models/**/.work/ is git-ignored)
python -m mosaic_research.reference_decoder --out-dir models/.work/reference-mqa --kv-heads 1
python -m mosaic_research.reference_decoder --out-dir models/.work/reference-mqa8 --kv-heads 1 --query-heads 8
"""
import argparse
import json
from pathlib import Path

import torch

from mosaic_models.export import export_kv, verify_export
from mosaic_models.graph_rewrite import GRANULARITIES
from .present_layout import export_present
from mosaic_models.transformer import Decoder, DecoderConfig
from .v1_layout import export_v1
from mosaic_models.variants import write_variants


def reference_config(kv_heads: int = 4, query_heads: int = 4) -> DecoderConfig:
    """4 layers, d_model 256, `query_heads` query heads of 256 / query_heads; below 4 key/value heads of that size,
    grouped-query attention (1: multi-query).

    A key/value head has the query heads' size, so fewer or narrower ones drop 2 * 256 * (256 - kv_heads * head_dim)
    weights from each layer's qkv projection against multi-head attention with 4 heads of 64; the feed-forward layer
    gets them back (d_ff + 256 - kv_heads * head_dim), as Shazeer's multi-query paper did, so every reference has
    3.55M parameters and they differ in the cache a decoding step reads: 4 x 64 key/value floats per position and
    layer for multi-head, 64 for multi-query with 4 query heads, 32 with 8 (each query head then 32 wide).
    """
    head_dim = 256 // query_heads
    return DecoderConfig(vocab_size=512, d_model=256, n_layers=4, n_heads=query_heads,
                         d_ff=1024 + 256 - kv_heads * head_dim, max_positions=1024,
                         n_kv_heads=None if kv_heads == query_heads else kv_heads)


REFERENCE_CONFIG = reference_config()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kv-heads", type=int, choices=(1, 2, 4), default=4,
                        help="key/value heads: 4 is multi-head attention, 1 multi-query (the comparison layouts "
                             "v1/present are written for 4 only)")
    parser.add_argument("--query-heads", type=int, choices=(4, 8, 16), default=4,
                        help="query heads (of 256 / query-heads each; key/value heads have the same size)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = reference_config(args.kv_heads, args.query_heads)
    model = Decoder(config).eval()
    export_kv(model, out / "model.onnx", {"name": f"reference-random-init-{config.n_heads}q-{config.kv_heads}kv"})
    comparison_layouts = ("model-v1.onnx", "model-present.onnx") if args.kv_heads == args.query_heads == 4 else ()
    if comparison_layouts:
        # The comparison layouts get the same folded score scale as export_kv's graph, so they differ only in layout.
        export_v1(model.with_prescaled_queries(), out / "model-v1.onnx")
        export_present(model.with_prescaled_queries(), out / "model-present.onnx")
    report = verify_export(model, out / "model.onnx")
    print(f"{model.parameter_count()} parameters; onnxruntime-node parity max |diff| {report['maxAbsDiff']:.2e}")
    for granularity in GRANULARITIES:
        write_variants(out / "model.onnx", out / granularity, granularity=granularity)
    # The benchmark-only layouts get the default variants too, so bench-layouts.ts can compare like with like.
    for graph in comparison_layouts:
        write_variants(out / graph, out / GRANULARITIES[0], granularity=GRANULARITIES[0])
    generator = torch.Generator().manual_seed(args.seed + 1)
    heldout = torch.randint(0, config.vocab_size, (16, 128), generator=generator).tolist()
    (out / "heldout.json").write_text(json.dumps(heldout))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
