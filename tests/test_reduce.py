"""Streaming reductions equal the reductions of the materialised grid, whatever
the dimensions kept, the chunk size and the thread count."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

HARDWARE = ["a100-80gb", "h100-sxm", "mi300x", "l4", "rtx-4090"]
REGIONS = ["USA", "FRA", "IND", "aws:us-east-1"]


def grid(n_params: int, n_tokens: int, n_hw: int, n_regions: int) -> dict:
    return dict(
        params=np.logspace(9, 12, n_params),
        tokens=np.logspace(10, 13, n_tokens),
        hardware=HARDWARE[:n_hw],
        region=REGIONS[:n_regions],
    )


def test_cheapest_hardware_and_region_per_model_size_and_tokens():
    kw = grid(7, 5, 5, 4)
    full = cd.train(**kw, metrics=["cost_rent_usd", "co2_kg"])
    over = ["hardware", "region"]
    ds = cd.train(
        **kw,
        reduce=[
            cd.reduce.min("cost_rent_usd", over=over),
            cd.reduce.max("co2_kg", over=over),
            cd.reduce.sum("co2_kg", over=over),
            cd.reduce.mean("cost_rent_usd", over=over),
        ],
    )
    assert dict(ds.sizes) == {"params": 7, "tokens": 5}
    np.testing.assert_array_equal(ds["cost_rent_usd_min"], full["cost_rent_usd"].min(over))
    np.testing.assert_array_equal(ds["co2_kg_max"], full["co2_kg"].max(over))
    np.testing.assert_allclose(ds["co2_kg_sum"], full["co2_kg"].sum(over), rtol=1e-13)
    np.testing.assert_allclose(
        ds["cost_rent_usd_mean"], full["cost_rent_usd"].mean(over), rtol=1e-13
    )
    # The winning labels: the cheapest rent is where the price per FLOP is
    # lowest, whatever the region (rent does not depend on it: first region).
    stacked = full["cost_rent_usd"].stack(z=over)
    winner = stacked.z[stacked.argmin("z")]
    np.testing.assert_array_equal(ds["cost_rent_usd_min_hardware"], winner["hardware"])
    np.testing.assert_array_equal(ds["cost_rent_usd_min_region"], winner["region"])
    assert set(np.unique(ds["cost_rent_usd_min_region"])) == {"USA"}
    assert (ds["count"] == 20).all()
    assert ds["cost_rent_usd_min"].attrs["units"] == "USD"
    assert ds.attrs["reduced_over"] == "hardware, region"


@settings(deadline=None)
@given(
    shape=st.tuples(st.integers(1, 6), st.integers(1, 5), st.integers(1, 5), st.integers(1, 4)),
    over=st.sets(st.sampled_from(["params", "tokens", "hardware", "region"]), min_size=1),
    chunk=st.sampled_from([1, 3, 7, 64, 1 << 22]),
    threads=st.sampled_from([1, 2, 3, 8]),
)
def test_reductions_equal_the_materialised_grid(shape, over, chunk, threads):
    kw = grid(*shape)
    metric = "energy_kwh"
    full = cd.train(**kw, metrics=[metric])[metric]
    threshold = float(full.median())
    ds = cd.train(
        **kw,
        chunk_points=chunk,
        threads=threads,
        reduce=[
            cd.reduce.min(metric, over=over),
            cd.reduce.max(metric, over=over),
            cd.reduce.sum(metric, over=over),
            cd.reduce.count_below(metric, threshold, over=over),
            cd.reduce.histogram(metric, over=over, bins=50, range=(1e-3, 1e12), quantiles=[0.5]),
        ],
    )
    dims = [d for d in full.dims if d in over]
    np.testing.assert_array_equal(ds[f"{metric}_min"], full.min(dims))
    np.testing.assert_array_equal(ds[f"{metric}_max"], full.max(dims))
    np.testing.assert_allclose(ds[f"{metric}_sum"], full.sum(dims), rtol=1e-12)
    np.testing.assert_array_equal(ds[f"{metric}_count_below"], (full <= threshold).sum(dims))
    edges = np.logspace(-3, 12, 51)
    hist = xr.apply_ufunc(
        lambda a: np.histogram(a, bins=edges)[0],
        full.stack(z=dims),
        input_core_dims=[["z"]],
        output_core_dims=[["bin"]],
        vectorize=True,
    )
    np.testing.assert_array_equal(ds[f"{metric}_hist"].values, hist.values)
    # Argmin coordinates point at a scenario that attains the minimum.
    if "hardware" in dims:
        assert set(np.unique(ds[f"{metric}_min_hardware"])) <= set(kw["hardware"])


def test_bit_identical_whatever_threads_and_chunks():
    kw = grid(20, 30, 5, 4)
    results = [
        cd.train(
            **kw,
            chunk_points=chunk,
            threads=threads,
            reduce=[
                cd.reduce.min("cost_own_usd"),
                cd.reduce.max("cost_own_usd"),
                cd.reduce.count_below("cost_own_usd", 1e6),
                cd.reduce.sum("cost_own_usd"),
            ],
        )
        for chunk, threads in [(1 << 22, 1), (1 << 22, 4), (1000, 3), (17, 2)]
    ]
    for other in results[1:]:
        for name in ("cost_own_usd_min", "cost_own_usd_max", "cost_own_usd_count_below"):
            assert float(other[name]) == float(results[0][name])
        assert str(other["cost_own_usd_min_hardware"].values) == str(
            results[0]["cost_own_usd_min_hardware"].values
        )
        assert float(other["cost_own_usd_sum"]) == pytest.approx(
            float(results[0]["cost_own_usd_sum"]), rel=1e-12
        )


def test_quantiles_from_the_histogram():
    # Tokens log-uniform over 4 decades: energy is proportional to tokens, so
    # its median is the median token count's energy (within one bin).
    tokens = np.logspace(10, 14, 4001)
    ds = cd.train(
        model="llama-2-7b",
        hardware="a100-80gb",
        region="FRA",
        tokens=tokens,
        reduce=cd.reduce.histogram("energy_kwh", quantiles=[0.05, 0.5, 0.95]),
    )
    full = cd.train(
        model="llama-2-7b",
        hardware="a100-80gb",
        region="FRA",
        tokens=tokens,
        metrics=["energy_kwh"],
    )["energy_kwh"].values
    for q, value in zip([0.05, 0.5, 0.95], ds["energy_kwh_quantile"].values, strict=True):
        assert value == pytest.approx(np.quantile(full, q), rel=0.26)  # one bin: 10^0.1
    with pytest.raises(ValueError, match="lies above the histogram range"):
        cd.train(
            model="llama-2-7b",
            hardware="a100-80gb",
            region="FRA",
            tokens=tokens,
            reduce=cd.reduce.histogram("energy_kwh", range=(1.0, 10.0)),
        )


def test_memory_refusals_happen_before_allocating():
    huge = dict(
        params=np.logspace(9, 12, 100_000),
        tokens=np.logspace(10, 13, 100_000),
        hardware="h100-sxm",
        region="USA",
    )
    # 10^10 scenarios x 14 outputs x 8 bytes = 1.1 TB: refused at once, with
    # the size and the way out.
    with pytest.raises(MemoryError, match=r"1.000e\+10 scenarios.*reduce="):
        cd.train(**huge)
    # 1000 scenarios x 14 outputs x 8 bytes = 112 kB > 100 kB.
    with pytest.raises(MemoryError, match=r"need 0.00012 GB, over the budget of 0.0001 GB"):
        cd.train(
            params=np.logspace(9, 12, 1000),
            tokens=1e12,
            hardware="h100-sxm",
            region="USA",
            memory_budget_bytes=10**5,
        )
    # Keeping 10^10 cells of a histogram is refused too.
    with pytest.raises(MemoryError, match="reduce: keeping"):
        cd.train(**huge, reduce=cd.reduce.histogram("energy_kwh", over=[]))


def test_bad_reductions_are_clear_errors():
    kw = grid(3, 2, 2, 2)
    with pytest.raises(KeyError, match="'cost' is not a train output"):
        cd.train(**kw, reduce=cd.reduce.min("cost"))
    with pytest.raises(ValueError, match="must name distinct grid dimensions"):
        cd.train(**kw, reduce=cd.reduce.min("co2_kg", over="model"))
    with pytest.raises(ValueError, match="same over="):
        cd.train(
            **kw,
            reduce=[
                cd.reduce.min("co2_kg", over="hardware"),
                cd.reduce.max("co2_kg", over="region"),
            ],
        )
    with pytest.raises(ValueError, match="metrics= has no effect with reduce="):
        cd.train(**kw, metrics=["co2_kg"], reduce=cd.reduce.min("co2_kg"))
    with pytest.raises(ValueError, match="chunk_points must be a whole number"):
        cd.train(**kw, reduce=cd.reduce.min("co2_kg"), chunk_points=0)
    with pytest.raises(TypeError, match="progress must be True, False or None"):
        cd.train(**kw, reduce=cd.reduce.min("co2_kg"), progress="yes")
    with pytest.raises(ValueError, match="apply to reduce= only"):
        cd.train(**kw, chunk_points=10)
    with pytest.raises(TypeError, match="catalogs must be a dict"):
        cd.train(**kw, catalogs=["hardware.csv"])
    with pytest.raises(TypeError, match=r"reduce must be a computedivide\.reduce reduction"):
        cd.train(**kw, reduce="min")
    with pytest.raises(ValueError, match="histogram range"):
        cd.reduce.histogram("co2_kg", range=(0, 1))


def test_serve_reductions_and_progress():
    seen = []
    kw = dict(
        model=["llama-2-7b", "llama-2-70b"], hardware=HARDWARE, region=REGIONS, batch=[1, 8, 32]
    )
    full = cd.serve(**kw, metrics=["usd_per_mtok_rent"])["usd_per_mtok_rent"]
    ds = cd.serve(
        **kw,
        reduce=cd.reduce.min("usd_per_mtok_rent", over=["hardware", "region", "batch"]),
        chunk_points=7,
        progress=False,
    )
    np.testing.assert_array_equal(
        ds["usd_per_mtok_rent_min"], full.min(["hardware", "region", "batch"])
    )
    from computedivide import _core

    views = {name: np.full((), 1.0) for name in _core.serve_input_names()}
    _core.reduce_serve(
        views,
        [("tokens_per_s", "sum", 0.0, 0.0, 0.0, 0)],
        1,
        1,
        1,
        lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 1)]


def test_ctrl_c_stops_a_long_reduction():
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import numpy as np, computedivide as cd\n"
        "cd.train(model='gpt-3', hardware='h100-sxm', region='USA')  # warm: catalogs loaded\n"
        "print('started', flush=True)\n"
        "cd.train(params=np.logspace(9, 12, 100000), tokens=np.logspace(10, 13, 100000),\n"
        "         hardware='h100-sxm', region='USA', threads=1, chunk_points=1 << 20,\n"
        "         reduce=cd.reduce.min('cost_rent_usd'))\n"
        "print('finished', flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    time.sleep(1.0)  # inside the 10^10-scenario reduction (minutes on one thread)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert "finished" not in out
    assert "KeyboardInterrupt" in err


@pytest.mark.parametrize("over", [["region"], ["hardware", "region"], ["tokens", "region"]])
def test_long_region_rows_reduce_like_the_materialised_grid(over):
    # 40 regions innermost: rows long enough for the core to run the compute
    # stage once per row and scan whole pieces of a cell at once.
    regions = list(cd.catalog.regions().index[:40])
    kw = dict(params=np.logspace(9, 12, 3), tokens=np.logspace(10, 13, 4), hardware=HARDWARE)
    full = cd.train(**kw, region=regions, metrics=["energy_kwh", "cost_own_usd"])
    threshold = float(full["energy_kwh"].median())
    ds = cd.train(
        **kw,
        region=regions,
        chunk_points=97,
        threads=3,
        reduce=[
            cd.reduce.min("energy_kwh", over=over),
            cd.reduce.max("cost_own_usd", over=over),
            cd.reduce.sum("energy_kwh", over=over),
            cd.reduce.count_below("energy_kwh", threshold, over=over),
        ],
    )
    np.testing.assert_array_equal(ds["energy_kwh_min"], full["energy_kwh"].min(over))
    np.testing.assert_array_equal(ds["cost_own_usd_max"], full["cost_own_usd"].max(over))
    np.testing.assert_allclose(ds["energy_kwh_sum"], full["energy_kwh"].sum(over), rtol=1e-13)
    np.testing.assert_array_equal(
        ds["energy_kwh_count_below"], (full["energy_kwh"] <= threshold).sum(over)
    )
    stacked = full["energy_kwh"].stack(z=over)
    winner = stacked.z[stacked.argmin("z")]
    np.testing.assert_array_equal(ds["energy_kwh_min_region"], winner["region"])
