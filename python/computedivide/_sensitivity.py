"""Global sensitivity analysis with SALib: which assumptions move a result.

:func:`sensitivity` builds the SALib problem from named inputs and their
ranges, draws SALib's sample, evaluates every sample in one call of the core
(the samples are a ``sample`` dimension of one grid) and returns SALib's
indices as a tidy table. SALib does the statistics; nothing of it is
reimplemented here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
import xarray as xr

Method = Literal["sobol", "morris"]


def _salib() -> Any:
    try:
        import SALib  # noqa: F401
    except ImportError as error:  # pragma: no cover - SALib is a test dependency
        raise ImportError(
            "computedivide.sensitivity needs SALib: "
            "python -m pip install 'computedivide[sensitivity]'"
        ) from error
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    return sobol_sample, sobol_analyze, morris_sample, morris_analyze


def sensitivity(
    inputs: Mapping[str, tuple[float, float]],
    metric: str,
    *,
    kernel: Literal["train", "serve"] = "train",
    method: Method = "sobol",
    n: int = 1024,
    seed: int | None = None,
    **scenario: Any,
) -> pd.DataFrame:
    """Global sensitivity of one metric to uncertain inputs (SALib).

    Parameters
    ----------
    inputs : dict of name -> (low, high)
        Parameters of :func:`computedivide.train` (or ``serve``) to vary,
        each uniformly over its range (in the parameter's unit).
    metric : str
        The output to analyse, e.g. ``"co2_kg"``.
    kernel : {"train", "serve"}, default "train"
        Which model.
    method : {"sobol", "morris"}, default "sobol"
        Sobol variance-based indices (first-order ``S1`` and total ``ST``,
        with 95 % confidence half-widths; ``n * (k + 2)`` evaluations for
        ``k`` inputs, ``n`` a power of 2) or Morris elementary effects
        (``mu``, ``mu_star``, ``sigma``, ``mu_star_conf``; ``n`` trajectories,
        ``n * (k + 1)`` evaluations).
    n : int, default 1024
        Base sample size.
    seed : int, optional
        Seed of the sample and of SALib's bootstrap.
    **scenario
        Every other argument of the kernel: one scenario (catalog names,
        fixed parameters), not a sweep.

    Returns
    -------
    pandas.DataFrame
        One row per input, sorted by importance (``ST`` or ``mu_star``),
        with ``attrs`` recording the method, metric and number of
        evaluations.
    """
    from . import _api

    sobol_sample, sobol_analyze, morris_sample, morris_analyze = _salib()
    names = list(inputs)
    if not names:
        raise ValueError("sensitivity needs at least one input: inputs={'mfu': (0.3, 0.5)}")
    bounds = []
    for name in names:
        low, high = (float(x) for x in inputs[name])
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise ValueError(
                f"sensitivity: {name} range must be finite with low < high; got {inputs[name]!r}"
            )
        bounds.append([low, high])
    clash = sorted(set(names) & set(scenario))
    if clash:
        raise ValueError(f"sensitivity: {clash} given both as inputs and in the scenario")
    if method not in ("sobol", "morris"):
        raise ValueError(f"method must be 'sobol' or 'morris'; got {method!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be a whole number >= 2; got {n!r}")
    if method == "sobol" and n & (n - 1):
        raise ValueError(f"sobol needs n a power of 2 (its sequence's balance); got {n}")
    problem = {"num_vars": len(names), "names": names, "bounds": bounds}

    if method == "sobol":
        x = sobol_sample.sample(problem, int(n), calc_second_order=False, seed=seed)
    else:
        x = morris_sample.sample(problem, int(n), seed=seed)
    varied: dict[str, Any] = {
        name: xr.DataArray(x[:, j], dims="sample") for j, name in enumerate(names)
    }
    function = _api.train if kernel == "train" else _api.serve
    result = function(**scenario, **varied, metrics=[metric])[metric]
    if result.dims != ("sample",):
        raise ValueError(
            f"sensitivity: the scenario must be one point, but it sweeps "
            f"{[d for d in result.dims if d != 'sample']}; fix those arguments"
        )
    y = np.ascontiguousarray(result.values, dtype=np.float64)

    if method == "sobol":
        indices = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
        table = pd.DataFrame(
            {
                "input": names,
                "S1": indices["S1"],
                "S1_conf": indices["S1_conf"],
                "ST": indices["ST"],
                "ST_conf": indices["ST_conf"],
            }
        )
        table = table.sort_values("ST", ascending=False, kind="stable")
    else:
        indices = morris_analyze.analyze(problem, x, y, seed=seed)
        table = pd.DataFrame(
            {
                "input": names,
                "mu": indices["mu"],
                "mu_star": indices["mu_star"],
                "sigma": indices["sigma"],
                "mu_star_conf": indices["mu_star_conf"],
            }
        )
        table = table.sort_values("mu_star", ascending=False, kind="stable")
    table = table.reset_index(drop=True)
    table.attrs.update(
        method=method,
        metric=metric,
        kernel=kernel,
        evaluations=len(y),
        units=result.attrs.get("units", ""),
    )
    return table


def plot_sensitivity(table: pd.DataFrame, ax: Any = None) -> Any:
    """A tornado (horizontal bar) plot of a :func:`sensitivity` table.

    Sobol tables show total (``ST``) and first-order (``S1``) indices with
    their confidence intervals; Morris tables show ``mu_star`` and ``sigma``.
    Returns the matplotlib Axes.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover
        raise ImportError("plot_sensitivity needs matplotlib") from error
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.5 + 0.4 * len(table)))
    rows = table.iloc[::-1]  # most important on top
    y = np.arange(len(rows))
    if "ST" in rows:
        ax.barh(y + 0.2, rows["ST"], height=0.4, xerr=rows["ST_conf"], label="total (ST)")
        ax.barh(y - 0.2, rows["S1"], height=0.4, xerr=rows["S1_conf"], label="first order (S1)")
        ax.set_xlabel("Sobol index (share of variance)")
    else:
        ax.barh(y + 0.2, rows["mu_star"], height=0.4, xerr=rows["mu_star_conf"], label="mu*")
        ax.barh(y - 0.2, rows["sigma"], height=0.4, label="sigma")
        ax.set_xlabel(f"Morris elementary effect ({table.attrs.get('units', '')})")
    ax.set_yticks(y, rows["input"])
    ax.set_title(f"sensitivity of {table.attrs.get('metric', '')}")
    ax.legend(loc="lower right")
    return ax
