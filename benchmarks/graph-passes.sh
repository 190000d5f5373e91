#!/usr/bin/env bash
# What the graph optimizer buys, per model: each ONNX file compiled twice with
# the same code generator - once as usual, once with every graph pass
# disabled (--disable-pass) - and both timed in the same run, on 1 thread and
# on all cores. Prints a markdown table: ops before and after the graph
# passes (--print-fusion), the median latencies, and the speed-up.
#
#   benchmarks/graph-passes.sh [--runs N] model.onnx...
#
# Needs a built tree (scripts/build.sh); BUILD_DIR overrides build/. The
# models can come from benchmarks/compare-models.sh (build/model-bench/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
cnnc="$build/bin/cnnc"
runs=20
if [ "${1:-}" = "--runs" ]; then runs=$2; shift 2; fi
if [ $# -eq 0 ]; then
  echo "usage: $0 [--runs N] model.onnx..." >&2
  exit 1
fi
[ -x "$cnnc" ] || { echo "graph-passes: $cnnc is missing; run scripts/build.sh first" >&2; exit 1; }
graph_passes=cnn-decompose-conv-transpose,cnn-fold-pad,cnn-fold-batch-norm,cnn-fuse-epilogue,cnn-fuse-prologue
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sed -n 's/.*"median_ms":\([0-9.]*\).*/\1/p'; }

echo "| model | graph ops (no constants) | unfused 1T ms | fused 1T ms | speed-up | unfused ${cores}T ms | fused ${cores}T ms | speed-up |"
echo "|---|---|---|---|---|---|---|---|"
for model in "$@"; do
  name=$(basename "$model" .onnx)
  ops=$("$cnnc" "$model" --compile-to=cnn-opt --print-fusion -o /dev/null 2>&1 |
        sed -n 's/.*ops without constants: \([0-9]* -> [0-9]*\)/\1/p')
  "$cnnc" "$model" -o "$work/$name.fused"
  "$cnnc" "$model" --disable-pass=$graph_passes -o "$work/$name.unfused"
  row="| $name | $ops |"
  for t in 1 "$cores"; do
    u=$("$work/$name.unfused" --threads "$t" --bench "$runs" | median)
    f=$("$work/$name.fused" --threads "$t" --bench "$runs" | median)
    row="$row $u | $f | $(awk -v u="$u" -v f="$f" 'BEGIN { printf "%.2fx", u / f }') |"
  done
  echo "$row"
done
