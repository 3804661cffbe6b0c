"""The public entry points: :func:`train` and :func:`serve`."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import xarray as xr

from . import _core, _fidelity, catalog, cuda, reference
from . import dist as _dist
from . import reduce as _reduce
from ._grid import (
    Grid,
    _half_of_memory,
    catalog_names,
    check_threads,
    lookup,
    numeric_input,
    to_dataarray,
)
from ._params import (
    PRECISION_PEAK_COLUMN,
    PRECISION_WEIGHT_BYTES,
    SERVE_LOAD_OUTPUTS,
    SERVE_OUTPUTS,
    SERVE_PARAMS,
    TRAIN_OUTPUTS,
    TRAIN_PARAMS,
    Output,
    Param,
)

Backend = Literal["core", "reference"]
Device = Literal["cpu", "cuda"]
# What evaluates a grid: a backend on a device.
Evaluator = Literal["core", "reference", "cuda"]
# The type of a materialized grid's outputs.
OutputDtype = Literal["float64", "float32"]
_OUTPUT_DTYPES: tuple[OutputDtype, ...] = ("float64", "float32")

# Which catalog column fills which parameter.
_MODEL_COLUMN = {
    "params": "params_total",
    "active_params": "params_active",
    "layers": "layers",
    "d_model": "d_model",
    "context_tokens": "context_tokens",
    "tokens": "training_tokens",
    "kv_heads": "kv_heads",
    "head_dim": "head_dim",
}
_HARDWARE_COLUMN = {
    "memory_gb": "memory_gb",
    "bandwidth_gb_s": "bandwidth_gb_s",
    "tdp_w": "tdp_w",
    "gpu_price_usd": "price_usd",
    "cloud_usd_per_gpu_hour": "cloud_usd_per_hour",
    "embodied_kg_per_gpu": "embodied_kg_co2e",
}
_REGION_COLUMN = {
    "carbon_intensity_g_per_kwh": "carbon_intensity_g_per_kwh",
    "electricity_usd_per_kwh": "electricity_price_usd_per_kwh",
    "pue": "pue",
    "wue_l_per_kwh": "wue_l_per_kwh",
    "region_price_multiplier": "price_multiplier",
}
_CATALOG_COLUMNS = {"model": _MODEL_COLUMN, "hardware": _HARDWARE_COLUMN, "region": _REGION_COLUMN}
# Inputs only the attention term reads: not needed while it is off.
_ATTENTION_ONLY = ("layers", "d_model", "context_tokens")
_HOW_TO_GIVE = {
    "model": "a model= from computedivide.catalog.names('model')",
    "hardware": "a hardware= from computedivide.catalog.names('hardware')",
    "region": "a region= from computedivide.catalog.names('region')",
}


def _precision_names(value: Any) -> xr.DataArray:
    da = to_dataarray("precision", value)
    if da.ndim == 0:
        da = da.assign_coords(precision=str(da.values))
    for item in da.values.ravel():
        if not isinstance(item, str) or item not in PRECISION_PEAK_COLUMN:
            raise KeyError(
                f"precision={str(item)!r} is not known; choose from {sorted(PRECISION_PEAK_COLUMN)}"
            )
    return da


def _without_effect(
    kernel: str,
    given: Mapping[str, Any],
    inputs: Mapping[str, xr.DataArray],
    placeholders: set[str],
) -> list[str]:
    """Explicit arguments that the other arguments make irrelevant."""

    def switched_on(name: str) -> bool:
        return bool(np.any(inputs[name].values != 0))

    problems = []
    if "measured_power_w" not in placeholders:
        problems += [
            f"{name} has no effect when measured_power_w is given"
            for name in ("tdp_w", "power_share", "host_overhead_w")
            if name in given
        ]
    if kernel == "train":
        if "frozen_bytes_per_param" in given and not switched_on("adapter_share"):
            problems.append("frozen_bytes_per_param has no effect unless adapter_share > 0")
        if "wall_days_budget" in given and "n_gpus" not in placeholders:
            problems.append("wall_days_budget has no effect when n_gpus is given")
        known = [k for k in ("known_gpu_hours", "known_wall_days") if k not in placeholders]
        if len(known) == 2:
            problems.append("known_gpu_hours and known_wall_days both give the time; give one")
        if known and "mfu" in given:
            problems.append(f"mfu has no effect when {known[0]} is given (see implied_mfu)")
        if "known_wall_days" in known and "n_gpus" in placeholders:
            problems.append("known_wall_days needs n_gpus= (the accelerators it ran on)")
        if not switched_on("attention_flops"):
            if switched_on("causal_attention"):
                problems.append("causal_attention has no effect unless attention_flops=True")
            problems += [
                f"{name} has no effect unless attention_flops=True"
                for name in _ATTENTION_ONLY
                if name in given
            ]
    if kernel == "serve" and "users" in placeholders:
        problems += [
            f"{name} has no effect without users="
            for name in ("requests_per_user_per_day", "target_utilization")
            if name in given
        ]
    return problems


def _peak_flops(
    hardware: xr.DataArray, precision: xr.DataArray, table: pd.DataFrame
) -> xr.DataArray:
    """Peak FLOP/s of each (hardware, precision) pair; KeyError where none."""
    hw, pr = xr.broadcast(hardware, precision)
    values = np.empty(hw.shape, dtype=np.float64)
    for index in np.ndindex(hw.shape):
        name, prec = str(hw.values[index]), str(pr.values[index])
        peak = float(cast(float, table.at[name, PRECISION_PEAK_COLUMN[prec]]))
        if not np.isfinite(peak):
            raise KeyError(
                f"hardware={name!r} has no {prec} peak in the catalog; choose another "
                "precision= or pass peak_flops= (FLOP/s)"
            )
        values[index] = peak
    return hw.copy(data=values)


def _tables(user_rows: Mapping[str, Any] | None) -> dict[str, pd.DataFrame]:
    """The model, hardware and region tables, with the user's rows if any."""
    if user_rows is not None and not isinstance(user_rows, Mapping):
        raise TypeError(
            f"catalogs must be a dict such as {{'hardware': rows}}; got {type(user_rows).__name__}"
        )
    user_rows = dict(user_rows or {})
    unknown = sorted(set(user_rows) - set(_CATALOG_COLUMNS))
    if unknown:
        raise KeyError(
            f"catalogs: {unknown} do not feed a scenario; give rows for {sorted(_CATALOG_COLUMNS)}"
        )
    return {
        kind: catalog.table(kind, user_rows.get(kind))  # type: ignore[arg-type]
        for kind in _CATALOG_COLUMNS
    }


