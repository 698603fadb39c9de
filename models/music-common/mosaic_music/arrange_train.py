"""Trains the arrange model from a recipe (a model folder: its newest recipes/<version>.json; or a recipe file):
python -m mosaic_music.arrange_train models/music-arrange.

`--with-mma` adds the MMA groove library's drum grooves (mosaic_music/mma_corpus.py) to the config's sources; without
it training reads exactly the config's sources.

Resumable: a checkpoint (model, optimizer, step, sampler state) is written every `checkpoint_every` steps to
models/.work/<name>/checkpoint.pt and picked up by the next run, so a long recipe can be spread over several sessions.
Held-out negative log-likelihood is reported per event (note, chord, drum hit), per task, in training-report.json.
"""
import argparse
import json
import math
from pathlib import Path
import pickle
import time

import numpy as np
import torch
from torch.nn import functional as F

from mosaic_models.recipes import load_recipe, work_dir  # noqa: F401  (work_dir: re-exported for the package tools)
from mosaic_models.training import optimizer_step
from mosaic_models.transformer import Decoder, DecoderConfig

from .arrange_corpus import LOADERS, PITCHED
from .arrange_dataset import ArrangeSampler, tokenize_songs
from .arrange_tokens import TRACKS, ArrangeTokenizer

REPO_ROOT = Path(__file__).resolve().parents[3]


load_config = load_recipe  # a model folder (its newest recipe) or a recipe file: mosaic_models/recipes.py


def sources_of(config: dict, with_mma: bool = False) -> list:
    return list(config["sources"]) + (["mma"] if with_mma and "mma" not in config["sources"] else [])


def songs_cache(config: dict, sources: list) -> Path:
    """The tokenized corpus of these sources, cached in the config's work folder (one file per source list)."""
    return work_dir(config) / f"songs-{'+'.join(sources)}.pkl"


def load_source(source: str) -> list:
    if source == "mma":
        from .mma_corpus import load_mma_drums

        return load_mma_drums()
    return LOADERS[source]()


def prepare(config: dict, tokenizer: ArrangeTokenizer, sources: list | None = None) -> dict:
    """Tokenized train and held-out songs per source (cached in the work folder per source list; the corpora are
    never copied)."""
    sources = sources or list(config["sources"])
    cache = songs_cache(config, sources)
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    data = {"train": [], "test": []}
    for source in sources:
        songs = load_source(source)
        for split in data:
            data[split].extend(tokenize_songs([song for song in songs if song.split == split], tokenizer))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(data))
    return data


HELDOUT_TASKS = {
    # name: (tracks of the sequence, tracks whose cells are filled)
    "arrange": (("melody", "chords", "bass"), ("melody", "chords", "bass")),
    "melody": (("melody",), ("melody",)),
    "harmonize": (("melody", "chords", "bass"), ("chords", "bass")),
    "drums": (("drums",), ("drums",)),
}


