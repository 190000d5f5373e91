#!/usr/bin/python3
"""write_safetensors.py OUT NAME=SHAPE... : a float32 .safetensors file whose
k-th tensor holds k + 0.5 * index (for the --weights tests)."""
import json
import struct
import sys

import numpy as np

out, specs = sys.argv[1], sys.argv[2:]
header, blobs, offset = {}, [], 0
for k, spec in enumerate(specs):
    name, shape = spec.split("=")
    dims = [int(d) for d in shape.split("x")]
    data = (k + 0.5 * np.arange(int(np.prod(dims)))).astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": dims,
                    "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
