"""Probe graphs holding one part of a decoding step each (run overhead, weight MatMuls, cache attention, layer norms,
GELUs) for step-breakdown.ts.

python -m mosaic_research.cost_probes --out-dir models/.work/probes [--kv-heads 1]   (a reference decoder's sizes, as
reference_decoder.py writes it; weights are random)
"""
import argparse
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from mosaic_models.export import OPSET, past_names
from .reference_decoder import REFERENCE_CONFIG, reference_config
from mosaic_models.transformer import DecoderConfig
from mosaic_models.variants import make_variant


def _inputs(config: DecoderConfig) -> list:
    """The mosaic-kv-v2 inputs, so that a probe is fed exactly like the real graph."""
    cache = ["batch", config.kv_heads, "cache_capacity", config.head_dim]
    return [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "new_tokens"]),
        helper.make_tensor_value_info("past_length", TensorProto.INT64, [1]),
        *[helper.make_tensor_value_info(name, TensorProto.FLOAT, cache) for name in past_names(config.n_layers)],
    ]


def _model(name: str, config: DecoderConfig, nodes: list, initializers: list, outputs: dict) -> onnx.ModelProto:
    graph = helper.make_graph(nodes, name, _inputs(config), [
        helper.make_tensor_value_info(output, TensorProto.FLOAT, shape) for output, shape in outputs.items()
    ], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    return model


def _weight(rng, name: str, rows: int, columns: int):
    return numpy_helper.from_array((rng.standard_normal((rows, columns)) * 0.02).astype(np.float32), name)


def overhead_probe(config: DecoderConfig) -> onnx.ModelProto:
    """logits = table[input_ids]: one Gather, a run costs what onnxruntime-node spends on any run with these feeds."""
    table = numpy_helper.from_array(np.zeros((config.vocab_size, config.vocab_size), np.float32), "table")
    nodes = [helper.make_node("Gather", ["table", "input_ids"], ["logits"])]
    return _model("overhead", config, nodes, [table], {"logits": ["batch", "new_tokens", config.vocab_size]})


def weights_probe(config: DecoderConfig, seed: int = 0) -> onnx.ModelProto:
    """Every weight MatMul of a step (qkv, out, two MLP, tied head) chained on the embedded tokens, nothing else."""
    rng = np.random.default_rng(seed)
    d, f = config.d_model, config.d_ff
    qkv = (config.n_heads + 2 * config.kv_heads) * config.head_dim
    initializers = [_weight(rng, "embedding", config.vocab_size, d), _weight(rng, "head", d, config.vocab_size)]
    nodes = [helper.make_node("Gather", ["embedding", "input_ids"], ["x0"])]
    outputs = {}
    for layer in range(config.n_layers):
        x, shapes = f"x{layer}", {"qkv": (d, qkv), "out": (d, d), "up": (d, f), "down": (f, d)}
        initializers += [_weight(rng, f"{name}{layer}", *shape) for name, shape in shapes.items()]
        nodes += [
            helper.make_node("MatMul", [x, f"qkv{layer}"], [f"qkv_out{layer}"]),
            helper.make_node("MatMul", [x, f"out{layer}"], [f"attended{layer}"]),
            helper.make_node("MatMul", [f"attended{layer}", f"up{layer}"], [f"hidden{layer}"]),
            helper.make_node("MatMul", [f"hidden{layer}", f"down{layer}"], [f"x{layer + 1}"]),
        ]
        outputs[f"qkv_out{layer}"] = ["batch", "new_tokens", qkv]
    nodes.append(helper.make_node("MatMul", [f"x{config.n_layers}", "head"], ["logits"]))
    outputs["logits"] = ["batch", "new_tokens", config.vocab_size]
    return _model("weights", config, nodes, initializers, outputs)


def attention_probe(config: DecoderConfig) -> onnx.ModelProto:
    """Per layer softmax(q K^T) V over the whole cache, as the real graph reads it (q from the tokens, no mask): the
    query heads sharing a key/value head are the rows of one matrix [B, Hkv, G * T, Dh], as the export groups them."""
    h, dh, kv = config.n_heads, config.head_dim, config.kv_heads
    query = numpy_helper.from_array(np.full((config.vocab_size, h, dh), 0.1, np.float32), "query")
    grouped = numpy_helper.from_array(np.array([0, kv, -1, dh], np.int64), "grouped")
    nodes = [helper.make_node("Gather", ["query", "input_ids"], ["q_bthd"]),
             helper.make_node("Transpose", ["q_bthd"], ["q_bhtd"], perm=[0, 2, 1, 3]),
             helper.make_node("Reshape", ["q_bhtd", "grouped"], ["q"])]
    outputs = {}
    for layer in range(config.n_layers):
        nodes += [
            helper.make_node("Transpose", [f"past_key_{layer}"], [f"k_t{layer}"], perm=[0, 1, 3, 2]),
            helper.make_node("MatMul", ["q", f"k_t{layer}"], [f"scores{layer}"]),
            helper.make_node("Softmax", [f"scores{layer}"], [f"probs{layer}"], axis=-1),
            helper.make_node("MatMul", [f"probs{layer}", f"past_value_{layer}"], [f"y{layer}"]),
        ]
        outputs[f"y{layer}"] = ["batch", kv, "grouped_rows", dh]
    return _model("attention", config, nodes, [query, grouped], outputs)


def norms_probe(config: DecoderConfig) -> onnx.ModelProto:
    """The step's layer norms (two per layer and the final one) over [B, T, d_model], chained, nothing else."""
    d = config.d_model
    initializers = [numpy_helper.from_array(np.full((config.vocab_size, d), 0.1, np.float32), "embedding"),
                    numpy_helper.from_array(np.ones(d, np.float32), "gain"),
                    numpy_helper.from_array(np.zeros(d, np.float32), "shift")]
    nodes = [helper.make_node("Gather", ["embedding", "input_ids"], ["x0"])]
    count = 2 * config.n_layers + 1
    for index in range(count):
        nodes.append(helper.make_node("LayerNormalization", [f"x{index}", "gain", "shift"], [f"x{index + 1}"],
                                      axis=-1, epsilon=1e-5))
    return _model("norms", config, nodes, initializers, {f"x{count}": ["batch", "new_tokens", d]})


def activations_probe(config: DecoderConfig) -> onnx.ModelProto:
    """The step's GELUs over [B, T, d_ff], written as the export writes them (x * (erf(x / sqrt 2) + 1) * 0.5, which
    onnxruntime fuses into one Gelu), chained, nothing else."""
    f = config.d_ff
    initializers = [numpy_helper.from_array(np.full((config.vocab_size, f), 0.1, np.float32), "embedding")]
    initializers += [numpy_helper.from_array(np.array(value, np.float32), name)
                     for name, value in (("root2", np.sqrt(2.0)), ("one", 1.0), ("half", 0.5))]
    nodes = [helper.make_node("Gather", ["embedding", "input_ids"], ["x0"])]
    for layer in range(config.n_layers):
        x, y = f"x{layer}", f"x{layer + 1}"
        nodes += [helper.make_node("Div", [x, "root2"], [f"scaled{layer}"]),
                  helper.make_node("Erf", [f"scaled{layer}"], [f"erf{layer}"]),
                  helper.make_node("Add", [f"erf{layer}", "one"], [f"gate{layer}"]),
                  helper.make_node("Mul", [x, f"gate{layer}"], [f"gated{layer}"]),
                  helper.make_node("Mul", [f"gated{layer}", "half"], [y])]
    return _model("activations", config, nodes, initializers, {f"x{config.n_layers}": ["batch", "new_tokens", f]})


def write_probes(out_dir, config: DecoderConfig = REFERENCE_CONFIG) -> list:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    weights = weights_probe(config)
    probes = {"overhead": overhead_probe(config), "weights": weights, "attention": attention_probe(config),
              "norms": norms_probe(config), "activations": activations_probe(config),
              "weights.int8-weights": make_variant(weights, "int8-weights"),
              "weights.int8-dynamic": make_variant(weights, "int8-dynamic")}
    for name, model in probes.items():
        onnx.save(model, str(out_dir / f"{name}.onnx"))
    return [out_dir / f"{name}.onnx" for name in probes]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--kv-heads", type=int, choices=(1, 2, 4), default=4,
                        help="the reference's key/value heads (as reference_decoder.py --kv-heads)")
    parser.add_argument("--query-heads", type=int, choices=(4, 8, 16), default=4)
    args = parser.parse_args(argv)
    for path in write_probes(args.out_dir, reference_config(args.kv_heads, args.query_heads)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