def _draw_samples(
    given: Mapping[str, Any], samples: int, seed: int | None, memory_budget_bytes: int | None
) -> tuple[dict[str, Any], list[str]]:
    """Replace distribution arguments by ``samples`` draws along ``sample``."""
    uncertain = [name for name, value in given.items() if _dist.is_distribution(value)]
    out = dict(given)
    if not uncertain:
        return out, []
    if (
        isinstance(samples, bool)
        or not isinstance(samples, (int, np.integer))
        or not 2 <= samples <= 10**9
    ):
        raise ValueError(f"samples must be a whole number from 2 to 10^9; got {samples!r}")
    if seed is not None and (
        isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0
    ):
        raise ValueError(f"seed must be a whole number >= 0 or None; got {seed!r}")
    # The draws (and a temporary of each) come before the grid's own check.
    need = 2 * 8 * int(samples) * len(uncertain)
    budget = memory_budget_bytes if memory_budget_bytes is not None else _half_of_memory()
    if isinstance(budget, (int, np.integer)) and not isinstance(budget, bool) and need > budget:
        raise MemoryError(
            f"samples={samples} draws of {uncertain} need {need / 1e9:.3g} GB, over the "
            f"budget of {budget / 1e9:.3g} GB (memory_budget_bytes); draw fewer samples"
        )
    rng = np.random.default_rng(seed)
    for name in uncertain:  # in signature order: the same seed gives the same draws
        values = _dist.draw(given[name], int(samples), rng)
        out[name] = xr.DataArray(values, dims="sample")
    return out, uncertain


def _sample_quantiles(
    ds: xr.Dataset, uncertain: Sequence[str], quantiles: Sequence[float], reduce: Any
) -> xr.Dataset:
    """Reduce the ``sample`` dimension to quantiles (unless ``reduce=`` did it)."""
    if not uncertain or reduce is not None:
        return ds
    try:
        qs = [float(q) for q in np.atleast_1d(np.asarray(quantiles, dtype=float))]
    except (TypeError, ValueError):
        raise TypeError(
            f"quantiles must be numbers in [0, 1], e.g. (0.05, 0.5, 0.95); got {quantiles!r}"
        ) from None
    if not qs or not all(0 <= q <= 1 for q in qs):
        raise ValueError(f"quantiles must lie in [0, 1]; got {quantiles!r}")
    empty = [str(d) for d, n in ds.sizes.items() if n == 0 and d != "sample"]
    if empty:
        raise ValueError(f"{empty} have no values: there are no samples to take quantiles of")
    flags = [name for name, da in ds.data_vars.items() if da.dtype == bool]
    out = ds.drop_vars(flags).quantile(qs, dim="sample", keep_attrs=True)
    for name in flags:
        share = ds[name].mean("sample")
        out[f"{name}_share"] = share.assign_attrs(
            units="1", description=f"share of samples where {name} holds"
        )
    out.attrs.update(ds.attrs)
    out.attrs["monte_carlo"] = (
        f"{ds.sizes['sample']} samples of {', '.join(uncertain)}; "
        "results are quantiles over the samples"
    )
    return out


def _backend_on(device: Any, backend: Any) -> Evaluator:
    """The evaluator of ``backend`` on ``device``: "core", "reference" or "cuda"."""
    if not isinstance(device, str) or device not in ("cpu", "cuda"):
        raise ValueError(f"device must be 'cpu' or 'cuda'; got {device!r}")
    if not isinstance(backend, str) or backend not in ("core", "reference"):
        raise ValueError(f"backend must be 'core' or 'reference'; got {backend!r}")
    if device == "cuda":
        if backend != "core":
            raise ValueError(
                "device='cuda' runs the compiled formulas; backend='reference' "
                "is the NumPy reference and runs on the CPU only"
            )
        return "cuda"
    return "core" if backend == "core" else "reference"


def _output_dtype(dtype: Any) -> OutputDtype:
    """``dtype=`` as "float64" or "float32" (a name, a NumPy dtype or type)."""
    if isinstance(dtype, (str, np.dtype)) or any(
        dtype is t for t in (float, np.float64, np.float32)
    ):
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = ""
        for allowed in _OUTPUT_DTYPES:
            if name == allowed:
                return allowed
    raise ValueError(f"dtype must be 'float64' or 'float32'; got {dtype!r}")


def _call(kernel: Literal["train", "serve"], arguments: Mapping[str, Any]) -> xr.Dataset:
    """The body of train() and serve(): their arguments, by name."""
    specs, outputs = (
        (TRAIN_PARAMS, TRAIN_OUTPUTS) if kernel == "train" else (SERVE_PARAMS, SERVE_OUTPUTS)
    )
    given = {p.name: arguments[p.name] for p in specs if arguments[p.name] is not None}
    backend = _backend_on(arguments["device"], arguments["backend"])
    dtype = _output_dtype(arguments["dtype"])
    convention = arguments.get("convention")
    interval = arguments.get("interval", False)
    if not isinstance(interval, bool):
        raise TypeError(f"interval must be True or False; got {interval!r}")
    defaults = {
        name: value
        for name, value in _fidelity.apply_convention(convention, given).items()
        if name not in given
    }
    given, uncertain = _draw_samples(
        given, arguments["samples"], arguments["seed"], arguments["memory_budget_bytes"]
    )
    if arguments["out"] is not None and (uncertain or interval):
        raise ValueError(
            "out= takes the arrays of a materialized grid; distributions and "
            "interval=True reduce the grid to quantiles: drop out="
        )
    if interval and uncertain:
        raise ValueError(
            "interval=True and distributions both give quantiles: the interval "
            f"comes from the fitted MFU; drop interval= or the distributions of "
            f"{uncertain}"
        )
    ds = _evaluate(
        kernel,
        specs,
        outputs,
        given,
        {kind: arguments[kind] for kind in ("model", "hardware", "region")},
        arguments["catalogs"],
        arguments["precision"],
        arguments["metrics"],
        arguments["threads"],
        backend,
        arguments["reduce"],
        arguments["chunk_points"],
        arguments["memory_budget_bytes"],
        arguments["progress"],
        defaults,
        interval,
        dtype,
        arguments["out"],
    )
    if convention is not None:
        ds.attrs["convention"] = f"{convention}: {_fidelity.CONVENTION_SOURCES[convention]}"
    out = _sample_quantiles(ds, uncertain, arguments["quantiles"], arguments["reduce"])
    if out is not ds and dtype == "float32":  # quantiles interpolate in float64
        for name, da in out.data_vars.items():
            if da.dtype == np.float64:
                out[name] = da.astype(np.float32)
    return out


