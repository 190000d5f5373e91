#!/usr/bin/env bash
# From a fresh Debian 12 machine: installs the dependencies, builds cnnc (and
# with it examples/run_lenet5, a C program linking LeNet-5 compiled from
# examples/lenet5.cnn), runs it, then compiles an ONNX model to an executable
# and runs that.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build="${BUILD_DIR:-$root/build}"
echo "== examples/run_lenet5 (C program + lenet5.o/.h compiled by cnnc) =="
"$build/examples/run_lenet5"
echo "== cnnc test/models/resnet_narrow.onnx -o $build/resnet_narrow =="
"$build/bin/cnnc" "$root/test/models/resnet_narrow.onnx" -o "$build/resnet_narrow"
"$build/resnet_narrow" --info
"$build/resnet_narrow" --input "$root/test/models/resnet_narrow.input0.npy" \
  --output "$build/resnet_narrow.out.npy"
"$build/resnet_narrow" --bench 10
