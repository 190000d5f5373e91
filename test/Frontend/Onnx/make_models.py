#!/usr/bin/python3
"""Builds the small ONNX models the importer's lit tests read.

Run it with Debian's Python, which has the `onnx` (1.12) and `numpy` modules:

    /usr/bin/python3 test/Frontend/Onnx/make_models.py

It regenerates *all* the files in test/Frontend/Onnx/Inputs/ (models, the
external-data side files and the tensors for --bind) and removes nothing else.
The output is deterministic (fixed seeds, fixed producer fields), so running
it again on an unchanged script leaves `git status` clean.

The models are built with `onnx.helper` and pass `onnx.checker`. The
malformed models cnnc must reject are made by ../Malformed/make_malformed.py
(it uses the helpers here).
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Inputs")

F = TensorProto.FLOAT
I64 = TensorProto.INT64


def weights(name, shape, seed, scale=1.0):
    """A float32 initializer with fixed pseudo-random values in
    [-scale, scale]."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
    return numpy_helper.from_array(
        np.round(values * np.float32(scale), 4 if scale < 1 else 3), name)


def ints(name, values, shape=None):
    """An int64 initializer."""
    array = np.array(values, dtype=np.int64)
    if shape is not None:
        array = array.reshape(shape)
    return numpy_helper.from_array(array, name)


def floats(name, values, shape=None):
    """A float32 initializer with given values."""
    array = np.array(values, dtype=np.float32)
    if shape is not None:
        array = array.reshape(shape)
    return numpy_helper.from_array(array, name)


def tensor(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def model(graph_name, nodes, inputs, outputs, inits=(), opset=13):
    graph = helper.make_graph(nodes, graph_name, inputs, outputs,
                              initializer=list(inits))
    m = helper.make_model(graph, producer_name="cnnc-make-models",
                          opset_imports=[helper.make_opsetid("", opset)])
    # Pin the IR version so a newer onnx module does not change the bytes.
    m.ir_version = 8 if opset >= 13 else (4 if opset >= 9 else 3)
    return m


def save(m, name, check=True):
    if check:
        onnx.checker.check_model(m)
    path = os.path.join(OUT, name)
    onnx.save(m, path)
    return path


#===----------------------------------------------------------------------===#
# Positive models
#===----------------------------------------------------------------------===#


def convnet():
    """conv+bias+relu+maxpool+flatten+gemm+softmax, opset 13."""
    nodes = [
        helper.make_node("Conv", ["image", "conv_w", "conv_b"], ["c1"],
                         name="conv1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p1"], ["f1"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f1", "fc_w", "fc_b"], ["logits"],
                         name="fc", transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], name="softmax",
                         axis=1),
    ]
    inits = [weights("conv_w", [4, 3, 3, 3], 1), weights("conv_b", [4], 2),
             weights("fc_w", [10, 64], 3), weights("fc_b", [10], 4)]
    return model("convnet", nodes, [tensor("image", [1, 3, 8, 8])],
                 [tensor("probs", [1, 10])], inits)


def conv_same_upper():
    # Output ceil(8 / 2) = 4, total padding (4 - 1) * 2 + 3 - 8 = 1: the odd
    # element goes at the end.
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_same",
                              auto_pad="SAME_UPPER", strides=[2, 2],
                              kernel_shape=[3, 3])]
    return model("conv_same_upper", nodes, [tensor("x", [1, 2, 8, 8])],
                 [tensor("y", [1, 3, 4, 4])], [weights("w", [3, 2, 3, 3], 5)])


def conv_depthwise():
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["y"], name="dw",
                              group=4, kernel_shape=[3, 3],
                              pads=[1, 1, 1, 1])]
    return model("conv_depthwise", nodes, [tensor("x", [1, 4, 6, 6])],
                 [tensor("y", [1, 4, 6, 6])],
                 [weights("w", [4, 1, 3, 3], 6), weights("b", [4], 7)])


