#!/bin/sh
# io_layout.sh CNNC PYTHON WORKDIR MODEL.cnn [CNNC FLAGS...]
# Compiles MODEL with the default NCHW interface and with --io-layout=nhwc,
# runs both on the same data (transposed to NHWC for the second) and
# compares the outputs (the NHWC one transposed back). Prints the input and
# output shapes the NHWC model reports, then "match" per thread count.
set -eu
cnnc=$1 py=$2 dir=$3 model=$4
shift 4
here=$(dirname "$0")
name=$(basename "$model" .cnn)
"$cnnc" "$model" "$@" -o "$dir/$name.nchw"
"$cnnc" "$model" "$@" --io-layout=nhwc -o "$dir/$name.nhwc"
"$dir/$name.nhwc" --info | grep -E '^(input|output) 0'
shape=$("$dir/$name.nchw" --info | sed -n 's/^input 0: .* \[\(.*\)\]$/\1/p')
"$py" "$here/random_npy.py" "$dir/$name.x.npy" "$shape"
"$py" "$here/transpose_npy.py" "$dir/$name.x.npy" "$dir/$name.xt.npy" 0,2,3,1
"$dir/$name.nchw" --input "$dir/$name.x.npy" --output "$dir/$name.ref.npy"
for t in 1 2; do
  "$dir/$name.nhwc" --threads $t --input "$dir/$name.xt.npy" \
    --output "$dir/$name.out$t.npy"
  "$py" "$here/transpose_npy.py" "$dir/$name.out$t.npy" \
    "$dir/$name.back$t.npy" 0,3,1,2
  "$py" "$here/../../cnnc/Inputs/compare_npy.py" "$dir/$name.back$t.npy" \
    "$dir/$name.ref.npy"
done