@torch.no_grad()
def heldout_nll(model: Decoder, sampler: ArrangeSampler, songs: list, bars: int = 8) -> dict:
    """Per task: NLL of the filled cells' tokens over consecutive `bars`-bar windows of the held-out songs, per event."""
    model.eval()
    report = {}
    for name, (tracks, filled) in HELDOUT_TASKS.items():
        total, events, tokens = 0.0, 0, 0
        for song in songs:
            if not all(track in song.cells for track in tracks):
                continue
            for start in range(0, song.bars - bars + 1, bars):
                masked = {(bar, track) for bar in range(bars) for track in filled}
                sequence, sep = sampler.build(song, start, bars, list(tracks), masked)
                sequence = sequence[: sampler.max_length + 1]
                ids = torch.tensor(sequence).unsqueeze(0)
                losses = F.cross_entropy(model(ids[:, :-1])[0], ids[0, 1:], reduction="none")[sep:]
                total += losses.sum().item()
                tokens += losses.numel()
                events += int(sum(song.counts[track][start:start + bars].sum() for track in filled))
        if events:
            report[name] = {"nats_per_event": total / events, "nats_per_token": total / tokens, "events": events,
                            "tokens": tokens}
    model.train()
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir")
    parser.add_argument("--steps", type=int, help="override config training.steps")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-minutes", type=float, default=None, help="stop (with a checkpoint) after this wall time")
    parser.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    parser.add_argument("--init", help="start from these committed weights (a .pt state dict, e.g. "
                        "models/music-arrange/weights/1.0.0.fp16.pt) with a fresh optimizer, when no checkpoint is in "
                        "use; config.json training.init (a repository path) does the same as part of the recipe")
    parser.add_argument("--save-weights", help="only write the work folder's checkpoint weights as fp16 to this file")
    parser.add_argument("--with-mma", action="store_true", help="also train on the MMA groove library's drum grooves "
                        "(GPL-2.0-or-later; mosaic_music/mma_corpus.py)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    config = load_config(args.model_dir)
    if args.save_weights:  # only converts the checkpoint: no corpus is read
        state = torch.load(work_dir(config) / "checkpoint.pt")["state"]
        torch.save({name: tensor.half() for name, tensor in state.items()}, args.save_weights)
        print(f"wrote {args.save_weights}")
        return 0
    training = config["training"]
    steps = args.steps or training["steps"]
    tokenizer = ArrangeTokenizer()
    sources = sources_of(config, args.with_mma)
    if "mma" in sources and config["card"]["commercialUse"]:
        parser.error("the MMA library is GPL-2.0-or-later: a model offered for commercial use does not train on it")
    data = prepare(config, tokenizer, sources)
    torch.manual_seed(training["seed"])
    generator = np.random.default_rng(training["seed"])
    model = Decoder(DecoderConfig(vocab_size=tokenizer.v.size, **config["model"]))
    length = config["model"]["max_positions"]
    sampler = ArrangeSampler(data["train"], tokenizer, length, training["bars"], training["transpositions"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=training["learning_rate"], weight_decay=0.01)
    warmup = max(1, steps // 25)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * (0.1 + 0.45 * (1 + math.cos(math.pi * min(step, steps) / steps))))
    out = work_dir(config)
    checkpoint_path = out / "checkpoint.pt"
    done, wall_before, losses = 0, 0.0, []
    if checkpoint_path.exists() and not args.fresh:
        state = torch.load(checkpoint_path)
        model.load_state_dict(state["state"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        generator.bit_generator.state = state["generator"]
        done, wall_before, losses = state["step"], state.get("wall_seconds", 0.0), state.get("losses", [])
        print(f"resuming at step {done}")
    elif args.init or training.get("init"):
        init = args.init or str(REPO_ROOT / training["init"])
        weights = torch.load(init)
        model.load_state_dict({name: tensor.float() for name, tensor in weights.items()})
        print(f"starting from the weights in {init}")
    print(f"{config['name']}: {model.parameter_count():,} parameters, "
          f"{len(data['train'])} train / {len(data['test'])} held-out songs", flush=True)

    def save(step, wall):
        torch.save({"config": model.config.to_dict(), "state": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "schedule": schedule.state_dict(), "generator": generator.bit_generator.state, "step": step,
                    "wall_seconds": wall, "losses": losses}, checkpoint_path)

    started, stopped_early, train_tokens = time.time(), False, 0
    model.train()
    step = done
    while step < steps:
        batch, mask = sampler.sample(generator, training["batch_size"], training.get("length_pool", 1))
        logits = model(batch[:, :-1])
        per_token = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1), reduction="none")
        loss = (per_token * mask.reshape(-1)).sum() / mask.sum()
        losses.append(optimizer_step(model, optimizer, schedule, loss))
        train_tokens += int(mask.sum())
        step += 1
        if step % 25 == 0:
            print(f"step {step}/{steps} loss {np.mean(losses[-25:]):.4f} {time.time() - started:.0f}s "
                  f"seq {batch.shape[1]}", flush=True)
        if step % training["checkpoint_every"] == 0:
            save(step, wall_before + time.time() - started)
        if args.max_minutes and time.time() - started > args.max_minutes * 60:
            stopped_early = step < steps
            break
    wall = wall_before + time.time() - started
    save(step, wall)
    # Held-out songs of the config's own corpora (the same windows for every version, so versions compare), and the
    # MMA library's held-out grooves apart.
    corpus_test = [song for song in data["test"] if not song.id.startswith("mma/")]
    mma_test = [song for song in data["test"] if song.id.startswith("mma/")]
    evaluation = heldout_nll(model, ArrangeSampler(corpus_test, tokenizer, length), corpus_test)
    report = {
        "parameters": model.parameter_count(), "steps": step, "planned_steps": steps, "stopped_early": stopped_early,
        "batch_size": training["batch_size"], "max_length": length, "threads": args.threads,
        "wall_seconds": round(wall), "fill_tokens_this_run": train_tokens,
        "final_train_loss": float(np.mean(losses[-100:])), "heldout": evaluation,
        **({"heldout_mma": heldout_nll(model, ArrangeSampler(mma_test, tokenizer, length), mma_test)} if mma_test else {}),
        "train_songs": len(data["train"]), "heldout_songs": len(data["test"]), "sources": sources,
        "tracks": list(TRACKS), "pitched": list(PITCHED),
    }
    (out / "training-report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