_DEFAULT_CHUNK_POINTS = 1 << 22


def _progress_bar(total: int, progress: bool | None) -> Any:
    """A tqdm bar when asked for, or when interactive and the grid is large."""
    import sys

    show = progress if progress is not None else (sys.stderr.isatty() and total >= 10**8)
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="scenario", unit_scale=True, desc="computedivide")


def _reduced(
    kernel: Literal["train", "serve"],
    outputs: Sequence[Output],
    grid: Grid,
    inputs: Mapping[str, xr.DataArray],
    placeholders: set[str],
    reduce: Any,
    threads: int | None,
    backend: Evaluator,
    chunk_points: int | None,
    memory_budget_bytes: int | None,
    progress: bool | None,
) -> xr.Dataset:
    """Evaluate the grid in chunks in the core, keeping only the reductions."""
    known = [o.name for o in outputs]
    if kernel == "serve" and "users" in placeholders:
        known = [m for m in known if m not in SERVE_LOAD_OUTPUTS]
    reductions = _reduce.as_reductions(reduce, known, kernel)
    over = reductions[0].over
    if over is None:
        over = tuple(grid.dims)
    unknown = [d for d in over if d not in grid.dims]
    if unknown or len(set(over)) != len(over):
        raise ValueError(
            f"reduce: over={list(over)} must name distinct grid dimensions; the "
            f"grid has {grid.dims}"
        )
    if backend not in ("core", "cuda"):
        raise ValueError("reduce= runs in the core only; use backend='core'")
    if chunk_points is None:
        chunk_points = _DEFAULT_CHUNK_POINTS
    if (
        isinstance(chunk_points, bool)
        or not isinstance(chunk_points, (int, np.integer))
        or not 1 <= chunk_points <= 2**62
    ):
        raise ValueError(f"chunk_points must be a whole number in [1, 2^62]; got {chunk_points!r}")
    if grid.size > np.iinfo(np.int64).max:
        raise OverflowError(
            f"the grid {dict(grid.sizes)} has {grid.size:.3e} scenarios, more "
            "than a 64-bit index can count; split the sweep"
        )
    kept = [d for d in grid.dims if d not in over]
    over_dims = [d for d in grid.dims if d in over]  # grid order
    kept_shape = [grid.sizes[d] for d in kept]
    over_shape = [grid.sizes[d] for d in over_dims]
    reduced_size = math.prod(over_shape)
    cells = math.prod(kept_shape)
    specs = _reduce.core_specs(reductions)
    need = _reduce.state_bytes(specs, cells)
    budget = memory_budget_bytes if memory_budget_bytes is not None else _half_of_memory()
    if need > budget:
        raise MemoryError(
            f"reduce: keeping {dict(zip(kept, kept_shape, strict=True))} ({cells:.3e} cells) needs "
            f"{need / 1e9:.3g} GB of summaries, over the budget of {budget / 1e9:.3g} GB; "
            "reduce over more dimensions or use fewer histogram bins"
        )
    if grid.size == 0:
        raise ValueError(f"the grid {dict(grid.sizes)} is empty: nothing to reduce")

    axes = [grid.dims.index(d) for d in kept + over_dims]
    views = {name: np.transpose(grid.view(da), axes) for name, da in inputs.items()}
    bar = _progress_bar(grid.size, progress)
    done = [0]

    def advance(now: int, total: int) -> None:
        if bar is not None:
            bar.update(now - done[0])
            done[0] = now

    try:
        if backend == "cuda":
            states, nonfinite = cuda.reduce(
                kernel, views, specs, reduced_size, int(chunk_points), advance
            )
        else:
            reduce_core = _core.reduce_train if kernel == "train" else _core.reduce_serve
            states, nonfinite = reduce_core(
                views, specs, reduced_size, int(chunk_points), int(threads or 0), advance
            )
    finally:
        if bar is not None:
            bar.close()
    bad = {spec[0]: count for spec, count in zip(specs, nonfinite, strict=True) if count}
    for spec, state in zip(specs, states, strict=True):
        if spec[1] == "sum":  # finite values whose sum passes float64's range
            overflowed = int(np.count_nonzero(~np.isfinite(state[:, 0] + state[:, 1])))
            if overflowed:
                bad[f"the sum of {spec[0]}"] = overflowed
    if bad:
        detail = ", ".join(f"{n} ({c} of {grid.size})" for n, c in bad.items())
        raise OverflowError(
            f"{kernel}() produced values that are not finite (beyond float64 range, "
            f"or 0/0) in {detail}: some inputs are too extreme for a finite result"
        )
    units = {o.name: (o.unit, o.doc) for o in outputs}
    ds = _reduce.assemble(
        reductions,
        specs,
        states,
        kept,
        kept_shape,
        over_dims,
        over_shape,
        grid.coords,
        grid.extra_coords,
        units,
    )
    for name, da in inputs.items():
        if da.ndim == 0 and name not in placeholders:
            ds.attrs[name] = float(da.values)
    ds.attrs["computedivide_kernel"] = kernel
    return ds


@dataclass
class Prepared:
    """A kernel's inputs for one call, checked, and their grid."""

    grid: Grid
    inputs: dict[str, xr.DataArray]
    placeholders: set[str]
    notes: dict[str, str]
    arrays: dict[str, xr.DataArray]  # the grid's arrays: catalog names, then inputs


