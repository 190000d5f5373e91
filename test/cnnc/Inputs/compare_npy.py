#!/usr/bin/python3
"""compare_npy.py GOT WANT [RTOL]: exits 0 and prints 'match' when the arrays
have equal shape and dtype and |got - want| <= 1e-5 + rtol |want|."""
import sys
import numpy as np

got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
if got.shape != want.shape or got.dtype != want.dtype:
    print(f"mismatch: {got.dtype}{got.shape} vs {want.dtype}{want.shape}")
    sys.exit(1)
err = np.max(np.abs(got.astype(np.float64) - want)) if got.size else 0.0
if not np.allclose(got, want, rtol=rtol, atol=1e-5):
    print(f"mismatch: max abs error {err}")
    sys.exit(1)
print("match")
