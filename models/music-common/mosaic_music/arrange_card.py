"""Writes the arrange package's card.md: model, data and licences, training, held-out likelihood per task against the
single-track models, and generated songs against the corpora (arrange_evaluate.py)."""
import json
import math

from .arrange_train import REPO_ROOT
from .card import _heads

METRIC_NAMES = {
    "repeated_bars": "melody bars repeating an earlier bar (pitch + onset)",
    "transposed_repeats": "melody bars repeating an earlier bar at any transposition",
    "four_gram_self_similarity": "melody pitch 4-grams seen earlier in the segment",
    "chord_tone_rate": "melody notes ≥ 1 beat on a chord tone",
    "bass_downbeat_chord_tone_rate": "bass downbeats on a chord tone",
    "groove_consistency": "drums groove consistency",
    "melody_notes_per_bar": "melody notes per bar",
    "drum_hits_per_bar": "drum hits per bar",
    "pitch_class_entropy": "melody pitch-class entropy (bits)",
}
CORPUS_FOR_SET = {"pop": "POP909", "folk": "Nottingham"}
SINGLE_TRACK = {"melody": ("music-melody", "1.1.0"), "drums": ("music-drums", "1.1.0")}


def _number(value, digits=3) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _single_track_nll(task: str):
    name, version = SINGLE_TRACK[task]
    manifest = json.loads((REPO_ROOT / "models" / "packages" / name / version / "manifest.json").read_text())
    return f"{name} {version}", manifest["evaluation"]["heldout_nats_per_note"]


def earlier_version(card: dict):
    """The newest packaged version of this model before the card's own, and its manifest's evaluation (or None)."""
    folder = REPO_ROOT / "models" / "packages" / card["name"]
    key = lambda version: tuple(int(part) for part in version.split("."))  # noqa: E731
    versions = sorted((entry.name for entry in folder.iterdir() if (entry / "manifest.json").exists()), key=key) \
        if folder.is_dir() else []
    earlier = [version for version in versions if key(version) < key(card["version"])]
    if not earlier:
        return None
    manifest = json.loads((folder / earlier[-1] / "manifest.json").read_text())
    return earlier[-1], manifest["evaluation"]


def heldout_table(report: dict, card: dict | None = None) -> list:
    earlier = earlier_version(card) if card else None
    lines = ["| task (8-bar windows of held-out songs) | nats per event | events | "
             + (f"{card['name']} {earlier[0]} | " if earlier else "") + "single-track model, nats per note |",
             "|---|---|---|---|" + ("---|" if earlier else "")]
    for task, entry in report["heldout"].items():
        other = "—"
        if task in SINGLE_TRACK:
            name, value = _single_track_nll(task)
            other = f"{value:.3f} ({name})"
        before = f"{_number(earlier[1].get(f'heldout_nats_per_event.{task}'))} | " if earlier else ""
        lines.append(f"| {task} | {entry['nats_per_event']:.3f} | {entry['events']:,} | {before}{other} |")
    for task, entry in report.get("heldout_mma", {}).items():
        lines.append(f"| {task}, MMA library's held-out grooves | {entry['nats_per_event']:.3f} | {entry['events']:,} | "
                     + ("— | " if earlier else "") + "— |")
    return lines


def generated_table(evaluation: dict) -> list:
    corpus = evaluation["corpus"]
    lines = ["| set | metric | generated mean (p10–p90) | corpus 8-bar segments mean (p10–p90) |", "|---|---|---|---|"]
    for set_name, entry in evaluation["generated"].items():
        reference = corpus.get(CORPUS_FOR_SET.get(set_name.split("-")[0], ""), {})
        for metric, values in entry["metrics"].items():
            theirs = reference.get(metric) or (corpus["Groove MIDI"].get(metric) if metric.startswith(("groove", "drum")) else None)
            shown = f"{_number(theirs['mean'])} ({_number(theirs['p10'])}–{_number(theirs['p90'])})" if theirs else "—"
            lines.append(f"| {set_name} | {METRIC_NAMES.get(metric, metric)} | {_number(values['mean'])} "
                         f"({_number(values['p10'])}–{_number(values['p90'])}) | {shown} |")
        lines.append(f"| {set_name} | 16-note melody passages found in the training melodies | "
                     f"{entry['copied_16_note_passages']} over {entry['clips']} songs | — |")
    return lines


def training_data(config: dict, report: dict) -> list:
    """The card's training-data rows: the config's, plus the MMA library's when the run trained on it (--with-mma)."""
    rows = list(config["card"]["trainingData"])
    if "mma" in report.get("sources", ()) and not any(row["name"].startswith("MMA") for row in rows):
        from .mma_corpus import MMA_TRAINING_DATA

        rows.append(MMA_TRAINING_DATA)
    return rows


