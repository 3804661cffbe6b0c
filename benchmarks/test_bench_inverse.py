"""Benchmarks: the inverse question against what a user would otherwise write.

"The largest model a budget pre-trains": the core runs one search per grid
point (``cd.largest_model``); the baseline is SciPy's ``brentq`` on log N
around ``cd.train`` (the whole API, one scenario per call), which is what a
user without the inverse would write. Both use D = 20 N and the fitted MFU,
and agree to 1e-12. Figures go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import math

import computedivide as cd
import numpy as np
import pytest
from speed import SCALE

HARDWARE = ["a100-80gb", "h100-sxm", "h200", "mi300x"]
REGIONS = ["USA", "IND", "BRA", "DEU", "ZAF"]
N_BUDGETS = max(2, round(500 * SCALE))  # 500 x 4 x 5 = 10^4 searches at scale 1
BUDGETS_USD = np.geomspace(1e5, 1e10, N_BUDGETS)
BASELINE_POINTS = [(1e5, "h100-sxm", "USA"), (3e7, "a100-80gb", "IND"), (1e10, "mi300x", "BRA")]


def largest_by_brentq(budget_usd: float, hardware: str, region: str) -> float:
    """The size whose rented pre-training cost is the budget, by root-finding."""
    from scipy.optimize import brentq

    def excess(log10_params: float) -> float:
        n = 10.0**log10_params
        ds = cd.train(
            params=n, tokens=20 * n, hardware=hardware, region=region, metrics=["cost_rent_usd"]
        )
        return math.log(float(ds["cost_rent_usd"]) / budget_usd)

    return 10.0 ** brentq(excess, 6.0, 15.0, xtol=1e-14, rtol=1e-15)


@pytest.fixture(scope="module")
def expected() -> list[float]:
    return [largest_by_brentq(*point) for point in BASELINE_POINTS]


def test_largest_model_core(benchmark, expected):
    def run():
        return cd.largest_model(BUDGETS_USD, "pretrain", HARDWARE, REGIONS)

    cd.largest_model(1e6, "pretrain", "h100-sxm", "USA")  # the MFU fit, once per process
    ds = benchmark(run)
    assert ds["largest_params"].sizes == {"hardware": 4, "region": 5, "budget": N_BUDGETS}
    one = cd.largest_model([p[0] for p in BASELINE_POINTS], "pretrain", HARDWARE, REGIONS)[
        "largest_params"
    ]
    for i, (_, hardware, region) in enumerate(BASELINE_POINTS):
        got = float(one.isel(budget=i).sel(hardware=hardware, region=region))
        assert got == pytest.approx(expected[i], rel=1e-12)


def test_largest_model_brentq_baseline(benchmark, expected):
    def run():
        return [largest_by_brentq(*point) for point in BASELINE_POINTS]

    assert benchmark(run) == pytest.approx(expected, rel=1e-12)
