"""Trains a music Decoder from a recipe (a model folder: its newest recipes/<version>.json; or a recipe file):
python -m mosaic_music.train models/music-melody [--steps N]."""
import argparse
import json
import math
from pathlib import Path
import time

import numpy as np
import torch
from torch.nn import functional as F

from mosaic_models.recipes import load_recipe, work_dir  # noqa: F401  (work_dir: re-exported for the package tools)
from mosaic_models.training import optimizer_step
from mosaic_models.transformer import Decoder, DecoderConfig

from .corpus import load_groove, load_nottingham, load_pop909
from .dataset import WindowSampler, tokenize_songs
from .tokenizer import MusicTokenizer
from .vocabulary import RemiVocabulary

LOADERS = {"pop909": load_pop909, "nottingham": load_nottingham, "groove": load_groove}
REPO_ROOT = Path(__file__).resolve().parents[3]


load_config = load_recipe  # a model folder (its newest recipe) or a recipe file: mosaic_models/recipes.py


def prepare(config: dict, vocabulary: RemiVocabulary):
    """Tokenized train and held-out songs (cached in the work folder; the corpus itself is never copied)."""
    cache = work_dir(config) / "songs.pt"
    if cache.exists():
        return torch.load(cache)
    tokenizer = MusicTokenizer(vocabulary)
    songs = [song for source in config["sources"] for song in LOADERS[source]()]
    data = {split: tokenize_songs([s for s in songs if s.split == split], tokenizer, config["profile"])
            for split in ("train", "test")}
    cache.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, cache)
    return data


@torch.no_grad()
def heldout_loss(model: Decoder, sampler: WindowSampler, songs: list, pad: int) -> dict:
    """Sum of body-token NLL (the header is given) over consecutive windows, per token and per note."""
    model.eval()
    total, tokens, notes = 0.0, 0, 0
    for song in songs:
        for window, header_length, window_notes in sampler.evaluation_windows(song):
            ids = torch.from_numpy(window).unsqueeze(0)
            logits = model(ids[:, :-1])
            losses = F.cross_entropy(logits[0], ids[0, 1:], reduction="none")[header_length - 1:]
            total += losses.sum().item()
            tokens += losses.numel()
            notes += window_notes
    return {"nats_per_token": total / tokens, "nats_per_note": total / max(1, notes),
            "bits_per_note": total / max(1, notes) / math.log(2), "tokens": tokens, "notes": notes}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir")
    parser.add_argument("--steps", type=int, help="override config training.steps")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-minutes", type=float, default=None, help="stop early (and say so) after this wall time")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    config = load_config(args.model_dir)
    training = config["training"]
    steps = args.steps or training["steps"]
    vocabulary = RemiVocabulary.load()
    tokenizer = MusicTokenizer(vocabulary)
    data = prepare(config, vocabulary)
    torch.manual_seed(training["seed"])
    generator = np.random.default_rng(training["seed"])
    model = Decoder(DecoderConfig(vocab_size=vocabulary.size, **config["model"]))
    length = training["sequence_length"]
    sampler = WindowSampler(data["train"], tokenizer, config["profile"], length, training.get("transpositions", [0]))
    pad = vocabulary.special("PAD")
    optimizer = torch.optim.AdamW(model.parameters(), lr=training["learning_rate"], weight_decay=0.01)
    warmup = max(1, steps // 25)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * (0.1 + 0.45 * (1 + math.cos(math.pi * min(step, steps) / steps))))
    out = work_dir(config)
    print(f"{config['name']}: {model.parameter_count():,} parameters, {len(data['train'])} train / {len(data['test'])} held-out songs")
    started, losses, stopped_early = time.time(), [], False
    model.train()
    for step in range(steps):
        batch = sampler.sample(generator, training["batch_size"])
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1), ignore_index=pad)
        losses.append(optimizer_step(model, optimizer, schedule, loss))
        if (step + 1) % 50 == 0:
            print(f"step {step + 1}/{steps} loss {np.mean(losses[-50:]):.4f} {time.time() - started:.0f}s", flush=True)
        if (step + 1) % 500 == 0:
            torch.save({"config": model.config.to_dict(), "state": model.state_dict(), "step": step + 1}, out / "checkpoint.pt")
        if args.max_minutes and time.time() - started > args.max_minutes * 60:
            stopped_early = True
            break
    wall = time.time() - started
    torch.save({"config": model.config.to_dict(), "state": model.state_dict(), "step": len(losses)}, out / "checkpoint.pt")
    evaluation = heldout_loss(model, WindowSampler(data["test"], tokenizer, config["profile"], length), data["test"], pad)
    report = {
        "parameters": model.parameter_count(), "steps": len(losses), "planned_steps": steps, "stopped_early": stopped_early,
        "batch_size": training["batch_size"], "sequence_length": length, "threads": args.threads,
        "wall_seconds": round(wall), "train_tokens": len(losses) * training["batch_size"] * length,
        "final_train_loss": float(np.mean(losses[-100:])), "heldout": evaluation,
        "train_songs": len(data["train"]), "heldout_songs": len(data["test"]),
    }
    (out / "training-report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
