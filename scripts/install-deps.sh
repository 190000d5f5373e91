#!/usr/bin/env bash
# Installs cnnc's build and test dependencies from Debian's package archive.
# Idempotent: re-running only installs what is missing. Needs root (or sudo).
set -euo pipefail

PKGS=(
  cmake ninja-build g++ python3 python3-numpy
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22 libomp-22-dev
  libonnx-dev libonnx-testdata python3-onnx libprotobuf-dev protobuf-compiler
  libbenchmark-dev libgtest-dev libdnnl-dev libclang-rt-22-dev
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
