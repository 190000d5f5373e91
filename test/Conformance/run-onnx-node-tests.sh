#!/usr/bin/env bash
# run-onnx-node-tests.sh RUNNER BUILD_DIR
#
# The second conformance list: the node backend tests of the current ONNX
# release (onnx 1.23.2 from PyPI, opsets up to 28), next to the Debian
# libonnx-testdata list (onnx 1.12). Makes a venv with the pinned onnx once
# (BUILD_DIR/onnx-node-venv, or $CNNC_ONNX_VENV), generates its node tests
# once (BUILD_DIR/onnx-1.23-node-tests), checks that the committed list is
# what onnx-node-tests.py's selection rules pick, and runs RUNNER
# (cnnc-onnx-conformance) on it. Exits 77 - ctest's "skipped" - saying why
# when the venv cannot be made (no network to PyPI).
set -euo pipefail
runner=$1
build=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv="${CNNC_ONNX_VENV:-$build/onnx-node-venv}"
data="$build/onnx-1.23-node-tests"
list="$here/onnx-1.23-conformance.txt"

if ! "$venv/bin/python" -c 'import onnx, sys; sys.exit(onnx.__version__ != "1.23.2")' 2>/dev/null; then
  rm -rf "$venv"
  if ! { /usr/bin/python3 -m venv "$venv" &&
         "$venv/bin/pip" install --quiet --disable-pip-version-check \
           onnx==1.23.2 numpy==1.26.4; }; then
    echo "onnx-conformance-1.23: skipped: cannot make a venv with onnx 1.23.2 from PyPI (offline?)"
    exit 77
  fi
fi
if [ ! -f "$data/.complete" ]; then
  rm -rf "$data"
  "$venv/bin/python" -W ignore "$here/onnx-node-tests.py" generate "$data" >/dev/null
  touch "$data/.complete"
fi
if ! "$venv/bin/python" "$here/onnx-node-tests.py" select "$data" | diff -u "$list" -; then
  echo "onnx-conformance-1.23: $list is not what the selection rules pick (regenerate it with onnx-node-tests.py select)"
  exit 1
fi
exec "$runner" --data "$data" --list "$list" --xfail "$here/onnx-1.23-conformance-xfail.txt"
