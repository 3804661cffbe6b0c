"""Streaming reductions: summaries of grids too large to hold.

Pass one or more of these to ``computedivide.train(..., reduce=...)`` or
``computedivide.serve(..., reduce=...)``. The core evaluates the grid in
chunks and keeps only the summaries, so memory is set by the dimensions you
keep, not by the grid::

    import numpy as np
    import computedivide as cd

    ds = cd.train(
        params=np.logspace(9, 12, 1000),
        tokens=np.logspace(11, 13, 1000),
        hardware=cd.catalog.names("hardware")[:10],
        region=["USA", "FRA", "IND"],
        reduce=cd.reduce.min("cost_rent_usd", over=["hardware", "region"]),
    )
    ds["cost_rent_usd_min"]  # (params, tokens): the cheapest cost
    ds["cost_rent_usd_min_hardware"]  # ... and which hardware achieves it

Every reduction of one call must reduce over the same dimensions (``over``;
default: all of them). Results over the kept dimensions:

=================  ============================================  =================
builder            variables                                     exact whatever
                                                                 threads and chunks
=================  ============================================  =================
``sum``            ``<metric>_sum``                              to ~1e-15 relative
``mean``           ``<metric>_mean``                             to ~1e-15 relative
``min`` / ``max``  ``<metric>_min`` and, per reduced dimension,  bit for bit
                   ``<metric>_min_<dim>``: the winning label
``count_below``    ``<metric>_count_below`` (scenarios with a    bit for bit
                   value <= threshold; one per threshold)
``histogram``      ``<metric>_hist`` over ``<metric>_bin``       bit for bit
                   (log-spaced bins), ``<metric>_below_range``,
                   ``<metric>_above_range``, and
                   ``<metric>_quantile`` over ``quantile``
=================  ============================================  =================

``count`` (scenarios per kept cell) is always returned. Ties in ``min`` and
``max`` go to the first scenario in the grid's order.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import xarray as xr

Op = Literal["sum", "mean", "min", "max", "count_below", "histogram"]

#: Default histogram: 10 bins per decade from 1e-6 to 1e30, so a quantile
#: read from it is within one bin (a factor 10^0.1 = 1.26) of the truth.
DEFAULT_RANGE = (1e-6, 1e30)
DEFAULT_BINS = 360
DEFAULT_QUANTILES = (0.05, 0.5, 0.95)


@dataclass(frozen=True)
class Reduction:
    """One summary of one metric over some dimensions (build with the
    functions of this module)."""

    metric: str
    op: Op
    over: tuple[str, ...] | None = None
    thresholds: tuple[float, ...] = ()
    bins: int = 0
    lo: float = 0.0
    hi: float = 0.0
    quantiles: tuple[float, ...] = ()


def _over(over: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if over is None:
        return None
    if isinstance(over, str):
        return (over,)
    dims = tuple(over)
    if not all(isinstance(d, str) for d in dims):
        raise TypeError(f"over must name dimensions (strings); got {over!r}")
    return dims


def sum(metric: str, over: str | Iterable[str] | None = None) -> Reduction:
    """Sum of ``metric`` over the dimensions ``over`` (default: all)."""
    return Reduction(metric, "sum", _over(over))


def mean(metric: str, over: str | Iterable[str] | None = None) -> Reduction:
    """Mean of ``metric`` over ``over`` (every scenario weighs the same)."""
    return Reduction(metric, "mean", _over(over))


def min(metric: str, over: str | Iterable[str] | None = None) -> Reduction:
    """Smallest ``metric`` over ``over``, with the labels that achieve it."""
    return Reduction(metric, "min", _over(over))


def max(metric: str, over: str | Iterable[str] | None = None) -> Reduction:
    """Largest ``metric`` over ``over``, with the labels that achieve it."""
    return Reduction(metric, "max", _over(over))


def count_below(
    metric: str, threshold: float | Sequence[float], over: str | Iterable[str] | None = None
) -> Reduction:
    """Number of scenarios whose ``metric`` is at most ``threshold`` (in the
    metric's unit; a sequence gives one count per threshold, along a
    ``<metric>_threshold`` dimension). For example the scenarios a payer
    can afford: ``count_below("cost_rent_usd", budget_usd)``."""
    values = np.atleast_1d(np.asarray(threshold, dtype=np.float64)).ravel()
    if values.size == 0 or not np.isfinite(values).all():
        raise ValueError(f"count_below threshold must be finite numbers; got {threshold!r}")
    return Reduction(metric, "count_below", _over(over), thresholds=tuple(values.tolist()))


def histogram(
    metric: str,
    over: str | Iterable[str] | None = None,
    *,
    bins: int = DEFAULT_BINS,
    range: tuple[float, float] = DEFAULT_RANGE,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
) -> Reduction:
    """Histogram of ``metric`` on ``bins`` log-spaced bins over ``range``
    (in the metric's unit), and the ``quantiles`` read from it (log-linear
    within a bin). A quantile that falls outside ``range`` is an error."""
    lo, hi = (float(x) for x in range)
    if not (0 < lo < hi and math.isfinite(hi)):
        raise ValueError(f"histogram range must satisfy 0 < low < high < inf; got {range!r}")
    if (
        isinstance(bins, bool)
        or not isinstance(bins, (int, np.integer))
        or not 1 <= bins <= 100_000
    ):
        raise ValueError(f"histogram bins must be a whole number from 1 to 100000; got {bins!r}")
    qs = tuple(float(q) for q in quantiles)
    if not all(0 < q < 1 for q in qs):
        raise ValueError(f"quantiles must lie in (0, 1); got {quantiles!r}")
    return Reduction(metric, "histogram", _over(over), bins=int(bins), lo=lo, hi=hi, quantiles=qs)


# ---------------------------------------------------------------------------
# Used by computedivide.train / serve
# ---------------------------------------------------------------------------


def as_reductions(
    reduce: Reduction | Sequence[Reduction], known: Sequence[str], kernel: str
) -> list[Reduction]:
    """Check a ``reduce=`` argument: reductions of known metrics, one ``over``."""
    items = [reduce] if isinstance(reduce, Reduction) else reduce
    if (
        not isinstance(items, (list, tuple))
        or not items
        or not all(isinstance(r, Reduction) for r in items)
    ):
        raise TypeError(
            "reduce must be a computedivide.reduce reduction or a list of them "
            f"(e.g. cd.reduce.min('cost_rent_usd', over='hardware')); got {reduce!r}"
        )
    for r in items:
        if r.metric not in known:
            raise KeyError(
                f"reduce: {r.metric!r} is not a {kernel} output; choose from {list(known)}"
            )
    items = list(items)
    overs = {r.over for r in items}
    if len(overs) > 1:
        raise ValueError(
            f"reduce: every reduction of one call must have the same over=; got "
            f"{sorted(overs, key=str)}; make one call per set of dimensions"
        )
    if len({r.quantiles for r in items if r.op == "histogram"}) > 1:
        raise ValueError("reduce: histograms of one call must ask for the same quantiles")
    return items


def core_specs(reductions: Sequence[Reduction]) -> list[tuple[str, str, float, float, float, int]]:
    """The core's reduction tuples (output, op, threshold, log10 lo, log10 hi, bins);
    each is computed once, however many builders ask for it."""
    specs: list[tuple[str, str, float, float, float, int]] = []
    for r in reductions:
        if r.op in ("sum", "mean"):
            wanted = [(r.metric, "sum", 0.0, 0.0, 0.0, 0)]
        elif r.op in ("min", "max"):
            wanted = [(r.metric, r.op, 0.0, 0.0, 0.0, 0)]
        elif r.op == "count_below":
            wanted = [(r.metric, "count_le", t, 0.0, 0.0, 0) for t in r.thresholds]
        else:
            wanted = [(r.metric, "hist", 0.0, math.log10(r.lo), math.log10(r.hi), r.bins)]
        specs += [w for w in wanted if w not in specs]
    return specs


def state_bytes(specs: Sequence[tuple[str, str, float, float, float, int]], cells: int) -> int:
    """Bytes of the reductions' state for ``cells`` kept cells."""
    width = builtins.sum(
        2 if op in ("sum", "min", "max") else 1 if op == "count_le" else bins + 2
        for _, op, _, _, _, bins in specs
    )
    return cells * width * 8


