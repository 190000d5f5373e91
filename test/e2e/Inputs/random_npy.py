#!/usr/bin/python3
"""random_npy.py OUT.npy "D0, D1, ...": standard-normal float32 data, seed 7."""
import sys
import numpy as np

shape = [int(d) for d in sys.argv[2].split(",")]
np.save(sys.argv[1], np.random.default_rng(7).standard_normal(shape).astype(np.float32))
