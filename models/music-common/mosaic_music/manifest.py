"""Writes a music package's manifest.json per contract/model-manifest.ts (plus maxPositions): files, signatures, licences, evaluation."""
import datetime
import hashlib
import json
from pathlib import Path

import onnx

TYPES = {onnx.TensorProto.FLOAT: "float32", onnx.TensorProto.INT64: "int64", onnx.TensorProto.FLOAT16: "float16"}


def file_entry(package: Path, name: str, role: str) -> dict:
    data = (package / name).read_bytes()
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "role": role}


def signatures(values) -> list:
    result = []
    for value in values:
        tensor = value.type.tensor_type
        shape = [dim.dim_param if dim.dim_param else dim.dim_value for dim in tensor.shape.dim]
        result.append({"name": value.name, "dtype": TYPES[tensor.elem_type], "shape": shape})
    return result


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
