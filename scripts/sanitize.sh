#!/usr/bin/env bash
# The core under AddressSanitizer (leak detection included) and
# UndefinedBehaviorSanitizer:
#
#   1. builds the "asan" preset of CMakePresets.json (the core, its C++
#      tests and the _core extension, -fsanitize=address,undefined,
#      float-cast-overflow -fno-sanitize-recover=all) in one build folder;
#   2. checks that the sanitizers work here: a canary program with a heap
#      overflow, a leak and a float-to-int overflow must be stopped by each;
#   3. runs the C++ tests with ctest, leaks checked at the exit of every test
#      (ASAN_OPTIONS=detect_leaks=1; where the leak detector cannot run, as
#      under some ptrace restrictions, valgrind --leak-check=full over a
#      build without sanitizers instead);
#   4. runs the Python tests that exercise the core against the sanitized
#      _core, with the ASan runtime preloaded into Python (detect_leaks=0:
#      CPython keeps memory until exit by design).
#
# Usage: scripts/sanitize.sh [all|cpp|python]          (default: all)
# Environment: SANITIZE_BUILD_DIR (default build/asan, the preset's folder),
# SANITIZE_JOBS (default: the number of cores), PYTHON (default: python),
# SANITIZE_LEAK_CHECK=valgrind (check the C++ tests' leaks with valgrind
# even where the leak detector runs).
# Exits non-zero on a test failure or on any sanitizer report.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STAGE=${1:-all}
case "$STAGE" in all | cpp | python) ;; *)
  echo "usage: scripts/sanitize.sh [all|cpp|python]" >&2
  exit 2
  ;;
esac
BUILD_DIR=${SANITIZE_BUILD_DIR:-$ROOT/build/asan}
JOBS=${SANITIZE_JOBS:-$(nproc 2>/dev/null || echo 2)}
PYTHON=${PYTHON:-python}
mkdir -p "$BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
LOG="$BUILD_DIR/sanitize.log"
: >"$LOG"

# The Python tests that drive the core. Left out:
# test_properties.py::test_results_do_not_depend_on_thread_count, 15
# hypothesis examples of 2^17-point grids, two thirds of the run time under
# ASan; thread independence is still checked under the sanitizers by
# test_core.py::test_thread_counts_give_identical_results and the C++ case
# thread_counts_give_bit_identical_outputs.
PYTHON_TESTS=(tests/test_core.py tests/test_reduce.py tests/test_values.py tests/test_api.py
  tests/test_properties.py tests/test_inverse.py)
PYTHON_DESELECTED=(tests/test_properties.py::test_results_do_not_depend_on_thread_count)

# Reports the sanitizers print; any of them in the output fails the run,
# even where the process that printed it did not fail a test.
REPORT_PATTERN='ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|Sanitizer: CHECK failed'
REPORT_PATTERN+='|SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer)'

say() { echo "sanitize.sh: $*" | tee -a "$LOG"; }
logged() { "$@" 2>&1 | tee -a "$LOG"; }

cd "$ROOT"
start=$SECONDS

# ------------------------------------------------------------- 1. build
configure=(cmake --preset asan -B "$BUILD_DIR")
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] && [ -z "${CMAKE_GENERATOR:-}" ] \
    && command -v ninja >/dev/null 2>&1; then
  configure+=(-G Ninja)
fi
if [ "$STAGE" != cpp ]; then
  # The extension's part of CMakeLists.txt (the SKBUILD block), against the
  # Python that runs the tests.
  configure+=(-DSKBUILD=ON
    "-DPython_EXECUTABLE=$("$PYTHON" -c 'import sys; print(sys.executable)')"
    "-Dpybind11_DIR=$("$PYTHON" -m pybind11 --cmakedir)")
fi
say "configure and build in $BUILD_DIR"
logged "${configure[@]}"
logged cmake --build "$BUILD_DIR" --parallel "$JOBS"
say "built in $((SECONDS - start)) s"

# ---------------------------------------------- 2. the sanitizers work here
# The canary's reports go to files of its own, not to the log: they are
# expected, and the log must hold none.
CXX=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
CANARY="$BUILD_DIR/canary"
mkdir -p "$CANARY"
cat >"$CANARY/canary.cpp" <<'EOF'
// Each mode does one thing a sanitizer must stop.
#include <cstdint>
#include <cstdlib>
#include <cstring>
void* volatile kept;
int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  volatile double huge = 1e300;
  if (std::strcmp(mode, "overflow") == 0) {
    int* a = new int[4];
    a[argc + 2] = 1;  // argc is 2: a[4], one past the end
    delete[] a;
  } else if (std::strcmp(mode, "leak") == 0) {
    kept = std::malloc(64);
    kept = nullptr;  // the only pointer to it gone
  } else if (std::strcmp(mode, "cast") == 0) {
    return static_cast<int>(static_cast<std::int64_t>(huge) & 1);
  }
  return 0;
}
EOF
"$CXX" -std=c++17 -g -O0 -fsanitize=address,undefined,float-cast-overflow \
  -fno-omit-frame-pointer -fno-sanitize-recover=all "$CANARY/canary.cpp" -o "$CANARY/canary"
