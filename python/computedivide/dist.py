"""Uncertain inputs: distributions for Monte Carlo.

Any numeric argument of ``computedivide.train`` / ``serve`` may be a
distribution instead of a value: one of the builders below, or a frozen
``scipy.stats`` distribution (``scipy.stats.lognorm(0.2, scale=0.4)``).
Each distribution is sampled ``samples`` times (independently of the others)
along a ``sample`` dimension, with ``seed`` for reproducibility, and the
results are reduced to ``quantiles`` over it (5 / 50 / 95 % by default)::

    import computedivide as cd

    ds = cd.train(
        model="llama-2-70b",
        hardware="h100-sxm",
        region="USA",
        mfu=cd.dist.triangular(0.25, 0.4, 0.55),
        pue=cd.dist.uniform(1.1, 1.6),
        samples=10_000,
        seed=1,
    )
    ds["co2_kg"].sel(quantile=0.95)

A sample outside a parameter's allowed range (a normal MFU above 1) is an
error that names the parameter, never a silent clamp: choose a distribution
that stays in range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its parameters (build with this module's functions)."""

    kind: str
    params: tuple[float, ...]

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` independent draws."""
        a = self.params
        if self.kind == "uniform":
            return rng.uniform(a[0], a[1], n)
        if self.kind == "loguniform":
            return np.exp(rng.uniform(math.log(a[0]), math.log(a[1]), n))
        if self.kind == "normal":
            return rng.normal(a[0], a[1], n)
        if self.kind == "lognormal":
            return a[0] * np.exp(rng.normal(0.0, a[1], n))
        if self.kind == "triangular":
            return rng.triangular(a[0], a[1], a[2], n)
        raise ValueError(f"unknown distribution {self.kind!r}")  # pragma: no cover


def _finite(name: str, **values: float) -> None:
    for key, value in values.items():
        if not isinstance(value, (int, float, np.number)) or not math.isfinite(float(value)):
            raise ValueError(f"{name}: {key} must be a finite number; got {value!r}")


def uniform(low: float, high: float) -> Distribution:
    """Uniform on [low, high)."""
    _finite("uniform", low=low, high=high)
    if not low < high:
        raise ValueError(f"uniform needs low < high; got {low!r}, {high!r}")
    return Distribution("uniform", (float(low), float(high)))


def loguniform(low: float, high: float) -> Distribution:
    """Log-uniform on [low, high), 0 < low < high: every decade equally likely."""
    _finite("loguniform", low=low, high=high)
    if not 0 < low < high:
        raise ValueError(f"loguniform needs 0 < low < high; got {low!r}, {high!r}")
    return Distribution("loguniform", (float(low), float(high)))


def normal(mean: float, sd: float) -> Distribution:
    """Normal with the given mean and standard deviation (sd > 0)."""
    _finite("normal", mean=mean, sd=sd)
    if not sd > 0:
        raise ValueError(f"normal needs sd > 0; got {sd!r}")
    return Distribution("normal", (float(mean), float(sd)))


def lognormal(median: float, sigma: float) -> Distribution:
    """Log-normal: ``median * exp(sigma * Z)`` with Z standard normal."""
    _finite("lognormal", median=median, sigma=sigma)
    if not (median > 0 and sigma > 0):
        raise ValueError(f"lognormal needs median > 0 and sigma > 0; got {median!r}, {sigma!r}")
    return Distribution("lognormal", (float(median), float(sigma)))


def triangular(low: float, mode: float, high: float) -> Distribution:
    """Triangular on [low, high] with its peak at ``mode``."""
    _finite("triangular", low=low, mode=mode, high=high)
    if not (low <= mode <= high and low < high):
        raise ValueError(
            f"triangular needs low <= mode <= high, low < high; got {low!r}, {mode!r}, {high!r}"
        )
    return Distribution("triangular", (float(low), float(mode), float(high)))


def is_distribution(value: Any) -> bool:
    """Whether ``value`` is a distribution (ours or a frozen scipy.stats one)."""
    return isinstance(value, Distribution) or (
        hasattr(value, "rvs") and hasattr(value, "ppf") and hasattr(value, "dist")
    )


def draw(value: Any, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws of a distribution."""
    if isinstance(value, Distribution):
        return value.sample(n, rng)
    return np.asarray(value.rvs(size=n, random_state=rng), dtype=np.float64)
