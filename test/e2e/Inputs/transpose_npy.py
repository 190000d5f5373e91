#!/usr/bin/python3
"""transpose_npy.py IN.npy OUT.npy P0,P1,...: OUT = IN transposed by the
permutation when IN has as many dimensions, else IN unchanged."""
import sys
import numpy as np

x = np.load(sys.argv[1])
perm = [int(p) for p in sys.argv[3].split(",")]
np.save(sys.argv[2], np.ascontiguousarray(x.transpose(perm)) if x.ndim == len(perm) else x)
