"""Fuzz tests: malformed arguments, arrays, catalog files and study files.

Every input either works or is refused with a documented exception. Working
means finite results: ``train()`` and ``serve()`` raise OverflowError rather
than return a value that is not finite, and the raw core reports, per output,
how many values are not finite. No input may crash the process, hang, slip an
invalid value through, or change the caller's arrays.

The strategies and checks here are shared with ``scripts/fuzz.py``, which runs
them for longer and counts the outcomes. The raw core runs in a subprocess: a
crash there would otherwise take the test session with it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import pickle
import re
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
import tomllib
import xarray as xr
from computedivide import _core
from computedivide._params import SERVE_PARAMS, TRAIN_PARAMS, Param
from hypothesis import HealthCheck, given, reject, seed, settings
from hypothesis import strategies as st
from strategies import SCALE
from strategies import arguments as valid_arguments
from strategies import value as valid_value

# On a failure, hypothesis's pytest plugin imports libcst, which warns
# (mypy_extensions' DeprecationWarning) after the test has run, where the
# suite's "error" filter turns the warning into an INTERNALERROR that hides
# the failure. Imported here once, quietly, it no longer warns then.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"

# What the API documents (the Raises sections of train(), serve() and the
# catalog loaders, and docs/api.md). CatalogError and StudyError are
# ValueErrors.
PUBLIC_ERRORS: tuple[type[BaseException], ...] = (
    KeyError,
    TypeError,
    ValueError,
    OverflowError,
    MemoryError,
)
# The raw core maps std::invalid_argument to ValueError, std::overflow_error
# to OverflowError, failed allocations to MemoryError, and refuses arrays of
# the wrong kind with TypeError, unknown names with KeyError.
CORE_ERRORS = PUBLIC_ERRORS
# A call slower than this is reported as a hang (a fuzzed call takes well
# under a second).
HANG_SECONDS = 30.0

TRAIN_PARAM = {p.name: p for p in TRAIN_PARAMS}
SERVE_PARAM = {p.name: p for p in SERVE_PARAMS}
CATALOG_ARGUMENTS = ("model", "hardware", "region")
OPTIONS = {
    "train": (
        "convention",
        "interval",
        "catalogs",
        "metrics",
        "reduce",
        "chunk_points",
        "memory_budget_bytes",
        "progress",
        "samples",
        "seed",
        "quantiles",
        "threads",
        "backend",
        "device",
        "dtype",
    ),
    "serve": (
        "catalogs",
        "metrics",
        "reduce",
        "chunk_points",
        "memory_budget_bytes",
        "progress",
        "samples",
        "seed",
        "quantiles",
        "threads",
        "backend",
        "device",
        "dtype",
    ),
}
OUTPUT_NAMES = {
    "train": tuple(o.name for o in cd.TRAIN_OUTPUTS),
    "serve": tuple(o.name for o in cd.SERVE_OUTPUTS),
}
# Names an error message may use to point at what it refuses.
ARGUMENT_NAMES = frozenset(
    [p.name for p in TRAIN_PARAMS + SERVE_PARAMS]
    + list(CATALOG_ARGUMENTS)
    + ["precision"]
    + list(OPTIONS["train"])
)
SHIPPED_NAMES = {
    "model": ("gpt-3", "llama-2-7b", "llama-2-70b", "Llama 2 7B", "GPT3"),
    "hardware": ("a100-80gb", "h100-sxm", "v100-sxm", "H100", "A100 80GB"),
    "region": ("USA", "FRA", "IND", "usa", "France"),
}

# ---------------------------------------------------------------------------
# Values: Python scalars, lists and NumPy arrays of any kind and layout
# ---------------------------------------------------------------------------

SPECIAL_FLOATS = (
    0.0,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    1e300,
    -1e300,
    1e-320,
    -1e-320,
    5e-324,
    1.7976931348623157e308,
    2.2250738585072014e-308,
    1e-300,
    0.5,
    1.0,
    2.0,
)
NUMERIC_LOOKING_STRINGS = ("1e9", "nan", "inf", "", " 3 ", "0x10", "1,5", "True", "h100-sxm")
DTYPES = (
    "int8",
    "int32",
    "int64",
    "uint8",
    "uint64",
    "float16",
    "float32",
    "float64",
    "longdouble",
    "bool",
    "complex64",
    "complex128",
    "object",
    "U6",
    "S4",
    "datetime64[D]",
    "datetime64[ns]",
    "timedelta64[s]",
)
SHAPES = ((), (0,), (1,), (3,), (2, 3), (0, 2), (2, 1, 2))
# The same values in another memory layout: what a caller may hand over.
LAYOUTS = (
    "contiguous",
    "strided",
    "reversed",
    "fortran",
    "read-only",
    "byte-swapped",
    "misaligned",
)


def special_floats() -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from(SPECIAL_FLOATS), st.floats())


def python_scalars() -> st.SearchStrategy[Any]:
    """Any Python scalar a caller might pass where a number belongs."""
    return st.one_of(
        special_floats(),
        st.integers(-(10**6), 10**13),
        st.sampled_from([2**63, -(2**63) - 1, 10**400, -(10**400)]),
        st.booleans(),
        st.none(),
        st.sampled_from(NUMERIC_LOOKING_STRINGS),
        st.text(max_size=6),
        st.binary(max_size=4),
        st.complex_numbers(max_magnitude=1e12),
        st.sampled_from([complex(math.nan, 0), complex(0, math.inf), 1e300j]),
    )


def laid_out(array: np.ndarray, layout: str) -> np.ndarray:
    """The values of ``array`` in another memory layout (a new array)."""
    if layout == "strided" and array.ndim:
        # Every other element of an array twice as long.
        wide = np.zeros(array.shape[:-1] + (2 * array.shape[-1],), dtype=array.dtype)
        wide[..., ::2] = array
        return wide[..., ::2]
    if layout == "reversed" and array.ndim:
        return np.ascontiguousarray(array[..., ::-1])[..., ::-1]
    if layout == "fortran":
        return np.asfortranarray(array)
    if layout == "read-only":
        frozen = array.copy()
        frozen.flags.writeable = False
        return frozen
    if layout == "byte-swapped":
        return array.astype(array.dtype.newbyteorder())
    if layout == "misaligned" and array.dtype != object and array.dtype.itemsize > 1:
        buffer = np.zeros(array.nbytes + 1, dtype=np.uint8)
        shifted = np.frombuffer(buffer.data, dtype=array.dtype, count=array.size, offset=1)
        shifted = shifted.reshape(array.shape)
        shifted[...] = array
        return shifted
    return array.copy()


def cast_quietly(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``values`` cast to ``dtype`` however lossy (NaN to int, 1e300 to float16)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if dtype.kind in "US":
            return np.asarray([str(v) for v in values.ravel()], dtype=dtype).reshape(values.shape)
        if dtype.kind in "mM":
            finite = np.where(np.isfinite(values), values, 0.0)
            whole = np.clip(finite, -(2.0**62), 2.0**62).astype(np.int64)
            return whole.astype(dtype)
        if dtype.kind == "O":
            return values.astype(object)
        return values.astype(dtype)


@st.composite
def numpy_arrays(
    draw: st.DrawFn,
    elements: st.SearchStrategy[float] | None = None,
    dtypes: tuple[str, ...] = DTYPES,
    shapes: tuple[tuple[int, ...], ...] = SHAPES,
) -> np.ndarray:
    """An array of any dtype, shape and layout, of ``elements`` (default: any float)."""
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    shape = draw(st.sampled_from(shapes))
    size = math.prod(shape)
    if dtype.kind == "O":
        items = draw(st.lists(python_scalars(), min_size=size, max_size=size))
        array = np.empty(size, dtype=object)
        array[:] = items
        array = array.reshape(shape)
    else:
        floats = draw(
            st.lists(
                special_floats() if elements is None else elements, min_size=size, max_size=size
            )
        )
        array = cast_quietly(np.asarray(floats, dtype=np.float64).reshape(shape), dtype)
    return laid_out(array, draw(st.sampled_from(LAYOUTS)))


@st.composite
def data_arrays(draw: st.DrawFn, values: st.SearchStrategy[np.ndarray]) -> xr.DataArray:
    """An xarray.DataArray over some of the dimensions a, b, c, d (the base
    arguments use a, b and c: lengths may disagree)."""
    array = draw(values)
    dims = draw(st.permutations(["a", "b", "c", "d"]))[: array.ndim]
    try:
        return xr.DataArray(array, dims=dims)
    except (ValueError, TypeError, OverflowError):
        reject()  # xarray refuses it (datetimes beyond its range): no caller can pass it


def anything() -> st.SearchStrategy[Any]:
    """Any argument at all: scalars, lists, nested lists, arrays, DataArrays, objects."""
    return st.one_of(
        python_scalars(),
        st.lists(python_scalars(), max_size=4),
        st.lists(st.lists(python_scalars(), max_size=2), max_size=2),
        numpy_arrays(),
        data_arrays(numpy_arrays()),
        st.dictionaries(st.text(max_size=3), python_scalars(), max_size=2),
        st.sampled_from([object(), {1.0}, (1.0,), range(3), np.float64, print]),
    )


# ---------------------------------------------------------------------------
# Arguments of train() and serve()
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Deferred:
    """A builder call (cd.dist.*, cd.reduce.*) made inside the check, so that its
    own refusals are checked like the main call's."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self) -> Any:
        return self.function(*self.args, **self.kwargs)

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{self.function.__module__}.{self.function.__name__}({', '.join(parts)})"


