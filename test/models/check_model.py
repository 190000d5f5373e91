#!/usr/bin/python3
"""Compile one model fixture with cnnc, run it and compare with PyTorch.

  check_model.py --cnnc build/bin/cnnc --model lenet5 --dir test/models \\
                 --work /tmp/cnnc-models

runs `cnnc DIR/NAME.onnx -o WORK/NAME`, then `WORK/NAME --input
DIR/NAME.input0.npy ... --output WORK/NAME.output0.npy ...` and compares every
output with DIR/NAME.outputK.npy (written by make_fixtures.py from PyTorch).
An output passes when shape and dtype match and

  max|got - want| <= RTOL * max|want| + ATOL      (RTOL 1e-3, ATOL 1e-5)

Exit status 0 when every output passes, 1 otherwise (including when cnnc or
the executable fails; their stderr is printed). Needs only numpy.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

import numpy as np

RTOL = 1e-3
ATOL = 1e-5


def numbered(directory, name, kind):
    """DIR/NAME.<kind>0.npy, DIR/NAME.<kind>1.npy, ... in order, no gaps."""
    pattern = re.compile(re.escape(name) + r"\." + kind + r"(\d+)\.npy$")
    found = {}
    for path in glob.glob(os.path.join(glob.escape(directory), name + "." + kind + "*.npy")):
        m = pattern.search(os.path.basename(path))
        if m:
            found[int(m.group(1))] = path
    if sorted(found) != list(range(len(found))):
        raise SystemExit("error: %s.%sK.npy files are not numbered 0..%d: %s"
                         % (name, kind, len(found) - 1, sorted(found)))
    return [found[i] for i in range(len(found))]


def run(cmd, what, timeout):
    print("+ " + " ".join(cmd), flush=True)
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        print("FAIL: %s timed out after %d s" % (what, timeout))
        return False
    except OSError as e:
        print("FAIL: could not run %s: %s" % (what, e))
        return False
    out = p.stdout.decode(errors="replace")
    err = p.stderr.decode(errors="replace")
    if p.returncode != 0:
        if out.strip():
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
        if err.strip():
            sys.stdout.write(err if err.endswith("\n") else err + "\n")
        status = ("killed by signal %d" % -p.returncode if p.returncode < 0
                  else "exit status %d" % p.returncode)
        print("FAIL: %s failed (%s)" % (what, status))
        return False
    return True


def compare(index, got_path, want_path):
    want = np.load(want_path)
    try:
        got = np.load(got_path)
    except Exception as e:  # missing or unreadable output
        print("output %d: FAIL: cannot read %s: %s" % (index, got_path, e))
        return False
    if got.shape != want.shape or got.dtype != want.dtype:
        print("output %d: FAIL: got %s %s, want %s %s" % (
            index, got.dtype, got.shape, want.dtype, want.shape))
        return False
    if want.size == 0:
        print("output %d: PASS (empty %s)" % (index, want.shape))
        return True
    g = got.astype(np.float64)
    w = want.astype(np.float64)
    tol = RTOL * float(np.max(np.abs(w))) + ATOL
    if not np.all(np.isfinite(g)):
        print("output %d: FAIL: %d non-finite value(s) in %s; tolerance %.3g" % (
            index, int(np.sum(~np.isfinite(g))), got.shape, tol))
        return False
    diff = np.abs(g - w)
    err = float(np.max(diff))
    ok = err <= tol
    where = np.unravel_index(int(np.argmax(diff)), diff.shape)
    print("output %d: %s %s: max abs error %.3g (at %s: got %.6g want %.6g), "
          "tolerance %.3g, max|want| %.3g" % (
              index, "PASS" if ok else "FAIL", want.shape, err, list(where),
              g[where], w[where], tol, float(np.max(np.abs(w)))))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cnnc", required=True, help="the cnnc compiler")
    ap.add_argument("--model", required=True, help="fixture name, e.g. lenet5")
    ap.add_argument("--dir", required=True, help="folder with NAME.onnx and the .npy files")
    ap.add_argument("--work", required=True, help="scratch folder for the executable and outputs")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per command")
    ap.add_argument("--source", help="the model to compile (default DIR/NAME.onnx; "
                    "a .cnn file for the .cnn front end)")
    ap.add_argument("--weights", help="passed to cnnc as --weights (.cnn models)")
    args = ap.parse_args()

    name = args.model
    onnx_path = args.source or os.path.join(args.dir, name + ".onnx")
    if not os.path.isfile(onnx_path):
        print("FAIL: no model %s" % onnx_path)
        return 1
    inputs = numbered(args.dir, name, "input")
    wants = numbered(args.dir, name, "output")
    if not wants:
        print("FAIL: no %s.output0.npy in %s" % (name, args.dir))
        return 1

    os.makedirs(args.work, exist_ok=True)
    exe = os.path.join(os.path.abspath(args.work), name)
    gots = [os.path.join(args.work, "%s.output%d.npy" % (name, i)) for i in range(len(wants))]
    for path in [exe] + gots:
        if os.path.exists(path):
            os.remove(path)

    compile_cmd = [args.cnnc, onnx_path, "-o", exe]
    if args.weights:
        compile_cmd += ["--weights", args.weights]
    if not run(compile_cmd, "cnnc", args.timeout):
        print("%s: FAIL (compile)" % name)
        return 1
    cmd = [exe]
    for path in inputs:
        cmd += ["--input", path]
    for path in gots:
        cmd += ["--output", path]
    if not run(cmd, name, args.timeout):
        print("%s: FAIL (run)" % name)
        return 1

    ok = True
    for i, (got, want) in enumerate(zip(gots, wants)):
        ok = compare(i, got, want) and ok
    print("%s: %s" % (name, "PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
