"""Writes models/packages/level-dungeon/<version>/ from a trained checkpoint and its evaluation: the mosaic-kv-v2 graph
(verified against torch in onnxruntime-node), its int8 variant, room-vocab.json, card.md and manifest.json.

    PYTHONPATH=models/common:models/level-dungeon python3 models/level-dungeon/package_dungeon.py --version 1.0.0
"""
import argparse
import json
import shutil
from pathlib import Path

import onnx

from mosaic_models.export import export_kv, verify_export
from mosaic_models.package_manifest import file_entry, signatures
from mosaic_models.variants import make_variant

from dungeon_data import VOCAB_PATH
from train_dungeon import HERE, load_checkpoint, read_recipe

REPO = HERE.parents[1]
NAME = "level-dungeon"
TASK = "level.dungeon"
VOCABULARY_FILE = "room-vocab.json"
INT8_VARIANT = "int8-dynamic"
# Sampling the metrics were measured with, and the level.dungeon request's defaults (contract/dungeons.ts field names).
DEFAULTS = {"temperature": 1.0, "topP": 0.95, "topK": 0, "repairBudget": 4, "rooms": 12, "enemyDensity": 0.5,
            "blockDensity": 0.4, "elementDensity": 0.25, "keyLocks": 1, "variations": 1}
TRAINING_DATA = [{
    "name": "The Video Game Level Corpus (VGLC): The Legend of Zelda, 18 dungeon maps, processed text",
    "licence": "MIT (transcriptions, Summerville, Snodgrass, Ontanon 2016); dungeon designs (c) Nintendo",
    "url": "https://github.com/TheVGLC/TheVGLC",
}]
LICENCE = "MIT weights; trained on Nintendo dungeon designs, research and non-commercial use only"
DESCRIPTION = ("Zelda-style dungeon rooms: a 12 x 7 interior per room, conditioned on its doors, role and enemy, block "
               "and element densities; the level.dungeon pipeline lays out the rooms and checks their doors connect.")


def package_folder(version: str) -> Path:
    return REPO / "models" / "packages" / NAME / version


def build(version: str, checkpoint: Path, out: Path, verify: bool = True) -> dict:
    model = load_checkpoint(checkpoint)
    out.mkdir(parents=True, exist_ok=True)
    graph = export_kv(model, out / "model.onnx", {"name": NAME, "version": version, "task": TASK})
    if verify:
        report = verify_export(model, graph)
        if not report["ok"]:
            raise SystemExit(f"export does not match torch: {json.dumps(report)[:2000]}")
    onnx.save(make_variant(onnx.load(str(graph)), INT8_VARIANT), str(out / f"model.{INT8_VARIANT}.onnx"))
    shutil.copyfile(VOCAB_PATH, out / VOCABULARY_FILE)
    return refresh(version, checkpoint, out)


def refresh(version: str, checkpoint: Path, out: Path) -> dict:
    training = json.loads((checkpoint / "training.json").read_text())
    evaluation_path = HERE / "reports" / version / "evaluation.json"
    if not evaluation_path.exists():
        raise SystemExit(f"{evaluation_path} is missing: run evaluate_dungeon.py --version {version} first")
    evaluation = json.loads(evaluation_path.read_text())
    sweep_path = evaluation_path.parent / "sampling-sweep.json"
    evaluation["sweep"] = json.loads(sweep_path.read_text()) if sweep_path.exists() else []
    for precision in ("fp32", "int8"):  # written by build.sh step 4 (models/tools/sequence-timing.ts)
        timing_path = evaluation_path.parent / f"ort-timing-{precision}.json"
        if timing_path.exists():
            for row in json.loads(timing_path.read_text()):
                name = "Room" if row["batch"] == 1 else f"Batch{row['batch']}"
                evaluation[f"ortMs{name}{precision.capitalize()}"] = row["msPerBatch"]
                evaluation[f"ortCpuMs{name}{precision.capitalize()}"] = row["cpuMsPerBatch"]
    sizes = {path.name: path.stat().st_size for path in sorted(out.glob("*.onnx"))}
    (out / "card.md").write_text(card(version, training, evaluation, sizes))
    return write_manifest(out, version, training, evaluation)


