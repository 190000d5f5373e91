#!/usr/bin/python3
"""Builds the malformed ONNX models cnnc must reject (errors.test checks the
exact message of each): one or more per class of bad input -- bad window
attributes (zero, negative), initializers whose data does not match their
shape or type, bad external data (missing, outside the model's folder, past
the end of its file, short), cyclic and dangling graphs, opsets out of
range, attributes of the wrong type, sizes past cnnc's limits, and files
that are not ONNX at all.

Run it with Debian's Python (onnx 1.12, numpy):

    /usr/bin/python3 test/Frontend/Onnx/Malformed/make_malformed.py

It rewrites the .onnx/.data files of this folder, deterministically. Most
models are written without onnx.checker: the point is what cnnc says.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper  # noqa: E402

import make_models  # noqa: E402
from make_models import (F, I64, external_data, floats, ints,  # noqa: E402
                         model, tensor, weights)

make_models.OUT = HERE


def save(m, name, check=False):
    return make_models.save(m, name, check=check)


def unsupported_ops():
    """Two independent unsupported ops: both must be reported."""
    nodes = [
        helper.make_node("Einsum", ["x"], ["t"], name="my_einsum",
                         equation="ij->ji"),
        helper.make_node("TopK", ["x", "k"], ["values", "indices"],
                         name="my_topk", axis=1),
    ]
    return model("unsupported_ops", nodes, [tensor("x", [4, 4])],
                 [tensor("t", [4, 4]), tensor("values", [4, 2]),
                  tensor("indices", [4, 2], I64)],
                 [ints("k", [2])])


def unknown(name, rank, elem=F):
    """A graph output of known rank whose sizes are not stated, as exporters
    write them (so libonnx's shape inference, which runs before opset
    conversion, has nothing to contradict)."""
    return tensor(name, [None] * rank, elem)


def bad_auto_pad():
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_foo",
                              auto_pad="FOO", kernel_shape=[3, 3])]
    return model("bad_auto_pad", nodes, [tensor("x", [1, 2, 5, 5])],
                 [unknown("y", 4)], [weights("w", [3, 2, 3, 3], 9)])


def uint8_relu():
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_u8")]
    return model("uint8_relu", nodes, [tensor("x", [1, 4], TensorProto.UINT8)],
                 [tensor("y", [1, 4], TensorProto.UINT8)])


def float8_relu():
    """A float8 (FLOAT8E4M3FN = 17, onnx 1.14+) graph input at opset 25: a
    type out of cnnc's scope, named in the error although Debian's onnx
    (1.12) does not know it."""
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_f8")]
    m = model("float8_relu", nodes, [tensor("x", [1, 4])],
              [tensor("y", [1, 4])], opset=25)
    m.graph.input[0].type.tensor_type.elem_type = 17
    m.graph.output[0].type.tensor_type.elem_type = 17
    return m


def missing_input(opset=13):
    nodes = [
        helper.make_node("Relu", ["x"], ["r"], name="relu_ok"),
        helper.make_node("Add", ["r", "nowhere"], ["y"], name="add_missing"),
    ]
    return model("missing_input", nodes, [tensor("x", [1, 4])],
                 [tensor("y", [1, 4])], opset=opset)


def cyclic(opset=13):
    nodes = [
        helper.make_node("Add", ["x", "b"], ["a"], name="cycle_a"),
        helper.make_node("Relu", ["a"], ["b"], name="cycle_b"),
    ]
    return model("cyclic", nodes, [tensor("x", [1, 4])],
                 [tensor("b", [1, 4])], opset=opset)


def bad_dims():
    """Two graph inputs with negative sizes (both must be reported)."""
    nodes = [
        helper.make_node("Relu", ["neg_dim"], ["y0"], name="relu0"),
        helper.make_node("Relu", ["neg_batch"], ["y1"], name="relu1"),
    ]
    return model("bad_dims", nodes,
                 [tensor("neg_dim", [1, -1, 4]), tensor("neg_batch", [-2, 3])],
                 [unknown("y0", 3), unknown("y1", 2)])


def wrong_output_shape():
    """A Relu whose declared output shape is not its input's."""
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_shape")]
    return model("wrong_output_shape", nodes, [tensor("x", [1, 3, 8, 8])],
                 [tensor("y", [1, 3, 4, 4])])


def dangling_output():
    """A graph output no node produces (found by fuzzing: libonnx's version
    converter dereferences its producer)."""
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_d")]
    return model("dangling_output", nodes, [tensor("x", [1, 3, 8, 8])],
                 [tensor("y", [1, 3, 8, 8]), tensor("q", [1, 3, 8, 8])],
                 opset=11)


def reshape_overflow():
    """A Reshape target whose size product overflows int64 (found by
    fuzzing)."""
    nodes = [helper.make_node("Reshape", ["x", "shape"], ["y"],
                              name="reshape_big")]
    return model("reshape_overflow", nodes, [tensor("x", [1, 3, 8, 8])],
                 [unknown("y", 3)],
                 [ints("shape", [134217730, 144115188075921405, -1])])


