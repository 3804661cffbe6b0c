"""``out=``: metrics written into the caller's arrays, and fresh output arrays.

A sweep that evaluates one grid many times can hand the core the arrays of
an earlier result; the core checks each before it writes anything.
"""

from __future__ import annotations

import sys

import computedivide as cd
import numpy as np
import pytest
import xarray as xr
from computedivide import _core

MiB = 1 << 20


def train_views(n_params: int = 3, n_tokens: int = 4) -> dict[str, np.ndarray]:
    """The core's inputs for a params x tokens grid (as the API hands them)."""
    ds_inputs = {
        name: np.broadcast_to(np.float64(value), (n_params, n_tokens))
        for name, value in {
            "layers": 0,
            "d_model": 0,
            "context_tokens": 0,
            "attention_flops": 0,
            "causal_attention": 1,
            "activation_recompute": 0,
            "mfu": 0.4,
            "known_gpu_hours": 0,
            "known_wall_days": 0,
            "n_gpus": 1000,
            "wall_days_budget": 90,
            "usable_memory_share": 0.9,
            "train_bytes_per_param": 16,
            "adapter_share": 0,
            "frozen_bytes_per_param": 2,
            "activation_gb": 0,
            "power_share": 1,
            "host_overhead_w": 0,
            "measured_power_w": 0,
            "embodied_kg_per_gpu": 150,
            "hardware_lifetime_years": 5,
            "discount_multiplier": 1,
            "cluster_overhead": 1,
            "amortisation_years": 4,
            "wue_l_per_kwh": 0.3,
            "grid_water_l_per_kwh": 2,
            "pue": 1.2,
            "carbon_intensity_g_per_kwh": 400,
            "electricity_usd_per_kwh": 0.1,
            "region_price_multiplier": 1,
            "peak_flops": 1e15,
            "memory_gb": 80,
            "tdp_w": 700,
            "gpu_price_usd": 30000,
            "cloud_usd_per_gpu_hour": 2,
        }.items()
    }
    params = np.array([1e9, 7e9, 70e9])[:n_params, None]
    tokens = np.array([1e11, 2e11, 1e12, 2e12])[None, :n_tokens]
    shape = (n_params, n_tokens)
    ds_inputs["params"] = ds_inputs["active_params"] = np.broadcast_to(params, shape)
    ds_inputs["tokens"] = np.broadcast_to(tokens, shape)
    return ds_inputs


# ------------------------------------------------------------------ the core


def test_core_writes_into_the_given_arrays_and_returns_them():
    views = train_views()
    fresh, _ = _core.evaluate_train(views, ["train_flops", "gpu_hours"])
    buffer = np.full((3, 4), -1.0)
    results, nonfinite = _core.evaluate_train(
        views, ["train_flops", "gpu_hours"], 0, "float64", {"gpu_hours": buffer}
    )
    assert results["gpu_hours"] is buffer
    assert nonfinite == {}
    # 6 N D / (peak mfu) / 3600: 6 * 7e9 * 2e12 / (1e15 * 0.4) / 3600 hours
    assert buffer[1, 3] == pytest.approx(6 * 7e9 * 2e12 / (1e15 * 0.4) / 3600, rel=1e-15)
    np.testing.assert_array_equal(buffer, fresh["gpu_hours"])
    np.testing.assert_array_equal(results["train_flops"], fresh["train_flops"])


def test_core_out_in_float32():
    views = train_views()
    buffer = np.zeros((3, 4), dtype=np.float32)
    results, _ = _core.evaluate_train(views, ["train_flops"], 0, "float32", {"train_flops": buffer})
    assert results["train_flops"] is buffer
    assert buffer[2, 2] == np.float32(6 * 70e9 * 1e12)


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda v: np.zeros((3, 4), np.float32), TypeError, "must have dtype float64"),
        (lambda v: np.zeros((4, 3)), ValueError, "grid's shape (3, 4); got (4, 3)"),
        (lambda v: np.zeros((3, 8))[:, ::2], ValueError, "C-contiguous"),
        (lambda v: np.zeros((3, 4)).tolist(), TypeError, "must be a numpy.ndarray"),
    ],
)
def test_core_refuses_a_buffer_it_cannot_write(make, error, words):
    views = train_views()
    with pytest.raises(error, match=r"out\['gpu_hours'\]") as info:
        _core.evaluate_train(views, ["gpu_hours"], 0, "float64", {"gpu_hours": make(views)})
    assert words in str(info.value)


