"""Writes a music package's card.md: what the model is, its data and licences, training figures and measured metrics."""
import math

METRIC_NAMES = {
    "pitch_class_entropy": "pitch-class entropy (bits)",
    "scale_consistency": "scale consistency",
    "notes_per_bar": "notes per bar",
    "groove_consistency": "groove consistency",
    "in_scale_rate": "in-scale rate under key lock",
    "velocity_std": "velocity standard deviation",
    "timing_offset_ticks": "mean absolute offset from the 16th grid (ticks at 480 per beat)",
}


def _number(value, digits=3) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _heads(model: dict) -> str:
    kv_heads = model.get("n_kv_heads")
    if not kv_heads or kv_heads == model["n_heads"]:
        return f"{model['n_heads']} heads"
    kind = "multi-query" if kv_heads == 1 else "grouped-query"
    return f"{model['n_heads']} query heads sharing {kv_heads} key/value head{'s' if kv_heads > 1 else ''} ({kind} attention)"


def metrics_table(evaluations: dict) -> str:
    lines = ["| set | metric | generated mean (p10–p90) | corpus clips mean (p10–p90) | difference |", "|---|---|---|---|---|"]
    for set_name, result in evaluations.items():
        for metric, entry in result["metrics"].items():
            mine = entry["generated"]
            theirs = entry.get("corpus")
            corpus = f"{_number(theirs['mean'])} ({_number(theirs['p10'])}–{_number(theirs['p90'])})" if theirs else "—"
            difference = entry.get("relative_difference")
            shown = f"{difference * 100:+.1f} %" if difference is not None and not math.isnan(difference) else "—"
            if metric == "in_scale_rate":
                shown = f"minimum {_number(entry['minimum'])}"
            lines.append(f"| {set_name} | {METRIC_NAMES.get(metric, metric)} | {_number(mine['mean'])} "
                         f"({_number(mine['p10'])}–{_number(mine['p90'])}) | {corpus} | {shown} |")
    return "\n".join(lines)


def write_card(path, config: dict, report: dict, variants: dict | None, evaluations: dict | None, generated: dict | None) -> None:
    card, model, training = config["card"], config["model"], config["training"]
    heldout = report["heldout"]
    data_rows = "\n".join(f"| {d['name']} | {d['licence']} | {d.get('url', '')} |" for d in card["trainingData"])
    parts = [
        f"# {card['name']} {card['version']}",
        "",
        card["description"],
        "",
        *([f"**Changes:** {card['changes']}", ""] if card.get("changes") else []),
        "## Model",
        "",
        f"- Task `{card['task']}`; decoder-only transformer (mosaic_models.Decoder): {model['n_layers']} layers, d_model "
        f"{model['d_model']}, {_heads(model)}, d_ff {model['d_ff']}, {model['max_positions']} positions, "
        f"{report['parameters']:,} parameters.",
        "- Tokens: remi-v1 (`tokenizer.json`, the repository's models/music-tokenizer/remi-v1.json), "
        f"profile `{config['profile']}`.",
        "- Graph: KV-cache export by mosaic_models.export (layout in the manifest); `model.int8.onnx` is the "
        f"`{config['int8']}` variant.",
        "",
        "## Training data and licences",
        "",
        "| data | licence | source |",
        "|---|---|---|",
        data_rows,
        "",
        f"**Commercial use: {'yes' if card['commercialUse'] else 'no'}.** {card['commercialUseReason']}",
        "",
        f"Weights licence: {card['licence']}. {card.get('attribution', '')}",
        "",
        "## Training",
        "",
        f"- {report['steps']} steps (planned {report['planned_steps']}) of batch {report['batch_size']} × "
        f"{report['sequence_length']} tokens ({report['train_tokens']:,} tokens), AdamW, lr {training['learning_rate']}, "
        f"{report['threads']} CPU thread, {report['wall_seconds'] / 60:.0f} min wall time on a shared 2-core machine.",
        f"- Songs: {report['train_songs']} train, {report['heldout_songs']} held out. {card.get('trainingNotes', '')}",
        f"- Final train loss {report['final_train_loss']:.3f} nats/token.",
        f"- Held-out loss: **{heldout['nats_per_note']:.3f} nats per note** ({heldout['bits_per_note']:.2f} bits per note; "
        f"{heldout['nats_per_token']:.3f} nats per token over {heldout['tokens']:,} tokens, {heldout['notes']:,} notes; "
        "the conditioning header is given, not scored).",
    ]
    if variants:
        parts += ["", "## Variants (onnxruntime-node, CPU)", "", "| variant | size | top-1 agreement | held-out loss delta | decode ms/step b1 |", "|---|---|---|---|---|"]
        for variant in variants["variants"]:
            quality = variant["quality"]
            step = next((d["stepMs"] for d in variant["decode"] if d["batch"] == 1), float("nan"))
            parts.append(f"| {variant['name']} | {variant['bytes'] / 1e6:.2f} MB | {quality['top1Agreement'] * 100:.1f} % | "
                         f"{quality['lossDelta']:+.4f} | {step:.2f} |")
    if evaluations:
        parts += ["", "## Evaluation", "", card["evaluationNote"].format(bars=generated["sets"][0]["bars"], variant=generated["variant"]),
                  "", metrics_table(evaluations)]
    parts += ["", "## Limitations", "", card["limitations"], ""]
    path.write_text("\n".join(parts))
