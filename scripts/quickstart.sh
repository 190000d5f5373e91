#!/usr/bin/env bash
# From a fresh Debian 12 machine: installs the dependencies, builds cnnc and
# runs the LeNet-5 example through shape inference and canonicalization.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build="${BUILD_DIR:-$root/build}"
echo "== examples/lenet5.mlir after cnn-infer-shapes and canonicalize =="
"$build/bin/cnn-opt" "$root/examples/lenet5.mlir" --cnn-infer-shapes --canonicalize
