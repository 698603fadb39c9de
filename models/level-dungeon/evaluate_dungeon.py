"""Measures a trained room model for its card with this folder's own torch sampler (KV cache, tiles only, top-p):
novelty, diversity, 2x2 pattern KL, door connectivity before repair, prompt adherence and speed. The TypeScript engine
re-measures end to end through onnxruntime; these are the model's figures on their own.

    PYTHONPATH=models/common:models/level-dungeon python3 models/level-dungeon/evaluate_dungeon.py --version 1.0.0
"""
import argparse
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

import torch

import dungeon_data
import room_metrics
from room_tokens import BUCKETS, END, FIRST_TILE, INTERIOR_SIZE, SEQUENCE_LENGTH, TOKENS, conditions_of, \
    decode_interior, prompt_ids
from train_dungeon import HERE, load_checkpoint, read_recipe, split_rooms

TILE_IDS = list(range(FIRST_TILE, FIRST_TILE + 7))
DEFAULTS = {"temperature": 1.0, "topP": 0.95}


@torch.no_grad()
def sample_rooms(model, prompts: list, temperature: float, top_p: float, generator: torch.Generator) -> list:
    """Interiors for a batch of prompt id rows: prefill, then 84 steps through forward_cached, sampling among the 7
    tile tokens only (nucleus top_p after temperature)."""
    batch = len(prompts)
    cache = model.empty_cache(batch, SEQUENCE_LENGTH)
    views = model.cache_views(cache)
    tokens = torch.tensor(prompts, dtype=torch.int64)
    past = 0
    out = []
    allowed = torch.full((len(TOKENS),), float("-inf"))
    allowed[TILE_IDS] = 0.0
    for _ in range(INTERIOR_SIZE):
        logits, kv_new = model.forward_cached(tokens, torch.tensor([past]), views)
        length = tokens.shape[1]
        cache[:, :, :, :, past:past + length] = kv_new
        past += length
        scores = logits[:, -1] / temperature + allowed
        probabilities = torch.softmax(scores, dim=-1)
        ordered, order = probabilities.sort(dim=-1, descending=True)
        keep = ordered.cumsum(dim=-1) - ordered < top_p
        ordered = ordered * keep
        choice = torch.multinomial(ordered / ordered.sum(dim=-1, keepdim=True), 1, generator=generator)
        tokens = order.gather(1, choice)
        out.append(tokens[:, 0])
    ids = torch.stack(out, dim=1).tolist()
    return [decode_interior(row) for row in ids]