def test_core_refuses_read_only_overlapping_and_unasked_buffers_before_writing():
    views = train_views()
    sentinel = np.full((3, 4), 7.0)
    read_only = sentinel.copy()
    read_only.flags.writeable = False
    with pytest.raises(ValueError, match=r"out\['gpu_hours'\] is read-only"):
        _core.evaluate_train(views, ["gpu_hours"], 0, "float64", {"gpu_hours": read_only})

    # The same array for two outputs: the first stays untouched.
    shared = sentinel.copy()
    with pytest.raises(ValueError, match=r"out\['gpu_hours'\] shares memory with another"):
        _core.evaluate_train(
            views,
            ["train_flops", "gpu_hours"],
            0,
            "float64",
            {"train_flops": shared, "gpu_hours": shared},
        )
    np.testing.assert_array_equal(shared, sentinel)

    # An output over an input the core reads while it writes.
    tokens = np.ascontiguousarray(views["tokens"])
    inputs = dict(views, tokens=tokens)
    with pytest.raises(ValueError, match=r"shares memory with the input 'tokens'"):
        _core.evaluate_train(inputs, ["train_flops"], 0, "float64", {"train_flops": tokens})
    np.testing.assert_array_equal(tokens, views["tokens"])

    with pytest.raises(KeyError, match="'co2_kg' is not among the outputs asked for"):
        _core.evaluate_train(views, ["gpu_hours"], 0, "float64", {"co2_kg": sentinel.copy()})
    with pytest.raises(TypeError, match="out must be a dict"):
        _core.evaluate_train(views, ["gpu_hours"], 0, "float64", [sentinel])


def test_serve_core_takes_out_too():
    ds = cd.serve(model="llama-3-8b", hardware="h100-sxm", region="USA", batch=[1, 8])
    buffer = np.zeros_like(ds["tokens_per_s"].values)
    again = cd.serve(
        model="llama-3-8b",
        hardware="h100-sxm",
        region="USA",
        batch=[1, 8],
        out={"tokens_per_s": buffer},
    )
    assert np.shares_memory(again["tokens_per_s"].values, buffer)
    np.testing.assert_array_equal(buffer, ds["tokens_per_s"].values)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="huge pages: Linux only")
def test_large_fresh_outputs_start_on_a_huge_page_boundary():
    # 8 MiB per output: NumPy's allocator would start it 16 bytes past a page.
    views = train_views()
    big = {k: np.broadcast_to(v[:1, :1], (1024, 1024)) for k, v in views.items()}
    results, _ = _core.evaluate_train(big, ["train_flops", "gpu_hours"])
    for array in results.values():
        assert array.ctypes.data % (2 * MiB) == 0
        assert array.flags.c_contiguous and array.flags.writeable
    np.testing.assert_array_equal(results["train_flops"], 6 * 1e9 * 1e11)
    small, _ = _core.evaluate_train(views, ["train_flops"])  # 96 bytes: NumPy's own
    assert small["train_flops"].flags.owndata


# ------------------------------------------------------------------ the API


def sweep(**kwargs):
    return cd.train(
        params=[7e9, 70e9],
        tokens=[1e12, 2e12, 4e12],
        hardware=["h100-sxm", "a100-80gb"],
        region="USA",
        metrics=["gpu_hours", "cost_rent_usd"],
        **kwargs,
    )


def test_api_reuses_an_earlier_results_arrays():
    first = sweep(mfu=0.4)
    kept = {name: first[name].values for name in first.data_vars}
    second = sweep(mfu=0.5, out=first)
    for name in ("gpu_hours", "cost_rent_usd"):
        assert np.shares_memory(second[name].values, kept[name])
    np.testing.assert_array_equal(second["gpu_hours"].values, sweep(mfu=0.5)["gpu_hours"].values)
    # mfu 0.4 -> 0.5: the hours of every scenario scale by 0.8 (first was overwritten)
    np.testing.assert_allclose(
        second["gpu_hours"].values, sweep(mfu=0.4)["gpu_hours"].values * 0.8, rtol=1e-14
    )


def test_api_out_arrays_need_no_memory_budget():
    first = sweep()
    with pytest.raises(MemoryError):
        sweep(memory_budget_bytes=100)
    again = sweep(memory_budget_bytes=100, out={n: first[n].values for n in first.data_vars})
    np.testing.assert_array_equal(again["gpu_hours"].values, first["gpu_hours"].values)


def test_api_refuses_out_where_it_cannot_apply():
    first = sweep()
    with pytest.raises(ValueError, match=r"dimensions \(.tokens., .params., .hardware.\)"):
        sweep(out={"gpu_hours": first["gpu_hours"].transpose("tokens", "params", "hardware")})
    with pytest.raises(KeyError, match="'co2_kg' is not among the train metrics computed"):
        sweep(out={"co2_kg": first["gpu_hours"]})
    with pytest.raises(TypeError, match="out must map metric names"):
        sweep(out=[first["gpu_hours"].values])
    with pytest.raises(ValueError, match="CPU core"):
        sweep(out=first, backend="reference")
    with pytest.raises(ValueError, match="reduce= returns summaries"):
        cd.train(
            params=[7e9, 70e9],
            tokens=1e12,
            hardware="h100-sxm",
            region="USA",
            reduce=cd.reduce.min("gpu_hours", over="params"),
            out={"gpu_hours": np.zeros(2)},
        )
    with pytest.raises(ValueError, match="distributions"):
        sweep(mfu=cd.dist.uniform(0.3, 0.5), samples=10, seed=1, out=first)
    fits = cd.train(params=7e9, tokens=1e12, hardware="h100-sxm", region="USA")
    with pytest.raises(ValueError, match="fits_memory"):
        cd.train(params=7e9, tokens=1e12, hardware="h100-sxm", region="USA", out=fits)
    with pytest.raises(TypeError, match=r"out\['gpu_hours'\] must have dtype float32"):
        sweep(dtype="float32", out=first)
    assert isinstance(first, xr.Dataset)