def resolved(value: Any) -> Any:
    """``value`` with its deferred builder calls made."""
    if isinstance(value, Deferred):
        return value()
    if isinstance(value, list) and any(isinstance(v, Deferred) for v in value):
        return [resolved(v) for v in value]
    return value


def valid_arrays(p: Param) -> st.SearchStrategy[Any]:
    """Valid values of ``p`` as a scalar, a list, or an array of any float or
    int dtype and layout (1-D: a dimension named after the argument)."""
    one = valid_value(p)
    numeric = ("float64", "float32", "int64", "uint16") if not p.flag else ("bool", "float64")
    return st.one_of(
        one,
        st.lists(one, min_size=1, max_size=3),
        numpy_arrays(one, dtypes=numeric, shapes=((), (1,), (2,), (3,))),
    )


def distributions(p: Param) -> st.SearchStrategy[Deferred]:
    """Distributions around ``p``'s valid values, with any parameters."""
    number = st.one_of(valid_value(p), special_floats(), st.sampled_from([0, -1, "1"]))
    return st.one_of(
        st.builds(lambda a, b: Deferred(cd.dist.uniform, (a, b)), number, number),
        st.builds(lambda a, b: Deferred(cd.dist.loguniform, (a, b)), number, number),
        st.builds(lambda a, b: Deferred(cd.dist.lognormal, (a, b)), number, number),
        st.builds(lambda a, b: Deferred(cd.dist.normal, (a, b)), number, number),
        st.builds(lambda a, b, c: Deferred(cd.dist.triangular, (a, b, c)), number, number, number),
    )


def parameter_values(p: Param) -> st.SearchStrategy[Any]:
    """A fuzzed value of kernel parameter ``p``: valid, extreme, or anything."""
    return st.one_of(
        valid_arrays(p),
        special_floats(),
        numpy_arrays(st.one_of(valid_value(p), special_floats())),
        data_arrays(numpy_arrays(valid_value(p), dtypes=("float64", "float32", "int64"))),
        distributions(p),
        anything(),
    )


def catalog_name_values(kind: str) -> st.SearchStrategy[Any]:
    names = st.sampled_from(SHIPPED_NAMES[kind])
    return st.one_of(
        names,
        st.lists(names, max_size=3),
        st.lists(names, min_size=1, max_size=3).map(np.array).map(lambda a: laid_out(a, "strided")),
        st.lists(names, min_size=1, max_size=2).map(lambda n: xr.DataArray(n, dims=["a"])),
        st.text(max_size=12),
        st.sampled_from(["", " ", "h100-sxn", "../USA", "\x00", "ñ", "a100-80gb;h100-sxm"]),
        anything(),
    )


def reductions(kernel: str) -> st.SearchStrategy[Any]:
    """cd.reduce builder calls with any arguments, one or several, or anything."""
    metric = st.one_of(st.sampled_from(OUTPUT_NAMES[kernel]), st.text(max_size=5))
    over = st.one_of(
        st.none(),
        st.sampled_from(["a", "b", "c", "model", "hardware", "region", "params"]),
        st.lists(st.sampled_from(["a", "b", "c", "hardware", "zz"]), max_size=3),
        anything(),
    )
    simple = st.builds(
        lambda op, m, o: Deferred(getattr(cd.reduce, op), (m, o)),
        st.sampled_from(["sum", "mean", "min", "max"]),
        metric,
        over,
    )
    count_below = st.builds(
        lambda m, t, o: Deferred(cd.reduce.count_below, (m, t, o)),
        metric,
        st.one_of(special_floats(), st.lists(special_floats(), max_size=3), anything()),
        over,
    )
    histogram = st.builds(
        lambda m, o, bins, lo, hi, qs: Deferred(
            cd.reduce.histogram, (m, o), {"bins": bins, "range": (lo, hi), "quantiles": qs}
        ),
        metric,
        over,
        st.one_of(st.integers(-2, 400), st.sampled_from([100_001, 2**31, 2.0, True, "9"])),
        st.one_of(st.floats(1e-30, 1e5), special_floats()),
        st.one_of(st.floats(1e5, 1e40), special_floats()),
        st.one_of(
            st.lists(st.floats(0.01, 0.99), max_size=3),
            st.lists(special_floats(), max_size=2),
            anything(),
        ),
    )
    one = st.one_of(simple, count_below, histogram)
    return st.one_of(one, st.lists(one, min_size=1, max_size=3), anything())


def user_rows() -> st.SearchStrategy[Any]:
    """catalogs= values: rows that override or add entries, with any figures."""
    figure = st.one_of(st.floats(1e-3, 1e4), special_floats(), python_scalars())
    override = st.builds(
        lambda name, column, number: [
            {"name": name, column: number, "source": "a quote", "year": 2026}
        ],
        st.sampled_from(["h100-sxm", "a100-80gb", "gpt-3", "USA", "new-entry"]),
        st.sampled_from(
            ["cloud_usd_per_hour", "price_usd", "memory_gb", "params_total", "pue", "tdp_w"]
        ),
        figure,
    )
    return st.one_of(
        st.builds(
            lambda kind, rows: {kind: rows},
            st.sampled_from(["hardware", "model", "region"]),
            override,
        ),
        st.builds(lambda rows: {"hardware": pd.DataFrame(rows)}, override),
        st.sampled_from(
            [
                {},
                {"nation": []},
                {"hardware": "missing.csv"},
                {"hardware": 5},
                {"hardware": [1, 2]},
                {"hardware": {"h100-sxm": {"name": "other"}}},
                {"hardware": {"h100-sxm": 5}},
            ]
        ),
        anything(),
    )


def option_values(kernel: str, name: str) -> st.SearchStrategy[Any]:
    """A fuzzed value of option ``name``: documented values, edge cases, anything."""
    whole = st.sampled_from([0, -1, 1, 2, 7, 2**31, 2**63, 2**64, 1.0, 2.5, True, "3", None])
    strategies: dict[str, st.SearchStrategy[Any]] = {
        "convention": st.sampled_from(["meta", "patterson", "luccioni", "META", "", None]),
        "interval": st.sampled_from([True, False, 1, 0, "yes", None]),
        "catalogs": user_rows(),
        "metrics": st.one_of(
            st.lists(st.sampled_from(OUTPUT_NAMES[kernel]), max_size=4),
            st.sampled_from(OUTPUT_NAMES[kernel]),
            st.lists(
                st.one_of(st.sampled_from(OUTPUT_NAMES[kernel]), python_scalars()), max_size=3
            ),
        ),
        "reduce": reductions(kernel),
        "chunk_points": whole,
        "memory_budget_bytes": st.one_of(whole, st.sampled_from([10**12, 8, 2**70])),
        "progress": st.sampled_from([True, False, None, 1, "no"]),
        # Not 10**9: allowed, and the property runs in this process, without
        # a memory cap (test_samples_are_counted_against_the_memory_budget
        # tries it in a capped child).
        "samples": st.sampled_from([-1, 0, 1, 2, 3, 20, 2.0, True, "10", None, 10**10, 10**100]),
        "seed": st.one_of(st.integers(-5, 2**70), st.sampled_from([None, 1.5, "1", [1, 2], True])),
        "quantiles": st.one_of(
            st.lists(st.floats(0, 1), max_size=3),
            st.lists(special_floats(), max_size=3),
            anything(),
        ),
        "threads": whole,
        "backend": st.sampled_from(["core", "reference", "numpy", None, 1]),
        "device": st.sampled_from(["cpu", "cuda", "CPU", "gpu", None]),
        "dtype": st.sampled_from(["float64", "float32", "f4", np.float32, "float16", None, 4]),
    }
    return st.one_of(strategies[name], anything())


