"""Monte Carlo: distributions as inputs, reduced to quantiles over samples."""

from __future__ import annotations

import math

import computedivide as cd
import numpy as np
import pytest

SCENARIO = dict(model="llama-2-70b", hardware="h100-sxm", region="USA")
Z95 = 1.6448536269514722  # standard normal 95 % quantile


def test_lognormal_mfu_gives_lognormal_gpu_hours():
    # GPU-hours = C / MFU. With MFU = 0.4 exp(0.1 Z), GPU-hours = C/0.4 exp(-0.1 Z):
    # log-normal, quantiles C/0.4 exp(-+1.645 x 0.1).
    at_median = float(cd.train(**SCENARIO, mfu=0.4)["gpu_hours"])
    ds = cd.train(**SCENARIO, mfu=cd.dist.lognormal(0.4, 0.1), samples=40_000, seed=7)
    assert list(ds["quantile"].values) == [0.05, 0.5, 0.95]
    exact = [at_median * math.exp(-0.1 * Z95), at_median, at_median * math.exp(0.1 * Z95)]
    # 40,000 samples: the standard error of a 5 % quantile of log(hours) is
    # about 0.1 x 0.0085, so 1 % is a safe bound.
    np.testing.assert_allclose(ds["gpu_hours"].values, exact, rtol=0.01)
    assert "mfu" in ds.attrs["monte_carlo"]
    assert ds["fits_memory_share"].item() == 1.0


def test_draws_are_reproducible_and_independent_per_input():
    a = cd.train(
        **SCENARIO,
        mfu=cd.dist.uniform(0.3, 0.5),
        pue=cd.dist.triangular(1.1, 1.2, 1.6),
        samples=500,
        seed=3,
    )
    b = cd.train(
        **SCENARIO,
        mfu=cd.dist.uniform(0.3, 0.5),
        pue=cd.dist.triangular(1.1, 1.2, 1.6),
        samples=500,
        seed=3,
    )
    c = cd.train(
        **SCENARIO,
        mfu=cd.dist.uniform(0.3, 0.5),
        pue=cd.dist.triangular(1.1, 1.2, 1.6),
        samples=500,
        seed=4,
    )
    assert a.equals(b)
    assert not a["co2_kg"].equals(c["co2_kg"])
    # Energy depends on PUE, GPU-hours do not: its spread is wider.
    spread = a.sel(quantile=0.95) / a.sel(quantile=0.05)
    assert float(spread["energy_kwh"]) > float(spread["gpu_hours"])


def test_scipy_frozen_distributions_are_accepted():
    stats = pytest.importorskip("scipy.stats")
    ours = cd.train(**SCENARIO, mfu=cd.dist.lognormal(0.4, 0.1), samples=20_000, seed=1)
    theirs = cd.train(**SCENARIO, mfu=stats.lognorm(0.1, scale=0.4), samples=20_000, seed=1)
    np.testing.assert_allclose(theirs["gpu_hours"], ours["gpu_hours"], rtol=0.02)


def test_samples_out_of_range_are_an_error_not_a_clamp():
    with pytest.raises(ValueError, match=r"mfu must be \(0, 1\]"):
        cd.train(**SCENARIO, mfu=cd.dist.normal(0.9, 0.2), samples=1000, seed=0)
    with pytest.raises(ValueError, match="loguniform needs 0 < low < high"):
        cd.dist.loguniform(0, 1)
    with pytest.raises(ValueError, match="samples must be a whole number"):
        cd.train(**SCENARIO, mfu=cd.dist.uniform(0.3, 0.5), samples=1)


def test_samples_can_be_reduced_in_the_core_instead():
    ds = cd.train(
        **SCENARIO,
        mfu=cd.dist.loguniform(0.2, 0.6),
        samples=20_000,
        seed=2,
        reduce=cd.reduce.histogram("gpu_hours", over="sample", quantiles=[0.5]),
    )
    at = float(cd.train(**SCENARIO, mfu=math.sqrt(0.2 * 0.6))["gpu_hours"])
    assert float(ds["gpu_hours_quantile"].sel(quantile=0.5)) == pytest.approx(at, rel=0.26)