def conv_transpose():
    # 2 * (4 - 1) + 3 = 9 without padding; output_shape 8x8 asks for one
    # row/column less.
    nodes = [helper.make_node("ConvTranspose", ["x", "w"], ["y"],
                              name="deconv", strides=[2, 2],
                              kernel_shape=[3, 3], output_shape=[8, 8])]
    return model("conv_transpose", nodes, [tensor("x", [1, 2, 4, 4])],
                 [tensor("y", [1, 3, 8, 8])], [weights("w", [2, 3, 3, 3], 8)])


def maxpool_unpool():
    nodes = [
        helper.make_node("MaxPool", ["x"], ["pooled", "indices"], name="pool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("MaxUnpool", ["pooled", "indices"], ["y"],
                         name="unpool", kernel_shape=[2, 2], strides=[2, 2]),
    ]
    return model("maxpool_unpool", nodes, [tensor("x", [1, 2, 4, 4])],
                 [tensor("y", [1, 2, 4, 4])])


def resize_scales():
    nodes = [helper.make_node("Resize", ["x", "", "scales"], ["y"],
                              name="upsample_linear", mode="linear",
                              coordinate_transformation_mode="half_pixel")]
    return model("resize_scales", nodes, [tensor("x", [1, 2, 3, 3])],
                 [tensor("y", [1, 2, 6, 6])],
                 [floats("scales", [1.0, 1.0, 2.0, 2.0])])


def resize_sizes():
    nodes = [helper.make_node("Resize", ["x", "", "", "sizes"], ["y"],
                              name="resize_nearest", mode="nearest",
                              coordinate_transformation_mode="asymmetric",
                              nearest_mode="floor")]
    return model("resize_sizes", nodes, [tensor("x", [1, 2, 3, 3])],
                 [tensor("y", [1, 2, 5, 7])], [ints("sizes", [1, 2, 5, 7])])


def upsample_opset9():
    nodes = [helper.make_node("Upsample", ["x", "scales"], ["y"],
                              name="upsample", mode="nearest")]
    return model("upsample_opset9", nodes, [tensor("x", [1, 2, 3, 3])],
                 [tensor("y", [1, 2, 6, 6])],
                 [floats("scales", [1.0, 1.0, 2.0, 2.0])], opset=9)


def clip_inputs():
    nodes = [helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="relu6")]
    return model("clip_inputs", nodes, [tensor("x", [1, 4, 2, 2])],
                 [tensor("y", [1, 4, 2, 2])],
                 [floats("lo", 0.0, shape=[]), floats("hi", 6.0, shape=[])])


def clip_opset6():
    nodes = [helper.make_node("Clip", ["x"], ["y"], name="clip_attrs",
                              min=-1.0, max=1.0)]
    return model("clip_opset6", nodes, [tensor("x", [1, 4, 2, 2])],
                 [tensor("y", [1, 4, 2, 2])], opset=6)


def dropout():
    """Opset-12 Dropout with a mask output that is also a graph output."""
    nodes = [
        helper.make_node("Dropout", ["x", "ratio"], ["d", "mask"],
                         name="drop"),
        helper.make_node("Relu", ["d"], ["y"], name="relu"),
    ]
    return model("dropout", nodes, [tensor("x", [1, 8])],
                 [tensor("y", [1, 8]), tensor("mask", [1, 8], TensorProto.BOOL)],
                 [floats("ratio", 0.5, shape=[])], opset=12)


def identity():
    nodes = [
        helper.make_node("Identity", ["x"], ["i1"], name="id_in"),
        helper.make_node("Relu", ["i1"], ["r"], name="relu"),
        helper.make_node("Identity", ["r"], ["y"], name="id_out"),
    ]
    return model("identity", nodes, [tensor("x", [1, 8])],
                 [tensor("y", [1, 8])])