def manifest_evaluation(training: dict, evaluation: dict) -> dict:
    figures = {"parameters": training["parameters"], "testNllPerTile": round(training["test"]["nll_per_tile"], 4),
               "testDungeons": ", ".join(training["recipe"]["data"]["test"]),
               "trainingCpuMinutes": round(training["cpu_seconds"] / 60, 1)}
    for key, value in evaluation.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in ("temperature", "topP"):
            figures[key] = round(value, 4)
    return figures


def write_manifest(folder: Path, version: str, training: dict, evaluation: dict) -> dict:
    graph = onnx.load(str(folder / "model.onnx"), load_external_data=False)
    manifest = {
        "schemaVersion": 1,
        "name": NAME,
        "version": version,
        "task": TASK,
        "description": DESCRIPTION,
        "files": [file_entry(folder, "model.onnx", "graph"), file_entry(folder, VOCABULARY_FILE, "vocabulary"),
                  file_entry(folder, "card.md", "card")],
        "inputs": signatures(graph.graph.input),
        "outputs": signatures(graph.graph.output),
        "defaults": DEFAULTS,
        "precision": "fp32",
        "variants": [{"precision": "int8", "files": [file_entry(folder, f"model.{INT8_VARIANT}.onnx", "graph")]}],
        "minAppVersion": "0.1.0",
        "licence": LICENCE,
        "trainingData": TRAINING_DATA,
        "commercialUse": False,
        "evaluation": manifest_evaluation(training, evaluation),
        "graphLayout": "mosaic-kv-v2",
        "maxPositions": training["config"]["max_positions"],
        "createdAt": training["finished_at"],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def ort_rows(evaluation: dict) -> str:
    """Table rows for the onnxruntime-node timings (build.sh step 4), when measured."""
    rows = []
    for precision in ("Fp32", "Int8"):
        if f"ortMsRoom{precision}" in evaluation:
            rows.append(f"| onnxruntime-node {precision.lower()}, one thread: one room; 12 rooms as one batch (ms, "
                        f"median wall; CPU) | {evaluation[f'ortMsRoom{precision}']:.1f} "
                        f"({evaluation[f'ortCpuMsRoom{precision}']:.1f}); {evaluation[f'ortMsBatch12{precision}']:.1f} "
                        f"({evaluation[f'ortCpuMsBatch12{precision}']:.1f}) | |")
    return "\n".join(rows)


def sweep_table(rows: list) -> str:
    if not rows:
        return ""
    lines = ["Sampling settings tried (`evaluate_dungeon.py --sweep`, same prompts and seed): novelty costs texture and "
             "prompt adherence, so the default keeps temperature 1.0, top-p 0.95; raise them for more new rooms.", "",
             "| temperature | top-p | copies | new rooms differ by (median tiles) | distinct / 100 | pairwise Hamming "
             "| 2x2 KL | doors connected | buckets as prompted |", "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['temperature']} | {row['topP']} | {percent(row['exactCopies'])} | "
                     f"{row['noveltyMedianTiles']} | {row['distinctPer100']:.1f} | {row['meanPairwiseHamming']:.3f} | "
                     f"{row['patternKl2x2']:.3f} | {percent(row['doorsConnectedBeforeRepair'])} | "
                     f"{percent(row['promptAdherenceBuckets'])} |")
    return "\n".join(lines)


DELIVERED_START = "<!-- as delivered: written by tests/bench/dungeon-quality.ts --card -->"
DELIVERED_END = "<!-- end as delivered -->"


def delivered_section(version: str) -> str:
    """The dungeons as the app delivers them (reports/<version>/as-delivered.md, written by
    tests/bench/dungeon-quality.ts --card), between markers that tool rewrites in place."""
    report = HERE / "reports" / version / "as-delivered.md"
    body = report.read_text().strip() if report.exists() else (
        "Not measured yet: `node --import tsx tests/bench/dungeon-quality.ts 200 --card` (after `npm run build`).")
    return f"{DELIVERED_START}\n{body}\n{DELIVERED_END}"


def card(version: str, training: dict, evaluation: dict, sizes: dict) -> str:
    config, recipe, test = training["config"], training["recipe"], training["test"]
    samples = "\n\n".join(f"```\n{room}\n```" for room in evaluation["sampleRooms"])
    return f"""# level-dungeon {version}

Writes the interior of one Legend of Zelda-style dungeon room, 12 x 7 tiles (`F` floor, `B` block, `M` monster, `P`
lava/water, `O` element + floor, `I` element + block, `S` stair), given the room's doors, its role and its enemy, block
and element densities. The `{TASK}` pipeline lays out the dungeon graph, prompts this model once per room, and checks
(and repairs) that every door of a room reaches every other over walkable tiles.

## Use

- Task `{TASK}`; graph layout `mosaic-kv-v2` (the same inputs and outputs as level-platformer: `input_ids`,
  `past_length`, `past_key_i` / `past_value_i` -> `logits`, `kv_new`), {config['n_layers']} layers, d_model
  {config['d_model']}, {config['n_heads']} heads, vocabulary {config['vocab_size']}, at most {config['max_positions']}
  positions, {training['parameters']:,} parameters.
- Tokens (`room-vocab.json`, format `mosaic-dungeon-rooms-v1`): a 10-token prompt `<room> door_n door_e door_s door_w
  role enemies blocks elements <tiles>`, then 84 tiles row by row from the north-west corner, then `<end>`. Sample the
  84 tiles among the 7 tile tokens only. Roles the model was trained on: `start`, `normal`, `enemy`, `stair`; the
  others map through `roleFallback` in the vocabulary.
- Defaults: temperature {DEFAULTS['temperature']}, top-p {DEFAULTS['topP']}, {DEFAULTS['rooms']} rooms.
- Files: {", ".join(f"`{name}` {size / 1024:.0f} KiB" for name, size in sizes.items())}.

## Training data and licence

VGLC (Summerville, Snodgrass, Mateas, Ontanon 2016), The Legend of Zelda, processed text of the 18 dungeon maps
(first and second quest), MIT-licensed transcriptions of designs that are Nintendo's. **Commercial use: no.** The
weights are MIT; what they reproduce is Nintendo's, so treat the output as research and prototyping material.

The reader transposes VGLC's text back to the game's orientation (16 x 11 rooms). Of 459 rooms, 42 have an
untranscribed interior and are left out: {training['rooms']['train']} rooms train (each with its west-east, north-south
and both mirror images: {training['rows']['train']} rows), {training['rooms']['validation']} validate
({', '.join(recipe['data']['validation'])}; the kept checkpoint is the best by validation NLL, step
{training['best']['step']} of {training['steps']}), {training['rooms']['test']} are held out
({', '.join(recipe['data']['test'])}). Roles come from tiles (entrance room, stair, monsters), not from the room graphs:
the graphs cannot be placed on most maps (models/level-dungeon/README.md).

## Evaluation

Held-out NLL: **{test['nll_per_tile']:.4f} nats per tile** over the {test['rooms']} rooms of {', '.join(recipe['data']['test'])}
({test['tiles']} tiles; validation {training['validation']['nll_per_tile']:.4f}, training rooms
{training['train_nll']['nll_per_tile']:.4f}). The corpus repeats itself: {training['test_interiors_seen_in_training']} of
the {test['rooms']} held-out interiors also occur in the training rooms, so the held-out figure measures recall of a
small repertoire more than generalisation.

Generation figures come from this folder's own torch sampler (`evaluate_dungeon.py`: KV cache, tiles only,
temperature 1.0, top-p 0.95, seed 1) over {evaluation['rooms']} rooms whose prompts are drawn from the training rooms'
conditions; the level.dungeon pipeline re-measures them end to end in the app.

| metric | generated | corpus |
|---|---|---|
| interiors identical to a training interior (or its mirror) | {percent(evaluation['exactCopies'])}; the others differ from the nearest in {evaluation['noveltyMedianTiles']} tiles (median), {evaluation['novelDistinctInteriors']} distinct new interiors | {percent(evaluation['corpusRoomsSharingTheirInterior'])} of the {evaluation['corpusRooms']} transcribed rooms share their interior with another room ({evaluation['corpusUniqueInteriors']} unique interiors among them) |
| distinct interiors per 100 rooms | {evaluation['distinctPer100']:.1f} | {evaluation['corpusDistinctPer100']:.1f} (mean over 50 random draws of 100) |
| mean pairwise Hamming distance (share of the 84 tiles) | {evaluation['meanPairwiseHamming']:.3f} (first 300) | {evaluation['corpusMeanPairwiseHamming']:.3f} |
| 2x2 tile-pattern KL to the training rooms (nats, epsilon 1e-4) | {evaluation['patternKl2x2']:.4f} | {evaluation['patternKl2x2HeldOutReference']:.4f} (held-out rooms) |
| every open door reaches every other, before repair | {percent(evaluation['doorsConnectedBeforeRepair'])} | {percent(evaluation['corpusDoorsConnected'])} |
| enemy, block and element buckets as prompted | {percent(evaluation['promptAdherenceBuckets'])} | 100 % by construction |
| ms per room, this torch sampler (median, p90; CPU ms median) | {evaluation['msPerRoomMedian']:.0f}, {evaluation['msPerRoomP90']:.0f}; {evaluation['cpuMsPerRoomMedian']:.0f} | |
{ort_rows(evaluation)}

How they are counted: a door is open when its prompt says so; walkable tiles are `F`, `M` (a monster stands on
floor), `S` and `O` (VGLC: element + floor, crossable); from each open door the interior cells just inside it (2 for
north/south, 3 for west/east) must share one 4-connected walkable component with every other door's (a lone door needs
one walkable entry cell). The corpus itself fails this in {percent(1 - evaluation['corpusDoorsConnected'])} of rooms
(rooms split by water or blocks that the game opens with the ladder, bombs or a pushed block), which is why the
pipeline repairs. Speed: {evaluation['speedNote']}. The onnxruntime-node rows time greedy decoding of the whole
sequence (10-token prompt, 85 steps) with `models/tools/sequence-timing.ts`, 20 rounds after a warm-up.

{sweep_table(evaluation['sweep'])}

{delivered_section(version)}

Samples (the first three generated):

{samples}

## Rebuild

`sh models/level-dungeon/build.sh {version}` (recipe `models/level-dungeon/recipes/{version}.json`: data split, model,
training, seed). Training took {training['cpu_seconds'] / 60:.1f} CPU minutes on one thread.
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", required=True)
    parser.add_argument("--checkpoint", help="default models/level-dungeon/.work/VERSION")
    parser.add_argument("--out", help="default models/packages/level-dungeon/VERSION")
    parser.add_argument("--refresh", action="store_true", help="only rewrite card.md and manifest.json")
    parser.add_argument("--no-verify", action="store_true")
    parser.add_argument("--check-only", action="store_true",
                        help="write nothing: check the package's graph against the checkpoint in onnxruntime-node "
                             "(a retrained recipe gives the same weights bit for bit)")
    args = parser.parse_args(argv)
    read_recipe(args.version)
    checkpoint = Path(args.checkpoint or HERE / ".work" / args.version)
    if not (checkpoint / "training.json").exists():
        raise SystemExit(f"{checkpoint} has no training.json: train first (train_dungeon.py --recipe {args.version})")
    out = Path(args.out or package_folder(args.version))
    if args.check_only:
        report = verify_export(load_checkpoint(checkpoint), out / "model.onnx")
        print(json.dumps({"graph matches the checkpoint": report["ok"], "maxAbsDiff": report["maxAbsDiff"]}))
        return 0 if report["ok"] else 1
    manifest = refresh(args.version, checkpoint, out) if args.refresh else build(args.version, checkpoint, out,
                                                                                     verify=not args.no_verify)
    print(json.dumps({"files": manifest["files"], "variants": manifest["variants"]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
