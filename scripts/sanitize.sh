#!/usr/bin/env bash
# Builds the compiler (cnnc, cnn-opt, the test tools) and the runtime with
# ASan + UBSan in build-sanitize/ (clang-22) and runs the whole test suite
# with it: every model the tests compile goes through the instrumented
# compiler, and every executable and shared library it links carries the
# sanitizers too (the runtime's .npy reader, thread pool and entry point,
# and the generated code around them). LeakSanitizer is on for all of them.
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
# allow_user_poisoning=0: the LLVM and MLIR headers poison their allocators'
# memory in our (instrumented) code while libMLIR.so, not instrumented,
# writes it: false reports.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allow_user_poisoning=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build" && ctest --output-on-failure
