"""Writes the model card (card.md) of the level-platformer package from the training, comparison and metrics reports."""
from pathlib import Path

import level_data
from level_tokens import LABELS, THRESHOLDS


def table(header: list, rows: list) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def comparison_section(comparison: dict) -> str:
    if not comparison:
        return "_The tokenization comparison has not been run (models/level-platformer/compare_tokenizations.py)._"
    rows = []
    for kind in ("column", "tile"):
        entry = comparison.get(kind)
        if not entry:
            continue
        rows.append([
            kind, entry["vocabulary_size"], f"{entry['parameters']:,}", entry["tokens_per_column"],
            f"{entry['cpu_minutes']:.0f}", entry['steps'], f"{entry['columns_seen']:,}",
            f"{entry['test']['nll_per_column']:.3f}", f"{entry['test']['nll_per_column_in_vocabulary']:.3f}",
            f"{entry['generation']['ms_per_100_columns']:.0f}", f"{entry['generation']['playable_unrepaired']:.0%}",
            f"{entry['generation']['pipes_malformed']:.0%}", f"{entry['generation']['novel_levels']:.0%}",
        ])
    return "\n\n".join([
        comparison.get("summary", ""),
        table(["tokenization", "vocabulary", "parameters", "tokens/column", "CPU minutes", "steps", "columns seen",
               "test NLL/column (nats)", "NLL/column, in-vocabulary columns", "ms per 100 columns (b1)",
               "playable unrepaired", "levels with broken pipes", "levels ≠ any training window"], rows),
        comparison.get("notes", ""),
    ])


def metrics_section(metrics: dict) -> str:
    if not metrics:
        return "_Not measured yet: run `node --import tsx models/level-platformer/evaluate-levels.ts`._"
    return metrics.get("markdown", "")


def speed_section(bench: Path) -> str:
    if not bench.exists():
        return "_Not measured yet: run `node --import tsx models/level-platformer/record-bench.ts`._"
    return bench.read_text().replace("### Levels", "Levels", 1)


def variants_section(report: dict) -> str:
    if not report:
        return "_Not measured yet: run models/tools/compare-variants.ts (see build.sh)._"
    rows = []
    for variant in report["variants"]:
        decode = {entry["batch"]: entry["stepMs"] for entry in variant["decode"]}
        quality = variant["quality"]
        rows.append([variant["name"], f"{variant['bytes'] / 1e6:.2f} MB", f"{variant['prefillMs']:.2f}",
                     *(f"{decode.get(batch, float('nan')):.2f}" for batch in (1, 4)),
                     f"{quality['top1Agreement']:.1%}", f"{quality['meanAbsLogitDiff']:.4f}", f"{quality['lossDelta']:+.5f}"])
    heldout = report["variants"][0]["quality"]
    info = report.get("machine", {})
    machine = f"{info.get('cpuModel', 'CPU')} × {info.get('cpus', '?')}, onnxruntime-node {info.get('onnxruntime', '?')}"
    return "\n\n".join([
        table(["graph", "size", "prefill ms (32 tokens)", "decode ms/step b1", "decode ms/step b4", "top-1 agreement",
               "mean abs logit diff", "loss delta (nats/token)"], rows),
        f"Held-out: {heldout['sequences']} prompted 100-column windows of the test levels ({heldout['tokens']} tokens); "
        f"measured with models/tools/compare-variants.ts ({machine}). The app picks the "
        "graph; both are in the package.",
    ])


def attention_text(config: dict) -> str:
    """The heads of the configuration as the card names them (1.0.0's wording when every query head has its own)."""
    kv_heads = config.get("n_kv_heads")
    if kv_heads is None or kv_heads == config["n_heads"]:
        return f"{config['n_heads']} heads"
    kind = "multi-query" if kv_heads == 1 else "grouped-query"
    return f"{config['n_heads']} query heads sharing {kv_heads} key/value head{'s' if kv_heads > 1 else ''} ({kind} attention)"


def averaging_text(training: dict) -> str:
    """How the kept weights were averaged (train_level.py --ema; nothing for 1.0.0, which keeps the raw weights)."""
    decay = training["arguments"].get("ema") or 0
    return f", its weights an exponential moving average of the trained ones (decay {decay} per step)" if decay else ""


