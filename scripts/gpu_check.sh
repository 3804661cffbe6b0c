#!/usr/bin/env bash
# The GPU checks in one run, for a machine with an NVIDIA GPU and the CUDA
# toolkit (no network needed): build computedivide with its CUDA path, run
# the GPU tests, the GPU benchmarks (benchmarks/run.py --gpu and the
# pytest-benchmark GPU group), then compute-sanitizer's memcheck over the GPU
# tests and one Nsight Compute summary of each kernel. Logs go to $OUT (or
# ./gpu-check-logs); a step that fails is reported and the next one runs.
#
#   bash scripts/gpu_check.sh
#
# Optional: wheels of missing Python dependencies in .whl/ (installed into
# /tmp/site first, for a machine without a package index), PYTHON (python3),
# CUDA_ARCH (90: the H100/H200; 80 for an A100).
set -u -o pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-gpu-check-logs}
mkdir -p "$OUT"
PYTHON=${PYTHON:-python3}
CUDA_ARCH=${CUDA_ARCH:-90}
export PYTHONUNBUFFERED=1
status=0
step() {  # step NAME SECONDS COMMAND...: run with a time limit, log to $OUT/NAME.log
  local name=$1 limit=$2
  shift 2
  local start=$SECONDS
  echo "== $name"
  timeout "$limit" "$@" >"$OUT/$name.log" 2>&1
  local rc=$?
  echo "== $name: rc=$rc in $((SECONDS - start)) s"
  [ "$rc" -eq 0 ] || status=1
  return "$rc"
}

nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.max.sm,clocks.mem \
  --format=csv | tee "$OUT/gpu.txt"
nvcc --version | tail -2 | tee -a "$OUT/gpu.txt"
if compgen -G ".whl/*.whl" >/dev/null; then
  "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl && export PYTHONPATH=/tmp/site
fi

step build 300 "$PYTHON" -m pip install -v --no-build-isolation --no-deps --no-index . \
  -Ccmake.define.COMPUTEDIVIDE_CUDA=ON -Ccmake.define.CMAKE_CUDA_ARCHITECTURES="$CUDA_ARCH" \
  -Cbuild-dir=/tmp/computedivide-build || { tail -40 "$OUT/build.log"; exit 1; }
# The checkout's root holds no computedivide/ (it is under python/): the
# installed package, with _cuda, is the one imported.
here=$PWD
"$PYTHON" -c "import computedivide as cd; print(cd.cuda.available(), cd.cuda.describe())" \
  | tee -a "$OUT/gpu.txt"

step tests 200 env CI=true "$PYTHON" -m pytest "$here/tests/test_cuda.py" "$here/tests/test_core.py" -v \
  -p no:cacheprovider
tail -15 "$OUT/tests.log"
step bench_run 240 "$PYTHON" "$here/benchmarks/run.py" --gpu
cat "$OUT/bench_run.log"
step bench_pytest 180 "$PYTHON" -m pytest "$here/benchmarks/test_bench_speed.py" -k gpu \
  -p no:cacheprovider --benchmark-only --benchmark-json="$OUT/bench.json" \
  --benchmark-columns=min,median,max,rounds
grep -E "test_gpu|passed|failed|Error" "$OUT/bench_pytest.log" | tail -12

# Memory errors in the kernels: the GPU tests under compute-sanitizer's memcheck
# (the reductions' team states live in global memory, which racecheck does not watch).
step memcheck 150 env CI=true compute-sanitizer --tool memcheck --error-exitcode 3 \
  "$PYTHON" -m pytest "$here/tests/test_cuda.py" -q -p no:cacheprovider
tail -6 "$OUT/memcheck.log"

# One Nsight Compute summary per kernel (the card's clocks left alone).
cat >/tmp/profile_kernels.py <<EOF
import sys
sys.path.insert(0, "$here/benchmarks")
import speed
from computedivide import cuda
cuda.evaluate("train", speed.core_views(), speed.SIX)
speed.stream_core(device="cuda")
EOF
step ncu 120 ncu --clock-control none --section SpeedOfLight --section LaunchStats \
  --section Occupancy --section WarpStateStats --section ComputeWorkloadAnalysis -k "regex:evaluate_kernel|reduce_kernel|merge_parts" -c 3 \
  "$PYTHON" /tmp/profile_kernels.py
grep -E "evaluate_kernel|reduce_kernel|merge_parts|Duration|Throughput|Registers|Achieved Occ|Stall|Issued Ipc|Local" \
  "$OUT/ncu.log" | head -60
echo "gpu_check: status=$status"
exit "$status"