def uncertain_parameters(kernel: str) -> st.SearchStrategy[dict[str, Any]]:
    """Nothing, or one valid distribution with a few samples (so that samples=,
    seed= and quantiles= have something to act on)."""
    choices: list[dict[str, Any]] = [
        {"mfu_inference" if kernel == "serve" else "mfu": cd.dist.uniform(0.2, 0.5)},
        {"pue": cd.dist.triangular(1.1, 1.2, 1.5)},
        {"cloud_usd_per_gpu_hour": cd.dist.lognormal(2.5, 0.3)},
    ]
    return st.one_of(
        st.just({}),
        st.builds(
            lambda d, n: {**d, "samples": n},
            st.sampled_from(choices),
            st.integers(2, 30),
        ),
    )


@dataclass
class FuzzedCall:
    """train() or serve() with valid arguments, one of them replaced by a fuzzed value."""

    kernel: str
    arguments: dict[str, Any]
    fuzzed: str

    def __repr__(self) -> str:
        return f"cd.{self.kernel}(**{self.arguments!r})  # fuzzed: {self.fuzzed}"


@st.composite
def fuzzed_calls(draw: st.DrawFn, kernel: str) -> FuzzedCall:
    params = TRAIN_PARAMS if kernel == "train" else SERVE_PARAMS
    if draw(st.booleans()):
        base = draw(valid_arguments(params))
    else:
        base = {
            kind: draw(
                st.one_of(
                    st.sampled_from(SHIPPED_NAMES[kind][:3]),
                    st.lists(
                        st.sampled_from(SHIPPED_NAMES[kind][:3]),
                        min_size=1,
                        max_size=2,
                        unique=True,
                    ),
                )
            )
            for kind in CATALOG_ARGUMENTS
        }
    base.update(draw(uncertain_parameters(kernel)))
    names = [p.name for p in params] + list(CATALOG_ARGUMENTS) + ["precision"]
    fuzzed = draw(st.sampled_from(names + list(OPTIONS[kernel])))
    if fuzzed in CATALOG_ARGUMENTS:
        new = draw(catalog_name_values(fuzzed))
    elif fuzzed == "precision":
        new = draw(
            st.one_of(
                st.sampled_from(["bf16", "fp8", "fp32", "int8", "BF16", "fp4"]),
                st.lists(st.sampled_from(["bf16", "fp16", "tf32"]), max_size=3),
                anything(),
            )
        )
    elif fuzzed in OPTIONS[kernel]:
        new = draw(option_values(kernel, fuzzed))
    else:
        p = TRAIN_PARAM[fuzzed] if kernel == "train" else SERVE_PARAM[fuzzed]
        new = draw(parameter_values(p))
    base[fuzzed] = new
    return FuzzedCall(kernel, base, fuzzed)


# ---------------------------------------------------------------------------
# Checks shared by the properties
# ---------------------------------------------------------------------------


def fingerprint(value: Any) -> Any:
    """What must not change: the values (pickled), and of an array also its
    layout and writeable flag."""
    if isinstance(value, np.ndarray):
        # A broadcast view is pickled through its source (the view may span
        # more elements than memory holds).
        source = value
        while isinstance(source.base, np.ndarray):
            source = source.base
        layout = (value.dtype.str, value.shape, value.strides, bool(value.flags.writeable))
        if source is not value:
            return layout, fingerprint(source)
        # tobytes, not pickle: NumPy pickles no more than 32 dimensions.
        return layout, pickle.dumps(value.tolist()) if value.dtype.kind == "O" else value.tobytes()
    if isinstance(value, (list, tuple)):
        return [fingerprint(v) for v in value]
    if isinstance(value, xr.DataArray):
        # Not pickled whole: xarray fills some of its own fields lazily
        # (reading .encoding sets it to {}), which is no change of the data.
        coords = {str(k): fingerprint(c.values) for k, c in value.coords.items()}
        return fingerprint(value.values), value.dims, coords, pickle.dumps(value.attrs)
    try:
        return pickle.dumps(value)
    except Exception:  # functions, lambdas: nothing the call could change
        return None


def fingerprints(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: fingerprint(v) for name, v in values.items()}


def assert_unchanged(values: Mapping[str, Any], before: Mapping[str, Any]) -> None:
    for name, value in values.items():
        assert fingerprint(value) == before[name], f"the call changed the caller's {name}"


def message_of(error: BaseException) -> str:
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)


def assert_names_an_argument(error: BaseException, fuzzed: str) -> None:
    """The message points at the fuzzed argument (or the argument it clashes
    with; for an overflow, at the results that are not finite)."""
    text = message_of(error)
    names = ARGUMENT_NAMES
    if isinstance(error, OverflowError):
        names = names.union(OUTPUT_NAMES["train"], OUTPUT_NAMES["serve"])
    named = [n for n in names if n in text]
    assert fuzzed in text or named, f"{type(error).__name__} names no argument: {text!r}"


def assert_finite(ds: xr.Dataset) -> None:
    """train()/serve() results: every number finite (the API raises OverflowError otherwise)."""
    for name, variable in ds.data_vars.items():
        if variable.dtype.kind in "fc":
            assert np.isfinite(variable.values).all(), f"{name} is not finite: {variable.values}"
        else:
            assert variable.dtype.kind in "biu", f"{name} has dtype {variable.dtype}"


