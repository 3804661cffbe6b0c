"""device="cuda": a clear error where the CUDA path or a GPU is missing, and,
where both are there, the same numbers as the CPU core."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
import xarray as xr

GRID = dict(
    params=np.logspace(9, 12, 7),
    tokens=np.logspace(10, 13, 5),
    hardware=["a100-80gb", "h100-sxm", "rtx-4090"],
    region=["USA", "FRA", "IND"],
)


def test_device_is_checked_before_anything_runs():
    with pytest.raises(ValueError, match=r"device must be 'cpu' or 'cuda'; got 'gpu'"):
        cd.train(**GRID, device="gpu")
    with pytest.raises(ValueError, match=r"backend='reference' .* CPU only"):
        cd.train(**GRID, device="cuda", backend="reference")


@pytest.mark.skipif(cd.cuda.available(), reason="a GPU is visible: the CUDA path runs")
def test_without_a_gpu_device_cuda_says_what_is_missing():
    assert cd.cuda.device_count() == 0
    expected = "no CUDA path" if not cd.cuda.built() else "no CUDA device is visible"
    with pytest.raises(RuntimeError, match=expected):
        cd.train(**GRID, device="cuda")
    with pytest.raises(RuntimeError, match=expected):
        cd.cuda.describe()
    with pytest.raises(RuntimeError, match=expected):
        cd.train(**GRID, device="cuda", reduce=cd.reduce.min("cost_rent_usd", over="region"))
    with pytest.raises(RuntimeError, match=expected):
        cd.train(**GRID, device="cuda", dtype="float32")
    with pytest.raises(RuntimeError, match=expected):
        cd.cuda.measure_limits()
    if not cd.cuda.built():
        with pytest.raises(RuntimeError, match="COMPUTEDIVIDE_CUDA=ON"):
            cd.serve(model="llama-3-8b", hardware="h100-sxm", region="USA", device="cuda")


needs_gpu = pytest.mark.skipif(not cd.cuda.available(), reason="needs the CUDA path and a GPU")


@needs_gpu
def test_gpu_gives_the_cpu_core_numbers():
    cpu = cd.train(**GRID)
    gpu = cd.train(**GRID, device="cuda")
    for name in cpu.data_vars:
        # Same formulas, same roundings (no FMA on either side): equal up to
        # the last bit of a division, which CUDA rounds as IEEE does.
        np.testing.assert_allclose(gpu[name], cpu[name], rtol=1e-15, atol=0, err_msg=name)
    cpu_serve = cd.serve(model="llama-3-8b", hardware=GRID["hardware"], region="USA", users=1e6)
    gpu_serve = cd.serve(
        model="llama-3-8b", hardware=GRID["hardware"], region="USA", users=1e6, device="cuda"
    )
    for name in cpu_serve.data_vars:
        np.testing.assert_allclose(gpu_serve[name], cpu_serve[name], rtol=1e-15, err_msg=name)


@needs_gpu
def test_gpu_counts_nonfinite_values():
    with pytest.raises(OverflowError, match="not finite"):
        cd.train(
            params=1e300, tokens=1e300, hardware="h100-sxm", region="USA", mfu=0.4, device="cuda"
        )


@needs_gpu
def test_outputs_can_stay_on_the_gpu():
    cupy = pytest.importorskip("cupy")
    from computedivide import _core

    inputs = {name: np.broadcast_to(np.asarray(1.0), (4, 3)) for name in _core.train_input_names()}
    inputs["tokens"] = np.broadcast_to(np.logspace(10, 12, 3), (4, 3))
    results, nonfinite = cd.cuda.evaluate("train", inputs, ["train_flops"], keep_on_device=True)
    assert isinstance(results["train_flops"], cupy.ndarray)
    on_cpu, _ = _core.evaluate_train(inputs, ["train_flops"])
    np.testing.assert_array_equal(cupy.asnumpy(results["train_flops"]), on_cpu["train_flops"])
    assert nonfinite == {}


@needs_gpu
def test_gpu_float32_outputs_are_the_float64_results_rounded():
    cpu = cd.train(**GRID, dtype="float32")
    gpu = cd.train(**GRID, device="cuda", dtype="float32")
    for name in cpu.data_vars:
        assert gpu[name].dtype == cpu[name].dtype, name
        # The float64 results agree to 1e-15: once rounded, to one float32 step.
        np.testing.assert_allclose(gpu[name], cpu[name], rtol=2**-23, atol=0, err_msg=name)
    with pytest.raises(OverflowError, match="beyond float32 range"):
        cd.train(
            params=1e20,
            tokens=1e20,
            hardware="h100-sxm",
            region="USA",
            mfu=0.4,
            device="cuda",
            dtype="float32",
        )


REDUCTIONS = [
    cd.reduce.min("cost_rent_usd", over=["hardware", "region"]),
    cd.reduce.max("co2_kg", over=["hardware", "region"]),
    cd.reduce.count_below("cost_rent_usd", 1e6, over=["hardware", "region"]),
    cd.reduce.sum("energy_kwh", over=["hardware", "region"]),
    cd.reduce.histogram("cost_rent_usd", over=["hardware", "region"], bins=7, range=(1e2, 1e9)),
]


@needs_gpu
@pytest.mark.parametrize("chunk_points", [None, 1, 45, 10**6])
def test_gpu_reductions_equal_the_cpu_cores(chunk_points):
    # min/max with their labels, counts and histograms exactly (no cost here
    # lies within an ulp of a bin edge, where CUDA's log10 could pick the
    # other bin); sums to the reassociation of compensated partial sums. chunk_points 1 and 45 cut
    # the 35 kept cells (9 points each) over many launches.
    cpu = cd.train(**GRID, reduce=REDUCTIONS, chunk_points=chunk_points)
    gpu = cd.train(**GRID, reduce=REDUCTIONS, chunk_points=chunk_points, device="cuda")
    assert set(gpu.data_vars) == set(cpu.data_vars)
    for name in cpu.data_vars:
        if "sum" in name:
            np.testing.assert_allclose(gpu[name], cpu[name], rtol=1e-14, err_msg=name)
        else:  # the values and the winning labels (coordinates)
            xr.testing.assert_identical(gpu[name], cpu[name])
    serving = dict(
        model="llama-3-8b",
        hardware=GRID["hardware"],
        region=GRID["region"],
        batch=[1, 8, 64],
        reduce=cd.reduce.min("usd_per_mtok_rent", over=["hardware", "region"]),
    )
    serve_cpu = cd.serve(**serving)
    serve_gpu = cd.serve(**serving, device="cuda")
    xr.testing.assert_identical(serve_gpu, serve_cpu)


@needs_gpu
def test_gpu_reduction_reports_progress_and_nonfinite_values():
    from computedivide import _core

    inputs = {
        name: np.broadcast_to(np.asarray(1.0), (6, 100)) for name in _core.train_input_names()
    }
    inputs["n_gpus"] = np.broadcast_to(np.asarray(0.0), (6, 100))
    tokens = np.where(np.arange(100) < 50, np.logspace(10, 20, 100), np.inf)  # 50 infinite
    inputs["tokens"] = np.broadcast_to(tokens, (6, 100))
    calls = []
    states, nonfinite = cd.cuda.reduce(
        "train",
        inputs,
        [("train_flops", "count_le", 1e20, 0.0, 0.0, 0)],
        100,
        200,
        lambda done, total: calls.append((done, total)),
    )
    on_cpu, bad_cpu = _core.reduce_train(
        inputs, [("train_flops", "count_le", 1e20, 0.0, 0.0, 0)], 100, 200
    )
    np.testing.assert_array_equal(states[0], on_cpu[0])
    assert nonfinite == list(bad_cpu) == [6 * 50]
    assert calls == [(200, 600), (400, 600), (600, 600)]


@needs_gpu
def test_gpu_limits_are_measured():
    # Any GPU this path supports (Ampere and later) writes 1e11 to 1e13 bytes
    # per second and reaches 1e11 to 1e15 FP64 FLOP per second.
    write_bytes_per_s, fp64_flops_per_s = cd.cuda.measure_limits()
    assert 1e11 < write_bytes_per_s < 1e13
    assert 1e11 < fp64_flops_per_s < 1e15
