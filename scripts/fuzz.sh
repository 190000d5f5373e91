#!/usr/bin/env bash
# Builds cnnc's libFuzzer targets with ASan + UBSan (in build-fuzz/, clang-22)
# and runs each for SECONDS (default 60) from seed corpora taken from the
# test tree. Crashes land in build-fuzz/fuzz-artifacts/<target>/; the script
# exits non-zero if any target found one.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      TARGET: cnn_format onnx weights
#
# Add every crash input to the tests (as a malformed-input case) once fixed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(cnn_format onnx weights)

# The sanitizer and libFuzzer runtimes of Debian's clang-22.
"$root/scripts/clang-rt.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DCNNC_FUZZ=ON \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit > "$build.configure.log"
ninja -C "$build" $(printf 'fuzz_%s ' "${targets[@]}")

seed() { # seed TARGET FILES...: copy the seeds into the corpus
  local dir="$build/fuzz-corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" || true; done
}
seed cnn_format "$root"/examples/*.cnn "$root"/test/e2e/Inputs/*.cnn \
  "$root"/test/cnnc/Inputs/*.cnn "$root"/test/Frontend/Cnn/*.cnn
seed onnx "$root"/test/Frontend/Onnx/Inputs/*.onnx \
  "$root"/test/Frontend/Onnx/Malformed/*.onnx "$root"/test/models/*.onnx
# weights: one selector byte (0: compiler .npy, 1: runtime .npy,
# 2: .safetensors) before the file.
mkdir -p "$build/fuzz-corpus/weights"
i=0
for f in "$root"/test/models/*.npy "$root"/test/Frontend/Onnx/Inputs/*.npy \
         "$root"/test/Frontend/Cnn/Inputs/*.safetensors; do
  [ -f "$f" ] || continue
  case "$f" in *.safetensors) sel='\x02' ;; *) sel='\x0'$((i % 2)) ;; esac
  { printf "$sel"; cat "$f"; } > "$build/fuzz-corpus/weights/seed$i"
  i=$((i + 1))
done

status=0
for t in "${targets[@]}"; do
  mkdir -p "$build/fuzz-artifacts/$t"
  echo "== fuzz_$t for ${seconds}s"
  if ! "$build/bin/fuzz_$t" -max_total_time="$seconds" -timeout=30 \
       -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/fuzz-artifacts/$t/" \
       "$build/fuzz-corpus/$t" > "$build/fuzz-$t.log" 2>&1; then
    echo "fuzz_$t: FOUND A CRASH (log: $build/fuzz-$t.log, inputs: $build/fuzz-artifacts/$t/)"
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^Done" "$build/fuzz-$t.log" || true
done
exit $status