def _prepare(
    kernel: Literal["train", "serve"],
    specs: Sequence[Param],
    given: Mapping[str, Any],
    catalog_args: Mapping[str, Any],
    user_rows: Mapping[str, Any] | None,
    precision: Any,
    defaults: Mapping[str, Any] | None = None,
    interval: bool = False,
) -> Prepared:
    """Every input of ``kernel`` from the arguments, the catalogs and the defaults."""
    # 1. Catalog names: resolved, labelled by their argument's dimension.
    tables = _tables(user_rows)
    names: dict[str, xr.DataArray] = {}
    for kind, value in catalog_args.items():
        if value is not None:
            names[kind] = catalog_names(kind, kind, value, tables[kind])  # type: ignore[arg-type]
    precision_da = _precision_names("bf16" if precision is None else precision)

    # 2. Each kernel input: the user's value, else the catalog's, else a
    #    derived or documented default.
    inputs: dict[str, xr.DataArray] = {}
    placeholders: set[str] = set()
    missing: list[str] = []
    precision_used = False  # the precision is a dimension only where it matters
    notes: dict[str, str] = {}
    for spec in specs:
        name = spec.name
        value = given.get(name)
        if value is not None:
            inputs[name] = numeric_input(spec, value)
            continue
        if defaults and name in defaults:  # a convention's value
            inputs[name] = numeric_input(spec, defaults[name])
            continue
        if name == "mfu" and kernel == "train" and "hardware" in names:
            inputs[name], notes["mfu_default"] = _fitted_mfu(
                spec, inputs["active_params"], names["hardware"], tables["hardware"], interval
            )
            continue
        if name == "active_params" and given.get("params") is not None:
            inputs[name] = inputs["params"]
            continue
        source = next(
            (
                (kind, columns[name])
                for kind, columns in _CATALOG_COLUMNS.items()
                if name in columns and kind in names
            ),
            None,
        )
        if source is not None:
            kind, column = source
            da = lookup(tables[kind], names[kind], column)
            blank = np.isnan(da.values)
            if blank.any():
                if name == "active_params":  # blank: a dense model
                    da = da.fillna(inputs["params"])
                elif spec.default is not None:
                    da = da.fillna(spec.default)
                elif name in _ATTENTION_ONLY and kernel == "train":
                    placeholders.add(name)  # checked once the flags are known
                    inputs[name] = da.fillna(0.0)
                    continue
                else:
                    entries = sorted(set(names[kind].values[blank].ravel().tolist()))
                    raise ValueError(
                        f"{kernel}() needs {name} ({spec.unit}) but the {kind} "
                        f"catalog has no figure for {entries}; pass {name}=..."
                    )
            inputs[name] = numeric_input(spec, da, origin=f"from the {kind} catalog")
            continue
        if name == "peak_flops" and "hardware" in names:
            precision_used = True
            inputs[name] = numeric_input(
                spec,
                _peak_flops(names["hardware"], precision_da, tables["hardware"]),
                origin="from the hardware catalog",
            )
            continue
        if name == "weight_bytes_per_param":
            precision_used = True
            bytes_ = xr.apply_ufunc(
                np.vectorize(PRECISION_WEIGHT_BYTES.__getitem__, otypes=[float]),
                precision_da,
            )
            inputs[name] = numeric_input(spec, bytes_)
            continue
        if spec.default is not None:
            inputs[name] = numeric_input(spec, spec.default)
            continue
        if (
            name in ("n_gpus", "users", "known_gpu_hours", "known_wall_days", "measured_power_w")
            or (name == "tdp_w" and given.get("measured_power_w") is not None)
            or (kernel == "train" and name in _ATTENTION_ONLY)
        ):
            placeholders.add(name)  # 0 means "not given" to the kernel
            inputs[name] = xr.DataArray(0.0)
            continue
        missing.append(name)

    if interval and "mfu_default" not in notes:
        raise ValueError(
            "interval=True needs the fitted MFU: a hardware= from the catalog, no mfu=, "
            "and a train() call (the interval is the spread of the fit's residuals)"
        )
    if interval and not {"known_gpu_hours", "known_wall_days"} <= placeholders:
        raise ValueError(
            "interval=True has no effect when the time is known "
            "(known_gpu_hours= or known_wall_days=)"
        )
    if missing:
        lines = []
        for name in missing:
            kinds = (
                ["hardware"]
                if name == "peak_flops"
                else [kind for kind, columns in _CATALOG_COLUMNS.items() if name in columns]
            )
            how = " or ".join([f"{name}=..."] + [_HOW_TO_GIVE[k] for k in kinds])
            lines.append(f"  {name}: give {how}")
        raise ValueError(f"{kernel}() is missing inputs:\n" + "\n".join(lines))

    if kernel == "train" and bool(np.any(inputs["attention_flops"].values != 0)):
        for name in _ATTENTION_ONLY:
            if name in placeholders or bool(np.any(inputs[name].values == 0)):
                raise ValueError(
                    f"attention_flops=True needs {name}: pass {name}=... or a model= "
                    "whose catalog entry has layers, d_model and context_tokens"
                )

    # 3. The grid: catalog names first, then inputs in signature order.
    arrays: dict[str, xr.DataArray] = {}
    for kind, da in names.items():
        arrays[kind] = da
    if precision is not None and not precision_used:
        raise ValueError(
            f"precision={precision!r} has no effect: peak_flops is given"
            + (" and so is weight_bytes_per_param" if kernel == "serve" else "")
            + "; drop precision= or the explicit values"
        )
    if precision_used:
        names["precision"] = precision_da
        arrays["precision"] = precision_da
    arrays.update(inputs)
    problems = _without_effect(kernel, given, inputs, placeholders)
    if problems:
        raise ValueError("; ".join(problems) + ": drop the argument or change the others")
    return Prepared(Grid(arrays), inputs, placeholders, notes, arrays)


