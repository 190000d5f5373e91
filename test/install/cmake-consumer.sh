#!/usr/bin/env bash
# cmake-consumer.sh SRC PREFIX WORK CC: configures and builds
# examples/cmake-consumer against the cnnc installed in PREFIX, runs it on
# the resnet_narrow fixture and compares with PyTorch's output; then checks
# that the model is recompiled only when it changes.
set -euo pipefail
src=$1 prefix=$2 work=$3 cc=$4
rm -rf "$work"
mkdir -p "$work"
cp "$src/test/models/resnet_narrow.onnx" "$work/model.onnx"
cmake -S "$src/examples/cmake-consumer" -B "$work/build" -G Ninja \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" \
  -DMODEL="$work/model.onnx" > "$work/configure.log"
cmake --build "$work/build" > "$work/build1.log"
grep -q "cnnc: compiling" "$work/build1.log"
py=/usr/bin/python3
"$py" -c "import numpy as np, sys; np.load(sys.argv[1]).astype('<f4').tofile(sys.argv[2])" \
  "$src/test/models/resnet_narrow.input0.npy" "$work/input.raw"
"$work/build/classify" "$work/input.raw" "$work/output.raw" 2
"$py" - "$src/test/models/resnet_narrow.output0.npy" "$work/output.raw" <<'PY'
import sys
import numpy as np
ref = np.load(sys.argv[1]).astype(np.float32)
got = np.fromfile(sys.argv[2], dtype="<f4")
assert got.size == ref.size, (got.size, ref.size)
err = np.max(np.abs(got - ref.ravel())) / max(1e-6, np.max(np.abs(ref)))
print(f"cmake-consumer: max relative error vs PyTorch {err:.2e}")
sys.exit(0 if err < 1e-4 else 1)
PY
# Nothing changed: no recompilation. The model changed: recompiled, relinked.
cmake --build "$work/build" > "$work/build2.log"
if grep -q "cnnc: compiling" "$work/build2.log"; then
  echo "cmake-consumer: the model was recompiled without a change"; exit 1
fi
touch "$work/model.onnx"
cmake --build "$work/build" > "$work/build3.log"
grep -q "cnnc: compiling" "$work/build3.log"
grep -q "Linking C executable classify" "$work/build3.log"
echo "cmake-consumer: built, ran and matched; rebuilds only on change"
# The README shows this example's CMakeLists.txt as it is.
"$py" - "$src/README.md" "$src/examples/cmake-consumer/CMakeLists.txt" <<'PY'
import sys
readme, example = (open(p).read() for p in sys.argv[1:])
sys.exit(0 if "```cmake\n" + example + "```" in readme else
         "cmake-consumer: README.md's 'Use from CMake' block differs from examples/cmake-consumer/CMakeLists.txt")
PY
