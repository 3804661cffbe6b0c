"""Benchmarks: a streaming reduction against what a user would otherwise write.

The question: "the cheapest hardware and region for each model size and token
count". The baseline materialises the 4-D grid with NumPy broadcasting (the
pure-NumPy reference formulas) and takes the minimum; the core streams it and
keeps only the minimum and its labels. Each benchmark first checks its result
against the other. Figures go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest

HARDWARE = ["a100-80gb", "h100-sxm", "h200", "mi300x", "l40s", "gaudi3", "tpu-v5e", "rtx-4090"]
REGIONS = [
    "USA",
    "FRA",
    "IND",
    "BRA",
    "KEN",
    "DEU",
    "CHN",
    "aws:us-east-1",
    "gcp:europe-west1",
    "azure:westeurope",
]
N = 112  # 112 x 112 x 8 x 10 = 1.0e6 scenarios
GRID = dict(
    params=np.logspace(9, 12, N), tokens=np.logspace(11, 13, N), hardware=HARDWARE, region=REGIONS
)
OVER = ["hardware", "region"]


@pytest.fixture(scope="module")
def expected():
    full = cd.train(**GRID, metrics=["cost_rent_usd"], backend="reference")
    return full["cost_rent_usd"].min(OVER).values


def test_reduce_min_core(benchmark, expected):
    def run():
        return cd.train(**GRID, reduce=cd.reduce.min("cost_rent_usd", over=OVER))

    ds = benchmark(run)
    np.testing.assert_allclose(ds["cost_rent_usd_min"].values, expected, rtol=1e-12)


def test_materialise_then_min_core(benchmark, expected):
    def run():
        return cd.train(**GRID, metrics=["cost_rent_usd"])["cost_rent_usd"].min(OVER).values

    np.testing.assert_allclose(benchmark(run), expected, rtol=1e-12)


def test_materialise_then_min_numpy(benchmark, expected):
    def run():
        full = cd.train(**GRID, metrics=["cost_rent_usd"], backend="reference")
        return full["cost_rent_usd"].min(OVER).values

    np.testing.assert_allclose(benchmark(run), expected, rtol=1e-12)
