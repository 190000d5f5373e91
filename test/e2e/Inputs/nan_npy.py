#!/usr/bin/python3
"""nan_npy.py IN.npy OUT.npy: IN with NaN at two pixels (all channels) of
the first image: (2, 3) and (7, 7)."""
import sys
import numpy as np

x = np.load(sys.argv[1])
x[0, :, 2, 3] = np.nan
x[0, :, 7, 7] = np.nan
np.save(sys.argv[2], x)
