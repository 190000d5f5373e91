#!/usr/bin/env bash
# Whole-model latency of cnnc vs ONNX Runtime, OpenVINO and PyTorch, in one
# run on this machine (see benchmarks/README.md).
#
#   benchmarks/compare-models.sh [--models resnet18,vgg16] [--threads 1,2]
#                                [--runs 20] [--rounds 3] [--out DIR]
#
# Makes (once) a virtual environment with the peers pinned from PyPI; torch
# and torchvision come from Debian (python3-torch), installed here if
# missing. Needs a built tree (scripts/build.sh); BUILD_DIR overrides build/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
venv="${CNNC_BENCH_VENV:-$build/bench-venv}"
out="$build/model-bench"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

for tool in "$build/bin/cnnc" "$build/bin/cnnc-fma-peak"; do
  if [ ! -x "$tool" ]; then
    echo "compare-models: $tool is missing; run scripts/build.sh first" >&2
    exit 1
  fi
done

missing=()
for p in python3-venv python3-torch python3-torchvision python3-onnx python3-numpy time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv"
fi
# numpy 1.x: Debian's torch 1.13 is built against it.
"$venv/bin/pip" install --quiet numpy==1.26.4 onnxruntime==1.23.2 openvino==2025.4.0 \
  matplotlib==3.9.2

exec "$venv/bin/python" "$root/benchmarks/models/compare_models.py" \
  --cnnc "$build/bin/cnnc" --fma-peak "$build/bin/cnnc-fma-peak" --out "$out" "${args[@]}"
