"""Trains the room decoder of level-dungeon from a recipe (recipes/<version>.json): rooms of 15 dungeons (mirrored 4
ways) for training, 1 for validation (the kept checkpoint is the best by validation NLL), 2 held out for the test NLL.

    PYTHONPATH=models/common:models/level-dungeon python3 models/level-dungeon/train_dungeon.py --recipe 1.0.0
"""
import argparse
import datetime
import json
import math
import random
import time
from pathlib import Path

import torch
from torch.nn import functional as F

from mosaic_models.training import optimizer_step
from mosaic_models.transformer import Decoder, DecoderConfig

import dungeon_data
from room_tokens import INTERIOR_SIZE, PROMPT_LENGTH, SEQUENCE_LENGTH, TOKENS, conditions_of, room_ids

HERE = Path(__file__).resolve().parent
RECIPES = HERE / "recipes"


def read_recipe(version: str) -> dict:
    path = RECIPES / f"{version}.json"
    if not path.exists():
        known = ", ".join(sorted(entry.stem for entry in RECIPES.glob("*.json")))
        raise SystemExit(f"no recipe for level-dungeon {version}: add {path} (recipes: {known})")
    return json.loads(path.read_text())


def split_rooms(recipe: dict, dungeons: dict = None) -> dict:
    """{"train", "validation", "test"}: lists of Room, by the recipe's held-out dungeons."""
    rooms = dungeon_data.training_rooms(dungeons)
    held = {"validation": set(recipe["data"]["validation"]), "test": set(recipe["data"]["test"])}
    names = {room.dungeon for room in rooms}
    unknown = sorted((held["validation"] | held["test"]) - names)
    if unknown:
        raise SystemExit(f"recipe holds out unknown dungeons {unknown}: use names like tloz4_1 ({len(names)} known)")
    return {
        "train": [room for room in rooms if room.dungeon not in held["validation"] | held["test"]],
        "validation": [room for room in rooms if room.dungeon in held["validation"]],
        "test": [room for room in rooms if room.dungeon in held["test"]],
    }


def room_rows(rooms: list, augment: bool) -> list:
    """Token rows of rooms (with their three mirror images when augment): conditions recomputed from the mirrored tiles
    (doors swap sides; role and densities stay)."""
    rows = []
    for room in rooms:
        role = dungeon_data.room_role(room)
        for tiles in dungeon_data.symmetric_variants(room.tiles) if augment else [room.tiles]:
            interior = dungeon_data.interior_of(tiles)
            rows.append(room_ids(interior, conditions_of(interior, dungeon_data.door_flags(tiles), role)))
    return rows


def masked_loss(model: Decoder, tokens: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of the 84 tiles and <end>: the prompt is given, never predicted."""
    logits = model(tokens[:, :-1])[:, PROMPT_LENGTH - 1:]
    targets = tokens[:, PROMPT_LENGTH:]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


@torch.no_grad()
def tile_nll(model: Decoder, rows: list) -> dict:
    """Mean negative log-likelihood per interior tile (nats; <end> excluded) over the rows."""
    model.eval()
    tokens = torch.tensor(rows, dtype=torch.int64)
    logits = model(tokens[:, :-1])[:, PROMPT_LENGTH - 1:PROMPT_LENGTH - 1 + INTERIOR_SIZE]
    targets = tokens[:, PROMPT_LENGTH:PROMPT_LENGTH + INTERIOR_SIZE]
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="sum").item()
    return {"nll_per_tile": nll / targets.numel(), "rooms": len(rows), "tiles": targets.numel()}


def make_model(recipe: dict) -> Decoder:
    spec = recipe["model"]
    return Decoder(DecoderConfig(vocab_size=len(TOKENS), d_model=spec["d_model"], n_layers=spec["layers"],
                                 n_heads=spec["heads"], d_ff=spec["d_ff"], max_positions=SEQUENCE_LENGTH,
                                 dropout=spec["dropout"], n_kv_heads=spec.get("kv_heads")))


def train(version: str, out: Path, overrides: dict = None) -> dict:
    recipe = read_recipe(version)
    settings = {**recipe["training"], **(overrides or {})}
    torch.set_num_threads(settings["threads"])
    torch.manual_seed(settings["seed"])
    rng = random.Random(settings["seed"])
    splits = split_rooms(recipe)
    train_rows = room_rows(splits["train"], augment=True)
    validation_rows = room_rows(splits["validation"], augment=False)
    test_rows = room_rows(splits["test"], augment=False)
    model = make_model(recipe)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings["lr"], weight_decay=settings["weight_decay"])
    steps = settings["steps"]
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps)))
    out.mkdir(parents=True, exist_ok=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    history, best, losses = [], None, []
    for step in range(1, steps + 1):
        model.train()
        batch = torch.tensor([train_rows[rng.randrange(len(train_rows))] for _ in range(settings["batch"])])
        losses.append(optimizer_step(model, optimizer, schedule, masked_loss(model, batch)))
        if step % settings["eval_every"] == 0 or step == steps:
            validation = tile_nll(model, validation_rows)
            entry = {"step": step, "seconds": round(time.perf_counter() - started, 1),
                     "train_loss": round(sum(losses[-settings["eval_every"]:]) / len(losses[-settings["eval_every"]:]), 4),
                     "validation_nll_per_tile": round(validation["nll_per_tile"], 4)}
            history.append(entry)
            print(json.dumps(entry), flush=True)
            if best is None or validation["nll_per_tile"] < best["validation_nll_per_tile"]:
                best = entry
                torch.save({"config": model.config.to_dict(), "state": model.state_dict(), "step": step},
                           out / "checkpoint.pt")
    model.load_state_dict(torch.load(out / "checkpoint.pt")["state"])
    train_interiors = {room.interior for room in splits["train"]}
    report = {
        "version": version, "recipe": recipe, "settings": settings, "parameters": model.parameter_count(),
        "config": model.config.to_dict(), "steps": steps, "best": best, "history": history,
        "seconds": round(time.perf_counter() - started, 1), "cpu_seconds": round(time.process_time() - cpu_started, 1),
        "rows": {"train": len(train_rows), "validation": len(validation_rows), "test": len(test_rows)},
        "rooms": {part: len(rooms) for part, rooms in splits.items()},
        "test": tile_nll(model, test_rows), "validation": tile_nll(model, validation_rows),
        "train_nll": tile_nll(model, room_rows(splits["train"], augment=False)),
        "test_interiors_seen_in_training": sum(room.interior in train_interiors for room in splits["test"]),
        "finished_at": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
    }
    (out / "training.json").write_text(json.dumps(report, indent=1))
    return report


def load_checkpoint(folder: Path) -> Decoder:
    checkpoint = torch.load(Path(folder) / "checkpoint.pt")
    model = Decoder(DecoderConfig(**checkpoint["config"]))
    model.load_state_dict(checkpoint["state"])
    return model.eval()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipe", required=True, metavar="VERSION")
    parser.add_argument("--out", help="default models/level-dungeon/.work/VERSION")
    parser.add_argument("--steps", type=int, help="override the recipe (experiments only)")
    parser.add_argument("--threads", type=int, help="override the recipe's torch threads")
    args = parser.parse_args(argv)
    overrides = {key: value for key, value in (("steps", args.steps), ("threads", args.threads)) if value}
    report = train(args.recipe, Path(args.out or HERE / ".work" / args.recipe), overrides)
    print(json.dumps({key: report[key] for key in ("parameters", "best", "test", "validation", "train_nll",
                                                     "test_interiors_seen_in_training", "cpu_seconds")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