def assert_admitted(p: Param, given: Any) -> None:
    """A call that worked must not have let an invalid value of ``p`` through."""
    if given is None or isinstance(given, (Deferred, cd.dist.Distribution)):
        return  # None: the documented default
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            numbers = np.asarray(given, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return  # not convertible: the call cannot have used it as given
    if numbers.size:
        assert np.isfinite(numbers).all(), f"{p.name}={given!r} was accepted"
        assert p.admitted(numbers).all(), f"{p.name}={given!r} is out of range but was accepted"


@contextlib.contextmanager
def no_hang(what: Any) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < HANG_SECONDS, f"took {elapsed:.0f} s: {what!r}"


@contextlib.contextmanager
def warnings_kept() -> Iterator[list[warnings.WarningMessage]]:
    """Record warnings instead of raising them (the test suite turns warnings into
    errors; a warning is not a refusal)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def check_public_call(call: FuzzedCall) -> str:
    """The property of train() and serve(); returns the outcome ("ok" or the error)."""
    function = cd.train if call.kernel == "train" else cd.serve
    before = fingerprints(call.arguments)
    params = TRAIN_PARAM if call.kernel == "train" else SERVE_PARAM
    try:
        resolved_arguments = {k: resolved(v) for k, v in call.arguments.items()}
    except PUBLIC_ERRORS as error:
        # A builder (cd.dist.*, cd.reduce.*) refused its own arguments; its
        # message names the builder, which knows no argument of the call.
        assert_unchanged(call.arguments, before)
        return f"{type(error).__name__} (builder)"
    try:
        with no_hang(call), warnings_kept():
            ds = function(**resolved_arguments)
    except RuntimeError as error:
        # Documented for device="cuda" on a build or machine without CUDA.
        assert call.arguments.get("device") == "cuda", repr(error)
        assert "cuda" in str(error).casefold()
        outcome = "RuntimeError"
    except FileNotFoundError as error:
        # A catalogs= CSV path that does not exist; the message names it.
        assert call.fuzzed == "catalogs", repr(error)
        assert "csv" in str(error)
        outcome = "FileNotFoundError"
    except PUBLIC_ERRORS as error:
        assert_names_an_argument(error, call.fuzzed)
        outcome = type(error).__name__
    else:
        assert isinstance(ds, xr.Dataset)
        assert_finite(ds)
        if call.fuzzed in params:
            assert_admitted(params[call.fuzzed], call.arguments[call.fuzzed])
        outcome = "ok"
    assert_unchanged(call.arguments, before)
    return outcome


# ---------------------------------------------------------------------------
# The raw core: _core.evaluate_* and _core.reduce_*
# ---------------------------------------------------------------------------

RAW_KERNELS = {
    "train": (_core.evaluate_train, _core.reduce_train, TRAIN_PARAMS),
    "serve": (_core.evaluate_serve, _core.reduce_serve, SERVE_PARAMS),
}
# Grid shapes: one point, empty, rows longer than the core's block of 128
# points and than its staged row (32), and astronomically large broadcast
# grids whose outputs cannot be allocated (refused, not attempted). Grids of
# a few GB are left out: the core has no memory budget of its own.
RAW_SHAPES = ((), (0,), (1,), (5,), (3, 4), (2, 0, 3), (130,), (2, 70), (1, 1, 1, 1))
HUGE_SHAPES = ((2**30, 2**29), (2**59,), (2**20, 2**20, 2**19))
RAW_LAYOUTS = (
    "contiguous",
    "strided",
    "reversed",
    "fortran",
    "read-only",
    "misaligned",
    "broadcast",
)
# Mutations that the core must refuse (or survive) cleanly.
RAW_MUTATIONS = (
    "byte-swapped",
    "float32",
    "int64",
    "object",
    "complex",
    "0-d",
    "wrong shape",
    "33 dimensions",
    "half stride",
    "list",
    "None",
    "float",
    "string",
    "drop key",
    "unknown key",
    "non-string key",
)


def first_values(array: np.ndarray) -> list[Any]:
    """The first few values of the first row (without copying a broadcast view)."""
    if array.ndim == 0 or array.size == 0:
        return array.tolist() if array.ndim == 0 else []
    return array[(0,) * (array.ndim - 1)][:3].tolist()


@dataclass
class RawCall:
    """One call of the raw core."""

    kernel: str
    reduce: bool
    inputs: dict[Any, Any]
    outputs: Any = None  # evaluate_*: output names
    reductions: Any = None  # reduce_*: (output, op, threshold, log10_lo, log10_hi, bins)
    reduced_size: Any = 1
    chunk_points: Any = 1
    n_threads: Any = 0
    progress: Any = None
    mutations: tuple[str, ...] = ()

    def __repr__(self) -> str:
        inputs = {
            k: f"array(dtype={v.dtype}, shape={v.shape}, strides={v.strides}, "
            f"writeable={v.flags.writeable}, first row={first_values(v)})"
            if isinstance(v, np.ndarray)
            else repr(v)
            for k, v in self.inputs.items()
        }
        function = f"_core.{'reduce' if self.reduce else 'evaluate'}_{self.kernel}"
        extra = (
            f"{self.reductions!r}, {self.reduced_size!r}, {self.chunk_points!r}, "
            f"{self.n_threads!r}, {self.progress!r}"
            if self.reduce
            else f"{self.outputs!r}, {self.n_threads!r}"
        )
        return f"{function}({inputs}, {extra})  # mutations: {self.mutations}"


def raw_array(values: np.ndarray, layout: str) -> np.ndarray:
    if layout == "broadcast" and values.size:  # stride 0, as the API hands a constant
        return np.broadcast_to(values.ravel()[:1].reshape((1,) * values.ndim), values.shape)
    return laid_out(values, layout)


def mutated(inputs: dict[Any, Any], mutation: str, name: str, shape: tuple[int, ...]) -> None:
    """Apply one of RAW_MUTATIONS to input ``name``, in place."""
    given = inputs.get(name)
    small = isinstance(given, np.ndarray) and given.size <= 1000
    array = np.ascontiguousarray(given if small else np.ones(1), dtype=np.float64)
    replacements = {
        "byte-swapped": lambda: array.astype(array.dtype.newbyteorder()),
        "float32": lambda: array.astype(np.float32),
        "int64": lambda: cast_quietly(array, np.dtype(np.int64)),
        "object": lambda: array.astype(object),
        "complex": lambda: array.astype(complex),
        "0-d": lambda: np.asarray(array.ravel()[0] if array.size else 1.0),
        "wrong shape": lambda: np.zeros(array.shape + (2,)),
        "33 dimensions": lambda: np.zeros((1,) * 33),
        "half stride": lambda: np.lib.stride_tricks.as_strided(
            np.zeros(8), shape=(3,), strides=(4,)
        ),
        "list": lambda: array.tolist(),
        "None": lambda: None,
        "float": lambda: 1.0,
        "string": lambda: "1.0",
    }
    if mutation in replacements:
        inputs[name] = replacements[mutation]()
    elif mutation == "drop key":
        inputs.pop(name, None)
    elif mutation == "unknown key":
        inputs[name + "_x"] = array
    elif mutation == "non-string key":
        inputs[7] = array


@st.composite
def raw_inputs(draw: st.DrawFn, params: tuple[Param, ...]) -> tuple[dict[Any, Any], tuple]:
    """Every input of a kernel over one grid: valid, zero or extreme values
    (the core computes anything; non-finite results are counted), in any
    layout; sometimes mutated into something the core must refuse."""
    huge = draw(st.integers(0, 19)) == 0
    shape = draw(st.sampled_from(HUGE_SHAPES if huge else RAW_SHAPES))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    inputs: dict[Any, Any] = {}
    for p in params:
        base = draw(st.one_of(valid_value(p), st.just(0.0), special_floats()))
        if huge:
            values = np.full((1,) * len(shape), base)
            inputs[p.name] = np.broadcast_to(values, shape)
            continue
        spread = rng.uniform(0.5, 2.0, size=shape) if draw(st.booleans()) else 1.0
        with np.errstate(all="ignore"):
            values = np.asarray(np.full(shape, base) * spread)
        inputs[p.name] = raw_array(values, draw(st.sampled_from(RAW_LAYOUTS)))
    mutations: tuple[str, ...] = ()
    if draw(st.integers(0, 2)) == 0:
        mutations = tuple(draw(st.lists(st.sampled_from(RAW_MUTATIONS), min_size=1, max_size=2)))
    for mutation in mutations:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mutated(inputs, mutation, draw(st.sampled_from([p.name for p in params])), shape)
    return inputs, shape, mutations


def mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` seven times in eight, else ``odd`` (so that a call with several
    fuzzed arguments is still often valid)."""
    return st.integers(0, 7).flatmap(lambda i: odd if i == 7 else usual)


def thread_counts() -> st.SearchStrategy[Any]:
    return mostly(st.integers(-2, 5), st.sampled_from([64, 2**31, 2**63, 1.5, None, "2"]))


@st.composite
def raw_calls(draw: st.DrawFn, kernel: str, reduce: bool) -> RawCall:
    _, _, params = RAW_KERNELS[kernel]
    inputs, shape, mutations = draw(raw_inputs(params))
    # Over an astronomically large grid a reduction streams every point (by
    # design), and so, for now, does a call with no reduction at all: only
    # reductions whose states cannot be allocated, or that are refused, are
    # drawn there. Outputs of such a grid cannot be allocated either.
    huge = math.prod(shape) > 10**6
    outputs = OUTPUT_NAMES[kernel]
    call = RawCall(kernel, reduce, inputs, mutations=mutations, n_threads=draw(thread_counts()))
    if not reduce:
        call.outputs = draw(
            st.one_of(
                st.lists(st.sampled_from(outputs), max_size=5),
                st.lists(st.one_of(st.sampled_from(outputs), st.text(max_size=4)), max_size=3),
                st.sampled_from(["gpu_hours", None, 5, ("weights_gb",)]),
            )
        )
        return call
    number = mostly(st.floats(-40, 40), st.one_of(special_floats(), st.sampled_from([None, "1"])))
    reduction = st.tuples(
        mostly(st.sampled_from(outputs), st.text(max_size=3)),
        mostly(
            st.sampled_from(["sum", "min", "max", "count_le", "hist"]),
            st.sampled_from(["mean", "", "MIN", 3]),
        ),
        number,
        number,
        number,
        mostly(st.integers(-3, 300), st.sampled_from([2**31 - 1, 2**31, 1.5, "4", None])),
    )
    if huge:
        call.reductions = [
            (
                draw(st.sampled_from(outputs)),
                draw(st.sampled_from(["sum", "min"])),
                0.0,
                0.0,
                1.0,
                1,
            )
        ]
        call.reduced_size = draw(st.sampled_from([1, 0, -1, 7]))
        return call
    call.reductions = draw(
        mostly(
            st.lists(reduction, max_size=3),
            st.one_of(
                st.lists(
                    st.one_of(reduction.map(list), st.tuples(st.text(max_size=3))), max_size=2
                ),
                st.sampled_from([None, "sum", 5, ()]),
            ),
        )
    )
    size = math.prod(shape)
    divisors = [d for d in range(1, size + 1) if size % d == 0] or [1]
    call.reduced_size = draw(
        mostly(st.sampled_from(divisors), st.sampled_from([0, -1, 7, 2**53, 2**63, 1.0, None]))
    )
    call.chunk_points = draw(
        mostly(st.integers(1, 200), st.sampled_from([0, -1, 2**62, 2**63, 0.5, None]))
    )
    call.progress = draw(mostly(st.sampled_from([None, "record"]), st.sampled_from(["refuse", 5])))
    return call


def evaluated_outputs(call: RawCall, names: list[str]) -> dict[str, np.ndarray]:
    """The outputs of ``call``'s grid from evaluate_*, C-ordered (for the
    reductions' oracle)."""
    evaluate, _, _ = RAW_KERNELS[call.kernel]
    results, _ = evaluate(call.inputs, names, 1)
    return results


def assert_reduced_like_numpy(call: RawCall, states: list, nonfinite: list) -> None:
    """Each reduction's state against NumPy on the evaluated grid."""
    specs = list(call.reductions)
    assert len(states) == len(specs) == len(nonfinite)
    names = sorted({str(spec[0]) for spec in specs})
    outputs = evaluated_outputs(call, names)
    for spec, state, bad in zip(specs, states, nonfinite, strict=True):
        name, op, threshold = spec[0], spec[1], float(spec[2])
        values = outputs[name].reshape(-1, int(call.reduced_size))
        finite = np.isfinite(values)
        assert bad == int((~finite).sum()), f"{spec}: {bad} non-finite reported"
        assert state.shape[0] == values.shape[0]
        for cell, (row, ok, s) in enumerate(zip(values, finite, state, strict=True)):
            kept = row[ok]
            where = f"{spec}, cell {cell}"
            if op == "count_le":
                assert s[0] == np.count_nonzero(kept <= threshold), where
            elif op == "hist":
                assert s.sum() == kept.size, where
            elif op in ("min", "max"):
                if kept.size == 0:
                    assert s[1] == -1.0, where
                    continue
                best = kept.min() if op == "min" else kept.max()
                first = int(np.flatnonzero(ok & (row == best))[0])
                assert (s[0], s[1]) == (best, first), where
            elif op == "sum":
                scale = np.abs(kept).sum()
                if np.isfinite(scale):
                    assert abs((s[0] + s[1]) - kept.sum()) <= 1e-9 * scale, where


def check_raw_call(call: RawCall) -> str:
    """The property of the raw core; returns the outcome ("ok" or the error)."""
    evaluate, reduce, _ = RAW_KERNELS[call.kernel]
    before = fingerprints(call.inputs)
    progress_seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> None:
        progress_seen.append((done, total))

    def refuse(done: int, total: int) -> None:
        raise ValueError("stop")

    progress = {"record": record, "refuse": refuse}.get(call.progress, call.progress)
    try:
        with no_hang(call), warnings_kept():
            if call.reduce:
                result = reduce(
                    call.inputs,
                    call.reductions,
                    call.reduced_size,
                    call.chunk_points,
                    call.n_threads,
                    progress,
                )
            else:
                result = evaluate(call.inputs, call.outputs, call.n_threads)
    except CORE_ERRORS as error:
        outcome = type(error).__name__
    else:
        outcome = "ok"
        shape = next(iter(call.inputs.values())).shape
        if call.reduce:
            states, nonfinite = result
            assert_reduced_like_numpy(call, states, nonfinite)
            for spec in call.reductions:
                # Non-finite edges have no bins: the state would be undefined.
                if spec[1] == "hist":
                    assert all(math.isfinite(float(x)) for x in spec[3:5]), spec
            if progress_seen:
                assert progress_seen[-1][0] == progress_seen[-1][1] == math.prod(shape)
        else:
            results, nonfinite = result
            assert set(results) == set(call.outputs)
            for name, array in results.items():
                assert array.shape == shape and array.dtype == np.float64
                count = int((~np.isfinite(array)).sum())
                assert nonfinite.get(name, 0) == count, f"{name}: {count} not finite"
            assert set(nonfinite) <= set(results)
    assert_unchanged(call.inputs, before)
    return outcome


# ---------------------------------------------------------------------------
# Catalog CSV files (catalogs={kind: "file.csv"}, cd.catalog.load, [catalogs])
# ---------------------------------------------------------------------------

# A row of each kind from the shipped catalog, under a new name (to add an
# entry), and an override of a shipped entry's figure.
SEED_ROWS = {
    "hardware": ("h100-sxm", "fuzz-gpu", {"cloud_usd_per_hour": 1.99}),
    "model": ("llama-2-7b", "fuzz-model", {"training_tokens": 3e12}),
    "region": ("FRA", "fuzz-region", {"pue": 1.3}),
}
INTERESTING_BYTES = (
    b",",
    b"\n",
    b"\r\n",
    b'"',
    b"\x00",
    b"\xff\xfe",
    "é".encode(),
    "\u202e".encode(),
    b"1e400",
    b"-1e300",
    b"1e-320",
    b"nan",
    b"inf",
    b"-0",
    b"../",
    b";",
    b"#",
    b"true",
    b"9" * 40,
    b" ",
)
INTERESTING_CELLS = (
    "",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e300",
    "-1e300",
    "1e-320",
    "0",
    "-1",
    "2026.5",
    "9" * 30,
    "true",
    "maybe",
    "h100",
    "ñ",
    "x" * 300,
    "../../etc/passwd",
    "=cmd()",
    "1,5",
)


def seed_csv(kind: str) -> bytes:
    shipped, new_name, figures = SEED_ROWS[kind]
    table = cd.catalog.load(kind)  # type: ignore[arg-type]
    row = {k: v for k, v in table.loc[shipped].items() if not pd.isna(v)}
    row.update(name=new_name, aliases="", source="fuzz seed", year=2026)
    override = {"name": shipped, **figures, "source": "fuzz seed", "year": 2026}
    columns = list(dict.fromkeys(list(row) + list(override)))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([row, override])
    return text.getvalue().encode()


SEED_CSVS = {kind: seed_csv(kind) for kind in SEED_ROWS}


@st.composite
def byte_mutations(draw: st.DrawFn, seed_bytes: bytes) -> bytes:
    """``seed_bytes`` with a few bytes flipped, inserted, deleted or repeated."""
    data = bytearray(seed_bytes)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate"]))
        if kind == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.one_of(st.sampled_from(INTERESTING_BYTES), st.binary(max_size=3)))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 40))]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@st.composite
