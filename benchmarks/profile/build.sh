#!/usr/bin/env bash
# Builds benchmarks/profile/driver.cpp against the core, with the core's own
# flags and debug symbols, to /tmp/cd-profile (or $1).
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-/tmp/cd-profile}"
"${CXX:-g++}" -std=c++17 -O3 -g -fno-trapping-math -fno-math-errno -ffp-contract=off \
  -I"$root/cpp/include" "$root/cpp/src/core.cpp" "$root/benchmarks/profile/driver.cpp" \
  -o "$out" -pthread
echo "built $out"
