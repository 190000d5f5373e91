#!/bin/sh
# fast_vs_simple.sh CNNC PYTHON WORKDIR MODEL.cnn [CNNC FLAGS...]
# Compiles MODEL with -O0 (the simple loop lowering, the reference) and with
# the given flags (the fast path), runs both on the same random input, on 1
# and 3 threads for the fast one, and compares the outputs (relative
# tolerance $RTOL, default compare_npy.py's 1e-4). IO_LAYOUT=nhwc compiles
# both with channels-last inputs and outputs.
set -eu
cnnc=$1 py=$2 dir=$3 model=$4
shift 4
here=$(dirname "$0")
name=$(basename "$model" .cnn)
io=${IO_LAYOUT:+--io-layout=$IO_LAYOUT}
"$cnnc" "$model" -O0 $io -o "$dir/$name.ref"
"$cnnc" "$model" $io "$@" -o "$dir/$name.fast"
shape=$("$dir/$name.ref" --info | sed -n 's/^input 0: .* \[\(.*\)\]$/\1/p')
"$py" "$here/random_npy.py" "$dir/$name.x.npy" "$shape"
"$dir/$name.ref" --input "$dir/$name.x.npy" --output "$dir/$name.ref.npy"
for t in 1 3; do
  "$dir/$name.fast" --threads $t --input "$dir/$name.x.npy" \
    --output "$dir/$name.fast$t.npy"
  "$py" "$here/../../cnnc/Inputs/compare_npy.py" "$dir/$name.fast$t.npy" \
    "$dir/$name.ref.npy" ${RTOL:-}
done