def changes_section(card: dict) -> str:
    """What a version changes against the one before, from its recipe (none for the first release)."""
    return f"\n## Changes\n\n{card['changes']}\n" if card.get("changes") else ""


def study_section(study: str) -> str:
    """The layouts a version was chosen among, seed by seed (reports/<version>/seed-study.md; none for 1.0.0)."""
    return f"\n## Layouts tried\n\n{study.strip()}\n" if study else ""


def write_card(path: Path, version: str, card: dict, training: dict, comparison: dict, metrics: dict, sizes: dict,
               defaults: dict, training_data: list, variants: dict, bench: Path, study: str = "") -> None:
    config = training["config"]
    split = training["split"]
    fixes = [f"- `{level.name}`: {'; '.join(level.fixes)}" for level in level_data.load_corpus() if level.fixes]
    def buckets(name):
        words = {}
        for word, limit in zip(LABELS[name], THRESHOLDS[name]):
            words[word] = limit  # a word spanning two buckets keeps its upper limit
        return ", ".join(f"{word} ≤ {limit}" for word, limit in words.items()) + f", {LABELS[name][-1]} above"

    thresholds = "; ".join(f"{name}: {buckets(name)}" for name in THRESHOLDS)
    text = f"""# level-platformer {version}

Prompted side-scrolling platformer levels in the Super Mario Bros tile language of the VGLC (14 rows, 13 tile kinds),
written one whole column per token by a small decoder, decoded under a constraint that keeps pipes whole and gives every
level a start and an end, and checked — and repaired when needed — by a jump-arc playability agent before delivery.

- Task: `level.platformer`; graph layout `mosaic-kv-v2` (KV cache), max positions {config['max_positions']}.
- Files: `model.onnx` (fp32, {sizes.get('model.onnx', 0) / 1e6:.2f} MB), `model.int8-dynamic.onnx` (int8 weights,
  dynamic int8 activations, {sizes.get('model.int8-dynamic.onnx', 0) / 1e6:.2f} MB), `level-vocabulary.json` (the
  column vocabulary, conditioning tokens and default settings the app reads).
- Defaults: temperature {defaults['temperature']}, top-k {defaults['topK']}, top-p {defaults['topP']}, up to
  {defaults['repairBudget']} model redraws per level before the deterministic floor repair.
{changes_section(card)}
## Licence and intended use

The weights are released under MIT, but **commercial use: no**. The training data are VGLC transcriptions (MIT,
Summerville, Snodgrass, Mateas, Ontañón 2016, "The VGLC: The Video Game Level Corpus", arXiv:1606.07487) of level
designs that belong to Nintendo (Super Mario Bros., 1985; Super Mario Bros.: The Lost Levels, 1986). Use the model for
research, prototyping and study; do not ship its output, or the model, in a commercial product.

Training data: {'; '.join(f"{entry['name']} — {entry['licence']} ({entry['url']})" for entry in training_data)}.

## Data

37 levels: 15 Super Mario Bros (`smb-W-L`) and 22 Lost Levels (`lost-W-L`), read from `../shared/data/vglc` (never
copied into the repository). Lost Levels of 12–16 rows are brought to 14 by dropping empty rows on top or adding air.
A few transcription slips are repaired mechanically so that every training column is well-formed:

{chr(10).join(fixes)}

Split by level, near-duplicates together (levels sharing more than half of their 6-column windows are one group: only
`smb-1-3`/`smb-5-3`, both in training): train {len(split['train'])} levels, validation {', '.join(split['validation'])},
test {', '.join(split['test'])}.

Prompt attributes (MarioGPT's, counted per 50 columns and bucketed with `np.digitize(right=True)`): {thresholds};
elevation high when X or a pipe top lies in the top 6 rows. Training windows are 32–128 columns wide; each carries the
attributes of its own columns and a start/continue marker (start when the window begins at the level's first column).

## Tokenization: chosen by measurement

{comparison_section(comparison)}

## Model and training

Decoder-only transformer (`mosaic_models.Decoder`): {config['n_layers']} layers, d_model {config['d_model']},
{attention_text(config)}, d_ff {config['d_ff']}, dropout {config['dropout']}, learned positions, tied head;
{training['parameters']:,} parameters, vocabulary {config['vocab_size']} (16 reserved and conditioning tokens +
{config['vocab_size'] - 16} columns). Trained with Debian's PyTorch 1.13 on {training['arguments']['threads']} CPU
thread(s): {training['steps']} steps of {training['arguments']['batch']} windows (AdamW, lr {training['arguments']['lr']},
weight decay {training['arguments']['weight_decay']}, warm-up then cosine), {training['seconds'] / 60:.1f} minutes of
wall time on a shared machine ({training.get('cpu_seconds', 0) / 60:.1f} CPU-minutes), {training['columns_seen']:,} columns
seen; the checkpoint kept is the one with the lowest validation loss (step {training['best']['step']}){averaging_text(training)}. The data are
small, so the model overfits within a few hundred steps whatever its size: in trial runs, 4 layers (883,072 parameters,
dropout 0.2, 600 steps) reached a test loss of 2.119 nats per column and 2 layers (dropout 0.3, 800 steps) 2.122; 2
layers ship, for half the decoding time.

Held-out negative log-likelihood per column (windows of {training['arguments']['eval_window']} columns, no overlap): test
{training['test']['nll_per_column']:.3f} nats ({training['test']['columns']} columns; columns outside the vocabulary are
scored as their nearest vocabulary column, {training['test']['columns'] - training['test']['columns_in_vocabulary']} of
them), validation {training['validation']['nll_per_column']:.3f} nats.
{study_section(study)}
## Evaluation

{metrics_section(metrics)}

## Speed

{speed_section(bench)}

## Precision variants

{variants_section(variants)}

## How a level is made

1. The prompt ("many pipes, some enemies, little blocks, low elevation", or structured attributes) becomes 4
   conditioning tokens and a start marker.
2. Columns are sampled one token at a time. A per-row state machine masks the vocabulary: a column's right pipe halves
   must continue the previous column's left halves exactly (caps with caps, bodies with bodies, same rows), so pipes are
   always two columns wide and closed; columns themselves are whole vertically (the vocabulary holds only well-formed
   columns); the first column has ground to spawn on, the last has ground and no half pipe; a regenerated region meets
   the column after it. The same machine is a per-window adherence controller: it counts every 50-column window as
   MarioGPT counts a prompt (the column features `level-attributes.ts` measures with) and keeps each window in the
   prompt's buckets — a column that would pass a bucket's upper edge is masked, and when the window's remaining columns
   are needed to reach the lower edge only columns that add to the count are allowed; a pipe never crosses a window's
   edge. "No pipes" and "no enemies" are hard masks, never relaxed; the other rules fall back to fewer only if no
   column fits. Soft texture steering adds to the logits: a column already drawn loses 0.75 nats, while a window
   has fewer than 2 gaps a column opening one gains 0.5 nats, and past 32 bricks or 2 ?-blocks in a window each
   further one costs 0.5 nats.
3. The playability agent (A* over standing cells with the 26 VGLC Super Mario Bros jump arcs, mirrored, cut before
   they reach 7 columns out while 3 rows up — the game barely allows that and the second agent does not —, and falls
   that keep their sideways speed) searches from the spawn to the last column; it passes all 15 SMB levels and 17 of the 22
   Lost Levels (1-2, 2-2, 4-2, 4-3 and 5-1 need springs, vines or pipe exits it does not model).
4. If the level is not playable, the model redraws the region the agent is stuck in (4 candidates per round, the best
   kept), up to the repair budget; then floor is laid column by column from the furthest standing cell. Region
   regenerate never changes columns outside the region: its last resort is putting back the original's last columns.
   Every repair is reported with the level.

## Limitations

- Tiles only: no springs, vines, moving platforms, flagpole or castle tiles; enemies are passable in the check (they can
  be stomped or avoided), so the check says "a route exists", not "an easy route".
- A column the vocabulary lacks cannot be produced (about 9-13 % of held-out columns are such); the model recombines
  known columns, so novelty is in the arrangement.
- 37 levels is little data: the model overfits fast, and prompt adherence leans on the constraint's budgets.
- A second, independent agent (`second_agent.py`: breadth-first search with tick-based movement — one column and one
  row per tick, a held jump rising up to 4 rows, a hang at the apex, falls of one row per tick) checks the delivered
  levels in the evaluation and in the tests; it is a coarser model of the game than the jump arcs, not the game itself.
"""
    path.write_text(text)