def _evaluate(
    kernel: Literal["train", "serve"],
    specs: Sequence[Param],
    outputs: Sequence[Output],
    given: Mapping[str, Any],
    catalog_args: Mapping[str, Any],
    user_rows: Mapping[str, Any] | None,
    precision: Any,
    metrics: Sequence[str] | None,
    threads: int | None,
    backend: Evaluator,
    reduce: Any = None,
    chunk_points: int | None = None,
    memory_budget_bytes: int | None = None,
    progress: bool | None = None,
    defaults: Mapping[str, Any] | None = None,
    interval: bool = False,
    dtype: OutputDtype = "float64",
    out: Any = None,
) -> xr.Dataset:
    prepared = _prepare(
        kernel, specs, given, catalog_args, user_rows, precision, defaults, interval
    )
    grid, inputs = prepared.grid, prepared.inputs
    placeholders, notes = prepared.placeholders, prepared.notes
    check_threads(threads)
    if memory_budget_bytes is not None and (
        isinstance(memory_budget_bytes, bool)
        or not isinstance(memory_budget_bytes, (int, np.integer))
        or memory_budget_bytes < 1
    ):
        raise ValueError(
            "memory_budget_bytes must be a whole number of bytes >= 1 or None; "
            f"got {memory_budget_bytes!r}"
        )
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None; got {progress!r}")
    if reduce is not None:
        if dtype != "float64":
            raise ValueError(
                f"dtype={dtype!r} sets the type of a materialized grid's outputs; "
                "reduce= keeps float64 summaries and returns no grid: drop dtype="
            )
        if metrics is not None:
            raise ValueError(
                "metrics= has no effect with reduce=: the reductions name their "
                "metrics; drop metrics="
            )
        if out is not None:
            raise ValueError(
                "out= takes the arrays of a materialized grid; reduce= returns "
                "summaries and no grid: drop out="
            )
        reduced = _reduced(
            kernel,
            outputs,
            grid,
            inputs,
            placeholders,
            reduce,
            threads,
            backend,
            chunk_points,
            memory_budget_bytes,
            progress,
        )
        reduced.attrs.update(notes)
        return reduced
    if chunk_points is not None or progress is not None:
        raise ValueError("chunk_points= and progress= apply to reduce= only")

    # 4. Which outputs.
    known = [o.name for o in outputs]
    if isinstance(metrics, str):
        metrics = [metrics]
    if metrics is not None and (
        not isinstance(metrics, (list, tuple)) or not all(isinstance(m, str) for m in metrics)
    ):
        raise TypeError(f"metrics must be a list of {kernel} output names; got {metrics!r}")
    wanted = list(known) if metrics is None else list(metrics)
    if not wanted:
        raise ValueError(f"metrics must name at least one {kernel} output; got none")
    for name in wanted:
        if name not in known:
            raise KeyError(f"metrics: {name!r} is not a {kernel} output; choose from {known}")
    if kernel == "serve" and "users" in placeholders:
        asked = sorted(SERVE_LOAD_OUTPUTS.intersection(metrics or ()))
        if asked:
            raise ValueError(f"metrics {asked} describe a load: pass users=... (users)")
        wanted = [m for m in wanted if m not in SERVE_LOAD_OUTPUTS]
    buffers = _output_buffers(out, wanted, grid, kernel, backend)
    grid.check_fits(len(wanted) - len(buffers or ()), memory_budget_bytes, dtype)

    # 5. Evaluate.
    views = {name: grid.view(da) for name, da in inputs.items()}
    if backend == "core":
        evaluate = _core.evaluate_train if kernel == "train" else _core.evaluate_serve
        results, nonfinite = evaluate(views, wanted, int(threads or 0), dtype, buffers)
    elif backend == "cuda":
        results, nonfinite = cuda.evaluate(kernel, views, wanted, dtype=dtype)
    elif backend == "reference":
        formulas = reference.train if kernel == "train" else reference.serve
        everything = formulas(views)
        with np.errstate(over="ignore"):  # past float32's range: inf, counted below
            results = {name: everything[name].astype(dtype, copy=False) for name in wanted}
        nonfinite = {n: int((~np.isfinite(a)).sum()) for n, a in results.items()}
        nonfinite = {n: c for n, c in nonfinite.items() if c}
    else:
        raise ValueError(f"backend must be 'core' or 'reference'; got {backend!r}")
    if nonfinite:
        detail = ", ".join(f"{n} ({c} of {grid.size})" for n, c in nonfinite.items())
        hint = "; dtype='float64' reaches 1.8e308" if dtype == "float32" else ""
        raise OverflowError(
            f"{kernel}() produced values that are not finite (beyond {dtype} range, "
            f"or 0/0) in {detail}: some inputs are too extreme for a finite result{hint}"
        )

    # 6. Label.
    ds = grid.dataset(results)
    units = {o.name: o for o in outputs}
    for variable in ds.data_vars:
        output = units[str(variable)]
        ds[variable].attrs.update(units=output.unit, description=output.doc)
    if "fits_memory" in ds:
        ds["fits_memory"] = ds["fits_memory"].astype(bool).assign_attrs(ds["fits_memory"].attrs)
    for name, da in inputs.items():
        if da.ndim == 0 and name not in placeholders:
            ds.attrs[name] = float(da.values)
    ds.attrs.update(notes)
    ds.attrs["computedivide_kernel"] = kernel
    return ds


def _output_buffers(
    out: Any,
    wanted: Sequence[str],
    grid: Grid,
    kernel: str,
    backend: Evaluator,
) -> dict[str, np.ndarray] | None:
    """The arrays of ``out=`` by metric, for the core to write into.

    ``out`` maps metric names to NumPy arrays (or DataArrays over the grid's
    dimensions, such as the variables of an earlier result). The core checks
    each array's dtype, shape, layout and that it overlaps no input.
    """
    if out is None:
        return None
    if backend != "core":
        raise ValueError(
            f"out= writes through the CPU core (device='cpu', backend='core'); got "
            f"backend={backend!r}: drop out="
        )
    if not isinstance(out, Mapping):
        raise TypeError(
            "out must map metric names to numpy arrays (or be an earlier result's "
            f"Dataset); got {type(out).__name__}"
        )
    buffers: dict[str, np.ndarray] = {}
    for name, value in out.items():
        name = str(name)
        if name not in wanted:
            raise KeyError(
                f"out[{name!r}]: {name!r} is not among the {kernel} metrics computed "
                f"({list(wanted)}); drop it from out= or add it to metrics="
            )
        if name == "fits_memory":
            raise ValueError(
                "out['fits_memory']: that metric is returned as a new boolean array; "
                "drop it from out="
            )
        if isinstance(value, xr.DataArray):
            if tuple(value.dims) != tuple(grid.dims):
                raise ValueError(
                    f"out[{name!r}] has dimensions {tuple(value.dims)}; the grid's are "
                    f"{tuple(grid.dims)} (in that order)"
                )
            value = value.data
        if not isinstance(value, np.ndarray):
            raise TypeError(f"out[{name!r}] must be a numpy.ndarray; got {type(value).__name__}")
        buffers[name] = value
    return buffers


_INTERVAL_QUANTILES = (0.05, 0.5, 0.95)


def _fitted_mfu(
    spec: Param,
    active_params: xr.DataArray,
    hardware: xr.DataArray,
    table: pd.DataFrame,
    interval: bool,
) -> tuple[xr.DataArray, str]:
    """The default MFU: fitted on published runs by size and accelerator generation.

    The runs fitted are 16-bit; the same utilisation is assumed of the peak at
    any other precision (so fp8 halves the hours, as with a constant MFU). An
    accelerator of unknown generation gets the constant default. With
    ``interval``, a ``quantile`` dimension (0.05, 0.5, 0.95 of the hours)
    takes the fit's leave-one-out residuals.
    """
    fit = _fidelity.shipped_mfu_fit()
    generations = _fidelity.hardware_generations(hardware.values, table)
    offset = hardware.copy(data=fit.generation_offsets(generations))
    log_mfu_da = fit.log_mfu_at(active_params, offset)
    if interval:
        # A high MFU residual gives few hours: hours quantile q takes residual 1 - q.
        shift = fit.residual_quantile([1.0 - q for q in _INTERVAL_QUANTILES])
        log_mfu_da = log_mfu_da + xr.DataArray(
            shift, dims="quantile", coords={"quantile": list(_INTERVAL_QUANTILES)}
        )
    known = np.isfinite(log_mfu_da)
    if interval and not bool(known.all()):
        raise ValueError(
            "interval=True needs accelerators of a known generation (the fit covers "
            f"{', '.join(_fidelity.GENERATIONS)}); the catalog has no launch year for "
            f"{sorted(set(hardware.values[~np.isfinite(offset.values)].ravel().tolist()))}"
        )
    mfu = xr.where(known, np.exp(log_mfu_da), float(spec.default or 0.0))
    # The fit's top values stay far below 1 for catalog models; an input above 1
    # is refused by numeric_input rather than clamped.
    note = (
        f"fitted on {len(fit.run_ids)} published runs by active parameters and "
        f"accelerator generation (docs/validation.md); {spec.default} where the "
        "generation is unknown"
    )
    return numeric_input(
        spec,
        mfu,
        origin=(
            "fitted by model size (docs/validation.md), which passes 1 only for models far "
            "beyond any trained so far: check params / active_params, or give mfu="
        ),
    ), note


