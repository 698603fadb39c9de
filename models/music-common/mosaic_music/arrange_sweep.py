"""What model size buys: the arrange model at several sizes, each trained the same number of steps on the same batches.

python -m mosaic_music.arrange_sweep models/music-arrange [--only small,large] [--threads 1] [--max-minutes N]

config.json "sweep" names the sizes (overrides of "model") and the steps. Each size trains from scratch in its own
work folder (models/.work/<name>-sweep-<size>/, resumable like arrange_train: run the command again to go on), then
is exported (int8, verified in onnxruntime-node) and timed through the app's own pipeline on one thread: 4 tracks ×
8 bars, one variation, the median of `latency_runs` runs. The figures go to <model_dir>/sweep-report.json: parameters,
held-out nats per event per task (the same windows as arrange_train's report), training CPU seconds, median latency.
"""
import argparse
import copy
import json
from pathlib import Path
import statistics
import tempfile
import time

import torch

from . import arrange_train
from .arrange_package import node
from mosaic_models.recipes import model_folder

from .arrange_train import REPO_ROOT, load_config, songs_cache, work_dir
from .manifest import write_manifest
from .package import export_checkpoint
from .vocabulary import ARRANGE_SPEC_PATH


def variant_config(config: dict, size: str, overrides: dict, steps: int) -> dict:
    variant = copy.deepcopy(config)
    variant["name"] = f"{config['name']}-sweep-{size}"
    variant["model"].update(overrides)
    variant["training"].update(steps=steps, checkpoint_every=min(50, steps), **config["sweep"].get("training", {}))
    variant["training"].pop("init", None)  # every size from scratch: the released weights fit one size only
    variant.pop("sweep", None)
    variant.pop("work", None)  # its own folder, models/.work/<name>-sweep-<size>, holding this variant as config.json
    variant.pop("recipe", None)
    return variant


def train(variant: dict, base_work: Path, threads: int, max_minutes: float | None) -> dict:
    """Trains (or resumes) one size; returns its training report with the CPU seconds this process spent on it."""
    work = work_dir(variant)
    work.mkdir(parents=True, exist_ok=True)
    songs = songs_cache(variant, list(variant["sources"]))
    base_songs = base_work / songs.name
    if not songs.exists() and base_songs.exists():
        songs.symlink_to(base_songs)  # the same tokenized corpus, not rebuilt per size
    (work / "config.json").write_text(json.dumps(variant, indent=1))
    report_path = work / "training-report.json"
    if report_path.exists() and json.loads(report_path.read_text())["steps"] >= variant["training"]["steps"]:
        return json.loads(report_path.read_text())
    cpu_before = json.loads(report_path.read_text()).get("cpu_seconds", 0.0) if report_path.exists() else 0.0
    started = time.process_time()
    arguments = [str(work), "--threads", str(threads)]
    if max_minutes:
        arguments += ["--max-minutes", str(max_minutes)]
    arrange_train.main(arguments)
    report = json.loads(report_path.read_text())
    report["cpu_seconds"] = round(cpu_before + time.process_time() - started)
    report_path.write_text(json.dumps(report, indent=2))
    return report


def latency(variant: dict, runs: int) -> dict:
    """Exports the size's checkpoint and times 4 tracks × 8 bars through the app's pipeline (int8, one thread)."""
    work = work_dir(variant)
    model, package = export_checkpoint(variant, work, "arrange-v1", ARRANGE_SPEC_PATH, package=work / "package")
    (package / "card.md").write_text(f"# {variant['name']}\n\nA size-sweep model (arrange_sweep.py), not for release.\n")
    write_manifest(package, variant["card"], {}, model.config.max_positions)
    timing = {"evaluation": {"bars": 8, "variant": "int8", "sets": [
        {"name": "latency", "params": {"style": "pop", "drumStyle": "pop"}, "runs": runs, "variations": 1}]}}
    with tempfile.TemporaryDirectory() as folder:
        config_path, out_path = Path(folder) / "config.json", Path(folder) / "out.json"
        config_path.write_text(json.dumps(timing))
        node("models/tools/arrange-generate-sets.ts", package, config_path, out_path)
        timed = json.loads(out_path.read_text())["sets"][0]
    run_ms, run_tokens = timed["runMs"], timed["runTokens"]
    return {"median_ms_4x8": round(statistics.median(run_ms)), "runs": len(run_ms),
            "median_tokens": round(statistics.median(run_tokens)),
            "ms_per_100_tokens": round(statistics.median(100 * ms / tokens for ms, tokens in zip(run_ms, run_tokens)), 1),
            "int8_bytes": (package / "model.int8.onnx").stat().st_size}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir")
    parser.add_argument("--only", help="comma-separated sizes (default: all in config.json sweep.sizes)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-minutes", type=float, help="stop each size's training after this wall time (resumable)")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args(argv)
    config = load_config(args.model_dir)
    sweep = config["sweep"]
    sizes = args.only.split(",") if args.only else list(sweep["sizes"])
    report_path = model_folder(config) / "sweep-report.json"
    results = json.loads(report_path.read_text()) if report_path.exists() else {"steps": sweep["steps"], "sizes": {}}
    for size in sizes:
        variant = variant_config(config, size, sweep["sizes"][size], sweep["steps"])
        report = train(variant, work_dir(config), args.threads, args.max_minutes)
        entry = {"model": variant["model"], "parameters": report["parameters"], "steps": report["steps"],
                 "cpu_seconds": report.get("cpu_seconds"), "threads": report["threads"],
                 "heldout_nats_per_event": {task: round(value["nats_per_event"], 4)
                                            for task, value in report["heldout"].items()}}
        if report["steps"] >= sweep["steps"] and not args.skip_latency:
            torch.set_num_threads(1)
            entry["latency"] = latency(variant, sweep.get("latency_runs", 9))
        results["sizes"][size] = entry
        report_path.write_text(json.dumps(results, indent=1) + "\n")
        print(json.dumps({size: entry}, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
