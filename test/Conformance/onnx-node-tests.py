#!/usr/bin/env python3
"""Generates the ONNX node backend tests of the installed `onnx` package and
selects the ones in cnnc's scope.

    onnx-node-tests.py generate DIR     writes DIR/node/test_*/ (model.onnx,
                                        test_data_set_0/{input,output}_N.pb)
    onnx-node-tests.py select DIR       prints the in-scope tests, one
                                        `node/<name>` per line, sorted

Run with the venv python that run-onnx-node-tests.sh makes (pinned onnx).
`onnx.backend.test.cmd_tools generate-data` of onnx 1.23 writes the model
tests only; `generate` reuses its writer with the node-test collector.

Selection rules (the same as the libonnx-testdata list's, written down):
  * every node of the model (subgraphs included) is in the default domain
    and its op type is in OPS below (the CNN op set cnnc implements);
  * every graph output is float32;
  * every graph input is float32, or int32/int64 feeding only shape-like
    slots (SHAPE_SLOTS: Reshape's shape, Slice's starts/ends/axes/steps,
    Resize's sizes, Pad's pads/axes, axes of reductions and (un)squeeze,
    Split's split, Expand's shape, Tile's repeats), which the runner
    freezes like --bind;
  * the model defines no local functions;
  * no BatchNormalization runs in training mode (training_mode = 1: batch
    statistics and running-mean outputs; cnnc compiles inference).
"""
import argparse
import collections
import os
import sys

OPS = {
    # Convolutions, pooling, normalization.
    "Conv", "ConvTranspose", "AveragePool", "MaxPool", "MaxUnpool",
    "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "BatchNormalization",
    "InstanceNormalization", "LayerNormalization", "LRN",
    # Activations and elementwise math.
    "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid",
    "HardSwish", "Tanh", "Softplus", "Softsign", "Mish", "Gelu", "Clip", "Abs",
    "Neg",
    "Exp", "Log", "Sqrt", "Erf", "Reciprocal", "Floor", "Ceil", "Round",
    "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mean", "Sum",
    # Reductions, softmax, linear algebra.
    "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceProd",
    "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
    "ReduceSumSquare", "Softmax", "LogSoftmax", "Gemm", "MatMul",
    # Data movement and shapes.
    "Concat", "Constant", "Dropout", "Expand", "Flatten", "Gather",
    "GatherElements", "Identity", "Pad", "Reshape", "Resize", "Shape",
    "Slice", "Split", "Squeeze", "Unsqueeze", "Transpose", "DepthToSpace",
    "SpaceToDepth", "Upsample", "Tile", "ConstantOfShape",
    # Masks and casts (exporters' function bodies, e.g. Clip's and Softmax's
    # expansions). Not Range: cnnc needs its bounds at compile time, its tests
    # feed them as graph inputs.
    "Cast", "CastLike", "Where", "Equal", "Less", "LessOrEqual", "Greater",
    "GreaterOrEqual", "Not", "And", "Or", "Xor",
}

SHAPE_SLOTS = {
    "Reshape": {1}, "Expand": {1}, "Pad": {1, 3}, "Slice": {1, 2, 3, 4},
    "Resize": {3}, "Split": {1}, "Squeeze": {1}, "Unsqueeze": {1},
    "Tile": {1},
    "ReduceMean": {1}, "ReduceMax": {1}, "ReduceMin": {1}, "ReduceSum": {1},
    "ReduceProd": {1}, "ReduceL1": {1}, "ReduceL2": {1}, "ReduceLogSum": {1},
    "ReduceLogSumExp": {1}, "ReduceSumSquare": {1},
}

FLOAT, INT32, INT64 = 1, 6, 7


def generate(out):
    import onnx.backend.test.case.node as node_test
    import onnx.backend.test.cmd_tools as tools
    tools.model_test.collect_testcases = node_test.collect_testcases
    tools.generate_data(argparse.Namespace(output=out))


def nodes(graph):
    import onnx
    for n in graph.node:
        yield n
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield from nodes(a.g)
            for g in a.graphs:
                yield from nodes(g)


def elem_type(value_info):
    t = value_info.type
    return t.tensor_type.elem_type if t.HasField("tensor_type") else None


def in_scope(model):
    g = model.graph
    if model.functions:
        return False
    if any(n.domain not in ("", "ai.onnx") or n.op_type not in OPS
           for n in nodes(g)):
        return False
    if any(n.op_type == "BatchNormalization" and a.name == "training_mode"
           and a.i for n in nodes(g) for a in n.attribute):
        return False
    if any(elem_type(o) != FLOAT for o in g.output):
        return False
    consumers = collections.defaultdict(list)
    for n in g.node:
        for k, name in enumerate(n.input):
            consumers[name].append((n.op_type, k))
    initializers = {t.name for t in g.initializer}
    for i in g.input:
        t = elem_type(i)
        if i.name in initializers or t == FLOAT:
            continue
        uses = consumers[i.name]
        if t not in (INT32, INT64) or not uses or not all(
                k in SHAPE_SLOTS.get(op, set()) for op, k in uses):
            return False
    return True


def select(root):
    import onnx
    base = os.path.join(root, "node")
    for name in sorted(os.listdir(base)):
        path = os.path.join(base, name, "model.onnx")
        if os.path.exists(path) and in_scope(onnx.load(path)):
            print(f"node/{name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["generate", "select"])
    ap.add_argument("dir")
    args = ap.parse_args()
    if args.command == "generate":
        generate(args.dir)
    else:
        select(args.dir)


if __name__ == "__main__":
    sys.exit(main())