caught() {  # mode, what its report says
  ! ASAN_OPTIONS=detect_leaks=1 "$CANARY/canary" "$1" >"$CANARY/$1.out" 2>&1 \
    && grep -q "$2" "$CANARY/$1.out"
}
if ! caught overflow heap-buffer-overflow; then
  say "no heap overflow detected: ASan does not work here"
  exit 1
fi
if ! caught cast "is outside the range"; then
  say "no float-cast overflow detected: UBSan does not work here"
  exit 1
fi
LEAK_CHECK=${SANITIZE_LEAK_CHECK:-asan}
if [ "$LEAK_CHECK" = asan ] && ! caught leak "detected memory leaks"; then
  LEAK_CHECK=valgrind
  say "the leak detector does not run here (its output: $CANARY/leak.out)"
  say "leaks will be checked with valgrind instead"
fi
say "self-check: ASan stops a heap overflow, UBSan a float-cast overflow; leaks by $LEAK_CHECK"

# ----------------------------------------------------------- 3. C++ tests
if [ "$STAGE" != python ]; then
  stage_start=$SECONDS
  detect_leaks=1
  [ "$LEAK_CHECK" = asan ] || detect_leaks=0
  asan_options="detect_leaks=$detect_leaks:halt_on_error=1:detect_stack_use_after_return=1"
  asan_options+=":check_initialization_order=1:strict_init_order=1:strict_string_checks=1"
  ASAN_OPTIONS=$asan_options UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    logged ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j "$JOBS"
  cases=$(ASAN_OPTIONS=detect_leaks=0 "$BUILD_DIR/cpp/tests/cd_core_tests" --list | wc -l)
  if [ "$LEAK_CHECK" = valgrind ]; then
    # valgrind cannot run a program built with ASan: a plain build for it.
    logged cmake --preset tests -B "$BUILD_DIR/valgrind"
    logged cmake --build "$BUILD_DIR/valgrind" --parallel "$JOBS"
    logged valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --error-exitcode=1 "$BUILD_DIR/valgrind/cpp/tests/cd_core_tests"
  fi
  say "$cases C++ test cases passed under ASan+UBSan, leaks checked by $LEAK_CHECK" \
    "($((SECONDS - stage_start)) s)"
fi

# -------------------------------------------------------- 4. Python tests
if [ "$STAGE" != cpp ]; then
  stage_start=$SECONDS
  # The package as pip installs it: the Python sources of the checkout and
  # the sanitized extension.
  SITE="$BUILD_DIR/python"
  rm -rf "$SITE"
  mkdir -p "$SITE"
  cp -R "$ROOT/python/computedivide" "$SITE/"
  find "$SITE" \( -name '*.so' -o -name '__pycache__' \) -prune -exec rm -rf {} +
  logged cmake --install "$BUILD_DIR" --prefix "$SITE"
  core_so=$(ls "$SITE"/computedivide/_core*.so)
  asan_runtime=$(ldd "$core_so" | awk '/libasan/ {print $3}')
  if [ -z "$asan_runtime" ]; then
    say "$core_so is not linked with the ASan runtime"
    exit 1
  fi
  # The ASan runtime must be loaded before anything else, and libstdc++ with
  # it: Python does not link libstdc++, and ASan intercepts C++ exceptions
  # (__cxa_throw) only if libstdc++ is there when it starts.
  stdcxx=$(ldd "$core_so" | awk '/libstdc\+\+/ {print $3}')
  export LD_PRELOAD="$asan_runtime${stdcxx:+ $stdcxx}"
  export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export PYTHONPATH="$SITE"
  export HYPOTHESIS_PROFILE=ci
  export PYTHONDONTWRITEBYTECODE=1
  imported=$("$PYTHON" -c 'import computedivide._core as c; print(c.__file__)')
  if [ "$imported" != "$core_so" ]; then
    say "Python imports $imported, not the sanitized $core_so"
    exit 1
  fi
  say "sanitized extension: $imported"
  deselect=()
  for test in "${PYTHON_DESELECTED[@]}"; do deselect+=(--deselect "$test"); done
  logged "$PYTHON" -m pytest "${PYTHON_TESTS[@]}" "${deselect[@]}" -q -p no:cacheprovider \
    -p no:logging --basetemp "$BUILD_DIR/pytest"
  unset LD_PRELOAD
  say "Python tests of the core passed under ASan+UBSan ($((SECONDS - stage_start)) s)"
fi

if grep -Eq "$REPORT_PATTERN" "$LOG"; then
  say "a sanitizer report is in $LOG"
  exit 1
fi
say "done in $((SECONDS - start)) s: no sanitizer report"
