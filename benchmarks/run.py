"""Print one table: the core against every baseline, and the machine's limits.

    python benchmarks/run.py            # 10^7 materialized, 10^9 streaming
    COMPUTEDIVIDE_BENCH_SCALE=0.1 python benchmarks/run.py   # 10x smaller
    python benchmarks/run.py --gpu      # the GPU rows alone

Every implementation's result is checked against the core (itself checked
against the reference by the benchmark tests) before it is timed. Times are
the best of a few runs after a warm-up (numba compiles in the warm-up).
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import speed
from computedivide import _core


def best_of(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = function()  # warm-up: page faults, compilation
    best = np.inf
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    rows: list[tuple[str, str, float, float]] = []
    n_mat = speed.N_PARAMS * speed.N_TOKENS
    views, inputs = speed.core_views(), speed.compact_inputs()
    all_names = _core.train_output_names()

    core_all, _ = best_of(lambda: _core.evaluate_train(views, all_names), 5)
    rows.append(("materialized, all 15 metrics", "core", n_mat, core_all))
    from computedivide import reference

    t, _ = best_of(lambda: reference.train(inputs), 1)
    rows.append(("materialized, all 15 metrics", "NumPy broadcasting (reference)", n_mat, t))

    core_six, (expected, _) = best_of(lambda: _core.evaluate_train(views, speed.SIX), 5)
    rows.append(("materialized, 6 metrics", "core", n_mat, core_six))
    for name, function in [
        ("NumPy broadcasting", lambda: speed.six_numpy(inputs)),
        ("numexpr", lambda: speed.six_numexpr(inputs)),
        ("numba parallel", speed.six_numba),
    ]:
        t, got = best_of(function, 3)
        for metric in speed.SIX:
            np.testing.assert_allclose(got[metric], expected[metric], rtol=1e-12)
        rows.append(("materialized, 6 metrics", name, n_mat, t))

    group_reused = "materialized, 6 metrics, reused"
    out = speed.reused_arrays()
    core_reused, _ = best_of(lambda: _core.evaluate_train(views, speed.SIX, 0, "float64", out), 5)
    rows.append((group_reused, "core, out= arrays reused", n_mat, core_reused))
    numba_out = np.zeros((len(speed.SIX), *speed.SHAPE))
    for name, function in [
        ("numexpr, out= arrays reused", lambda: speed.six_numexpr_into(inputs, out)),
        (
            "numba parallel, out reused",
            lambda: dict(zip(speed.SIX, speed.six_numba_into(numba_out), strict=True)),
        ),
    ]:
        t, got = best_of(function, 3)
        for metric in speed.SIX:
            np.testing.assert_allclose(got[metric], expected[metric], rtol=1e-12)
        rows.append((group_reused, name, n_mat, t))

    group32 = "materialized, 6 metrics, float32"
    core_six32, (expected32, _) = best_of(
        lambda: _core.evaluate_train(views, speed.SIX, 0, "float32"), 5
    )
    rows.append((group32, "core", n_mat, core_six32))
    for name, function in [
        ("NumPy broadcasting, then astype", lambda: speed.six_numpy_float32(inputs)),
        ("numba parallel, float32 out", lambda: speed.six_numba("float32")),
    ]:
        t, got = best_of(function, 3)
        for metric in speed.SIX:
            np.testing.assert_allclose(got[metric], expected32[metric], rtol=2**-23, atol=0)
        rows.append((group32, name, n_mat, t))

    core_stream, want = best_of(speed.stream_core, 1)
    stream_expected = want
    rows.append(("streaming min + count", "core", speed.S_SCENARIOS, core_stream))
    for name, function in [
        ("NumPy chunked", speed.stream_numpy),
        ("numexpr chunked", speed.stream_numexpr),
        ("numba parallel", speed.stream_numba),
    ]:
        t, got = best_of(function, 1)
        np.testing.assert_allclose(got[0], want[0], rtol=1e-12)
        np.testing.assert_array_equal(got[1], want[1])
        rows.append(("streaming min + count", name, speed.S_SCENARIOS, t))

    t_tool, _ = best_of(speed.llm_analysis_hours, 50)
    rows.append(("one scenario", "llm-analysis", 1, t_tool))
    t_api, _ = best_of(speed.core_one_scenario_hours, 50)
    rows.append(("one scenario", "cd.train (whole API)", 1, t_api))

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, NumPy {np.__version__}"
    )
    print(
        f"{'benchmark':30s} {'implementation':32s} {'scenarios':>10s} {'seconds':>9s} "
        f"{'scenarios/s':>12s} {'core speed-up':>13s}"
    )
    core_time = {}
    for group, name, _, t in rows:
        if name in ("core", "cd.train (whole API)") or name.startswith("core,"):
            core_time[group] = t
    for group, name, n, t in rows:
        ratio = t / core_time[group]
        is_core = name in ("core", "cd.train (whole API)") or name.startswith("core,")
        faster = "" if is_core else f"{ratio:12.2f}x"
        print(f"{group:30s} {name:32s} {n:10.3g} {t:9.4f} {n / t:12.3g} {faster:>13s}")

    bandwidth = speed.write_bandwidth_bytes_per_s()
    flops = speed.fp64_flops_per_s()
    written_all = 15 * 8 * n_mat
    written_six = 6 * 8 * n_mat
    print()
    print(f"memory write bandwidth (ndarray.fill, all cores): {bandwidth / 1e9:.1f} GB/s")
    print(
        f"  core, all metrics: {written_all / core_all / 1e9:.1f} GB/s written = "
        f"{written_all / core_all / bandwidth:.0%} of the limit"
    )
    print(
        f"  core, 6 metrics:   {written_six / core_six / 1e9:.1f} GB/s written = "
        f"{written_six / core_six / bandwidth:.0%} of the limit"
    )
    print(
        f"  core, 6 metrics into reused arrays (out=): {written_six / core_reused / 1e9:.1f} "
        f"GB/s written = {written_six / core_reused / bandwidth:.0%} of the limit"
    )
    written_six32 = 6 * 4 * n_mat
    print(
        f"  core, 6 metrics in float32: {written_six32 / core_six32 / 1e9:.1f} GB/s written = "
        f"{written_six32 / core_six32 / bandwidth:.0%} of the limit"
    )
    print(f"FP64 arithmetic rate (matrix multiply, all cores): {flops / 1e9:.1f} GFLOP/s")
    cost_flops = 7  # 6*N*D/(peak*mfu)/3600*price*multiplier
    rate = speed.S_SCENARIOS / core_stream
    print(
        f"  core streaming: {rate:.3g} scenarios/s; at {cost_flops} FLOP per scenario for "
        f"the rented cost alone, {rate * cost_flops / flops:.1%} of the arithmetic rate"
    )
    gpu_section(n_mat, stream_expected)


def gpu_section(n_mat: int, cpu_stream: tuple[np.ndarray, np.ndarray]) -> None:
    """The same two benchmarks on the GPU, against its measured limits.

    Materialized: the six-metric grid with its outputs copied back to NumPy
    (what ``device="cuda"`` returns) and kept on the GPU as CuPy arrays
    (``keep_on_device=True``: the GPU's own work, inputs copied in, outputs
    allocated and written). Streaming: the 10^9-scenario reduction, and one
    of 10^11 scenarios where the GPU's rate, not the launches, sets the time.
    Each is checked against the CPU core first.
    """
    from computedivide import cuda

    if not cuda.available():
        print("\nGPU: none visible (or no CUDA build); the GPU rows are left out")
        return
    views = speed.core_views()
    expected, _ = _core.evaluate_train(views, speed.SIX)
    print(f"\nGPU: {cuda.describe()}")
    rows = []
    for dtype, size in (("float64", 8), ("float32", 4)):
        t, (got, _) = best_of(
            lambda dtype=dtype: cuda.evaluate("train", views, speed.SIX, dtype=dtype), 5
        )
        for metric in speed.SIX:
            want = expected[metric].astype(dtype)
            np.testing.assert_allclose(got[metric], want, rtol=2**-23 if size == 4 else 1e-15)
        rows.append((f"materialized, 6 metrics, {dtype}, to host", t, n_mat, 6 * size * n_mat))
    try:
        import cupy
    except ImportError:
        cupy = None
        print("(CuPy missing: no on-device rows)")
    if cupy is not None:
        for dtype, size in (("float64", 8), ("float32", 4)):

            def on_device(dtype: str = dtype) -> dict[str, Any]:
                out = cuda.evaluate("train", views, speed.SIX, dtype=dtype, keep_on_device=True)
                cupy.cuda.Device().synchronize()
                return out[0]

            t, got = best_of(on_device, 10)
            for metric in speed.SIX:
                np.testing.assert_allclose(
                    cupy.asnumpy(got[metric]),
                    expected[metric].astype(dtype),
                    rtol=2**-23 if size == 4 else 1e-15,
                )
            del got
            rows.append((f"materialized, 6 metrics, {dtype}, on GPU", t, n_mat, 6 * size * n_mat))
    t, got = best_of(lambda: speed.stream_core(device="cuda"), 3)
    np.testing.assert_array_equal(got[0], cpu_stream[0])
    np.testing.assert_array_equal(got[1], cpu_stream[1])
    rows.append(("streaming min + count", t, speed.S_SCENARIOS, 0))
    n_big = round(speed.S_N * 10)  # 100x the scenarios: 10^11 at scale 1
    big = n_big * n_big * len(speed.S_HARDWARE) * len(speed.S_REGIONS)
    cpu_start = time.perf_counter()
    want_big = speed.stream_core(n=n_big)
    cpu_big = time.perf_counter() - cpu_start
    t, got = best_of(lambda: speed.stream_core(device="cuda", n=n_big), 2)
    np.testing.assert_array_equal(got[0], want_big[0])
    np.testing.assert_array_equal(got[1], want_big[1])
    rows.append((f"streaming min + count, {big:.0e}", t, big, 0))
    rows.append((f"  (the CPU core, {os.cpu_count()} cores, same grid)", cpu_big, big, 0))
    write, flops = cuda.measure_limits()
    print(f"{'benchmark':44s} {'seconds':>9s} {'scenarios/s':>12s} {'GB/s written':>13s}")
    for name, t, n, written in rows:
        print(f"{name:44s} {t:9.4f} {n / t:12.3g} {written / t / 1e9:13.1f}")
    print(f"GPU write bandwidth (cudaMemset 2 GiB): {write / 1e9:.0f} GB/s")
    print(f"GPU FP64 rate (fma chains): {flops / 1e12:.1f} TFLOP/s")
    for name, t, _n, written in rows:
        if written:
            print(f"  {name}: {written / t / write:.1%} of the write bandwidth")
    for name, t, n, _written in rows:
        if name.startswith("streaming"):
            rate = n / t
            print(
                f"  {name}: {rate:.3g} scenarios/s = {rate * 7 / flops:.1%} of the FP64 "
                "rate at 7 FLOP per scenario for the rented cost alone"
            )


def gpu_only() -> None:
    """``python benchmarks/run.py --gpu``: the GPU rows alone (for a lent GPU)."""
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, NumPy {np.__version__}"
    )
    gpu_section(speed.N_PARAMS * speed.N_TOKENS, speed.stream_core())


if __name__ == "__main__":
    gpu_only() if "--gpu" in sys.argv[1:] else main()
