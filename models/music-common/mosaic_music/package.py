"""Builds models/packages/<name>/<version>/ from a trained checkpoint: export, verification, int8 variant, evaluation,
card and manifest. Usage: python -m mosaic_music.package models/music-melody [--skip-generate]."""
import argparse
import json
import shutil
import subprocess

import onnx
import torch

from mosaic_models.export import export_kv, verify_export
from mosaic_models.transformer import Decoder, DecoderConfig
from mosaic_models.variants import make_variant

from .card import write_card
from .dataset import WindowSampler
from .evaluate import evaluate_set
from .manifest import write_manifest
from .tokenizer import MusicTokenizer
from .train import REPO_ROOT, load_config, prepare, work_dir
from .vocabulary import SPEC_PATH, RemiVocabulary


def flat_evaluation(report: dict, variants: dict | None, evaluations: dict) -> dict:
    """The manifest's evaluation record: numbers by metric name, corpus ranges as strings."""
    heldout = report["heldout"]
    result = {"parameters": report["parameters"], "heldout_nats_per_note": round(heldout["nats_per_note"], 4),
              "heldout_bits_per_note": round(heldout["bits_per_note"], 3), "heldout_nats_per_token": round(heldout["nats_per_token"], 4),
              "train_steps": report["steps"], "train_minutes": round(report["wall_seconds"] / 60, 1)}
    for variant in (variants or {}).get("variants", []):
        if variant["name"] != "fp32":
            result["int8_top1_agreement"] = round(variant["quality"]["top1Agreement"], 4)
            result["int8_loss_delta"] = round(variant["quality"]["lossDelta"], 5)
    for set_name, evaluation in evaluations.items():
        for metric, entry in evaluation["metrics"].items():
            result[f"{set_name}.{metric}"] = round(entry["generated"]["mean"], 4)
            if metric == "in_scale_rate":
                result[f"{set_name}.{metric}.minimum"] = round(entry["minimum"], 4)
            if "corpus" in entry:
                corpus = entry["corpus"]
                result[f"{set_name}.{metric}.corpus"] = f"{corpus['mean']:.3f} (p10 {corpus['p10']:.3f}, p90 {corpus['p90']:.3f})"
                result[f"{set_name}.{metric}.difference"] = round(entry["relative_difference"], 4)
    return result


def node(*arguments) -> None:
    subprocess.run(["node", "--import", "tsx", *map(str, arguments)], cwd=REPO_ROOT, check=True)


def export_checkpoint(config: dict, work, tokenizer_name: str, spec_path, package=None):
    """The work folder's checkpoint as models/packages/<name>/<version>/ (or `package`): the KV-cache graph (verified
    in onnxruntime-node against torch), its int8 variant and the token spec as tokenizer.json. Returns (model, folder)."""
    checkpoint = torch.load(work / "checkpoint.pt")
    model = Decoder(DecoderConfig(**checkpoint["config"]))
    model.load_state_dict(checkpoint["state"])
    model.eval()
    graph = export_kv(model, work / "model.onnx", {"name": config["name"], "tokenizer": tokenizer_name})
    verification = verify_export(model, graph)
    if not verification["ok"]:
        raise SystemExit(f"export verification failed: {json.dumps(verification)[:2000]}")
    onnx.save(make_variant(onnx.load(str(graph)), config["int8"]), str(work / "model.int8.onnx"))
    package = package or REPO_ROOT / "models" / "packages" / config["name"] / config["card"]["version"]
    package.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(graph, package / "model.onnx")
    shutil.copyfile(work / "model.int8.onnx", package / "model.int8.onnx")
    shutil.copyfile(spec_path, package / "tokenizer.json")
    return model, package


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir")
    parser.add_argument("--skip-generate", action="store_true", help="reuse the work folder's generated.json")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    config = load_config(args.model_dir)
    card = config["card"]
    work = work_dir(config)
    report = json.loads((work / "training-report.json").read_text())
    model, package = export_checkpoint(config, work, "remi-v1", SPEC_PATH)
    max_positions = model.config.max_positions
    write_card(package / "card.md", config, report, None, None, None)
    write_manifest(package, card, {}, max_positions)  # provisional: lets the pipeline load the package

    vocabulary = RemiVocabulary.load()
    data = prepare(config, vocabulary)
    sampler = WindowSampler(data["test"], MusicTokenizer(vocabulary), config["profile"], max_positions)
    windows = [window.tolist() for song in data["test"][:16] for window, _, _ in sampler.evaluation_windows(song)][:16]
    (work / "heldout.json").write_text(json.dumps(windows))
    node("models/tools/compare-variants.ts", package / "model.onnx", f"int8={package / 'model.int8.onnx'}",
         "--heldout", work / "heldout.json", "--out", work / "variants-report.json", "--prompt", 64, "--steps", 64,
         "--max-tokens", max_positions)
    variants = json.loads((work / "variants-report.json").read_text())

    if not args.skip_generate:
        node("models/tools/music-generate-sets.ts", package, REPO_ROOT / config["recipe"], work / "generated.json")
    generated = json.loads((work / "generated.json").read_text())
    evaluations = {s["name"]: evaluate_set(s, config["evaluation"]["corpus"][s["name"]]) for s in generated["sets"]}
    (work / "evaluation.json").write_text(json.dumps(evaluations, indent=1))

    write_card(package / "card.md", config, report, variants, evaluations, generated)
    manifest = write_manifest(package, card, flat_evaluation(report, variants, evaluations), max_positions)
    print(json.dumps(manifest["evaluation"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