def evaluate(version: str, checkpoint: Path, rooms_count: int = 500, seed: int = 1, temperature: float = None,
             top_p: float = None) -> dict:
    temperature = DEFAULTS["temperature"] if temperature is None else temperature
    top_p = DEFAULTS["topP"] if top_p is None else top_p
    recipe = read_recipe(version)
    model = load_checkpoint(checkpoint)
    torch.set_num_threads(1)
    splits = split_rooms(recipe)
    corpus = dungeon_data.training_rooms()
    train_interiors = {room.interior for room in splits["train"]}
    train_mirrored = {dungeon_data.interior_of(tiles) for room in splits["train"]
                      for tiles in dungeon_data.symmetric_variants(room.tiles)}
    rng = random.Random(seed)
    # Prompts: the conditions of training rooms and their mirror images, drawn at random.
    pool = []
    for room in splits["train"]:
        role = dungeon_data.room_role(room)
        for tiles in dungeon_data.symmetric_variants(room.tiles):
            interior = dungeon_data.interior_of(tiles)
            pool.append(conditions_of(interior, dungeon_data.door_flags(tiles), role))
    prompts = [rng.choice(pool) for _ in range(rooms_count)]
    generator = torch.Generator().manual_seed(seed)
    generated = []
    for start in range(0, rooms_count, 50):
        chunk = prompts[start:start + 50]
        generated += sample_rooms(model, [prompt_ids(p) for p in chunk], temperature, top_p,
                                  generator)
    # Speed: one room at a time, batch 1, one thread.
    timings, cpu_timings = [], []
    for prompt in prompts[:40]:
        started, cpu_started = time.perf_counter(), time.process_time()
        sample_rooms(model, [prompt_ids(prompt)], temperature, top_p, generator)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    corpus_interiors = [room.interior for room in corpus]
    # For each generated interior that is no copy: tiles that differ from the nearest training interior (or mirror).
    novel_distances = [min(room_metrics.hamming(interior, known) for known in train_mirrored)
                       for interior in generated if interior not in train_mirrored]
    counts = Counter(corpus_interiors)
    connected = [room_metrics.doors_connected(interior, prompt["doors"]) for interior, prompt in zip(generated, prompts)]
    corpus_connected = [room_metrics.doors_connected(room.interior, room.doors) for room in corpus]
    adherence = [all(conditions_of(interior, prompt["doors"], prompt["role"])[name] == prompt[name] for name in BUCKETS)
                 for interior, prompt in zip(generated, prompts)]
    corpus_patterns = room_metrics.pattern_counts(r.interior for r in splits["train"])
    return {
        "version": version,
        "sampler": f"evaluate_dungeon.py: torch forward_cached, tiles only, temperature {temperature}, top-p {top_p}, "
                   f"seed {seed}",
        "temperature": temperature,
        "topP": top_p,
        "prompts": f"{rooms_count} conditions drawn at random from the training rooms and their mirror images",
        "rooms": rooms_count,
        "exactCopies": sum(interior in train_mirrored for interior in generated) / rooms_count,
        "exactCopiesUnmirrored": sum(interior in train_interiors for interior in generated) / rooms_count,
        "novelDistinctInteriors": len({interior for interior in generated if interior not in train_mirrored}),
        "noveltyMedianTiles": statistics.median(novel_distances) if novel_distances else 0,
        "corpusRoomsSharingTheirInterior": sum(1 for room in corpus if counts[room.interior] > 1) / len(corpus),
        "corpusRooms": len(corpus),
        "corpusUniqueInteriors": len(counts),
        "distinctPer100": room_metrics.distinct_per_100(generated),
        "corpusDistinctPer100": room_metrics.distinct_per_100(corpus_interiors, random.Random(seed)),
        "meanPairwiseHamming": room_metrics.mean_pairwise_hamming(generated[:300]),
        "corpusMeanPairwiseHamming": room_metrics.mean_pairwise_hamming(corpus_interiors),
        "patternKl2x2": room_metrics.pattern_kl(room_metrics.pattern_counts(generated), corpus_patterns),
        "patternKl2x2HeldOutReference": room_metrics.pattern_kl(
            room_metrics.pattern_counts(r.interior for r in splits["test"]), corpus_patterns),
        "doorsConnectedBeforeRepair": sum(connected) / rooms_count,
        "corpusDoorsConnected": sum(corpus_connected) / len(corpus),
        "promptAdherenceBuckets": sum(adherence) / rooms_count,
        "msPerRoomMedian": statistics.median(timings),
        "msPerRoomP90": sorted(timings)[int(0.9 * len(timings))],
        "cpuMsPerRoomMedian": statistics.median(cpu_timings),
        "speedNote": "torch 1.13 eager, batch 1, one thread, 40 rooms, wall and CPU time on the shared 2-core build "
                     "machine; onnxruntime in the app is faster (the engine measures it)",
        "sampleRooms": ["\n".join(interior) for interior in generated[:3]],
    }


SWEEP = ((1.0, 0.95), (1.0, 1.0), (1.2, 1.0), (1.4, 1.0))
SWEEP_KEYS = ("exactCopies", "noveltyMedianTiles", "distinctPer100", "meanPairwiseHamming", "patternKl2x2",
              "doorsConnectedBeforeRepair", "promptAdherenceBuckets")


def sweep(version: str, checkpoint: Path, rooms_count: int) -> list:
    """The card's figures at a few sampling settings (same prompts and seed): novelty against texture and adherence."""
    rows = []
    for temperature, top_p in SWEEP:
        report = evaluate(version, checkpoint, rooms_count, temperature=temperature, top_p=top_p)
        rows.append({"temperature": temperature, "topP": top_p, **{key: report[key] for key in SWEEP_KEYS}})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", required=True)
    parser.add_argument("--checkpoint", help="default models/level-dungeon/.work/VERSION")
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--temperature", type=float)
    parser.add_argument("--top-p", type=float)
    parser.add_argument("--sweep", action="store_true",
                        help="also write reports/VERSION/sampling-sweep.json (four sampling settings)")
    parser.add_argument("--out", help="default models/level-dungeon/reports/VERSION/evaluation.json")
    args = parser.parse_args(argv)
    report = evaluate(args.version, Path(args.checkpoint or HERE / ".work" / args.version), args.rooms,
                      temperature=args.temperature, top_p=args.top_p)
    out = Path(args.out or HERE / "reports" / args.version / "evaluation.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "sampleRooms"}, indent=1))
    if args.sweep:
        rows = sweep(args.version, Path(args.checkpoint or HERE / ".work" / args.version), args.rooms)
        (out.parent / "sampling-sweep.json").write_text(json.dumps(rows, indent=1) + "\n")
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
