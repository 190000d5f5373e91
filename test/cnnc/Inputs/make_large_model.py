#!/usr/bin/python3
"""make_large_model.py DIR: writes DIR/large.onnx, a Gemm y = x W whose
weight W [25000, 25000] (2.5 GB, past what 32-bit offsets reach) is ONNX
external data in DIR/large.weights, with an input DIR/x.npy and the expected
output DIR/y_ref.npy (computed in float64, block by block). Made at test
time, never committed."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

out = sys.argv[1]
K = N = 25000
ROWS = 1000  # rows of W per block: 100 MB
rng = np.random.default_rng(7)
x = rng.uniform(-1, 1, size=(1, K)).astype(np.float32)
y = np.zeros((1, N), dtype=np.float64)
with open(os.path.join(out, "large.weights"), "wb") as f:
    for r in range(0, K, ROWS):
        block = rng.uniform(-0.01, 0.01, size=(ROWS, N)).astype(np.float32)
        f.write(block.tobytes())
        y += x[:, r:r + ROWS].astype(np.float64) @ block.astype(np.float64)

w = TensorProto()
w.name = "W"
w.data_type = TensorProto.FLOAT
w.dims.extend([K, N])
w.data_location = TensorProto.EXTERNAL
for key, value in (("location", "large.weights"), ("offset", "0"),
                   ("length", str(K * N * 4))):
    entry = w.external_data.add()
    entry.key, entry.value = key, value
graph = helper.make_graph(
    [helper.make_node("Gemm", ["x", "W"], ["y"])], "large",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, K])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, N])], [w])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
with open(os.path.join(out, "large.onnx"), "wb") as f:
    f.write(model.SerializeToString())
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "y_ref.npy"), y.astype(np.float32))
