"""Reductions split into Dask tasks equal the one-process result."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
import xarray as xr

distributed = pytest.importorskip("dask.distributed")

GRID = dict(
    params=np.logspace(9, 12, 13),
    tokens=np.logspace(10, 13, 7),
    hardware=["a100-80gb", "h100-sxm", "mi300x", "l4"],
    region=["USA", "FRA", "IND", "aws:us-east-1", "BRA"],
)


def reductions(over):
    return [
        cd.reduce.min("cost_rent_usd", over=over),
        cd.reduce.max("co2_kg", over=over),
        cd.reduce.sum("energy_kwh", over=over),
        cd.reduce.mean("energy_kwh", over=over),
        cd.reduce.count_below("cost_own_usd", [1e4, 1e6], over=over),
        cd.reduce.histogram("gpu_hours", over=over, bins=40, range=(1e-2, 1e10), quantiles=[0.5]),
    ]


def assert_same(split: xr.Dataset, whole: xr.Dataset) -> None:
    assert set(split.data_vars) == set(whole.data_vars)
    for name in whole.data_vars:
        if name.endswith(("_sum", "_mean")):
            np.testing.assert_allclose(split[name], whole[name], rtol=1e-12)
        else:
            np.testing.assert_array_equal(split[name].values, whole[name].values)
    for name in whole.coords:
        np.testing.assert_array_equal(split[name].values, whole[name].values)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.mark.filterwarnings("ignore")
def test_local_cluster_split_along_a_reduced_dimension(client):
    over = ["hardware", "region"]
    whole = cd.train(**GRID, reduce=reductions(over))
    split = cd.distributed.train(
        **GRID, reduce=reductions(over), split={"region": 3}, client=client
    )
    assert split.attrs["computedivide_split"] == "region in 3 Dask tasks"
    assert_same(split, whole)


@pytest.mark.filterwarnings("ignore")
def test_local_cluster_split_along_a_kept_dimension(client):
    over = ["tokens", "region"]
    whole = cd.train(**GRID, reduce=reductions(over))
    split = cd.distributed.train(
        **GRID, reduce=reductions(over), split={"params": 4}, client=client
    )
    assert_same(split, whole)


def test_split_errors():
    with pytest.raises(ValueError, match="needs reduce="):
        cd.distributed.train(**GRID, split={"params": 2})
    with pytest.raises(ValueError, match="not a swept argument"):
        cd.distributed.train(**GRID, reduce=cd.reduce.min("co2_kg"), split={"mfu": 2})