def cell_mutations(draw: st.DrawFn, seed_bytes: bytes) -> bytes:
    """``seed_bytes`` (a CSV) with cells replaced or swapped, columns dropped,
    doubled or invented, rows repeated."""
    rows = list(csv.reader(io.StringIO(seed_bytes.decode())))
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(rows[0]) - 1))
        kind = draw(st.sampled_from(["replace", "swap", "drop", "double", "invent", "row"]))
        if kind == "replace" and c < len(rows[r]):
            rows[r][c] = draw(st.one_of(st.sampled_from(INTERESTING_CELLS), st.text(max_size=8)))
        elif kind == "swap":
            r2, c2 = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(rows[0]) - 1))
            if c < len(rows[r]) and c2 < len(rows[r2]):
                rows[r][c], rows[r2][c2] = rows[r2][c2], rows[r][c]
        elif kind == "drop":
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif kind == "double":
            rows = [row + row[c : c + 1] for row in rows]
        elif kind == "invent":
            rows = [row + [draw(st.sampled_from(INTERESTING_CELLS))] for row in rows]
            rows[0][-1] = draw(st.sampled_from(["extra", "name", "memroy_gb", "", "year"]))
        elif kind == "row" and len(rows) > 1:
            rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8", "surrogatepass")


@dataclass
class CatalogFile:
    """A user's catalog CSV of one kind."""

    kind: str
    content: bytes


@st.composite
def catalog_files(draw: st.DrawFn) -> CatalogFile:
    kind = draw(st.sampled_from(sorted(SEED_CSVS)))
    seed_bytes = SEED_CSVS[kind]
    content = draw(st.one_of(byte_mutations(seed_bytes), cell_mutations(seed_bytes)))
    return CatalogFile(kind, content)


def used_in_a_scenario(kind: str, table: pd.DataFrame, path: Path) -> str:
    """train() and serve() with the file's rows: a finite result or a documented refusal."""
    _, new_name, _ = SEED_ROWS[kind]
    shipped = {"model": "llama-2-7b", "hardware": "h100-sxm", "region": "FRA"}
    outcomes = []
    for name in {new_name, SEED_ROWS[kind][0]} & set(table.index.astype(str)):
        for function in (cd.train, cd.serve):
            try:
                with no_hang(path), warnings_kept():
                    ds = function(**{**shipped, kind: name}, catalogs={kind: str(path)})
            except PUBLIC_ERRORS as error:
                outcomes.append(type(error).__name__)
            else:
                assert_finite(ds)
                outcomes.append("ok")
    return "; scenario " + ("/".join(sorted(set(outcomes))) or "not run (no seed row left)")


