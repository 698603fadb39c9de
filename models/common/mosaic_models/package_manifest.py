"""The parts of a package's manifest.json (contract/model-manifest.ts) that every packager writes the same way."""
import hashlib
from pathlib import Path

import onnx

DTYPES = {onnx.TensorProto.FLOAT: "float32", onnx.TensorProto.INT64: "int64", onnx.TensorProto.FLOAT16: "float16"}


def file_entry(folder: Path, name: str, role: str) -> dict:
    """A file of the package: its path inside the folder, size, SHA-256 and role."""
    data = (folder / name).read_bytes()
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "role": role}


def signatures(values) -> list:
    """A graph's inputs or outputs as manifest signatures: name, dtype, shape (named dims as their names)."""
    result = []
    for value in values:
        tensor = value.type.tensor_type
        shape = [dim.dim_param or dim.dim_value for dim in tensor.shape.dim]
        result.append({"name": value.name, "dtype": DTYPES[tensor.elem_type], "shape": shape})
    return result
