#!/usr/bin/env bash
# Builds cnnc with Debian's default compiler (g++ / gcc, what a plain
# `cmake` picks) in build-gcc/ and runs the whole test suite with it: g++
# and clang warn about different things and each build has caught undefined
# behaviour the other passed by luck.
#
#   scripts/gcc-build.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GCC_BUILD_DIR:-$root/build-gcc}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit > "$build.configure.log"
ninja -C "$build"
cd "$build" && ctest --output-on-failure