def sweep_table(sweep: dict) -> list:
    """What size bought (arrange_sweep.py): each size trained the same steps on the same batches, timed in the app."""
    lines = [f"Each size trained from scratch for {sweep['steps']} steps on the same batches (seed, data and schedule "
             "alike), on one CPU thread; held-out nats per event as above; latency: 4 tracks × 8 bars, one variation, "
             "int8, one thread, through the app's pipeline (median; a barely trained model writes songs of other "
             "lengths, so the time per 100 decoded tokens is the figure that compares sizes). These are early-training "
             "figures, sizes compared at equal steps and CPU budget, not converged models. `python -m "
             "mosaic_music.arrange_sweep models/music-arrange` measured it.", "",
             "| size | layers × d_model | parameters | arrange | melody | harmonize | drums | training CPU s | 4×8 bars ms "
             "| tokens | ms per 100 tokens |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, entry in sweep["sizes"].items():
        nll = entry["heldout_nats_per_event"]
        model = entry["model"]
        latency = entry.get("latency", {}).get("median_ms_4x8")
        lines.append(f"| {size} | {model['n_layers']} × {model['d_model']} | {entry['parameters']:,} | "
                     + " | ".join(_number(nll.get(task)) for task in ("arrange", "melody", "harmonize", "drums"))
                     + f" | {entry.get('cpu_seconds') or '—'} | {latency if latency is not None else '—'} | "
                     f"{entry.get('latency', {}).get('median_tokens', '—')} | "
                     f"{entry.get('latency', {}).get('ms_per_100_tokens', '—')} |")
    return lines


def write_arrange_card(path, config: dict, report: dict, evaluation: dict | None, sweep: dict | None = None) -> None:
    card, model, training = config["card"], config["model"], config["training"]
    data_rows = "\n".join(f"| {d['name']} | {d['licence']} | {d.get('url', '')} |" for d in training_data(config, report))
    parts = [
        f"# {card['name']} {card['version']}", "", card["description"], "",
        "## Model", "",
        f"- Task `{card['task']}`; decoder-only transformer (mosaic_models.Decoder): {model['n_layers']} layers, d_model "
        f"{model['d_model']}, {_heads(model)}, d_ff {model['d_ff']}, {model['max_positions']} positions, "
        f"{report['parameters']:,} parameters.",
        "- Tokens: arrange-v1 (`tokenizer.json`, the repository's models/music-tokenizer/arrange-v1.json): a header "
        "(style, key, tempo, each track with its density), the song's bars with the cells to write replaced by numbered "
        "Fill tokens, then each filled cell's events. One layout serves arranging (every cell filled), infilling (some "
        "cells), harmonizing (the chord and bass tracks under a given melody) and continuing (later bars).",
        "- Graph: KV-cache export by mosaic_models.export; `model.int8.onnx` is the "
        f"`{config['int8']}` variant.", "",
        "## Training data and licences", "", "| data | licence | source |", "|---|---|---|", data_rows, "",
        f"**Commercial use: {'yes' if card['commercialUse'] else 'no'}.** {card['commercialUseReason']}", "",
        f"Weights licence: {card['licence']}. {card.get('attribution', '')}", "",
        "## Training", "",
        f"- {report['steps']} steps (planned {report['planned_steps']}) of batch {report['batch_size']}, sequences up to "
        f"{report['max_length']} tokens, AdamW, lr {training['learning_rate']}, {report['threads']} CPU "
        f"thread{'' if report['threads'] == 1 else 's'}, "
        f"{report['wall_seconds'] / 60:.0f} min wall time on a shared 2-core machine (resumable: "
        "`python -m mosaic_music.arrange_train models/music-arrange` continues from the work folder's checkpoint)"
        + (f", starting from `{training['init']}` (the previous version's weights) with a fresh optimizer."
           if training.get("init") else "."),
        f"- Songs: {report['train_songs']} train, {report['heldout_songs']} held out. {card.get('trainingNotes', '')}",
        f"- Final train loss {report['final_train_loss']:.3f} nats per filled token.", "",
        "### Held-out likelihood", "",
        "The filled cells' tokens are scored given everything else (header and context), summed and divided by the "
        "events they hold (notes, chords, drum hits). The single-track models' figure is per note over their own "
        "windows of the same held-out songs.", "", *heldout_table(report, card),
    ]
    if sweep and sweep.get("sizes"):
        parts += ["", "### What size bought", "", *sweep_table(sweep)]
    if evaluation and evaluation.get("generated"):
        parts += ["", "## Generated songs against the corpora", "", card["evaluationNote"], "", *generated_table(evaluation)]
    parts += ["", "## Limitations", "", card["limitations"], ""]
    path.write_text("\n".join(parts))
