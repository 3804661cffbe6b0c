"""device="cuda": a clear error where the CUDA path or a GPU is missing, and,
where both are there, the same numbers as the CPU core."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest

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
    if not cd.cuda.built():
        with pytest.raises(RuntimeError, match="COMPUTEDIVIDE_CUDA=ON"):
            cd.serve(model="llama-3-8b", hardware="h100-sxm", region="USA", device="cuda")


def test_reduce_stays_on_the_cpu():
    with pytest.raises(ValueError, match="reduce= runs in the CPU core only"):
        cd.train(**GRID, device="cuda", reduce=cd.reduce.min("cost_rent_usd", over="region"))


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
        cd.train(params=1e300, tokens=1e300, hardware="h100-sxm", device="cuda")


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
