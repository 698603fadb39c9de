"""Rewrites an fp32 ONNX graph into precision variants (dynamic int8, weight-only int8, fp16 weights) with the onnx package only."""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

GRANULARITIES = ("per-column", "per-tensor")
FP16_MAX = 65504.0


def _initializers(graph: onnx.GraphProto) -> dict:
    return {initializer.name: initializer for initializer in graph.initializer}


def _consumer_counts(graph: onnx.GraphProto) -> dict:
    counts: dict = {}
    for node in graph.node:
        for name in node.input:
            counts[name] = counts.get(name, 0) + 1
    for output in graph.output:
        counts[output.name] = counts.get(output.name, 0) + 1
    return counts


def weight_matmuls(graph: onnx.GraphProto) -> list:
    """(position, node) of MatMul nodes whose second input is a 2-D float initializer (a weight [K, N])."""
    initializers = _initializers(graph)
    found = []
    for position, node in enumerate(graph.node):
        weight = initializers.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is not None and weight.data_type == TensorProto.FLOAT and len(weight.dims) == 2:
            found.append((position, node))
    return found


def quantize_symmetric_int8(weight: np.ndarray, granularity: str):
    """int8 values in [-127, 127] and float32 scales: one per column of [K, N] weights, or one for the tensor."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}")
    peak = np.abs(weight).max(axis=0) if granularity == "per-column" else np.abs(weight).max()
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    values = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
    return values, scale


def _drop_unused_initializers(graph: onnx.GraphProto) -> None:
    used = _consumer_counts(graph)
    kept = [initializer for initializer in graph.initializer if initializer.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)


def _rebuild_nodes(graph: onnx.GraphProto, replacements: dict, prefix_nodes=()) -> None:
    """Replaces the node at each position that is a key by the node list it maps to, keeping topological order."""
    nodes = list(prefix_nodes)
    for position, node in enumerate(graph.node):
        nodes.extend(replacements.get(position, [node]))
    del graph.node[:]
    graph.node.extend(nodes)


def _add_int8_weight(graph: onnx.GraphProto, weight: np.ndarray, base: str, granularity: str) -> None:
    """Adds `{base}_q` (int8), `{base}_scale` and `{base}_zero` (all zero: symmetric) initializers for one weight."""
    values, scale = quantize_symmetric_int8(weight, granularity)
    graph.initializer.extend([
        numpy_helper.from_array(values, f"{base}_q"),
        numpy_helper.from_array(scale, f"{base}_scale"),
        numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), f"{base}_zero"),
    ])


def to_int8_dynamic(model: onnx.ModelProto, granularity: str = "per-column") -> onnx.ModelProto:
    """MatMul(x, W) -> DynamicQuantizeLinear(x) + MatMulInteger(x_q, W_q) + Cast + Mul(x_scale * w_scale).

    This is the pattern onnxruntime fuses into DynamicQuantizeMatMul; activations are uint8 (asymmetric,
    per-run range), weights int8 symmetric with zero point 0.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    initializers = _initializers(graph)
    quantized_inputs: dict = {}
    replacements = {}
    for index, (position, node) in enumerate(weight_matmuls(graph)):
        x, weight_name = node.input[0], node.input[1]
        base = f"{weight_name}_int8dyn{index}"
        _add_int8_weight(graph, numpy_helper.to_array(initializers[weight_name]), base, granularity)
        new_nodes = []
        if x not in quantized_inputs:
            quantized_inputs[x] = (f"{x}_q{index}", f"{x}_scale{index}", f"{x}_zero{index}")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(quantized_inputs[x]), name=f"{base}_dql"))
        x_q, x_scale, x_zero = quantized_inputs[x]
        new_nodes += [
            helper.make_node("Mul", [x_scale, f"{base}_scale"], [f"{base}_out_scale"], name=f"{base}_scale_mul"),
            helper.make_node("MatMulInteger", [x_q, f"{base}_q", x_zero, f"{base}_zero"], [f"{base}_i32"],
                             name=f"{base}_matmul"),
            helper.make_node("Cast", [f"{base}_i32"], [f"{base}_f32"], to=TensorProto.FLOAT, name=f"{base}_cast"),
            helper.make_node("Mul", [f"{base}_f32", f"{base}_out_scale"], [node.output[0]], name=f"{base}_rescale"),
        ]
        replacements[position] = new_nodes
    _rebuild_nodes(graph, replacements)
    _drop_unused_initializers(graph)
    return model


def to_int8_weights(model: onnx.ModelProto, granularity: str = "per-column") -> onnx.ModelProto:
    """Weight-only int8: each MatMul weight is stored as int8 + scale and rebuilt by DequantizeLinear before MatMul."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    initializers = _initializers(graph)
    replacements = {}
    for index, (position, node) in enumerate(weight_matmuls(graph)):
        weight_name = node.input[1]
        base = f"{weight_name}_int8w{index}"
        _add_int8_weight(graph, numpy_helper.to_array(initializers[weight_name]), base, granularity)
        axis = {"axis": 1} if granularity == "per-column" else {}
        dequantize = helper.make_node("DequantizeLinear", [f"{base}_q", f"{base}_scale", f"{base}_zero"],
                                      [f"{base}_dequantized"], name=f"{base}_dequantize", **axis)
        matmul = helper.make_node("MatMul", [node.input[0], f"{base}_dequantized"], list(node.output), name=node.name)
        replacements[position] = [dequantize, matmul]
    _rebuild_nodes(graph, replacements)
    _drop_unused_initializers(graph)
    return model


def to_fp16_weights(model: onnx.ModelProto) -> onnx.ModelProto:
    """Stores float initializers as fp16, each followed by a Cast back to float32, so inputs, outputs and compute stay fp32.

    onnxruntime folds the Casts when it loads the session, so the win is file size, not speed; initializers
    with values outside fp16's finite range stay fp32.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    casts, kept = [], []
    for initializer in graph.initializer:
        values = numpy_helper.to_array(initializer)
        finite = values[np.isfinite(values)] if initializer.data_type == TensorProto.FLOAT else None
        if finite is None or (finite.size and np.abs(finite).max() > FP16_MAX):
            kept.append(initializer)
            continue
        kept.append(numpy_helper.from_array(values.astype(np.float16), f"{initializer.name}_fp16"))
        casts.append(helper.make_node("Cast", [f"{initializer.name}_fp16"], [initializer.name],
                                      to=TensorProto.FLOAT, name=f"{initializer.name}_to_fp32"))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    _rebuild_nodes(graph, {}, prefix_nodes=casts)
    return model
