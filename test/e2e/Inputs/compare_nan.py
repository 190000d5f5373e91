#!/usr/bin/python3
"""compare_nan.py GOT WANT: 'match' when both have NaN at the same places
(at least one) and the other values agree to 1e-4."""
import sys
import numpy as np

got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
same = np.array_equal(np.isnan(got), np.isnan(want))
finite = ~np.isnan(want)
if not same or not np.isnan(want).any() or not np.allclose(
        got[finite], want[finite], rtol=1e-4, atol=1e-5):
    print(f"mismatch: NaN places equal {same}, NaNs {np.isnan(got).sum()} "
          f"vs {np.isnan(want).sum()}")
    sys.exit(1)
print("match")
