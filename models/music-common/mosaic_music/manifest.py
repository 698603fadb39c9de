"""Writes a music package's manifest.json per contract/model-manifest.ts (plus maxPositions): files, signatures, licences, evaluation."""
import datetime
import json
from pathlib import Path

import onnx

from mosaic_models.package_manifest import file_entry, signatures


def graph_layout(model: onnx.ModelProto) -> str:
    return {prop.key: prop.value for prop in model.metadata_props}.get("layout", "mosaic-kv-v1")


def write_manifest(package: Path, card: dict, evaluation: dict, max_positions: int) -> dict:
    """card: name, version, task, description, defaults, licence, trainingData, commercialUse (see config.json)."""
    graph = onnx.load(str(package / "model.onnx"), load_external_data=False)
    manifest = {
        "schemaVersion": 1,
        "name": card["name"],
        "version": card["version"],
        "task": card["task"],
        "description": card["description"],
        "files": [file_entry(package, "model.onnx", "graph"), file_entry(package, "tokenizer.json", "tokenizer"),
                  file_entry(package, "card.md", "card")],
        "inputs": signatures(graph.graph.input),
        "outputs": signatures(graph.graph.output),
        "defaults": card["defaults"],
        "precision": "fp32",
        "variants": [{"precision": "int8", "files": [file_entry(package, "model.int8.onnx", "graph")]}],
        "minAppVersion": "0.1.0",
        "licence": card["licence"],
        "trainingData": card["trainingData"],
        "commercialUse": card["commercialUse"],
        "evaluation": evaluation,
        "graphLayout": graph_layout(graph),
        "maxPositions": max_positions,
        "createdAt": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
    }
    (package / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest
