#!/usr/bin/env bash
# Installs Debian's clang-22 sanitizer and libFuzzer runtimes when missing
# (scripts/fuzz.sh and scripts/sanitize.sh need them; install-deps.sh lists
# them too).
set -euo pipefail
if ! dpkg-query -W -f='${Status}' libclang-rt-22-dev 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends libclang-rt-22-dev
fi
