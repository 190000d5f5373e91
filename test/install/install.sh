#!/usr/bin/env bash
# install.sh BUILD_DIR PREFIX [SANITIZED]: installs BUILD_DIR into a fresh
# PREFIX and checks the layout and that the installed cnnc needs nothing from
# the source or build tree: it names neither (unless SANITIZED=1: the
# sanitizers record source paths), and compiles and runs a model from
# another folder.
set -euo pipefail
build=$(cd "$1" && pwd)
prefix=$2
sanitized=${3:-0}
rm -rf "$prefix"
mkdir -p "$(dirname "$prefix")"
cmake --install "$build" --prefix "$prefix" > "$prefix.log"
for f in bin/cnnc bin/cnn-opt lib/libcnnrt.a include/cnnrt.h \
         lib/cmake/cnnc/cnncConfig.cmake lib/cmake/cnnc/cnncConfigVersion.cmake \
         share/doc/cnnc/README.md share/doc/cnnc/cnn-format.md; do
  [ -e "$prefix/$f" ] || { echo "install: $prefix/$f missing"; exit 1; }
done
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ "$sanitized" != 1 ] && grep -q -a -F -e "$build" -e "$src" "$prefix/bin/cnnc"; then
  echo "install: bin/cnnc refers to the build or source tree"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/examples/lenet5.cnn" "$work/"
cd "$work"
"$prefix/bin/cnnc" --version | grep -q "^cnnc "
"$prefix/bin/cnnc" lenet5.cnn -o lenet5 --quiet
./lenet5 --info | grep -q "arena"
"$prefix/bin/cnnc" lenet5.cnn -o liblenet5.so --quiet
[ -f liblenet5.h ]
echo "install: $prefix works"