def check_catalog_file(file: CatalogFile) -> str:
    """The property of user catalog files; returns the outcome."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.csv"
        path.write_bytes(file.content)
        try:
            with no_hang(file), warnings_kept():
                table = cd.catalog.load(file.kind, path)  # type: ignore[arg-type]
        except cd.catalog.CatalogError:
            return "CatalogError"
        assert table.index.is_unique
        numbers = table.select_dtypes("number")
        # NaN means "no published figure" (documented); never infinite.
        assert not np.isinf(numbers.to_numpy(dtype=np.float64, na_value=np.nan)).any()
        return "loaded" + used_in_a_scenario(file.kind, table, path)


# ---------------------------------------------------------------------------
# Study files (cd.Study.from_toml, Study.run)
# ---------------------------------------------------------------------------

CATALOG_SEED = b"name,cloud_usd_per_hour,source,year\nh100-sxm,1.0,my quote,2026\n"
SEED_STUDIES = {path.name: path.read_bytes() for path in sorted(EXAMPLES.glob("*.toml"))} | {
    "with_catalog.toml": (
        b'[study]\nname = "small"\nkernel = "train"\n\n[axes]\n'
        b'model = ["llama-2-7b", "llama-2-70b"]\nhardware = ["a100-80gb", "h100-sxm"]\n'
        b'mfu = { linspace = [0.3, 0.5, 3] }\n\n[assumptions]\nregion = "USA"\n\n'
        b'[options]\nmetrics = ["gpu_hours", "cost_rent_usd"]\n\n'
        b'[[reduce]]\nkind = "histogram"\nmetric = "gpu_hours"\nover = ["mfu"]\n'
        b"bins = 20\nrange = [1e2, 1e9]\n\n"
        b'[catalogs]\nhardware = "gpus.csv"\n'
    )
}
# Scenarios above this are parsed but not run (a fuzzed axis may ask for
# millions; the grid's memory check is tested elsewhere).
STUDY_RUN_LIMIT = 20_000


def toml_key(key: str) -> str:
    bare = key and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A TOML literal (inline form) of a value tomllib can produce."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return value.isoformat()  # dates, times, datetimes


def toml_document(doc: Mapping[str, Any]) -> str:
    """TOML text of a parsed document: tables, arrays of tables, inline values."""
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in doc.items() if not is_table(v)]
    for key, value in doc.items():
        tables = value if isinstance(value, list) else [value]
        if not is_table(value):
            continue
        for table in tables:
            lines.append(
                f"\n[[{toml_key(key)}]]" if isinstance(value, list) else f"\n[{toml_key(key)}]"
            )
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def is_table(value: Any) -> bool:
    return isinstance(value, Mapping) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
    )


def toml_scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.sampled_from([0, 1, -1, 3, 2**63 - 1, -(2**63), 10**6]),
        special_floats(),
        st.booleans(),
        st.sampled_from(
            SHIPPED_NAMES["model"]
            + SHIPPED_NAMES["hardware"]
            + ("train", "serve", "min", "histogram", "uniform", "meta", "bf16")
            + OUTPUT_NAMES["train"][:3]
            + ("gpus.csv", "../gpus.csv", "/etc/passwd.csv", "sub/../../x.csv", "x" * 300 + ".csv")
        ),
        st.text(max_size=10),
        st.datetimes(),
        st.dates(),
        st.times(),
    )


def toml_values() -> st.SearchStrategy[Any]:
    """Values a study file may hold: scalars, arrays, and the tables of [axes]."""
    count = st.one_of(st.integers(-1, 12), st.sampled_from([2.5, 0.0, 1e12, 1e300, math.nan]))
    number = st.one_of(st.floats(1e-3, 1e3), special_floats(), st.integers(-5, 5))
    return st.one_of(
        toml_scalars(),
        st.lists(toml_scalars(), max_size=4),
        st.lists(number, max_size=4),
        st.builds(
            lambda k, a, b, n: {k: [a, b, n]},
            st.sampled_from(["linspace", "geomspace"]),
            number,
            number,
            count,
        ),
        st.builds(
            lambda kind, params: {"distribution": kind, **params},
            st.one_of(
                st.sampled_from(["uniform", "loguniform", "normal", "lognormal", "triangular"]),
                toml_scalars(),
                st.lists(toml_scalars(), max_size=1),
            ),
            st.dictionaries(
                st.sampled_from(["low", "high", "mode", "mean", "sd", "median", "sigma"]),
                number,
                max_size=3,
            ),
        ),
        st.dictionaries(st.text(max_size=4), toml_scalars(), max_size=2),
    )


def leaf_paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Paths to every value of a parsed document (tables and arrays walked)."""
    if isinstance(node, Mapping):
        return [p for k, v in node.items() for p in [path + (k,)] + leaf_paths(v, path + (k,))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in [path + (i,)] + leaf_paths(v, path + (i,))]
    return []