def shape_subgraph():
    """PyTorch's x.view(x.size(0), -1): Shape->Gather->Unsqueeze->Concat."""
    nodes = [
        helper.make_node("Shape", ["x"], ["shape"], name="Shape_0"),
        helper.make_node("Constant", [], ["zero"], name="Constant_1",
                         value=numpy_helper.from_array(
                             np.array(0, dtype=np.int64))),
        helper.make_node("Gather", ["shape", "zero"], ["batch"],
                         name="Gather_2", axis=0),
        helper.make_node("Unsqueeze", ["batch", "axes0"], ["batch1"],
                         name="Unsqueeze_3"),
        helper.make_node("Constant", [], ["minus1"], name="Constant_4",
                         value=numpy_helper.from_array(
                             np.array([-1], dtype=np.int64))),
        helper.make_node("Concat", ["batch1", "minus1"], ["new_shape"],
                         name="Concat_5", axis=0),
        helper.make_node("Reshape", ["x", "new_shape"], ["flat"],
                         name="Reshape_6"),
        helper.make_node("Relu", ["flat"], ["y"], name="Relu_7"),
    ]
    return model("shape_subgraph", nodes, [tensor("x", [2, 4, 2, 3])],
                 [tensor("y", [2, 24])], [ints("axes0", [0])])


def channel_shuffle():
    """ShuffleNet's channel shuffle with 2 groups of 3 channels."""
    nodes = [
        helper.make_node("Reshape", ["x", "s1"], ["r1"], name="split_groups"),
        helper.make_node("Transpose", ["r1"], ["t"], name="swap_groups",
                         perm=[0, 2, 1, 3, 4]),
        helper.make_node("Reshape", ["t", "s2"], ["y"], name="merge_groups"),
    ]
    return model("channel_shuffle", nodes, [tensor("x", [1, 6, 2, 2])],
                 [tensor("y", [1, 6, 2, 2])],
                 [ints("s1", [1, 2, 3, 2, 2]), ints("s2", [1, -1, 2, 2])])


def split():
    nodes = [
        helper.make_node("Split", ["x", "sizes"], ["a", "b"],
                         name="split_sizes", axis=1),
        helper.make_node("Split", ["x"], ["e0", "e1", "e2"],
                         name="split_equal", axis=1),
    ]
    return model("split", nodes, [tensor("x", [1, 6, 4, 4])],
                 [tensor("a", [1, 2, 4, 4]), tensor("b", [1, 4, 4, 4]),
                  tensor("e0", [1, 2, 4, 4]), tensor("e1", [1, 2, 4, 4]),
                  tensor("e2", [1, 2, 4, 4])],
                 [ints("sizes", [2, 4])])


def squeeze_unsqueeze():
    nodes = [
        helper.make_node("Squeeze", ["x", "sq_axes"], ["s"], name="squeeze"),
        helper.make_node("Unsqueeze", ["s", "unsq_axes"], ["y"],
                         name="unsqueeze"),
    ]
    return model("squeeze_unsqueeze", nodes, [tensor("x", [1, 3, 1, 4])],
                 [tensor("y", [1, 3, 4, 1])],
                 [ints("sq_axes", [0, 2]), ints("unsq_axes", [0, -1])])


def pad_reflect():
    nodes = [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad",
                              mode="reflect")]
    return model("pad_reflect", nodes, [tensor("x", [1, 2, 4, 4])],
                 [tensor("y", [1, 2, 6, 8])],
                 [ints("pads", [0, 0, 1, 2, 0, 0, 1, 2])])


def pad_wrap():
    """Pad in wrap mode (opset 19), pads larger than the dimension on one
    side; the reference output is numpy's np.pad(mode="wrap")."""
    nodes = [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad",
                              mode="wrap")]
    return model("pad_wrap", nodes, [tensor("x", [1, 2, 3, 4])],
                 [tensor("y", [1, 2, 7, 7])],
                 [ints("pads", [0, 0, 3, 1, 0, 0, 1, 2])], opset=19)