def train(
    model: Any = None,
    hardware: Any = None,
    region: Any = None,
    precision: Any = None,
    *,
    params: Any = None,
    active_params: Any = None,
    layers: Any = None,
    d_model: Any = None,
    context_tokens: Any = None,
    tokens: Any = None,
    attention_flops: Any = None,
    causal_attention: Any = None,
    activation_recompute: Any = None,
    peak_flops: Any = None,
    mfu: Any = None,
    known_gpu_hours: Any = None,
    known_wall_days: Any = None,
    n_gpus: Any = None,
    wall_days_budget: Any = None,
    memory_gb: Any = None,
    usable_memory_share: Any = None,
    train_bytes_per_param: Any = None,
    adapter_share: Any = None,
    frozen_bytes_per_param: Any = None,
    activation_gb: Any = None,
    tdp_w: Any = None,
    power_share: Any = None,
    host_overhead_w: Any = None,
    measured_power_w: Any = None,
    pue: Any = None,
    carbon_intensity_g_per_kwh: Any = None,
    embodied_kg_per_gpu: Any = None,
    hardware_lifetime_years: Any = None,
    cloud_usd_per_gpu_hour: Any = None,
    region_price_multiplier: Any = None,
    discount_multiplier: Any = None,
    gpu_price_usd: Any = None,
    cluster_overhead: Any = None,
    amortisation_years: Any = None,
    electricity_usd_per_kwh: Any = None,
    wue_l_per_kwh: Any = None,
    grid_water_l_per_kwh: Any = None,
    convention: str | None = None,
    interval: bool = False,
    catalogs: Mapping[str, catalog.Rows] | None = None,
    metrics: Sequence[str] | None = None,
    reduce: _reduce.Reduction | Sequence[_reduce.Reduction] | None = None,
    chunk_points: int | None = None,
    memory_budget_bytes: int | None = None,
    progress: bool | None = None,
    samples: int = 1000,
    seed: int | None = None,
    quantiles: Sequence[float] = (0.05, 0.5, 0.95),
    threads: int | None = None,
    backend: Backend = "core",
    device: Device = "cpu",
    dtype: OutputDtype = "float64",
    out: Mapping[str, Any] | None = None,
) -> xr.Dataset:
    """What it takes to train a model: compute, time, energy, CO2, water, money.

    Every argument is a scalar, a list or 1-D array (which becomes a dimension
    named after the argument), or an ``xarray.DataArray`` (which broadcasts by
    its own dimension names). ``model``, ``hardware`` and ``region`` are
    catalog names (``computedivide.catalog.names(...)``) that expand into
    their parameters along their dimension; an explicit argument overrides
    the catalog value. The formulas are those of MODEL.md section 2; the
    defaults and their sources are in ``computedivide.TRAIN_PARAMS`` and the
    docs.

    Parameters
    ----------
    model, hardware, region : str, sequence of str or DataArray, optional
        Catalog entries: a model (parameters, shape, training tokens), an
        accelerator (peaks, memory, power, prices) and a region (grid carbon
        intensity, electricity price, PUE).
    precision : {"fp32", "tf32", "bf16", "fp16", "fp8", "int8"}, default "bf16"
        Which of the accelerator's peaks applies; may be swept. Giving it
        together with an explicit ``peak_flops`` is an error (it would have
        no effect).
    params : float, count
        Total parameters N.
    active_params : float, count
        Parameters active per token (mixture of experts); defaults to
        ``params`` (dense).
    layers, d_model, context_tokens : float
        Layers, width and sequence length; read only by the attention term.
    tokens : float, tokens
        Training tokens D.
    attention_flops, causal_attention, activation_recompute : bool, default False
        Add 6 L T d D attention FLOPs; halve it for causal masking; count
        8/6 hardware FLOPs for full recomputation (``hardware_flops``).
    peak_flops : float, FLOP/s
        Dense peak per accelerator (default: the catalog's at ``precision``).
    mfu : float in (0, 1], optional
        Model FLOPs utilisation. Default: fitted on published runs by active
        parameters and accelerator generation when ``hardware=`` names a
        catalog accelerator (see ``docs/validation.md``; the runs fitted are
        16-bit, and the same share of the peak is assumed at other
        precisions); 0.375 otherwise (Epoch AI's median).
    known_gpu_hours : float, h, optional
        Reported accelerator-hours: they replace the estimate from FLOPs and
        MFU, so that a published run's footprint is recomputed from what was
        reported (``implied_mfu`` then gives the utilisation they imply).
    known_wall_days : float, days, optional
        Reported training days on ``n_gpus`` accelerators (chips x days),
        instead of ``known_gpu_hours``.
    n_gpus : int >= 1, optional
        Accelerators. Default: the fewest that finish within
        ``wall_days_budget`` and hold the training state.
    wall_days_budget : float, days, default 33
        Wall-clock budget that sizes the cluster when ``n_gpus`` is not given.
    memory_gb : float, GB
        Memory per accelerator.
    usable_memory_share : float in (0, 1], default 0.9
        Share of memory usable for training state.
    train_bytes_per_param : float, bytes, default 16
        Training state per parameter (mixed-precision Adam, ZeRO).
    adapter_share : float in [0, 1], default 0
        Adapter (LoRA) parameters as a share of ``params``. 0 trains every
        parameter (pre-training, full fine-tuning); above 0 the frozen
        weights cost 4 FLOPs per parameter and token and the adapter 6, and
        only the adapter carries optimizer state (see :func:`finetune`).
    frozen_bytes_per_param : float, bytes, default 2
        Bytes per frozen weight when ``adapter_share > 0`` (2 for 16-bit
        LoRA; 0.516 for QLoRA's NF4 with double quantisation).
    activation_gb : float, GB, default 0
        Activation memory of the whole job, added to the state.
    tdp_w : float, W
        Accelerator board power.
    power_share : float, default 1
        Average power as a share of TDP.
    host_overhead_w : float, W, default 0
        Host power per accelerator.
    measured_power_w : float, W, optional
        Measured average power per accelerator, host share included; replaces
        ``tdp_w * power_share + host_overhead_w``.
    pue : float >= 1
        Power usage effectiveness (default: the region's).
    carbon_intensity_g_per_kwh : float, g CO2e/kWh
        Grid carbon intensity (default: the region's).
    embodied_kg_per_gpu : float, kg CO2e, default 150
        Embodied emissions per accelerator (catalog value where published).
    hardware_lifetime_years : float, years, default 6
        Lifetime over which embodied emissions are spread.
    cloud_usd_per_gpu_hour : float, USD/h
        On-demand rent per accelerator-hour.
    region_price_multiplier : float, default 1
        Regional multiplier on the rent.
    discount_multiplier : float in (0, 1], default 1
        Academic or committed-use discount as a multiplier on the rent
        (``computedivide.DISCOUNTS``); an array along a payer or provider
        dimension gives each its own.
    gpu_price_usd : float, USD
        Purchase price per accelerator.
    cluster_overhead : float, default 1.02
        Servers and network as a share of the accelerator price.
    amortisation_years : float, years, default 3.1
        Amortisation period of owned hardware.
    electricity_usd_per_kwh : float, USD/kWh
        Electricity price (default: the region's).
    wue_l_per_kwh, grid_water_l_per_kwh : float, L/kWh, defaults 0.55, 3.14
        On-site water per kWh of IT energy (default: the region's WUE, else 0.55);
        off-site water per kWh generated.
    convention : {"meta", "patterson", "luccioni"}, optional
        A publisher's energy convention, as defaults for the power arguments
        you do not give (``computedivide.ENERGY_CONVENTIONS``): "meta" (Meta
        model cards: hours x TDP, no PUE, no host), "patterson" (Patterson et
        al. 2021: measured system power, which needs ``measured_power_w=``,
        x the region's PUE), "luccioni" (BLOOM: hours x TDP, no PUE; embodied
        CO2 apart). Explicit arguments win: ``convention="meta", pue=1.1`` is
        the LLaMA paper's variant.
    interval : bool, default False
        Add a ``quantile`` dimension (0.05, 0.5, 0.95) whose MFU is the fitted
        default shifted by the quantiles of the fit's leave-one-out residuals:
        the 90 % interval of hours, days, energy, CO2 and cost that the
        published runs support (``docs/validation.md`` shows its coverage).
        Needs the fitted default (no ``mfu=``, a catalog ``hardware=``) and
        no known time.
    catalogs : dict, optional
        Your own catalog rows for this call, by catalog: ``{"hardware": rows,
        "model": rows, "region": rows}``, each a CSV path, DataFrame, list of
        dicts or dict of dicts (see :func:`computedivide.catalog.load`). They
        add entries or override the figures they give; the shipped catalogs
        are not changed.
    metrics : sequence of str, optional
        Outputs to compute (default: all, see ``computedivide.TRAIN_OUTPUTS``).
    reduce : Reduction or list of Reduction, optional
        Keep only summaries (see :mod:`computedivide.reduce`): the grid is
        evaluated in chunks in the core and never held. The result is a
        Dataset over the dimensions not reduced.
    chunk_points : int, optional
        Scenarios per chunk of a reduction (default 4,194,304); progress and
        Ctrl-C are checked between chunks.
    memory_budget_bytes : int, optional
        Largest result to allocate (default: half of physical memory); a
        larger request is refused before allocating.
    progress : bool, optional
        Show a progress bar for a reduction (default: when interactive and
        the grid has at least 10^8 scenarios).
    samples : int, default 1000
        Monte Carlo draws of every argument given as a distribution
        (:mod:`computedivide.dist`, or a frozen ``scipy.stats`` distribution),
        along a ``sample`` dimension.
    seed : int, optional
        Seed of the draws (the same seed gives the same result).
    quantiles : sequence of float, default (0.05, 0.5, 0.95)
        Quantiles the ``sample`` dimension is reduced to (unless ``reduce=``
        is given, which then sees ``sample`` as a dimension like any other).
    threads : int, optional
        Threads of the core (default: all cores).
    backend : {"core", "reference"}, default "core"
        The compiled core, or the pure-NumPy reference (slow; for checking).
    device : {"cpu", "cuda"}, default "cpu"
        Where the compiled formulas run: the CPU core, or an NVIDIA GPU
        through the optional CUDA path (``computedivide.cuda``; a build with
        ``-Ccmake.define.COMPUTEDIVIDE_CUDA=ON`` and a visible GPU, else a
        RuntimeError that says which is missing). Results come back as
        NumPy arrays either way; ``reduce=`` runs there too (one GPU block
        per kept cell; ``threads=`` applies to the CPU only).
    dtype : {"float64", "float32"}, default "float64"
        Type of the returned grid: "float32" rounds every float64 result to
        float32 (about 7 significant digits) and halves the memory written
        and held; a result beyond float32's range (3.4e38, e.g.
        ``train_flops`` of 1e39) raises OverflowError. Materialized grids
        only: ``reduce=`` keeps float64 summaries.
    out : mapping of str to numpy.ndarray or DataArray, optional
        Arrays to write metrics into instead of allocating new ones, by
        metric name, such as the variables of an earlier result of the same
        grid (``out=ds``) in a sweep that evaluates one grid many times.
        Each must have the grid's shape (a DataArray: its dimensions, in the
        grid's order), the ``dtype`` asked for, be C-contiguous and
        writeable, and share no memory with an input or another output;
        otherwise TypeError or ValueError, before anything is written. The
        returned Dataset holds these arrays themselves. Reusing arrays skips
        the page faults of fresh memory: on the 2-core benchmark machine,
        six metrics over 10^7 scenarios take 0.018 s instead of 0.044 s
        (``benchmarks/RESULTS.md``). Materialized grids on the CPU core
        only, not with distributions or ``interval=True`` (their results are
        quantiles); ``fits_memory`` (a new boolean array) cannot be given.
        If the evaluation raises OverflowError the arrays hold the partial
        results.

    Returns
    -------
    xarray.Dataset
        One variable per metric over the broadcast dimensions, each with
        ``units`` and ``description`` attributes: ``train_flops`` (FLOP),
        ``hardware_flops`` (FLOP), ``gpu_hours`` (h), ``implied_mfu``, ``n_gpus_used``,
        ``wall_days`` (day), ``min_gpus_memory``, ``fits_memory`` (bool),
        ``energy_kwh`` (kWh), ``co2_kg`` and ``co2_embodied_kg`` (kg CO2e),
        ``water_l`` (L), ``cost_rent_usd``, ``cost_own_usd``, ``capex_usd``
        (USD). Scalar inputs are recorded in ``attrs``.

    Raises
    ------
    KeyError
        Unknown catalog name (with suggestions), precision or metric.
    TypeError
        Non-numeric values.
    ValueError
        NaN, infinite or out-of-range values (the message names the argument
        and its allowed range); missing inputs; dimensions that disagree.
    OverflowError
        Inputs so large that a result is not finite in float64.
    MemoryError
        Outputs (or ``samples=`` draws, or ``reduce=`` summaries) that would
        exceed ``memory_budget_bytes``; raised before allocating.
    FileNotFoundError
        A ``catalogs=`` CSV path that does not exist.

    Examples
    --------
    >>> import computedivide as cd
    >>> ds = cd.train(model="gpt-3", hardware="a100-80gb", region="USA")
    >>> float(ds["train_flops"])
    3.15e+23
    """
    return _call("train", locals())


