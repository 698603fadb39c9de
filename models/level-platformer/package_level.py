"""Writes models/packages/level-platformer/<version>/ from a trained checkpoint: graph, int8 variant, vocabulary, card, manifest."""
import argparse
import json
from pathlib import Path

import onnx

from mosaic_models.export import export_kv, verify_export
from mosaic_models.package_manifest import file_entry, signatures
from mosaic_models.variants import make_variant

import level_data
from level_card import write_card
from level_tokens import attributes, prompt_tokens
from train_level import RECIPES, load_checkpoint, read_recipe

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NAME = "level-platformer"
VOCABULARY_FILE = "level-vocabulary.json"
INT8_VARIANT = "int8-dynamic"
# Sampling and repair settings the metrics were measured with (the pipeline reads them from the vocabulary file).
DEFAULTS = {"temperature": 1.0, "topK": 0, "topP": 0.95, "repairBudget": 4}
TRAINING_DATA = [
    {
        "name": "The Video Game Level Corpus (VGLC): Super Mario Bros and Super Mario Bros.: The Lost Levels, processed text",
        "licence": "MIT (transcriptions, Summerville, Snodgrass, Ontanon 2016); level designs (c) Nintendo",
        "url": "https://github.com/TheVGLC/TheVGLC",
    }
]
LICENCE = "MIT weights; trained on Nintendo level designs, research and non-commercial use only"


def write_vocabulary(vocabulary, path: Path) -> None:
    data = vocabulary.to_json()
    data["defaults"] = DEFAULTS
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n")


def write_heldout(vocabulary, path: Path) -> None:
    """Prompted 100-column windows of the test levels as token rows, for models/tools/compare-variants.ts."""
    rows = []
    for level in level_data.split_levels(level_data.load_corpus())["test"]:
        for offset in range(0, level.width - 99, 100):
            window = [row[offset:offset + 100] for row in level.rows]
            rows.append(prompt_tokens(attributes(window), offset == 0) + vocabulary.encode(level.columns()[offset:offset + 100]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows))


def version_order(version: str) -> tuple:
    """Semantic-version precedence for the versions recipes use: MAJOR.MINOR.PATCH, a pre-release (-rc.1) before
    its release."""
    core, _, prerelease = version.partition("-")
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in prerelease.split(".")) if prerelease else ()
    return tuple(int(part) for part in core.split(".")), not prerelease, parts


def newest_version() -> str:
    """The highest version with a recipe (recipes/<version>.json), pre-releases included."""
    return max((entry.stem for entry in RECIPES.glob("*.json")), key=version_order)


def report_paths(version: str) -> dict:
    """Where the reports a version's card is written from live: recipes/<version>.json "reports" (paths relative to this
    folder; 1.0.0 keeps the names it was released with), else reports/<version>/. "study" (seed-study.md, optional) is
    the card's "Layouts tried" section."""
    named = read_recipe(version).get("reports", {})
    defaults = {"evaluation": f"reports/{version}/evaluation.json", "variants": f"reports/{version}/variants-report.json",
                "bench": f"reports/{version}/bench.md", "study": f"reports/{version}/seed-study.md"}
    return {kind: HERE / named.get(kind, default) for kind, default in defaults.items()}


