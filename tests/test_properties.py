"""Property tests: the core agrees with the reference and keeps the invariants."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
import xarray as xr
from computedivide._params import SERVE_PARAMS, TRAIN_PARAM, TRAIN_PARAMS
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import argument, arguments, value

RTOL = 1e-12
SCALING_METRICS = (
    "train_flops",
    "hardware_flops",
    "gpu_hours",
    "wall_days",
    "energy_kwh",
    "co2_kg",
    "co2_embodied_kg",
    "water_l",
    "cost_rent_usd",
    "cost_own_usd",
)


def assert_same(a: xr.Dataset, b: xr.Dataset, rtol: float = RTOL) -> None:
    assert set(a.data_vars) == set(b.data_vars)
    for name in a.data_vars:
        x, y = a[name].transpose(*b[name].dims), b[name]
        np.testing.assert_allclose(
            x.values.astype(float), y.values.astype(float), rtol=rtol, atol=0, err_msg=str(name)
        )


@given(arguments(TRAIN_PARAMS, skip=("n_gpus",)), st.booleans(), st.data())
def test_train_core_equals_reference(args, fixed_cluster, data):
    if fixed_cluster:
        args["n_gpus"] = data.draw(argument(TRAIN_PARAM["n_gpus"]))
        args.pop("wall_days_budget", None)
    core = cd.train(**args)
    ref = cd.train(**args, backend="reference")
    assert core.sizes == ref.sizes
    assert_same(core, ref)


@given(arguments(TRAIN_PARAMS, skip=("n_gpus", "mfu")), st.booleans(), st.data())
def test_known_time_core_equals_reference(args, by_days, data):
    # Reported hours (or days on n_gpus) replace FLOPs / (peak x MFU).
    if by_days:
        args["n_gpus"] = data.draw(argument(TRAIN_PARAM["n_gpus"]))
        args.pop("wall_days_budget", None)
        args["known_wall_days"] = data.draw(argument(TRAIN_PARAM["known_wall_days"]))
    else:
        args["known_gpu_hours"] = data.draw(argument(TRAIN_PARAM["known_gpu_hours"]))
    core = cd.train(**args)
    assert_same(core, cd.train(**args, backend="reference"))
    hours = args["n_gpus"] * args["known_wall_days"] * 24 if by_days else args["known_gpu_hours"]
    expected = xr.DataArray(hours) * xr.ones_like(core["gpu_hours"])
    np.testing.assert_allclose(
        core["gpu_hours"], expected.transpose(*core["gpu_hours"].dims), rtol=RTOL
    )


@given(value(TRAIN_PARAM["mfu"]), st.floats(1e9, 1e12), st.floats(1e10, 1e13))
def test_hours_from_mfu_give_back_that_mfu(mfu, params, tokens):
    estimate = cd.train(
        params=params,
        tokens=tokens,
        mfu=mfu,
        peak_flops=1e15,
        memory_gb=80,
        tdp_w=700,
        gpu_price_usd=3e4,
        cloud_usd_per_gpu_hour=2.0,
        pue=1.1,
        carbon_intensity_g_per_kwh=400,
        electricity_usd_per_kwh=0.1,
    )
    known = cd.train(
        params=params,
        tokens=tokens,
        known_gpu_hours=float(estimate["gpu_hours"]),
        peak_flops=1e15,
        memory_gb=80,
        tdp_w=700,
        gpu_price_usd=3e4,
        cloud_usd_per_gpu_hour=2.0,
        pue=1.1,
        carbon_intensity_g_per_kwh=400,
        electricity_usd_per_kwh=0.1,
    )
    assert float(known["implied_mfu"]) == pytest.approx(mfu, rel=RTOL)
    assert float(estimate["implied_mfu"]) == pytest.approx(mfu, rel=RTOL)
    for name in ("energy_kwh", "co2_kg", "cost_rent_usd"):
        assert float(known[name]) == pytest.approx(float(estimate[name]), rel=RTOL)


@given(arguments(SERVE_PARAMS), st.booleans())
def test_serve_core_equals_reference(args, with_load):
    if not with_load:  # no users: the load variables are left out
        for name in ("users", "requests_per_user_per_day", "target_utilization"):
            args.pop(name)
    core = cd.serve(**args)
    assert ("replicas" in core) == with_load
    assert_same(core, cd.serve(**args, backend="reference"))


@given(
    arguments(TRAIN_PARAMS, skip=("params", "active_params", "tokens")),
    st.floats(1e8, 1e12),
    st.floats(1.01, 10.0),
    st.floats(1e9, 1e13),
)
def test_train_monotone_in_params_and_tokens(args, params, factor, tokens):
    base = cd.train(**args, params=params, tokens=tokens)
    more_params = cd.train(**args, params=params * factor, tokens=tokens)
    more_tokens = cd.train(**args, params=params, tokens=tokens * factor)
    for name in (
        "train_flops",
        "gpu_hours",
        "energy_kwh",
        "co2_kg",
        "cost_rent_usd",
        "cost_own_usd",
        "min_gpus_memory",
    ):
        assert (more_params[name] >= base[name]).all(), name
    for name in (
        "train_flops",
        "gpu_hours",
        "energy_kwh",
        "co2_kg",
        "cost_rent_usd",
        "cost_own_usd",
    ):
        assert (more_tokens[name] > base[name]).all(), name


@given(arguments(TRAIN_PARAMS, skip=("tokens",)))
def test_doubling_tokens_doubles_flops_hours_energy_co2_and_cost(args):
    # With a fixed cluster the wall time doubles too, so every extensive
    # metric doubles (a budget-sized cluster would round its size up).
    one = cd.train(**args, tokens=1e11)
    two = cd.train(**args, tokens=2e11)
    for name in SCALING_METRICS:
        np.testing.assert_allclose(two[name], 2 * one[name], rtol=RTOL, err_msg=name)
    for name in ("capex_usd", "n_gpus_used", "min_gpus_memory"):
        np.testing.assert_array_equal(two[name], one[name])


@given(arguments(TRAIN_PARAMS))
def test_co2_is_energy_times_carbon_intensity(args):
    ds = cd.train(**args)
    ci = xr.DataArray(args["carbon_intensity_g_per_kwh"])
    expected = ds["energy_kwh"] * ci / 1000.0
    np.testing.assert_allclose(ds["co2_kg"], expected.transpose(*ds["co2_kg"].dims), rtol=RTOL)


@settings(max_examples=15)
@given(arguments(SERVE_PARAMS), st.integers(2, 8))
def test_results_do_not_depend_on_thread_count(args, threads):
    # The core gives each thread at least 2^14 points: a 2^17-point batch
    # dimension makes every thread count here run in parallel.
    args = dict(args, batch=xr.DataArray(np.arange(1.0, 2.0**17 + 1), dims="big"))
    serial = cd.serve(**args, threads=1)
    parallel = cd.serve(**args, threads=threads)
    for name in serial.data_vars:
        np.testing.assert_array_equal(serial[name], parallel[name])


@given(arguments(TRAIN_PARAMS), st.permutations(["a", "b", "c"]))
def test_results_do_not_depend_on_dimension_order(args, order):
    ds = cd.train(**args)
    reordered = {
        k: (v.transpose(*[d for d in order if d in v.dims]) if isinstance(v, xr.DataArray) else v)
        for k, v in args.items()
    }
    # Put the arguments in another order too: the grid's dims follow it.
    shuffled = dict(reversed(list(reordered.items())))
    other = cd.train(**shuffled)
    for name in ds.data_vars:
        np.testing.assert_array_equal(ds[name].transpose(*other[name].dims), other[name])


@given(value(TRAIN_PARAM["mfu"]), st.floats(1e9, 1e12), st.floats(1e10, 1e13))
def test_units_are_consistent(mfu, params, tokens):
    # gpu_hours is FLOPs over FLOP/s in hours; wall_days is hours / gpus / 24.
    ds = cd.train(
        params=params,
        tokens=tokens,
        mfu=mfu,
        peak_flops=1e15,
        memory_gb=80,
        tdp_w=700,
        gpu_price_usd=3e4,
        cloud_usd_per_gpu_hour=2.0,
        pue=1.1,
        carbon_intensity_g_per_kwh=400,
        electricity_usd_per_kwh=0.1,
        n_gpus=1000,
    )
    seconds = float(ds["train_flops"]) / (1e15 * mfu)
    assert float(ds["gpu_hours"]) == pytest.approx(seconds / 3600, rel=RTOL)
    assert float(ds["wall_days"]) == pytest.approx(seconds / 3600 / 1000 / 24, rel=RTOL)
    assert float(ds["energy_kwh"]) == pytest.approx(seconds / 3600 * 0.7 * 1.1, rel=RTOL)


@given(
    arguments(SERVE_PARAMS, skip=("cloud_usd_per_gpu_hour", "bandwidth_gb_s")),
    st.floats(0.5, 10.0),
    st.floats(500.0, 8000.0),
)
def test_serving_invariants(args, price, bandwidth):
    ds = cd.serve(**args, cloud_usd_per_gpu_hour=price, bandwidth_gb_s=bandwidth)
    dearer = cd.serve(**args, cloud_usd_per_gpu_hour=2 * price, bandwidth_gb_s=bandwidth)
    faster = cd.serve(**args, cloud_usd_per_gpu_hour=price, bandwidth_gb_s=2 * bandwidth)
    ci = xr.DataArray(args["carbon_intensity_g_per_kwh"])
    # CO2 per token is energy per token times the grid's intensity.
    np.testing.assert_allclose(
        ds["co2_g_per_mtok"],
        (ds["kwh_per_mtok"] * ci).transpose(*ds["co2_g_per_mtok"].dims),
        rtol=RTOL,
    )
    # Rent scales with the price; more bandwidth never slows decoding.
    np.testing.assert_allclose(dearer["usd_per_mtok_rent"], 2 * ds["usd_per_mtok_rent"], rtol=RTOL)
    assert (faster["tokens_per_s"] >= ds["tokens_per_s"]).all()
    # A replica holds its weights and its batch's KV cache.
    usable = xr.DataArray(args["memory_gb"]) * xr.DataArray(args["usable_memory_share"])
    need = ds["weights_gb"] + xr.DataArray(args["batch"]) * ds["kv_gb_per_seq"]
    assert (ds["gpus_per_replica"] * usable >= need * (1 - 1e-12)).all()