def serve(
    model: Any = None,
    hardware: Any = None,
    region: Any = None,
    precision: Any = None,
    *,
    params: Any = None,
    active_params: Any = None,
    layers: Any = None,
    kv_heads: Any = None,
    head_dim: Any = None,
    batch: Any = None,
    prompt_tokens: Any = None,
    output_tokens: Any = None,
    weight_bytes_per_param: Any = None,
    kv_bytes_per_value: Any = None,
    memory_gb: Any = None,
    usable_memory_share: Any = None,
    peak_flops: Any = None,
    mfu_inference: Any = None,
    bandwidth_gb_s: Any = None,
    mbu: Any = None,
    tdp_w: Any = None,
    power_share: Any = None,
    host_overhead_w: Any = None,
    measured_power_w: Any = None,
    pue: Any = None,
    carbon_intensity_g_per_kwh: Any = None,
    cloud_usd_per_gpu_hour: Any = None,
    region_price_multiplier: Any = None,
    discount_multiplier: Any = None,
    gpu_price_usd: Any = None,
    cluster_overhead: Any = None,
    amortisation_years: Any = None,
    electricity_usd_per_kwh: Any = None,
    users: Any = None,
    requests_per_user_per_day: Any = None,
    target_utilization: Any = None,
    catalogs: Mapping[str, catalog.Rows] | None = None,
    metrics: Sequence[str] | None = None,
    reduce: _reduce.Reduction | Sequence[_reduce.Reduction] | None = None,
    chunk_points: int | None = None,
    memory_budget_bytes: int | None = None,
    progress: bool | None = None,
    samples: int = 1000,
    seed: int | None = None,
    quantiles: Sequence[float] = (0.05, 0.5, 0.95),
    threads: int | None = None,
    backend: Backend = "core",
    device: Device = "cpu",
    dtype: OutputDtype = "float64",
    out: Mapping[str, Any] | None = None,
) -> xr.Dataset:
    """What it takes to serve a model: memory, speed, and cost per token.

    Arguments broadcast exactly as in :func:`train`. The formulas are those
    of MODEL.md section 3: a roofline decode step per replica (tensor
    parallel over ``gpus_per_replica`` accelerators), compute-bound prefill,
    and costs per million output tokens in the rent and own views.

    Parameters
    ----------
    model, hardware, region : str, sequence of str or DataArray, optional
        Catalog entries, as in :func:`train`.
    precision : {"fp32", "tf32", "bf16", "fp16", "fp8", "int8"}, default "bf16"
        Compute precision: selects the peak and the default bytes per weight.
    params, active_params : float, count
        Total and active parameters.
    layers, kv_heads, head_dim : int
        Shape of the KV cache: 2 L kv_heads head_dim values per token.
    batch : int >= 1, default 1
        Sequences decoded together per replica.
    prompt_tokens : float, tokens, default 1000
        Input tokens per request.
    output_tokens : float, tokens, default 500
        Output tokens per request.
    weight_bytes_per_param : float, bytes
        Bytes per weight (default from ``precision``: 2 for bf16, 1 for fp8;
        0.5 for 4-bit weights).
    kv_bytes_per_value : float, bytes, default 2
        Bytes per cached key or value.
    memory_gb, bandwidth_gb_s : float, GB and GB/s
        Memory and bandwidth per accelerator.
    usable_memory_share : float in (0, 1], default 0.9
        Share of memory usable for weights and cache.
    peak_flops : float, FLOP/s
        Dense peak per accelerator.
    mfu_inference : float in (0, 1], default 0.45
        FLOPs utilisation when compute bound (prefill, large batches); fitted
        on published benchmarks (``computedivide validate``).
    mbu : float in (0, 1], default 0.55
        Memory-bandwidth utilisation of decode.
    tdp_w, power_share, host_overhead_w, measured_power_w, pue, carbon_intensity_g_per_kwh
        Power and emissions, as in :func:`train`.
    cloud_usd_per_gpu_hour, region_price_multiplier, discount_multiplier, gpu_price_usd,
    cluster_overhead, amortisation_years, electricity_usd_per_kwh
        Money, as in :func:`train`.
    users : float >= 0, optional
        Users of the service; when given, the load variables appear.
    requests_per_user_per_day : float, default 10
        Requests per user per day.
    target_utilization : float in (0, 1], default 0.5
        Average share of decode capacity in use.
    catalogs, metrics, reduce, chunk_points, memory_budget_bytes, progress, samples, seed, \
    quantiles, threads, backend, device, dtype, out
        As in :func:`train`.

    Returns
    -------
    xarray.Dataset
        ``weights_gb`` (GB), ``kv_gb_per_seq`` (GB), ``gpus_per_replica``,
        ``decode_step_s`` (s), ``tokens_per_s`` (token/s per replica),
        ``prefill_s`` (s), ``usd_per_mtok_rent`` and ``usd_per_mtok_own``
        (USD per million output tokens), ``kwh_per_mtok``,
        ``co2_g_per_mtok``; with ``users``: ``replicas``,
        ``monthly_cost_rent_usd``, ``monthly_cost_own_usd``,
        ``monthly_energy_kwh``, ``monthly_co2_kg``.

    Raises
    ------
    KeyError, TypeError, ValueError, OverflowError, MemoryError, FileNotFoundError
        As in :func:`train`.
    """
    return _call("serve", locals())