def _quantiles(counts: np.ndarray, r: Reduction, total: int) -> np.ndarray:
    """Quantiles from histogram counts (cells, bins + 2), log-linear in a bin."""
    cells = counts.shape[0]
    out = np.empty((cells, len(r.quantiles)))
    cumulative = np.cumsum(counts, axis=1)
    log_lo, log_hi = math.log10(r.lo), math.log10(r.hi)
    for j, q in enumerate(r.quantiles):
        target = q * total
        # first column whose cumulative count reaches the target
        column = np.argmax(cumulative >= target, axis=1)
        if np.any(column == 0) or np.any(column == r.bins + 1):
            side = "below" if np.any(column == 0) else "above"
            raise ValueError(
                f"reduce: the {q:g} quantile of {r.metric} lies {side} the histogram range "
                f"[{r.lo:g}, {r.hi:g}); pass a wider range= to cd.reduce.histogram"
            )
        rows = np.arange(cells)
        before = cumulative[rows, column - 1]
        inside = counts[rows, column]
        fraction = (target - before) / inside
        position = (column - 1 + fraction) / r.bins
        out[:, j] = 10.0 ** (log_lo + position * (log_hi - log_lo))
    return out


def assemble(
    reductions: Sequence[Reduction],
    specs: Sequence[tuple[Any, ...]],
    states: Sequence[np.ndarray],
    kept: Sequence[str],
    kept_shape: Sequence[int],
    over: Sequence[str],
    over_shape: Sequence[int],
    coords: dict[str, np.ndarray],
    extra_coords: dict[str, tuple[tuple[str, ...], np.ndarray]],
    units: dict[str, tuple[str, str]],
) -> xr.Dataset:
    """The Dataset of the reductions over the kept dimensions."""
    kept, over = list(kept), list(over)
    shape = tuple(kept_shape)
    total = math.prod(over_shape)
    state = dict(zip(specs, states, strict=True))
    data: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    quantile_values: tuple[float, ...] = ()

    def put(
        name: str,
        values: np.ndarray,
        metric: str,
        what: str,
        dims: Sequence[str] = (),
        unit: str | None = None,
    ) -> None:
        base_unit, description = units[metric]
        data[name] = xr.DataArray(
            values.reshape(shape + values.shape[1:]),
            dims=kept + list(dims),
            attrs={
                "units": base_unit if unit is None else unit,
                "description": f"{what} of {description}",
            },
        )

    for r in reductions:
        if r.op in ("sum", "mean"):
            s = state[(r.metric, "sum", 0.0, 0.0, 0.0, 0)]
            total_value = s[:, 0] + s[:, 1]
            if r.op == "sum":
                put(f"{r.metric}_sum", total_value, r.metric, "sum over " + ", ".join(over))
            else:
                put(
                    f"{r.metric}_mean",
                    total_value / total,
                    r.metric,
                    "mean over " + ", ".join(over),
                )
        elif r.op in ("min", "max"):
            s = state[(r.metric, r.op, 0.0, 0.0, 0.0, 0)]
            put(
                f"{r.metric}_{r.op}",
                s[:, 0],
                r.metric,
                ("smallest" if r.op == "min" else "largest") + " over " + ", ".join(over),
            )
            position = np.unravel_index(s[:, 1].astype(np.int64), tuple(over_shape))
            for dim, index in zip(over, position, strict=True):
                labels = coords.get(dim)
                # Object arrays share the label strings: 8 bytes per cell,
                # not the width of the longest label.
                values = np.asarray(labels, dtype=object)[index] if labels is not None else index
                # Handed over as a Variable: xarray would otherwise pass an
                # object array through pandas (to look for dates), which
                # takes longer than the reduction of a large grid.
                extra[f"{r.metric}_{r.op}_{dim}"] = xr.Variable(
                    kept, values.reshape(shape), fastpath=True
                )
        elif r.op == "count_below":
            counts = np.stack(
                [state[(r.metric, "count_le", t, 0.0, 0.0, 0)][:, 0] for t in r.thresholds], axis=-1
            ).astype(np.int64)
            if len(r.thresholds) == 1:
                put(
                    f"{r.metric}_count_below",
                    counts[:, 0],
                    r.metric,
                    f"scenarios with a value <= {r.thresholds[0]:g}",
                    unit="scenarios",
                )
                data[f"{r.metric}_count_below"].attrs["threshold"] = r.thresholds[0]
            else:
                dim = f"{r.metric}_threshold"
                put(
                    f"{r.metric}_count_below",
                    counts,
                    r.metric,
                    "scenarios with a value <= the threshold",
                    dims=[dim],
                    unit="scenarios",
                )
                extra[dim] = ([dim], np.asarray(r.thresholds))
        else:
            s = state[(r.metric, "hist", 0.0, math.log10(r.lo), math.log10(r.hi), r.bins)]
            counts = s.astype(np.int64)
            dim = f"{r.metric}_bin"
            put(
                f"{r.metric}_hist",
                counts[:, 1:-1],
                r.metric,
                "histogram (scenarios per log-spaced bin)",
                dims=[dim],
                unit="scenarios",
            )
            edges = np.logspace(math.log10(r.lo), math.log10(r.hi), r.bins + 1)
            extra[f"{dim}_low"] = ([dim], edges[:-1])
            extra[f"{dim}_high"] = ([dim], edges[1:])
            put(
                f"{r.metric}_below_range",
                counts[:, 0],
                r.metric,
                f"scenarios below {r.lo:g}",
                unit="scenarios",
            )
            put(
                f"{r.metric}_above_range",
                counts[:, -1],
                r.metric,
                f"scenarios at or above {r.hi:g}",
                unit="scenarios",
            )
            if r.quantiles:
                quantile_values = r.quantiles
                put(
                    f"{r.metric}_quantile",
                    _quantiles(s, r, total),
                    r.metric,
                    "quantiles (from the histogram)",
                    dims=["quantile"],
                )
    ds = xr.Dataset(data)
    ds = ds.assign_coords({d: coords[d] for d in kept if d in coords})
    ds = ds.assign_coords(
        {name: value for name, value in extra_coords.items() if set(value[0]) <= set(kept)}
    )
    ds = ds.assign_coords(extra)
    if quantile_values:
        ds = ds.assign_coords(quantile=list(quantile_values))
    ds["count"] = xr.DataArray(
        np.full(shape, total, dtype=np.int64),
        dims=kept,
        attrs={"units": "scenarios", "description": "scenarios summarised per cell"},
    )
    ds.attrs["reduced_over"] = ", ".join(over)
    return ds
