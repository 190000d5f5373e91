#!/usr/bin/env bash
# Builds the compiler (cnnc, cnn-opt, the test tools) with ASan + UBSan in
# build-sanitize/ (clang-22) and runs the whole test suite with it: every
# model the tests compile goes through the instrumented compiler. The
# runtime linked into the artifacts stays uninstrumented.
#
#   scripts/sanitize.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SANITIZE_BUILD_DIR:-$root/build-sanitize}"
# The sanitizer runtimes of Debian's clang-22.
"$root/scripts/clang-rt.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DCNNC_SANITIZE=ON \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit > "$build.configure.log"
ninja -C "$build"
# Leaks at exit are LLVM's and MLIR's global state, not errors.
# allow_user_poisoning=0: the LLVM and MLIR headers poison their allocators'
# memory in our (instrumented) code while libMLIR.so, not instrumented,
# writes it: false reports.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allow_user_poisoning=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build" && ctest --output-on-failure