def conv_weight_rank_higher():
    """A 3-D input with a 4-D weight (found by fuzzing: libonnx's shape
    inference reads past the input's dimensions)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_rank4w")]
    return model("conv_weight_rank_higher", nodes, [tensor("x", [1, 1, 3])],
                 [unknown("y", 3)], [weights("w", [1, 1, 5, 5], 14)])


def zero_stride():
    """A Conv with stride 0 (libonnx's own shape inference divides by it)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_s0",
                              strides=[0, 1])]
    return model("zero_stride", nodes, [tensor("x", [1, 3, 8, 8])],
                 [unknown("y", 4)], [weights("w", [4, 3, 3, 3], 12)])


def huge_pads():
    """Pads near 2^62: the output size would overflow int64."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_pads",
                              pads=[4611686018427387903] * 4)]
    return model("huge_pads", nodes, [tensor("x", [1, 3, 8, 8])],
                 [unknown("y", 4)], [weights("w", [4, 3, 3, 3], 13)])


def huge_pad_input(opset=19):
    """A Pad whose pads input is near 2^62 (found by fuzz_onnx): the padded
    size would overflow int64."""
    nodes = [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad_big",
                              mode="wrap")]
    return model("huge_pad_input", nodes, [tensor("x", [1, 2, 3, 4])],
                 [unknown("y", 4)],
                 [ints("pads", [0, 0, 0, 7021674769024024577,
                                0, 0, 0, 7887041476289829491])],
                 opset=opset)


def huge_input():
    """A graph input of 2^33 x 2^33 floats."""
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_big")]
    x = tensor("x", [1, 1, 1, 1])
    # onnx.helper 1.12 stores dimensions as int32: set the int64 field.
    for d in x.type.tensor_type.shape.dim[2:]:
        d.dim_value = 8589934592
    return model("huge_input", nodes, [x], [unknown("y", 4)])


def resize_huge_scale():
    """Resize by 1e18: an output no machine can hold."""
    nodes = [helper.make_node("Resize", ["x", "", "scales"], ["y"],
                              name="resize_big", mode="nearest")]
    return model("resize_huge_scale", nodes, [tensor("x", [1, 3, 8, 8])],
                 [unknown("y", 4)],
                 [floats("scales", [1.0, 1.0, 1e18, 1e18])])


def conv_rank_mismatch(opset=17):
    """A 4-D input with a 3-D weight."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_rank")]
    return model("conv_rank_mismatch", nodes, [tensor("x", [1, 3, 8, 8])],
                 [unknown("y", 4)], [weights("w", [4, 3, 3], 10)],
                 opset=opset)


def conv_kernel_too_large():
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_big")]
    return model("conv_kernel_too_large", nodes, [tensor("x", [1, 1, 3, 3])],
                 [unknown("y", 4)], [weights("w", [1, 1, 5, 5], 11)])




def conv_attr(name, **attrs):
    """A 3x3 Conv on a 1x3x8x8 input with `attrs`."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name=name, **attrs)]
    return model(name, nodes, [tensor("x", [1, 3, 8, 8])], [unknown("y", 4)],
                 [weights("w", [4, 3, 3, 3], 12)])


def pool_attr(name, op, **attrs):
    nodes = [helper.make_node(op, ["x"], ["y"], name=name, **attrs)]
    return model(name, nodes, [tensor("x", [1, 3, 8, 8])], [unknown("y", 4)])


def with_initializer(name, edit):
    """conv_attr's model with its weight initializer changed by `edit`."""
    m = conv_attr(name, kernel_shape=[3, 3])
    edit(m.graph.initializer[0])
    return m


def short_raw(t):
    t.raw_data = t.raw_data[:8]


def counted(t):
    """float_data with fewer values than the shape needs."""
    t.ClearField("raw_data")
    t.float_data.extend([0.5] * 5)


def string_typed(t):
    t.ClearField("raw_data")
    t.data_type = TensorProto.STRING
    t.string_data.extend([b"a"] * 108)


def external(location, offset=0, length=432):
    def edit(t):
        t.ClearField("raw_data")
        t.data_location = TensorProto.EXTERNAL
        for key, value in [("location", location), ("offset", str(offset)),
                           ("length", str(length))]:
            entry = t.external_data.add()
            entry.key, entry.value = key, value
    return edit


def opset(version, domain=""):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    m = model("opset", nodes, [tensor("x", [1, 4])], [tensor("y", [1, 4])])
    del m.opset_import[:]
    m.opset_import.extend([helper.make_opsetid(domain, version)])
    return m


def float_strides():
    """Conv strides given as floats."""
    m = conv_attr("conv_float_strides", kernel_shape=[3, 3])
    m.graph.node[0].attribute.extend(
        [helper.make_attribute("strides", [1.5, 1.5])])
    return m


def string_group():
    m = conv_attr("conv_string_group", kernel_shape=[3, 3])
    m.graph.node[0].attribute.extend([helper.make_attribute("group", "two")])
    return m


