"""Arguments to labelled arrays, validation, and the broadcast grid.

Every argument becomes an ``xarray.DataArray``: a scalar is 0-d, a list or
1-D array becomes a dimension named after the argument, a DataArray keeps its
own dimensions. The grid is the broadcast of all of them; inputs are handed
to the core as zero-copy broadcast views (stride 0 where they do not vary).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from . import catalog
from ._params import Param


def _describe_position(da: xr.DataArray, flat_index: int) -> str:
    """Say where in ``da`` the element ``flat_index`` sits, by coordinates."""
    if da.ndim == 0:
        return ""
    position = np.unravel_index(flat_index, da.shape)
    parts = []
    for dim, i in zip(da.dims, position, strict=True):
        if dim in da.coords:
            label = da.coords[dim].values[i]
            label = label.item() if isinstance(label, np.generic) else label
            parts.append(f"{dim}={label!r}")
        else:
            parts.append(f"{dim}[{i}]")
    return " at " + ", ".join(parts)


def to_dataarray(name: str, value: Any) -> xr.DataArray:
    """Turn one argument into a DataArray (dims named after the argument).

    Raises
    ------
    ValueError
        If a plain array has more than one dimension.
    """
    if isinstance(value, xr.DataArray):
        return value
    try:
        convertible = (
            isinstance(value, (str, bytes, Sequence, np.ndarray))
            or hasattr(value, "__array__")
            or np.ndim(value) == 0
        )
        array = np.asarray(value) if convertible else None
    except (ValueError, TypeError, UnicodeError, OverflowError) as error:
        raise ValueError(
            f"{name} must be a number, a name or a flat list of them; {error}"
        ) from None
    if array is not None and array.dtype.kind in "mMV":
        raise TypeError(f"{name} must be numbers or names; got values of dtype {array.dtype}")
    if array is not None and array.ndim == 0:
        return xr.DataArray(array)
    if array is not None:
        if array.ndim != 1:
            raise ValueError(
                f"{name} must be a scalar, a list / 1-D array (a dimension named "
                f"{name!r}) or an xarray.DataArray; got an array of shape "
                f"{array.shape}. Label multi-dimensional inputs with xarray."
            )
        return xr.DataArray(array, dims=[name], coords={name: array})
    raise TypeError(
        f"{name} must be a number, a sequence or an xarray.DataArray; got {type(value).__name__}"
    )


def numeric_input(param: Param, value: Any, origin: str = "") -> xr.DataArray:
    """Convert and validate one numeric argument.

    Parameters
    ----------
    param : Param
        The parameter's specification (unit and allowed range).
    value : scalar, sequence, numpy.ndarray or xarray.DataArray
        The value as given.
    origin : str
        Where a value came from when not from the user (e.g. "from the
        hardware catalog"), for error messages.

    Returns
    -------
    xarray.DataArray
        float64 values in native byte order.

    Raises
    ------
    TypeError
        If the values are not numeric (booleans are accepted for flags only).
    ValueError
        If a value is NaN, infinite or outside the allowed range.
    """
    da = to_dataarray(param.name, value)
    kind = da.dtype.kind
    allowed = "biuf" if param.flag else "iuf"
    if kind not in allowed:
        what = "True/False or 0/1" if param.flag else "numeric"
        raise TypeError(
            f"{param.name} must be {what} ({param.unit}); got dtype {da.dtype}"
            f"{' ' + origin if origin else ''}"
        )
    # A C-ordered, aligned, native float64 copy where the given array is not.
    values = np.require(np.asarray(da.values, dtype=np.float64), requirements=["C", "A"])
    where = f" ({origin})" if origin else ""
    finite = np.isfinite(values)
    if not finite.all():
        i = int(np.flatnonzero(~finite.ravel())[0])
        raise ValueError(
            f"{param.name} must be finite and in {param.range_text()} "
            f"({param.unit}); got {values.ravel()[i]}{_describe_position(da, i)}{where}"
        )
    admitted = param.admitted(values)
    if not admitted.all():
        i = int(np.flatnonzero(~admitted.ravel())[0])
        raise ValueError(
            f"{param.name} must be {param.range_text()} ({param.unit}); got "
            f"{values.ravel()[i]:g}{_describe_position(da, i)}{where}"
        )
    return da.copy(data=values)


def catalog_names(
    kind: catalog.Kind, argument: str, value: Any, table: pd.DataFrame | None = None
) -> xr.DataArray:
    """Resolve catalog names (a name, a list of names, or a DataArray of names).

    Raises
    ------
    TypeError
        If a name is not a string.
    KeyError
        If a name is not in the catalog (the message suggests close names).
    """
    da = to_dataarray(argument, value)
    flat = da.values.ravel()
    resolved = []
    for item in flat:
        if not isinstance(item, str):
            raise TypeError(f"{argument} names must be strings; got {item!r}")
        resolved.append(catalog.resolve(kind, str(item), argument, table))
    names = np.array(resolved, dtype=str).reshape(da.shape)
    out = da.copy(data=names)
    # The user's labels stay as given; the catalog's spelling is added beside
    # them where it differs (or where the names lie along another dimension).
    if da.ndim == 0:
        return out.assign_coords({argument: str(names)})
    if argument in out.dims:
        if argument not in out.coords and out.ndim == 1:
            out = out.assign_coords({argument: np.asarray(da.values, dtype=str)})
        labels = out.coords[argument].values if argument in out.coords else None
        if labels is None or out.ndim != 1 or not np.array_equal(labels.astype(str), names):
            out = out.assign_coords({f"{argument}_name": (out.dims, names)})
    else:
        out = out.assign_coords({argument: (out.dims, names)})
    return out


def lookup(table: pd.DataFrame, names: xr.DataArray, column: str) -> xr.DataArray:
    """Catalog column values for an array of (resolved) names; NaN where blank."""
    values = table[column].reindex(names.values.ravel()).to_numpy(dtype=np.float64, na_value=np.nan)
    return names.copy(data=values.reshape(names.shape))


MAX_THREADS = 2**31 - 1  # the core takes a C int, and uses at most the machine's threads


def check_threads(threads: Any) -> None:
    """Refuse a ``threads=`` that is not None or a whole number >= 1."""
    if threads is not None and (
        isinstance(threads, bool)
        or not isinstance(threads, (int, np.integer))
        or not 1 <= threads <= MAX_THREADS
    ):
        raise ValueError(
            f"threads must be a whole number in [1, {MAX_THREADS}] or None; got {threads!r}"
        )


def _half_of_memory() -> int:
    """Half of physical memory in bytes (8 GB where the OS does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (AttributeError, ValueError, OSError):
        return 8 * 10**9


class Grid:
    """The broadcast of a set of named DataArrays.

    Dimensions are ordered by first appearance. Two inputs that share a
    dimension must agree on its length and coordinates: nothing is aligned
    or dropped behind the user's back.
    """

    def __init__(self, arrays: Mapping[str, xr.DataArray]) -> None:
        self.dims: list[str] = []
        self.sizes: dict[str, int] = {}
        self.coords: dict[str, np.ndarray] = {}
        # Coordinates that are not dimensions (scalar catalog names, labels).
        self.extra_coords: dict[str, tuple[tuple[str, ...], np.ndarray]] = {}
        owner: dict[str, str] = {}  # which argument brought each dimension
        coord_owner: dict[str, str] = {}  # and each other coordinate
        for argument, da in arrays.items():
            for dim in da.dims:
                if not isinstance(dim, str):
                    raise ValueError(f"{argument}: dimension names must be strings; got {dim!r}")
                size = int(da.sizes[dim])
                if dim not in self.sizes:
                    self.dims.append(dim)
                    self.sizes[dim] = size
                    owner[dim] = argument
                elif self.sizes[dim] != size:
                    raise ValueError(
                        f"dimension {dim!r} has length {self.sizes[dim]} in "
                        f"{owner[dim]} but {size} in {argument}: inputs that share "
                        "a dimension must have the same length"
                    )
                if dim in da.coords:
                    values = np.asarray(da.coords[dim].values)
                    if dim in self.coords:
                        if not np.array_equal(self.coords[dim], values):
                            raise ValueError(
                                f"dimension {dim!r} has different coordinates in "
                                f"{owner[dim]} and {argument}; align them first "
                                "(computedivide does not align or drop values)"
                            )
                    else:
                        self.coords[dim] = values
            for name, coord in da.coords.items():
                if name in da.dims:
                    continue
                key = str(name)
                entry = (tuple(str(d) for d in coord.dims), np.asarray(coord.values))
                if key in self.extra_coords:
                    known = self.extra_coords[key]
                    if known[0] != entry[0] or not np.array_equal(known[1], entry[1]):
                        raise ValueError(
                            f"coordinate {key!r} differs between {coord_owner[key]} and {argument}"
                        )
                else:
                    self.extra_coords[key] = entry
                    coord_owner[key] = argument
        for key, (dims, values) in self.extra_coords.items():
            if key in self.sizes:
                label = f"{key}={values.item()!r}" if not dims else f"coordinate {key!r}"
                raise ValueError(
                    f"{label} (from {coord_owner[key]}) clashes with the dimension {key!r} "
                    f"of {owner[key]}: give {key} along that dimension or rename it"
                )
        self.shape = tuple(self.sizes[d] for d in self.dims)

    @property
    def size(self) -> int:
        """Number of scenarios in the grid (a Python int: it cannot overflow)."""
        return math.prod(self.shape)

    def check_fits(
        self, n_outputs: int, memory_budget_bytes: int | None = None, dtype: str = "float64"
    ) -> None:
        """Refuse, before allocating, a grid whose outputs would not fit.

        Raises
        ------
        OverflowError
            If the number of scenarios does not fit a 64-bit index.
        MemoryError
            If ``n_outputs`` arrays of ``dtype`` ("float64" or "float32") of the
            grid's size exceed the budget (default: half of the machine's
            physical memory).
        """
        if self.size > np.iinfo(np.int64).max:
            raise OverflowError(
                f"the grid {dict(self.sizes)} has {self.size:.3e} scenarios, more than "
                "a 64-bit index can count; split the sweep"
            )
        budget = memory_budget_bytes if memory_budget_bytes is not None else _half_of_memory()
        need = self.size * n_outputs * np.dtype(dtype).itemsize
        if need > budget:
            raise MemoryError(
                f"the grid {dict(self.sizes)} has {self.size:.3e} scenarios; {n_outputs} "
                f"{dtype} outputs need {need / 1e9:.3g} GB, over the budget of "
                f"{budget / 1e9:.3g} GB (memory_budget_bytes). Keep only summaries with "
                "reduce= (e.g. reduce=cd.reduce.min('cost_rent_usd', over='hardware')), "
                "ask for fewer metrics= or sweep fewer values."
            )

    def view(self, da: xr.DataArray) -> np.ndarray:
        """A read-only float64 view of ``da`` broadcast to the grid (no copy)."""
        data = np.asarray(
            da.transpose(*[d for d in self.dims if d in da.dims]).values, dtype=np.float64
        )
        index = tuple(slice(None) if d in da.dims else np.newaxis for d in self.dims)
        return np.broadcast_to(data[index] if self.dims else data, self.shape)

    def dataset(self, results: Mapping[str, np.ndarray]) -> xr.Dataset:
        """Wrap result arrays of the grid's shape into a labelled Dataset."""
        coords: dict[str, Any] = {d: self.coords[d] for d in self.dims if d in self.coords}
        coords.update(self.extra_coords)
        return xr.Dataset(
            {name: (self.dims, array) for name, array in results.items()}, coords=coords
        )
