#!/usr/bin/env bash
# run-tests.sh SRC PREFIX VENV [SANITIZED]
#
# The Python package as users get it: a venv (VENV, made once) with the
# pinned test tools from PyPI (numpy, onnxruntime, onnx, pytest), then
# `pip install SRC/python` into it, and pytest on SRC/python/tests with the
# cnnc installed in PREFIX. Exits 77 - ctest's "skipped" - saying why when
# the venv cannot be made (no network to PyPI) or the build is sanitized
# (its libraries need the sanitizer runtimes in the Python process).
set -euo pipefail
src=$(cd "$1" && pwd)
prefix=$2
venv=$3
sanitized=${4:-0}
if [ "$sanitized" = 1 ]; then
  echo "python-package: skipped: the sanitizer build's libraries need the ASan runtime preloaded into Python (run it in the plain build)"
  exit 77
fi
pins="numpy==1.26.4 onnxruntime==1.23.2 onnx==1.23.2 pytest==8.3.4"
stamp="$venv/.pins"
if [ "$(cat "$stamp" 2>/dev/null)" != "$pins" ]; then
  rm -rf "$venv"
  if ! { /usr/bin/python3 -m venv "$venv" &&
         "$venv/bin/pip" install --quiet --disable-pip-version-check $pins; }; then
    echo "python-package: skipped: cannot make a venv with $pins from PyPI (offline?)"
    exit 77
  fi
  echo "$pins" > "$stamp"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall \
  --no-deps "$src/python"
export CNNC="$prefix/bin/cnnc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# The installed package, not the source tree's.
"$venv/bin/python" -c 'import cnnc, sys; sys.exit(not cnnc.__file__.startswith(sys.prefix))'
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider "$src/python/tests"