def main():
    # The checker accepts these...
    save(unsupported_ops(), "unsupported_ops.onnx", check=True)
    save(conv_rank_mismatch(), "conv_rank_mismatch.onnx", check=True)
    save(conv_rank_mismatch(13), "conv_rank_mismatch_opset13.onnx",
         check=True)
    save(conv_kernel_too_large(), "conv_kernel_too_large.onnx", check=True)
    # ...the rest are malformed on purpose.
    save(uint8_relu(), "uint8_relu.onnx")
    save(float8_relu(), "float8_relu.onnx")
    save(bad_auto_pad(), "bad_auto_pad.onnx")
    save(missing_input(), "missing_input.onnx")
    save(cyclic(), "cyclic.onnx")
    save(bad_dims(), "bad_dims.onnx")
    save(zero_stride(), "zero_stride.onnx")
    save(conv_weight_rank_higher(), "conv_weight_rank_higher.onnx")
    save(reshape_overflow(), "reshape_overflow.onnx")
    save(dangling_output(), "dangling_output.onnx")
    save(wrong_output_shape(), "wrong_output_shape.onnx")
    save(huge_pads(), "huge_pads.onnx")
    save(huge_input(), "huge_input.onnx")
    save(huge_pad_input(), "huge_pad_input.onnx")
    save(huge_pad_input(13), "pad_wrap_opset13.onnx")
    save(resize_huge_scale(), "resize_huge_scale.onnx")
    # Opset 18 is imported without libonnx's checker (which knows opsets up
    # to 17), so these reach cnnc's own graph checks.
    save(missing_input(18), "missing_input_opset18.onnx")
    save(cyclic(18), "cyclic_opset18.onnx")

    # Window attributes: zero or negative.
    save(conv_attr("conv_neg_stride", strides=[-1, 1]), "neg_stride.onnx")
    save(conv_attr("conv_neg_dilation", dilations=[1, -2]),
         "neg_dilation.onnx")
    save(conv_attr("conv_zero_dilation", dilations=[0, 1]),
         "zero_dilation.onnx")
    save(conv_attr("conv_group0", group=0), "zero_group.onnx")
    save(conv_attr("conv_group5", group=5), "bad_group.onnx")
    save(conv_attr("conv_neg_pads", pads=[-1, 0, 0, 0]), "neg_pads.onnx")
    save(pool_attr("pool_k0", "MaxPool", kernel_shape=[0, 3]),
         "zero_kernel.onnx")
    save(pool_attr("pool_kneg", "AveragePool", kernel_shape=[-2, 2]),
         "neg_kernel.onnx")
    save(pool_attr("pool_nokernel", "MaxPool"), "no_kernel.onnx")
    save(pool_attr("pool_s0", "MaxPool", kernel_shape=[2, 2], strides=[2, 0]),
         "pool_zero_stride.onnx")

    # Initializers whose data does not match their shape or type.
    save(with_initializer("conv_short_raw", short_raw), "short_raw.onnx")
    save(with_initializer("conv_few_values", counted), "few_values.onnx")
    save(with_initializer("conv_string_weight", string_typed),
         "string_weight.onnx")

    # External data.
    with open(os.path.join(HERE, "malformed.data"), "wb") as f:
        f.write(bytes(range(64)))
    save(with_initializer("ext_missing", external("nowhere.data")),
         "external_missing.onnx")
    save(with_initializer("ext_outside", external("../Inputs/external_data.data")),
         "external_outside.onnx")
    save(with_initializer("ext_absolute", external("/etc/passwd")),
         "external_absolute.onnx")
    save(with_initializer("ext_past_end", external("malformed.data", 32)),
         "external_past_end.onnx")
    save(with_initializer("ext_short", external("malformed.data", 0, 64)),
         "external_short.onnx")
    bad_offset = with_initializer("ext_bad_offset", external("malformed.data"))
    bad_offset.graph.initializer[0].external_data[1].value = "12x"
    save(bad_offset, "external_bad_offset.onnx")

    # Opsets out of range.
    save(opset(99), "opset_too_new.onnx")
    save(opset(0), "opset_zero.onnx")
    save(opset(1, "com.example"), "no_default_opset.onnx")

    # Attributes of the wrong type.
    # (Opset 18 skips libonnx's checker: cnnc's own check names the type.)
    save(float_strides(), "float_strides.onnx")
    save(string_group(), "string_group.onnx")
    m = float_strides()
    m.opset_import[0].version = 18
    save(m, "float_strides_opset18.onnx")

    # Not ONNX: the first half of a valid model's bytes, and a text file.
    data = make_models.convnet().SerializeToString()
    with open(os.path.join(HERE, "truncated.onnx"), "wb") as f:
        f.write(data[:len(data) // 2])
    with open(os.path.join(HERE, "text.onnx"), "w") as f:
        f.write("conv 16 3x3\n")


if __name__ == "__main__":
    main()
