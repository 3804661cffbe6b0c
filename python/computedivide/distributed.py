"""Sweeps across machines: one reduction split into Dask tasks.

Where one machine is not enough, :func:`train` and :func:`serve` split a
reduction's grid along one swept argument into pieces; each piece is a Dask
task that runs :func:`computedivide.train` (or ``serve``) with ``reduce=`` on
a worker, in the compiled core, and the pieces' summaries are combined:

- split along a **kept** dimension, the pieces are concatenated;
- split along a **reduced** dimension, they are merged: minima and maxima
  (and their labels) by comparison, ties going to the earlier piece as in one
  process; counts and histograms by addition (exact); sums by addition and
  means weighted by counts (to about 1e-15 relative); quantiles are read
  again from the merged histogram.

So the result equals the one-process result: bit for bit for min, max,
labels, counts and histograms. Point it at a cluster with a
``dask.distributed.Client``::

    from dask.distributed import Client

    client = Client("tcp://scheduler:8786")  # or Client(LocalCluster(...))
    ds = cd.distributed.train(
        params=np.logspace(9, 12, 10_000),
        tokens=...,
        hardware=all_hardware,
        region=all_regions,
        reduce=cd.reduce.min("cost_rent_usd", over=["hardware", "region"]),
        split={"params": 64},
        client=client,
    )

Every worker needs computedivide installed (the same version).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np
import xarray as xr

from . import _api, _params
from . import reduce as _reduce


def _pieces(value: Any, count: int, name: str) -> list[Any]:
    """``value`` (a 1-D sweep) cut into ``count`` contiguous pieces."""
    if isinstance(value, xr.DataArray):
        if value.ndim != 1 or value.dims[0] != name:
            raise ValueError(f"split: {name} must be swept along its own dimension {name!r}")
        n = value.sizes[name]
        bounds = np.linspace(0, n, count + 1).round().astype(int)
        return [value.isel({name: slice(a, b)}) for a, b in itertools.pairwise(bounds) if b > a]
    items = list(value) if isinstance(value, (list, tuple)) else None
    array = np.asarray(value)
    if array.ndim != 1:
        raise ValueError(f"split: {name} must be a 1-D sweep (a list or array); got {value!r}")
    n = len(array)
    bounds = np.linspace(0, n, count + 1).round().astype(int)
    source = items if items is not None else array
    return [source[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _total(arrays: Iterable[xr.DataArray]) -> xr.DataArray:
    """``sum(arrays)``: a DataArray, as there is at least one."""
    return cast(xr.DataArray, sum(arrays))


def _merge_reduced(
    pieces: Sequence[xr.Dataset], reductions: Sequence[_reduce.Reduction], over: Sequence[str]
) -> xr.Dataset:
    """Combine summaries of pieces that split a reduced dimension."""
    out = pieces[0].copy()
    originals = list(pieces)
    # Variables without their label coordinates: arithmetic on them must not
    # carry one piece's labels into another variable.
    pieces = [p.reset_coords([c for c in p.coords if c not in p.dims], drop=True) for p in pieces]
    count = _total(p["count"] for p in pieces)
    for r in reductions:
        m = r.metric
        if r.op == "sum":
            out[f"{m}_sum"] = _total(p[f"{m}_sum"] for p in pieces).assign_attrs(
                pieces[0][f"{m}_sum"].attrs
            )
        elif r.op == "mean":
            total = _total(p[f"{m}_mean"] * p["count"] for p in pieces)
            out[f"{m}_mean"] = (total / count).assign_attrs(pieces[0][f"{m}_mean"].attrs)
        elif r.op in ("min", "max"):
            name = f"{m}_{r.op}"
            best = pieces[0][name]
            labels = {d: originals[0][f"{name}_{d}"].reset_coords(drop=True) for d in over}
            for k, p in enumerate(pieces[1:], start=1):
                better = p[name] < best if r.op == "min" else p[name] > best  # ties: earlier
                best = xr.where(better, p[name], best)
                for d in over:
                    labels[d] = xr.where(
                        better, originals[k][f"{name}_{d}"].reset_coords(drop=True), labels[d]
                    )
            out[name] = best.assign_attrs(pieces[0][name].attrs)
            out = out.assign_coords({f"{name}_{d}": labels[d] for d in over})
        elif r.op == "count_below":
            out[f"{m}_count_below"] = _total(p[f"{m}_count_below"] for p in pieces).assign_attrs(
                pieces[0][f"{m}_count_below"].attrs
            )
        else:
            for key in (f"{m}_hist", f"{m}_below_range", f"{m}_above_range"):
                out[key] = _total(p[key] for p in pieces).assign_attrs(pieces[0][key].attrs)
            if r.quantiles:
                counts = np.concatenate(
                    [
                        out[f"{m}_below_range"].values[..., None],
                        out[f"{m}_hist"].values,
                        out[f"{m}_above_range"].values[..., None],
                    ],
                    axis=-1,
                )
                flat = counts.reshape(-1, counts.shape[-1]).astype(np.float64)
                values = _reduce._quantiles(flat, r, int(count.values.ravel()[0]))
                name = f"{m}_quantile"
                out[name] = (pieces[0][name].dims, values.reshape(pieces[0][name].shape))
                out[name].attrs.update(pieces[0][name].attrs)
    out["count"] = count.assign_attrs(pieces[0]["count"].attrs)
    return out


def _run(kernel: str, split: Mapping[str, int], client: Any, kwargs: dict[str, Any]) -> xr.Dataset:
    from dask.base import compute
    from dask.delayed import delayed

    reduce = kwargs.get("reduce")
    if reduce is None:
        raise ValueError(
            "computedivide.distributed needs reduce=: the pieces' results are "
            "combined summaries, never the whole grid"
        )
    if len(split) != 1:
        raise ValueError(
            f"split must name one argument and a number of pieces, e.g. "
            f"{{'params': 8}}; got {dict(split)!r}"
        )
    ((name, count),) = split.items()
    if kwargs.get(name) is None:
        raise ValueError(f"split: {name!r} is not a swept argument of this call")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise ValueError(f"split: the number of pieces must be a whole number >= 1; got {count!r}")
    function = _api.train if kernel == "train" else _api.serve
    outputs = [
        o.name for o in (_params.TRAIN_OUTPUTS if kernel == "train" else _params.SERVE_OUTPUTS)
    ]
    reductions = _reduce.as_reductions(reduce, outputs, kernel)
    tasks = [
        delayed(function)(**{**kwargs, name: piece})
        for piece in _pieces(kwargs[name], int(count), name)
    ]
    pieces = client.gather(client.compute(tasks)) if client is not None else list(compute(*tasks))
    over = [d for d in pieces[0].attrs["reduced_over"].split(", ") if d]
    if name in over:
        merged = _merge_reduced(pieces, reductions, over)
    else:
        merged = xr.concat(
            pieces,
            dim=name,
            data_vars="all",
            coords="different",
            compat="equals",
            join="exact",
            combine_attrs="override",
        )
    merged.attrs["computedivide_split"] = f"{name} in {len(pieces)} Dask tasks"
    return merged


def train(*, split: Mapping[str, int], client: Any = None, **kwargs: Any) -> xr.Dataset:
    """:func:`computedivide.train` with ``reduce=``, split into Dask tasks.

    Parameters
    ----------
    split : dict of {argument: pieces}
        The swept argument to cut (a list or 1-D array, whose dimension is
        its name) and into how many contiguous pieces.
    client : dask.distributed.Client, optional
        Where to run the tasks (default: Dask's current scheduler).
    **kwargs
        Every argument of :func:`computedivide.train`; ``reduce=`` is
        required.
    """
    return _run("train", split, client, kwargs)


def serve(*, split: Mapping[str, int], client: Any = None, **kwargs: Any) -> xr.Dataset:
    """:func:`computedivide.serve` with ``reduce=``, split into Dask tasks (as :func:`train`)."""
    return _run("serve", split, client, kwargs)
