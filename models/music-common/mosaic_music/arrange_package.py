"""Builds models/packages/music-arrange/<version>/ from the trained checkpoint: export, verification, int8 variant,
evaluation through the app's own pipeline, card and manifest.

python -m mosaic_music.arrange_package models/music-arrange [--skip-generate]
"""
import argparse
import json
import subprocess

import torch


from .arrange_card import training_data, write_arrange_card
from .arrange_evaluate import main as evaluate_main
from mosaic_models.recipes import model_folder

from .arrange_train import REPO_ROOT, load_config, work_dir
from .manifest import write_manifest
from .package import export_checkpoint
from .vocabulary import ARRANGE_SPEC_PATH


def node(*arguments) -> None:
    subprocess.run(["node", "--import", "tsx", *map(str, arguments)], cwd=REPO_ROOT, check=True)


def flat_evaluation(report: dict, evaluation: dict | None) -> dict:
    """The manifest's evaluation record: numbers by metric name (held-out NLL per event per task, generated metrics)."""
    result = {"parameters": report["parameters"], "train_steps": report["steps"],
              "train_minutes": round(report["wall_seconds"] / 60, 1)}
    for task, entry in report["heldout"].items():
        result[f"heldout_nats_per_event.{task}"] = round(entry["nats_per_event"], 4)
    for set_name, entry in ((evaluation or {}).get("generated") or {}).items():
        result[f"{set_name}.copied_16_note_passages"] = entry["copied_16_note_passages"]
        for metric, values in entry["metrics"].items():
            result[f"{set_name}.{metric}"] = round(values["mean"], 4)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir")
    parser.add_argument("--skip-generate", action="store_true", help="reuse the work folder's generated.json")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    config = load_config(args.model_dir)
    work = work_dir(config)
    report = json.loads((work / "training-report.json").read_text())
    card = {**config["card"], "trainingData": training_data(config, report)}  # + MMA after --with-mma
    model, package = export_checkpoint(config, work, "arrange-v1", ARRANGE_SPEC_PATH)
    max_positions = model.config.max_positions
    write_arrange_card(package / "card.md", config, report, None)
    write_manifest(package, card, flat_evaluation(report, None), max_positions)  # provisional: the pipeline can load it

    evaluation = None
    if (REPO_ROOT / "models" / "tools" / "arrange-generate-sets.ts").exists():
        if not args.skip_generate:
            node("models/tools/arrange-generate-sets.ts", package, REPO_ROOT / config["recipe"],
                 work / "generated.json")
        evaluate_main([str(work / "generated.json"), "--out", str(work / "evaluation.json"),
                       "--reference-cache", str(work / "corpus-reference.json")])
        evaluation = json.loads((work / "evaluation.json").read_text())
    sweep_path = model_folder(config) / "sweep-report.json"
    sweep = json.loads(sweep_path.read_text()) if sweep_path.exists() else None
    write_arrange_card(package / "card.md", config, report, evaluation, sweep)
    manifest = write_manifest(package, card, flat_evaluation(report, evaluation), max_positions)
    print(json.dumps(manifest["evaluation"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
