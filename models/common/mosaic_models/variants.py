"""Writes the precision variants of an fp32 graph: python -m mosaic_models.variants model.onnx --out-dir DIR."""
import argparse
from pathlib import Path

import onnx

from .export import read_metadata, write_metadata
from .graph_rewrite import GRANULARITIES, to_fp16_weights, to_int8_dynamic, to_int8_weights

# per-column measured better than per-tensor on both reference decoders (see models/README.md).
DEFAULT_GRANULARITY = "per-column"
VARIANTS = ("int8-dynamic", "int8-weights", "fp16")


def make_variant(model: onnx.ModelProto, variant: str, granularity: str = DEFAULT_GRANULARITY) -> onnx.ModelProto:
    if variant == "int8-dynamic":
        rewritten = to_int8_dynamic(model, granularity)
    elif variant == "int8-weights":
        rewritten = to_int8_weights(model, granularity)
    elif variant == "fp16":
        rewritten = to_fp16_weights(model)
    else:
        raise ValueError(f"unknown variant {variant!r}; known: {', '.join(VARIANTS)}")
    metadata = {"variant": variant, "base_variant": read_metadata(model).get("variant", "fp32")}
    if variant.startswith("int8"):
        metadata["weight_quantization"] = f"int8 symmetric {granularity}"
    write_metadata(rewritten, metadata)
    onnx.checker.check_model(rewritten)
    return rewritten


def write_variants(model_path, out_dir, variants=VARIANTS, granularity: str = DEFAULT_GRANULARITY) -> dict:
    """Writes {stem}.{variant}.onnx for each variant into out_dir; returns {variant: path}."""
    model_path, out_dir = Path(model_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = onnx.load(str(model_path))
    written = {}
    for variant in variants:
        path = out_dir / f"{model_path.stem}.{variant}.onnx"
        onnx.save(make_variant(model, variant, granularity), str(path))
        written[variant] = path
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", help="fp32 graph, e.g. one written by mosaic_models.export.export_kv")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated subset of {VARIANTS}")
    parser.add_argument("--granularity", choices=GRANULARITIES, default=DEFAULT_GRANULARITY,
                        help="int8 weight scales: one per output column or one per tensor")
    args = parser.parse_args(argv)
    variants = [name.strip() for name in args.variants.split(",") if name.strip()]
    for variant, path in write_variants(args.model, args.out_dir, variants, args.granularity).items():
        print(f"{variant}\t{path}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