def at_path(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def structured_mutations(draw: st.DrawFn, seed_bytes: bytes) -> bytes:
    """A study file with values replaced, swapped, moved or deleted and keys
    invented; written back as TOML."""
    doc = tomllib.loads(seed_bytes.decode())
    for _ in range(draw(st.integers(1, 3))):
        paths = leaf_paths(doc)
        kind = draw(st.sampled_from(["replace", "swap", "delete", "invent", "move"]))
        path = draw(st.sampled_from(paths)) if paths else ()
        if not path:
            continue
        parent = at_path(doc, path[:-1])
        if kind == "replace":
            parent[path[-1]] = draw(toml_values())
        elif kind == "swap":
            other = draw(st.sampled_from(paths))
            other_parent = at_path(doc, other[:-1])
            with contextlib.suppress(KeyError, IndexError, TypeError):
                parent[path[-1]], other_parent[other[-1]] = (
                    other_parent[other[-1]],
                    parent[path[-1]],
                )
        elif kind == "delete":
            del parent[path[-1]]
        elif kind == "invent" and isinstance(parent, dict):
            name = draw(
                st.one_of(
                    st.sampled_from(sorted(ARGUMENT_NAMES) + ["study", "axes", "catalogs"]),
                    st.text(min_size=1, max_size=6),
                )
            )
            parent[name] = draw(toml_values())
        elif kind == "move" and path[0] in ("axes", "assumptions") and len(path) == 2:
            target = doc.setdefault("assumptions" if path[0] == "axes" else "axes", {})
            if isinstance(target, dict) and isinstance(parent, dict):
                target[path[1]] = parent.pop(path[1])
    text = toml_document(doc)
    return text.encode("utf-8", "surrogatepass")


@dataclass
class StudyFile:
    """A study file's bytes."""

    content: bytes

    def __repr__(self) -> str:
        return f"StudyFile({self.content.decode('utf-8', 'backslashreplace')!r})"


@st.composite
def study_files(draw: st.DrawFn) -> StudyFile:
    seed_bytes = SEED_STUDIES[draw(st.sampled_from(sorted(SEED_STUDIES)))]
    return StudyFile(draw(st.one_of(byte_mutations(seed_bytes), structured_mutations(seed_bytes))))


def scenario_count(study: cd.Study) -> float:
    """Scenarios a study would evaluate (an upper bound: every list is an axis)."""
    names = {p.name for p in TRAIN_PARAMS + SERVE_PARAMS} | {
        "model",
        "hardware",
        "region",
        "precision",
    }
    count = 1.0
    for name, argument in study.arguments.items():
        if name in names and isinstance(argument, list):
            count *= max(len(argument), 1)
    if any(cd.dist.is_distribution(v) for v in study.arguments.values()):
        samples = study.arguments.get("samples", 1000)
        count *= samples if isinstance(samples, int) and samples > 0 else 1000
    return count


def check_study_file(file: StudyFile) -> str:
    """The property of study files: from_toml gives a Study or a StudyError;
    run() a finite Dataset or a StudyError. A gpus.csv lies beside the file,
    for its [catalogs]."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "gpus.csv").write_bytes(CATALOG_SEED)
        path = Path(folder) / "study.toml"
        path.write_bytes(file.content)
        try:
            with no_hang(file), warnings_kept():
                study = cd.Study.from_toml(path)
        except cd.StudyError:
            return "StudyError (from_toml)"
        assert study.kernel in ("train", "serve")
        if scenario_count(study) > STUDY_RUN_LIMIT:
            return "parsed (too large to run here)"
        try:
            with no_hang(file), warnings_kept():
                ds = study.run()
        except cd.StudyError:
            return "StudyError (run)"
        assert_finite(ds)
        return "ran"


def check_study_text(file: StudyFile) -> str:
    """from_toml(text): a Study or a StudyError, whatever the text (a one-line
    text ending in .toml is read as a path: FileNotFoundError then)."""
    try:
        text = file.content.decode("utf-8")
    except UnicodeDecodeError:
        return "skipped (not UTF-8)"
    try:
        with no_hang(file), warnings_kept():
            cd.Study.from_toml(text)
    except cd.StudyError:
        return "StudyError"
    except FileNotFoundError:
        assert "\n" not in text and text.endswith(".toml")
        return "FileNotFoundError"
    return "parsed"


# ---------------------------------------------------------------------------
# The targets, shared with scripts/fuzz.py
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], str]
    # Run in a child process with capped memory: the raw core (a crash must
    # not take the caller with it) and study files (a linspace of a billion
    # values must not take the machine's memory; see
    # test_a_linspace_of_a_billion_values_is_refused_before_it_is_built).
    isolated: bool = False


TARGETS = {
    "train": Target(fuzzed_calls("train"), check_public_call),
    "serve": Target(fuzzed_calls("serve"), check_public_call),
    "core.evaluate_train": Target(raw_calls("train", reduce=False), check_raw_call, True),
    "core.evaluate_serve": Target(raw_calls("serve", reduce=False), check_raw_call, True),
    "core.reduce_train": Target(raw_calls("train", reduce=True), check_raw_call, True),
    "core.reduce_serve": Target(raw_calls("serve", reduce=True), check_raw_call, True),
    "catalog CSV": Target(catalog_files(), check_catalog_file),
    "study TOML file": Target(study_files(), check_study_file, True),
    "study TOML text": Target(study_files(), check_study_text, True),
}


def failure_key(error: BaseException) -> str:
    """A short name of a failure, the same for the same problem with other numbers."""
    first = (str(error).splitlines() or [""])[0]
    first = re.sub(r"'[^']*'|\"[^\"]*\"", "'...'", first)
    return f"{type(error).__name__}: {re.sub(r'0x[0-9a-fA-F]+|[0-9]+', 'N', first)[:90]}"


def run_target(
    name: str,
    examples: int,
    seed_value: int | None = None,
    keep_going: bool = False,
    last_input: str | None = None,
) -> dict[str, Any]:
    """Run target ``name`` for ``examples`` inputs in this process.

    Returns the outcome counts and the failures. By default the first failure
    stops the run and is shrunk by hypothesis (its report is the failure).
    With ``keep_going``, a failing input is counted under "FAILED: ..." and
    the run goes on: the failures are then the first input of each kind.
    ``last_input`` names a file that holds each input while it runs, so that
    the input that crashes a child process is known.
    """
    target = TARGETS[name]
    counts: Counter[str] = Counter()
    failures: dict[str, str] = {}

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=seed_value is None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(target.strategy)
    def run(drawn: Any) -> None:
        if last_input:
            Path(last_input).write_text(repr(drawn))
        if not keep_going:
            counts[target.check(drawn)] += 1
            return
        try:
            counts[target.check(drawn)] += 1
        except Exception as error:
            key = failure_key(error)
            counts["FAILED: " + key] += 1
            failures.setdefault(key, f"{drawn!r}\n{''.join(traceback.format_exception(error))}")

    try:
        (seed(seed_value)(run) if seed_value is not None else run)()
    except Exception as error:  # the property failed: report it, keep the counts
        failures[failure_key(error)] = "".join(traceback.format_exception(error))
    return {"target": name, "counts": dict(counts), "failures": failures}


# Address space of the child process (Python and its libraries take about
# 1.5 GB of it).
CHILD_MEMORY = 4 * 2**30


def run_isolated(
    names: list[str],
    examples: int,
    seed_value: int | None = None,
    keep_going: bool = False,
    timeout: float = 600,
) -> list[dict[str, Any]]:
    """run_target for each of ``names`` in one child process: a crash there is
    reported with the input that caused it, not suffered. The child's address
    space is capped at CHILD_MEMORY: what the raw core is asked for (a state
    of 2^31 histogram bins; it has no memory budget of its own) or a study
    file (a linspace of 10^9 values) then fails to allocate instead of taking
    the machine's memory."""
    with tempfile.TemporaryDirectory() as folder:
        last_input = str(Path(folder) / "last_input.txt")
        code = (
            "import resource\n"
            f"resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY}, {CHILD_MEMORY}))\n"
            f"import json, sys; sys.path.insert(0, {str(TESTS)!r}); import test_fuzz\n"
            f"for name in {names!r}:\n"
            f"    result = test_fuzz.run_target(name, {examples}, {seed_value}, {keep_going}, "
            f"{last_input!r})\n"
            "    print(json.dumps(result), flush=True)\n"
        )
        try:
            done = subprocess.run(
                [sys.executable, "-X", "faulthandler", "-c", code],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as expired:
            stdout, stderr = str(expired.stdout or ""), str(expired.stderr or "")
            key = f"HUNG: no result in {timeout:.0f} s"
        else:
            stdout, stderr = done.stdout, done.stderr
            key = f"CRASHED: exit status {done.returncode}" if done.returncode else ""
        results = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        if key:
            last = Path(last_input).read_text() if Path(last_input).exists() else "?"
            results.append(
                {
                    "target": names[min(len(results), len(names) - 1)],
                    "counts": {key: 1},
                    "failures": {key: f"{last}\n{stderr[-4000:]}"},
                }
            )
        return results


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------


@given(fuzzed_calls("train"))
def test_train_refuses_or_returns_finite_results(call):
    check_public_call(call)


@given(fuzzed_calls("serve"))
def test_serve_refuses_or_returns_finite_results(call):
    check_public_call(call)


def check_in_a_subprocess(names: list[str]) -> None:
    """Run the targets ``names`` in one child process (run_isolated) for the
    profile's number of examples each; fail with every kind of failure."""
    examples = settings().max_examples
    # keep_going: every kind of failure is reported (unshrunk), and quickly.
    results = run_isolated(names, examples, keep_going=True)
    assert [r["target"] for r in results] == names, results
    for result in results:
        failures = "\n\n".join(result["failures"].values())
        assert not result["failures"], f"{result['target']}:\n{failures}"
        assert sum(result["counts"].values()) >= examples, result


def test_raw_core_survives_fuzzed_calls_in_a_subprocess():
    check_in_a_subprocess([name for name in TARGETS if name.startswith("core.")])


@given(catalog_files())
def test_catalog_files_load_or_are_refused(file):
    check_catalog_file(file)


def test_study_files_parse_and_run_or_are_refused_in_a_subprocess():
    check_in_a_subprocess(["study TOML file", "study TOML text"])


@given(st.data())
def test_memory_layouts_do_not_change_results(data):
    # Strided, reversed, Fortran-ordered, read-only, byte-swapped and
    # misaligned arrays hold the same numbers: the same result, bit for bit.
    args = data.draw(valid_arguments(TRAIN_PARAMS))
    moved = {}
    for name, given_value in args.items():
        if isinstance(given_value, xr.DataArray):
            layout = data.draw(st.sampled_from(LAYOUTS))
            moved[name] = given_value.copy(data=laid_out(given_value.values, layout))
        else:
            moved[name] = given_value
    before = fingerprints(moved)
    xr.testing.assert_identical(cd.train(**moved), cd.train(**args))
    assert_unchanged(moved, before)


# --- Inputs the properties found, kept as plain reproducers -----------------

STUDY_HEAD = '[study]\nkernel = "train"\n[assumptions]\nmodel = "gpt-3"\nhardware = "a100-80gb"\n'


def in_limited_memory(code: str, gigabytes: float = 2.0) -> str:
    """Run ``code`` in a child process whose address space is capped (an
    allocation the code should have refused fails there instead of taking
    this machine's memory); returns what it prints."""
    cap = int(gigabytes * 2**30)
    prelude = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_reduced_sums_beyond_float64_are_refused_not_nan():
    # Each scenario's train_flops (about 7e307) is finite; their sum is not.
    args = dict(
        params=[1.0e150, 1.1e150, 1.2e150],
        tokens=1e157,
        peak_flops=1e15,
        memory_gb=80,
        tdp_w=700,
        gpu_price_usd=3e4,
        cloud_usd_per_gpu_hour=2.0,
        pue=1.1,
        carbon_intensity_g_per_kwh=400,
        electricity_usd_per_kwh=0.1,
        n_gpus=1,
    )
    for reduction in (cd.reduce.sum("train_flops"), cd.reduce.mean("train_flops")):
        try:
            ds = cd.train(**args, reduce=reduction)
        except OverflowError as error:
            assert "train_flops" in str(error)
        else:
            assert_finite(ds)


def test_monte_carlo_over_an_empty_axis_is_empty_or_refused_by_name():
    try:
        ds = cd.train(
            model="gpt-3",
            hardware="a100-80gb",
            region="USA",
            mfu=cd.dist.uniform(0.3, 0.5),
            samples=3,
            tokens=[],
        )
    except PUBLIC_ERRORS as error:
        assert "tokens" in message_of(error)
    else:
        assert ds.sizes["tokens"] == 0


@pytest.mark.parametrize(
    "value",
    [
        np.datetime64("12626367463885247-04-15"),
        np.array([10**17], dtype="datetime64[D]"),
        [[1e9], [1e9, 2e9]],
    ],
    ids=["datetime beyond datetime64[s]", "datetime array beyond it", "ragged list"],
)
def test_unusable_values_are_refused_by_name(value):
    with pytest.raises((TypeError, ValueError), match="params"):
        cd.serve(model="gpt-3", hardware="a100-80gb", region="USA", params=value)


@pytest.mark.parametrize(
    "axis",
    [
        '{ distribution = ["uniform"], low = 0.3, high = 0.5 }',
        '{ distribution = { name = "uniform" }, low = 0.3, high = 0.5 }',
    ],
)
def test_study_values_are_refused_with_their_key(axis):
    code = (
        "import computedivide as cd\n"
        "try:\n"
        f"    cd.Study.from_toml({STUDY_HEAD + '[axes]' + chr(10) + 'mfu = ' + axis + chr(10)!r})\n"
        "except cd.StudyError as error:\n"
        "    print('StudyError', error)\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    printed = in_limited_memory(code)
    assert printed.startswith("StudyError") and "axes.mfu" in printed, printed


def test_a_linspace_of_a_billion_values_is_refused_before_it_is_built():
    # 10^9 values need 8 GB as an array and about 32 GB as the list from_toml
    # keeps: refused while parsing, not found out by the memory.
    text = STUDY_HEAD + "[axes]\nmfu = { linspace = [0.3, 0.5, 1e9] }\n"
    code = (
        "import computedivide as cd\n"
        "try:\n"
        f"    cd.Study.from_toml({text!r})\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    printed = in_limited_memory(code)
    assert printed.startswith("StudyError") and "axes.mfu" in printed, printed


def test_a_study_file_that_is_not_utf8_is_a_study_error(tmp_path):
    path = tmp_path / "study.toml"
    path.write_bytes(STUDY_HEAD.encode() + b'name = "\xff"\n')
    with pytest.raises(cd.StudyError, match=r"study\.toml"):
        cd.Study.from_toml(path)


@pytest.mark.parametrize(
    "text",
    [
        STUDY_HEAD + '[catalogs]\nhardware = "a\\u0000.csv"\n',
        STUDY_HEAD + '[catalogs]\nhardware = "' + "a" * 5000 + '.csv"\n',
    ],
    ids=["NUL in a catalog path", "catalog path too long"],
)
def test_unusable_catalog_paths_are_study_errors(text):
    with pytest.raises(cd.StudyError, match=r"catalogs\.hardware"):
        cd.Study.from_toml(text)


@pytest.mark.parametrize("text", ["\x00.toml", "a" * 5000 + ".toml"], ids=["NUL", "too long"])
def test_unusable_study_paths_are_refused_as_documented(text):
    with pytest.raises((cd.StudyError, FileNotFoundError)):
        cd.Study.from_toml(text)


def plain_raw_inputs(params: tuple[Param, ...], points: int) -> dict[str, np.ndarray]:
    """Valid kernel inputs, the same at every point (0: an optional input not given)."""
    values = {
        p.name: p.default if p.default is not None else SCALE.get(p.name, 1.0) for p in params
    }
    for name in ("n_gpus", "known_gpu_hours", "known_wall_days", "measured_power_w", "users"):
        values[name] = 0.0
    return {p.name: np.full(points, float(values[p.name])) for p in params}


@pytest.mark.parametrize(
    ("low", "high"), [(-math.inf, 3.0), (-math.inf, math.inf), (0.0, math.inf), (math.nan, 3.0)]
)
def test_raw_histogram_refuses_edges_that_are_not_finite(low, high):
    inputs = plain_raw_inputs(TRAIN_PARAMS, 4)
    with pytest.raises(ValueError):
        _core.reduce_train(inputs, [("gpu_hours", "hist", 0.0, low, high, 10)], 4, 4)


@pytest.mark.parametrize(
    "element", [None, 1.5, "4"], ids=["None threshold", "float bins", "string bins"]
)
def test_raw_reduction_of_the_wrong_types_is_a_type_error(element):
    inputs = plain_raw_inputs(TRAIN_PARAMS, 4)
    spec = (
        ("gpu_hours", "hist", element, 0.0, 1.0, 10)
        if element is None
        else ("gpu_hours", "hist", 0.0, 0.0, 1.0, element)
    )
    with pytest.raises(TypeError):
        _core.reduce_train(inputs, [spec], 4, 4)


def test_a_trailing_comma_in_a_catalog_csv_is_read_or_refused_by_line(tmp_path):
    # One field more than the header: pandas makes the first column the index.
    path = tmp_path / "mine.csv"
    path.write_bytes(b"name,cloud_usd_per_hour,source,year\nh100-sxm,1.0,my quote,2026,\n")
    try:
        table = cd.catalog.load("hardware", path)
    except cd.catalog.CatalogError as error:
        assert "mine.csv" in str(error) and "line 2" in str(error)
    else:
        assert table.at["h100-sxm", "cloud_usd_per_hour"] == 1.0


def test_unreadable_catalog_csv_is_a_catalog_error_naming_the_file(tmp_path):
    path = tmp_path / "mine.csv"
    for content in (b"", b'name,source,year\n"h100-sxm,q,2026\n', b"name,year\nh\xff,2026\n"):
        path.write_bytes(content)  # empty, an unclosed quote, not UTF-8
        with pytest.raises(cd.catalog.CatalogError, match=r"mine\.csv"):
            cd.catalog.load("hardware", path)


def test_samples_are_counted_against_the_memory_budget():
    # 10^9 samples are allowed, and would take 8 GB to draw: the budget
    # refuses them first.
    code = (
        "import computedivide as cd\n"
        "try:\n"
        "    cd.train(model='gpt-3', hardware='a100-80gb', region='USA',\n"
        "             mfu=cd.dist.uniform(0.3, 0.5), samples=10**9, memory_budget_bytes=10**6)\n"
        "except MemoryError as error:\n"
        "    print(error)\n"
    )
    assert "memory_budget_bytes" in in_limited_memory(code)


OPTION_MESSAGES = [
    ("metrics", 5, {}),
    ("seed", "a", {"mfu": cd.dist.uniform(0.3, 0.5), "samples": 5}),
    ("seed", -1, {"mfu": cd.dist.uniform(0.3, 0.5), "samples": 5}),
    ("reduce", 5, {}),
    ("threads", 2**31, {}),
    ("chunk_points", 2**64, {"reduce": cd.reduce.sum("gpu_hours")}),
    ("quantiles", "a", {"mfu": cd.dist.uniform(0.3, 0.5), "samples": 5}),
    ("samples", "5", {"mfu": cd.dist.uniform(0.3, 0.5)}),
    ("progress", 1, {"reduce": cd.reduce.sum("gpu_hours")}),
    ("backend", np.array([1, 2]), {}),
    ("device", np.array([], dtype=np.int8), {}),
    ("metrics", np.array(1.0), {}),
    ("dtype", np.array([4.0]), {}),
    ("dtype", "float16", {}),
]


@pytest.mark.parametrize(
    ("name", "value", "others"),
    OPTION_MESSAGES,
    ids=[f"{name}={value!r}" for name, value, _ in OPTION_MESSAGES],
)
def test_refused_options_are_named(name, value, others):
    with pytest.raises((TypeError, ValueError)) as caught:
        cd.train(model="gpt-3", hardware="a100-80gb", region="USA", **others, **{name: value})
    text = message_of(caught.value)
    assert f"{name} " in text or f"{name}=" in text or f"{name}:" in text, text
    assert "incompatible function arguments" not in text, text
