"""Writes the 3.55M-parameter random-init reference decoder (v2, and v1/present for comparison, their variants, random held-out tokens) for benchmarks.

python -m mosaic_models.reference_decoder --out-dir models/.work/reference   (models/**/.work/ is git-ignored)
"""
import argparse
import json
from pathlib import Path

import torch

from .export import export_kv, verify_export
from .graph_rewrite import GRANULARITIES
from .present_layout import export_present
from .transformer import Decoder, DecoderConfig
from .v1_layout import export_v1
from .variants import write_variants

REFERENCE_CONFIG = DecoderConfig(vocab_size=512, d_model=256, n_layers=4, n_heads=4, d_ff=1024, max_positions=1024)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model = Decoder(REFERENCE_CONFIG).eval()
    export_kv(model, out / "model.onnx", {"name": "reference-random-init"})
    # The comparison layouts get the same folded score scale as export_kv's graph, so they differ only in layout.
    export_v1(model.with_prescaled_queries(), out / "model-v1.onnx")
    export_present(model.with_prescaled_queries(), out / "model-present.onnx")
    report = verify_export(model, out / "model.onnx")
    print(f"{model.parameter_count()} parameters; onnxruntime-node parity max |diff| {report['maxAbsDiff']:.2e}")
    for granularity in GRANULARITIES:
        write_variants(out / "model.onnx", out / granularity, granularity=granularity)
    # The benchmark-only layouts get the default variants too, so bench-layouts.ts can compare like with like.
    for graph in ("model-v1.onnx", "model-present.onnx"):
        write_variants(out / graph, out / GRANULARITIES[0], granularity=GRANULARITIES[0])
    generator = torch.Generator().manual_seed(args.seed + 1)
    heldout = torch.randint(0, REFERENCE_CONFIG.vocab_size, (16, 128), generator=generator).tolist()
    (out / "heldout.json").write_text(json.dumps(heldout))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
