"""Trains the level decoder on VGLC windows with prompt conditioning: either tokenization, a fixed step budget, best checkpoint by validation loss per column."""
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

import level_data
from level_tokens import PROMPT_LENGTH, ColumnVocabulary, TileVocabulary, attributes, prompt_tokens


def make_vocabulary(kind: str, train_levels: list):
    return ColumnVocabulary.from_levels(train_levels) if kind == "column" else TileVocabulary()


def window_tokens(vocabulary, level, offset: int, length: int) -> list:
    """The prompt (attributes of this window, start/continue marker) followed by the window's level tokens."""
    rows = [row[offset:offset + length] for row in level.rows]
    columns = level.columns()[offset:offset + length]
    return prompt_tokens(attributes(rows), offset == 0) + vocabulary.encode(columns)


class WindowSampler:
    """Random windows of `minimum`..`maximum` columns (one length per batch), levels weighted by width, 15 % from column 0."""

    def __init__(self, vocabulary, levels: list, minimum: int, maximum: int, batch: int):
        self.vocabulary, self.levels, self.minimum, self.maximum, self.batch = vocabulary, levels, minimum, maximum, batch
        self.encoded = {level.name: vocabulary.encode(level.columns()) for level in levels}

    def __call__(self, rng: random.Random) -> torch.Tensor:
        length = rng.randint(self.minimum, self.maximum)
        rows = []
        for _ in range(self.batch):
            level = rng.choices(self.levels, weights=[level.width for level in self.levels])[0]
            offset = 0 if rng.random() < 0.15 else rng.randint(0, level.width - length)
            level_rows = [row[offset:offset + length] for row in level.rows]
            per = self.vocabulary.tokens_per_column
            body = self.encoded[level.name][offset * per:(offset + length) * per]
            rows.append(prompt_tokens(attributes(level_rows), offset == 0) + body)
        return torch.tensor(rows, dtype=torch.int64)


