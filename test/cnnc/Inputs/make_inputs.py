#!/usr/bin/python3
"""Makes the .npy inputs of the driver tests and the reference output of
conv.onnx (a 3x3/2 SAME_UPPER convolution, a copy of
../../Frontend/Onnx/Inputs/conv_same_upper.onnx) computed with a naive loop,
independently of cnnc. Needs Debian's python3-numpy and python3-onnx; run it
from this folder to regenerate the committed files."""
import numpy as np
import onnx
from onnx import numpy_helper

rng = np.random.default_rng(7)
x = rng.standard_normal((1, 2, 8, 8)).astype(np.float32)
np.save("conv_x.npy", x)
np.save("conv_x_f64.npy", x.astype(np.float64))
np.save("conv_x_wrong_shape.npy",
        rng.standard_normal((1, 2, 8, 7)).astype(np.float32))
raw = open("conv_x.npy", "rb").read()
open("conv_x_truncated.npy", "wb").write(raw[:-10])
open("not_npy.npy", "wb").write(b"hello world, not a numpy file at all")



def npy_with_header(header):
    """A version 1.0 .npy file of just `header` (found by fuzzing: readers
    must not look past the header's end or trust its shape)."""
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header


open("header_cut.npy", "wb").write(npy_with_header(b"{'descr':"))
open("huge_shape.npy", "wb").write(npy_with_header(
    b"{'descr': '<i8', 'fortran_order': False, "
    b"'shape': (286688, 366666666666666666), }\n"))

# SAME_UPPER, stride 2, kernel 3 on 8: output 4, total padding 1, at the end.
w = numpy_helper.to_array(onnx.load("conv.onnx").graph.initializer[0])
xp = np.zeros((1, 2, 9, 9), np.float64)
xp[:, :, :8, :8] = x
y = np.zeros((1, 3, 4, 4), np.float64)
for m in range(3):
    for oh in range(4):
        for ow in range(4):
            for c in range(2):
                for kh in range(3):
                    for kw in range(3):
                        y[0, m, oh, ow] += (xp[0, c, oh * 2 + kh, ow * 2 + kw]
                                            * w[m, c, kh, kw])
np.save("conv_y_ref.npy", y.astype(np.float32))