def reshape_bind():
    """Reshape whose shape is a graph input (needs --bind target_shape=...)."""
    nodes = [helper.make_node("Reshape", ["x", "target_shape"], ["y"],
                              name="reshape")]
    m = model("reshape_bind", nodes,
              [tensor("x", [1, 2, 3, 4]), tensor("target_shape", [2], I64)],
              [tensor("y", [1, 24])])
    shape = np.array([1, 24], dtype=np.int64)
    np.save(os.path.join(OUT, "reshape_bind_shape.npy"), shape)
    pb = numpy_helper.from_array(np.array([4, 6], dtype=np.int64),
                                 "target_shape")
    with open(os.path.join(OUT, "reshape_bind_shape.pb"), "wb") as f:
        f.write(pb.SerializeToString())
    # A file with the wrong shape for the input ([3] instead of [2]).
    np.save(os.path.join(OUT, "reshape_bind_bad_shape.npy"),
            np.array([1, 2, 12], dtype=np.int64))
    return m


def symbolic_batch():
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model("symbolic_batch", nodes, [tensor("x", ["N", 3, 4, 4])],
                 [tensor("y", ["N", 3, 4, 4])])


def external_data(opset=17):
    """Weights in a side file: a small tensor (imported as a dense literal)
    and one of 4 KiB (imported as a resource blob aliasing the file)."""
    nodes = [
        helper.make_node("Conv", ["x", "ext_w1", "ext_b1"], ["h"],
                         name="conv_small", kernel_shape=[1, 1]),
        helper.make_node("Conv", ["h", "ext_w2"], ["y"], name="conv_large",
                         kernel_shape=[1, 1]),
    ]
    return model("external_data", nodes, [tensor("x", [1, 2, 4, 4])],
                 [tensor("y", [1, 32, 4, 4])],
                 [floats("ext_w1", np.arange(64) / 64.0, shape=[32, 2, 1, 1]),
                  floats("ext_b1", np.arange(32) / -32.0),
                  weights("ext_w2", [32, 32, 1, 1], 12)], opset=opset)


def save_external(m, name):
    """Saves `m` with every initializer in `<name>.data` next to it."""
    onnx.checker.check_model(m)
    data = name.replace(".onnx", ".data")
    # onnx appends to an existing data file: start from an empty one.
    if os.path.exists(os.path.join(OUT, data)):
        os.remove(os.path.join(OUT, data))
    onnx.save_model(m, os.path.join(OUT, name), save_as_external_data=True,
                    all_tensors_to_one_file=True, location=data,
                    size_threshold=0)


def upsample_linear_opset9():
    nodes = [helper.make_node("Upsample", ["x", "scales"], ["y"],
                              name="upsample_linear", mode="linear")]
    return model("upsample_linear_opset9", nodes, [tensor("x", [1, 2, 3, 3])],
                 [tensor("y", [1, 2, 6, 6])],
                 [floats("scales", [1.0, 1.0, 2.0, 2.0])], opset=9)