def masked_loss(model: Decoder, tokens: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of the level tokens only: the conditioning is given, never predicted."""
    logits = model(tokens[:, :-1])[:, PROMPT_LENGTH - 1:]
    targets = tokens[:, PROMPT_LENGTH:]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


@torch.no_grad()
def column_nll(model: Decoder, vocabulary, levels: list, length: int, in_vocabulary=None) -> dict:
    """Mean negative log-likelihood per column (nats) over non-overlapping windows of held-out levels.

    For the column tokenization a column outside the vocabulary is scored as its nearest vocabulary column; `in_vocabulary`
    (a set of columns) restricts the mean to columns that are in it, for a like-for-like comparison of tokenizations.
    """
    model.eval()
    per = vocabulary.tokens_per_column
    total, count, subset_total, subset_count = 0.0, 0, 0.0, 0
    for level in levels:
        for offset in range(0, level.width - length + 1, length):
            tokens = torch.tensor([window_tokens(vocabulary, level, offset, length)], dtype=torch.int64)
            logits = model(tokens[:, :-1])[0, PROMPT_LENGTH - 1:]
            nll = F.cross_entropy(logits, tokens[0, PROMPT_LENGTH:], reduction="none").view(length, per).sum(dim=1)
            columns = level.columns()[offset:offset + length]
            for column, value in zip(columns, nll.tolist()):
                total += value
                count += 1
                if in_vocabulary is not None and column in in_vocabulary:
                    subset_total += value
                    subset_count += 1
    result = {"nll_per_column": total / max(1, count), "columns": count}
    if in_vocabulary is not None:
        result["nll_per_column_in_vocabulary"] = subset_total / max(1, subset_count)
        result["columns_in_vocabulary"] = subset_count
    return result


def train(args) -> dict:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    splits = level_data.split_levels(level_data.load_corpus())
    vocabulary = make_vocabulary(args.tokenization, splits["train"])
    config = DecoderConfig(
        vocab_size=vocabulary.size, d_model=args.d_model, n_layers=args.layers, n_heads=args.heads, d_ff=args.d_ff,
        max_positions=PROMPT_LENGTH + args.window_max * vocabulary.tokens_per_column, dropout=args.dropout,
        n_kv_heads=args.kv_heads,
    )
    model = Decoder(config)
    sampler = WindowSampler(vocabulary, splits["train"], args.window_min, args.window_max, args.batch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    budget = args.max_minutes * 60 if args.max_minutes else None
    started = time.perf_counter()
    cpu_started = time.process_time()

    def progress(step: int) -> float:
        """Fraction of the budget used: steps, or CPU time of this process when a time budget is given (comparisons on a
        shared machine: wall time would charge one run for the other engineers' load)."""
        by_steps = min(step, args.steps) / args.steps
        return max(by_steps, (time.process_time() - cpu_started) / budget) if budget else by_steps

    def learning_rate_factor(step: int) -> float:
        """Linear warm-up over the first 5 % of the budget, then cosine decay to zero."""
        done = min(1.0, progress(step))
        return min(1.0, max(done, 1 / args.steps) / 0.05) * 0.5 * (1 + math.cos(math.pi * done))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, learning_rate_factor)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    history, best, losses, columns_seen = [], None, [], 0
    # --ema: validation, the kept checkpoint and the held-out figures use an exponential moving average of the weights
    # (decay per step), the training steps the raw weights.
    averaged = {name: value.detach().clone() for name, value in model.state_dict().items()} if args.ema else None
    for step in range(1, args.steps + 1):
        model.train()
        batch = sampler(rng)
        columns_seen += batch.shape[0] * (batch.shape[1] - PROMPT_LENGTH) // vocabulary.tokens_per_column
        losses.append(optimizer_step(model, optimizer, schedule, masked_loss(model, batch)))
        if averaged is not None:
            with torch.no_grad():
                for name, value in model.state_dict().items():
                    if value.dtype.is_floating_point:
                        averaged[name].mul_(args.ema).add_(value, alpha=1 - args.ema)
        finished = step == args.steps or progress(step) >= 1.0
        if step % args.eval_every == 0 or finished:
            raw = None
            if averaged is not None:
                raw = {name: value.detach().clone() for name, value in model.state_dict().items()}
                model.load_state_dict(averaged)
            validation = column_nll(model, vocabulary, splits["validation"], args.eval_window)
            entry = {"step": step, "seconds": round(time.perf_counter() - started, 1),
                     "train_loss": round(sum(losses[-args.eval_every:]) / len(losses[-args.eval_every:]), 4),
                     "validation_nll_per_column": round(validation["nll_per_column"], 4)}
            history.append(entry)
            print(json.dumps(entry), flush=True)
            if best is None or validation["nll_per_column"] < best["validation_nll_per_column"]:
                best = entry
                torch.save({"config": config.to_dict(), "state": model.state_dict(), "tokenization": args.tokenization,
                            "step": step}, out / "checkpoint.pt")
            if raw is not None:
                model.load_state_dict(raw)
        if finished:
            break
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    # Held-out figures of the kept (best validation) weights.
    model.load_state_dict(torch.load(out / "checkpoint.pt")["state"])
    known = set(vocabulary.columns) if args.tokenization == "column" else None
    test = column_nll(model, vocabulary, splits["test"], args.eval_window, known)
    validation = column_nll(model, vocabulary, splits["validation"], args.eval_window, known)
    report = {
        "tokenization": args.tokenization, "parameters": model.parameter_count(), "config": config.to_dict(),
        "arguments": vars(args), "steps": step, "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "steps_per_second": round(step / seconds, 3), "columns_seen": columns_seen, "best": best,
        "history": history, "vocabulary_size": vocabulary.size, "test": test, "validation": validation,
        "finished_at": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "split": {part: [level.name for level in levels] for part, levels in splits.items()},
    }
    if args.tokenization == "column":
        vocabulary.save(out / "vocabulary.json")
    (out / "training.json").write_text(json.dumps(report, indent=1))
    return report


def load_checkpoint(folder) -> tuple:
    """(model in eval mode, vocabulary, checkpoint dict) from a folder written by train()."""
    folder = Path(folder)
    checkpoint = torch.load(folder / "checkpoint.pt")
    model = Decoder(DecoderConfig(**checkpoint["config"]))
    model.load_state_dict(checkpoint["state"])
    model.eval()
    if checkpoint["tokenization"] == "column":
        vocabulary = ColumnVocabulary.load(folder / "vocabulary.json")
    else:
        vocabulary = TileVocabulary()
    return model, vocabulary, checkpoint


RECIPES = Path(__file__).resolve().parent / "recipes"


def read_recipe(version: str) -> dict:
    """recipes/<version>.json: the training arguments (argparse names), card text and packaging of one released version."""
    path = RECIPES / f"{version}.json"
    if not path.exists():
        known = ", ".join(sorted(entry.stem for entry in RECIPES.glob("*.json")))
        raise SystemExit(f"no recipe for level-platformer {version}: add {path} (recipes: {known})")
    return json.loads(path.read_text())


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipe", metavar="VERSION",
                        help="train a released version: recipes/VERSION.json gives the defaults (flags still override), "
                             "--out defaults to .work/VERSION")
    parser.add_argument("--tokenization", choices=("column", "tile"), default="column")
    parser.add_argument("--out")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--window-min", type=int, default=32)
    parser.add_argument("--window-max", type=int, default=128)
    parser.add_argument("--eval-window", type=int, default=48)
    parser.add_argument("--eval-every", type=int, default=250)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--kv-heads", type=int, default=None,
                        help="key/value heads (grouped-query attention; 1 = multi-query); default one per query head")
    parser.add_argument("--d-ff", type=int, default=512)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=0.05)
    parser.add_argument("--max-minutes", type=float, default=0,
                        help="also stop (and decay) after this many CPU minutes of this process: for comparisons")
    parser.add_argument("--ema", type=float, default=0,
                        help="keep and evaluate an exponential moving average of the weights with this decay per step "
                             "(0: off, the raw weights as in 1.0.0)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    known, _ = parser.parse_known_args(argv)
    if known.recipe:
        training = read_recipe(known.recipe)["training"]
        unknown = sorted(set(training) - {action.dest for action in parser._actions})
        if unknown:
            raise SystemExit(f"recipes/{known.recipe}.json: unknown training arguments {unknown}")
        parser.set_defaults(**training, out=str(Path(__file__).resolve().parent / ".work" / known.recipe))
    args = parser.parse_args(argv)
    if not args.out:
        parser.error("--out is required unless --recipe names a version")
    return args


if __name__ == "__main__":
    train(parse_args())