def write_manifest(folder: Path, version: str, training: dict, evaluation: dict) -> dict:
    graph = onnx.load(str(folder / "model.onnx"), load_external_data=False)
    config = training["config"]
    manifest = {
        "schemaVersion": 1,
        "name": NAME,
        "version": version,
        "task": "level.platformer",
        "description": (
            "Prompted Super Mario Bros-style levels, one 14-tile column per token, with pipes kept whole by a constraint "
            "and every level checked (and repaired) by a jump-arc playability agent."
        ),
        "files": [
            file_entry(folder, "model.onnx", "graph"),
            file_entry(folder, VOCABULARY_FILE, "vocabulary"),
            file_entry(folder, "card.md", "card"),
        ],
        "inputs": signatures(graph.graph.input),
        "outputs": signatures(graph.graph.output),
        "defaults": {**DEFAULTS, "width": 100, "variations": 1},
        "precision": "fp32",
        "variants": [{"precision": "int8", "files": [file_entry(folder, f"model.{INT8_VARIANT}.onnx", "graph")]}],
        "minAppVersion": "0.1.0",
        "licence": LICENCE,
        "trainingData": TRAINING_DATA,
        "commercialUse": False,
        "evaluation": evaluation,
        "graphLayout": "mosaic-kv-v2",
        "maxPositions": config["max_positions"],
        "createdAt": training["finished_at"],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def manifest_evaluation(training: dict, comparison: dict, metrics: dict) -> dict:
    """Flat figures for the manifest (numbers, or short strings)."""
    evaluation = {
        "parameters": training["parameters"],
        "testNllPerColumn": round(training["test"]["nll_per_column"], 4),
        "trainingCpuMinutes": round(training.get("cpu_seconds", 0) / 60, 1),
    }
    for key, value in metrics.get("summary", {}).items():
        evaluation[key] = value
    return evaluation


def build(version: str, checkpoint_dir: Path, out_dir: Path, verify: bool = True) -> dict:
    model, vocabulary, _ = load_checkpoint(checkpoint_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    graph_path = export_kv(model, out_dir / "model.onnx", {"name": NAME, "version": version, "task": "level.platformer"})
    if verify:
        report = verify_export(model, graph_path)
        if not report["ok"]:
            raise SystemExit(f"export does not match torch: {json.dumps(report)[:2000]}")
    variant = make_variant(onnx.load(str(graph_path)), INT8_VARIANT)
    onnx.save(variant, str(out_dir / f"model.{INT8_VARIANT}.onnx"))
    write_vocabulary(vocabulary, out_dir / VOCABULARY_FILE)
    write_heldout(vocabulary, HERE / ".work" / "heldout.json")
    return refresh(version, checkpoint_dir, out_dir)


def refresh(version: str, checkpoint_dir: Path, out_dir: Path) -> dict:
    """Rewrites card.md and manifest.json from the reports (run again after evaluate-levels.ts writes its metrics)."""
    training = json.loads((checkpoint_dir / "training.json").read_text())
    paths = report_paths(version)
    comparison_path = HERE / "tokenization-comparison.json"
    comparison = json.loads(comparison_path.read_text()) if comparison_path.exists() else {}
    metrics = json.loads(paths["evaluation"].read_text()) if paths["evaluation"].exists() else {}
    variants = json.loads(paths["variants"].read_text()) if paths["variants"].exists() else {}
    sizes = {path.name: path.stat().st_size for path in out_dir.glob("*.onnx")}
    study = paths["study"].read_text() if paths["study"].exists() else ""
    write_card(out_dir / "card.md", version, read_recipe(version).get("card", {}), training, comparison, metrics, sizes,
               DEFAULTS, TRAINING_DATA, variants, paths["bench"], study)
    return write_manifest(out_dir, version, training, manifest_evaluation(training, comparison, metrics))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", help="the recipe (recipes/VERSION.json) to package; default the newest")
    parser.add_argument("--checkpoint", help="default .work/VERSION (written by train_level.py --recipe VERSION)")
    parser.add_argument("--out", help="default models/packages/level-platformer/VERSION")
    parser.add_argument("--refresh", action="store_true", help="only rewrite card.md and manifest.json")
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args(argv)
    version = args.version or newest_version()
    read_recipe(version)  # a coded refusal when the version has no recipe
    out = Path(args.out or REPO / "models" / "packages" / NAME / version)
    bundled = REPO / "models" / "packages" / NAME / version
    if read_recipe(version).get("frozen") and out.resolve() == bundled.resolve():
        raise SystemExit(f"level-platformer {version} is released (frozen in recipes/{version}.json): its package stays "
                         f"byte for byte as installed copies hold it; write a rebuild elsewhere with --out DIR")
    checkpoint = Path(args.checkpoint or HERE / ".work" / version)
    if not (checkpoint / "training.json").exists():
        raise SystemExit(f"{checkpoint} has no training.json: train first "
                         f"(train_level.py --recipe {version}, or build.sh {version})")
    if args.refresh:
        manifest = refresh(version, checkpoint, out)
    else:
        manifest = build(version, checkpoint, out, verify=not args.no_verify)
    print(json.dumps({"files": manifest["files"], "variants": manifest["variants"]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
