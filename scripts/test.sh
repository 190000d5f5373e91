#!/usr/bin/env bash
# Builds cnnc and runs the whole test suite under ctest (the lit suite is one
# ctest test; lit's per-file results are printed with --output-on-failure).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure "$@"