def shufflenet_unit():
    """ShuffleNetV2 units after convs (NHWC inside the compiled graph): two
    convs concatenated (20 + 20 channels), a channel shuffle of 2 groups,
    the halves sliced apart, one through a 1x1 conv, concatenated again and
    shuffled with 4 groups."""
    def conv(x, w, b, out, name, k=1):
        return helper.make_node("Conv", [x, w, b], [out], name=name,
                                kernel_shape=[k, k], pads=[k // 2] * 4)

    def shuffle(x, out, tag, groups, channels):
        return [
            helper.make_node("Reshape", [x, tag + "_s1"], [tag + "_r"],
                             name=tag + "_split_groups"),
            helper.make_node("Transpose", [tag + "_r"], [tag + "_t"],
                             name=tag + "_swap", perm=[0, 2, 1, 3, 4]),
            helper.make_node("Reshape", [tag + "_t", tag + "_s2"], [out],
                             name=tag + "_merge"),
        ], [ints(tag + "_s1", [1, groups, channels // groups, 9, 7]),
            ints(tag + "_s2", [1, -1, 9, 7])]

    s1, s1_inits = shuffle("cat1", "sh1", "sh1", 2, 40)
    s2, s2_inits = shuffle("cat2", "y", "sh2", 4, 40)
    nodes = [
        conv("x", "wa", "ba", "a", "conv_a", 3),
        conv("x", "wb", "bb", "b", "conv_b"),
        helper.make_node("Concat", ["a", "b"], ["cat1"], name="cat1", axis=1),
    ] + s1 + [
        helper.make_node("Slice", ["sh1", "zero", "half", "one"], ["left"],
                         name="left"),
        helper.make_node("Slice", ["sh1", "half", "all", "one"], ["right"],
                         name="right"),
        conv("right", "wc", "bc", "c", "conv_c"),
        helper.make_node("Concat", ["left", "c"], ["cat2"], name="cat2",
                         axis=1),
    ] + s2
    inits = [
        weights("wa", [20, 8, 3, 3], 61, 0.2), weights("ba", [20], 62, 0.1),
        weights("wb", [20, 8, 1, 1], 63, 0.3), weights("bb", [20], 64, 0.1),
        weights("wc", [20, 20, 1, 1], 65, 0.2), weights("bc", [20], 66, 0.1),
        ints("zero", [0]), ints("half", [20]), ints("all", [40]),
        ints("one", [1]),
    ] + s1_inits + s2_inits
    return model("shufflenet_unit", nodes, [tensor("x", [1, 8, 9, 7])],
                 [tensor("y", [1, 40, 9, 7])], inits)


def epilogue_activations():
    """Convs followed by the activations cnn-fuse-epilogue takes from ONNX
    node chains: PRelu with per-channel and single slopes (before and after
    a residual add), GELU in torch's Erf form (both orders of the 0.5), on
    a 64-channel 3x3 conv (Winograd), direct 3x3, strided and 1x1 convs;
    channels not multiples of the vector width (48, 20)."""
    def gelu(x, out, tag, half_first=False):
        nodes = [
            helper.make_node("Div", [x, "sqrt2"], [tag + "_d"], name=tag + "_div"),
            helper.make_node("Erf", [tag + "_d"], [tag + "_e"], name=tag + "_erf"),
            helper.make_node("Add", [tag + "_e", "one"], [tag + "_a"],
                             name=tag + "_add"),
        ]
        if half_first:
            nodes += [
                helper.make_node("Mul", [x, "half"], [tag + "_h"],
                                 name=tag + "_half"),
                helper.make_node("Mul", [tag + "_h", tag + "_a"], [out],
                                 name=tag + "_mul"),
            ]
        else:
            nodes += [
                helper.make_node("Mul", [x, tag + "_a"], [tag + "_m"],
                                 name=tag + "_mul"),
                helper.make_node("Mul", [tag + "_m", "half"], [out],
                                 name=tag + "_half"),
            ]
        return nodes

    def conv(x, w, b, out, name, k=3, stride=1):
        return helper.make_node("Conv", [x, w, b], [out], name=name,
                                kernel_shape=[k, k], strides=[stride, stride],
                                pads=[k // 2] * 4)

    nodes = [
        conv("x", "w1", "b1", "c1", "conv1"),
        helper.make_node("PRelu", ["c1", "s64"], ["p1"], name="prelu1"),
        conv("p1", "w2", "b2", "c2", "conv2"),
        helper.make_node("PRelu", ["c2", "s1"], ["p2"], name="prelu2"),
        conv("p2", "w3", "b3", "c3", "conv3"),
        helper.make_node("Add", ["c3", "p1"], ["a3"], name="add3"),
        helper.make_node("PRelu", ["a3", "s64"], ["p3"], name="prelu3"),
        conv("p3", "w4", "b4", "c4", "conv4", stride=2),
    ] + gelu("c4", "g4", "gelu4") + [
        conv("g4", "w5", "b5", "c5", "conv5", k=1),
    ] + gelu("c5", "g5", "gelu5", half_first=True) + [
        conv("g5", "w6", "b6", "c6", "conv6"),
        helper.make_node("PRelu", ["c6", "s20"], ["y"], name="prelu6"),
    ]
    rng = np.random.default_rng(40)
    def w(name, shape, seed):
        # Scaled by 1 / sqrt(fan-in) so activations stay O(1) through the
        # chain (the fast-vs-simple comparison is elementwise relative).
        return weights(name, shape, seed, 1.7 / np.sqrt(np.prod(shape[1:])))
    inits = [
        w("w1", [64, 16, 3, 3], 41), weights("b1", [64], 42, 0.1),
        w("w2", [64, 64, 3, 3], 43), weights("b2", [64], 44, 0.1),
        w("w3", [64, 64, 3, 3], 45), weights("b3", [64], 46, 0.1),
        w("w4", [48, 64, 3, 3], 47), weights("b4", [48], 48, 0.1),
        w("w5", [48, 48, 1, 1], 49), weights("b5", [48], 50, 0.1),
        w("w6", [20, 48, 3, 3], 51), weights("b6", [20], 52, 0.1),
        floats("s64", np.round(rng.uniform(0.0, 0.5, 64), 3), [64, 1, 1]),
        floats("s20", np.round(rng.uniform(0.0, 0.5, 20), 3), [1, 20, 1, 1]),
        floats("s1", [0.2], [1]),
        floats("sqrt2", [1.4142135623730951], []),
        floats("one", [1.0], []), floats("half", [0.5], []),
    ]
    return model("epilogue_activations", nodes, [tensor("x", [1, 16, 14, 18])],
                 [tensor("y", [1, 20, 7, 9])], inits)


def main():
    os.makedirs(OUT, exist_ok=True)

    positive = {
        "convnet.onnx": convnet,
        "conv_same_upper.onnx": conv_same_upper,
        "conv_depthwise.onnx": conv_depthwise,
        "conv_transpose.onnx": conv_transpose,
        "maxpool_unpool.onnx": maxpool_unpool,
        "resize_scales.onnx": resize_scales,
        "resize_sizes.onnx": resize_sizes,
        "upsample_opset9.onnx": upsample_opset9,
        "clip_inputs.onnx": clip_inputs,
        "clip_opset6.onnx": clip_opset6,
        "dropout.onnx": dropout,
        "identity.onnx": identity,
        "shape_subgraph.onnx": shape_subgraph,
        "channel_shuffle.onnx": channel_shuffle,
        "split.onnx": split,
        "squeeze_unsqueeze.onnx": squeeze_unsqueeze,
        "pad_reflect.onnx": pad_reflect,
        "reshape_bind.onnx": reshape_bind,
        "symbolic_batch.onnx": symbolic_batch,
        "epilogue_activations.onnx": epilogue_activations,
        "shufflenet_unit.onnx": shufflenet_unit,
    }
    for name, build in positive.items():
        save(build(), name)
    # Opset 19 is newer than Debian's onnx checker knows.
    save(pad_wrap(), "pad_wrap.onnx", check=False)
    x = np.arange(24, dtype=np.float32).reshape(1, 2, 3, 4)
    np.save(os.path.join(OUT, "pad_wrap_x.npy"), x)
    np.save(os.path.join(OUT, "pad_wrap_y.npy"),
            np.pad(x, [(0, 0), (0, 0), (3, 1), (1, 2)], mode="wrap"))

    # External data: every initializer goes to external_data.data.
    save_external(external_data(), "external_data.onnx")

    # The same weights inside the model file (imported through a skeleton
    # that refers to them in the mapped file), also through opset conversion.
    save(external_data(), "infile_data.onnx")
    save(external_data(opset=13), "infile_data_opset13.onnx")

    # The opset-13 variant goes through libonnx's version converter.
    save_external(external_data(opset=13), "external_data_opset13.onnx")
    save(upsample_linear_opset9(), "upsample_linear_opset9.onnx")


if __name__ == "__main__":
    main()
