"""Studies described in TOML files: axes, assumptions, distributions, reductions.

A study file is data only (TOML has no code, no object tags): it names the
kernel, the axes to sweep, the fixed assumptions, the options of the call
and the reductions, and runs as one call of :func:`computedivide.train` or
:func:`computedivide.serve`::

    [study]
    name = "cheapest hardware"
    kernel = "train"                      # or "serve"

    [axes]                                # each a dimension of the grid
    model = ["llama-2-70b", "llama-3.1-405b"]
    hardware = ["a100-80gb", "h100-sxm"]
    region = ["USA", "IND", "BRA"]
    tokens = { geomspace = [1e11, 1e13, 5] }
    mfu = { distribution = "uniform", low = 0.3, high = 0.5 }

    [assumptions]                         # fixed values
    pue = 1.2

    [options]                             # keyword options of train()/serve()
    metrics = ["cost_rent_usd", "energy_kwh"]
    samples = 500
    seed = 1

    [[reduce]]                            # optional: summaries in the core
    kind = "min"
    metric = "cost_rent_usd"
    over = ["hardware", "region"]

``Study.from_toml(path).run()`` returns the labelled ``xarray.Dataset``;
:func:`write` stores it as Parquet, CSV or NetCDF; ``computedivide sweep
study.toml -o results.parquet`` does both. A mistake is reported with the
file, line and key.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import xarray as xr

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from . import dist as _dist
from . import reduce as _reduce
from ._params import SERVE_PARAMS, TRAIN_PARAMS

__all__ = ["Study", "StudyError", "to_arrow", "to_pandas", "to_polars", "write"]

Kernel = Literal["train", "serve"]
_SECTIONS: Final = ("study", "axes", "assumptions", "options", "reduce", "catalogs")
_CATALOG_ARGS: Final = ("model", "hardware", "region", "precision")
_OPTIONS: Final = {
    "train": (
        "metrics",
        "samples",
        "seed",
        "quantiles",
        "threads",
        "chunk_points",
        "memory_budget_bytes",
        "convention",
        "interval",
    ),
    "serve": (
        "metrics",
        "samples",
        "seed",
        "quantiles",
        "threads",
        "chunk_points",
        "memory_budget_bytes",
    ),
}
_DISTRIBUTIONS: Final[dict[str, tuple[Callable[..., _dist.Distribution], tuple[str, ...]]]] = {
    "uniform": (_dist.uniform, ("low", "high")),
    "loguniform": (_dist.loguniform, ("low", "high")),
    "normal": (_dist.normal, ("mean", "sd")),
    "lognormal": (_dist.lognormal, ("median", "sigma")),
    "triangular": (_dist.triangular, ("low", "mode", "high")),
}
_REDUCTIONS: Final = ("min", "max", "sum", "mean", "count_below", "histogram")


class StudyError(ValueError):
    """A study file that cannot run: the message names the file, line and key."""


def _parameters(kernel: str) -> tuple[str, ...]:
    params = TRAIN_PARAMS if kernel == "train" else SERVE_PARAMS
    return _CATALOG_ARGS + tuple(p.name for p in params)


class _Where:
    """Finds the line of a key in the TOML text, for messages."""

    def __init__(self, text: str | None, source: str) -> None:
        self.lines = text.splitlines() if text is not None else []
        self.source = source

    def line(self, section: str, key: str | None = None, index: int | None = None) -> int | None:
        current, count = None, -1
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            header = re.match(r"^\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?", line)
            if header:
                current = header.group(1)
                if current == section:
                    count += 1
                    if key is None and (index is None or index == count):
                        return number
                continue
            if (
                current == section
                and key is not None
                and (index is None or index == count)
                and re.match(rf"^{re.escape(key)}\s*=", line)
            ):
                return number
        return None

    def error(
        self, message: str, section: str, key: str | None = None, index: int | None = None
    ) -> StudyError:
        number = self.line(section, key, index)
        where = f"{self.source}"
        if number is not None:
            where += f", line {number}"
        name = section if key is None else f"{section}.{key}"
        if index is not None:
            name = f"{section}[{index}]" + ("" if key is None else f".{key}")
        return StudyError(f"{where}, key '{name}': {message}")


def _number_list(value: Any, what: str) -> list[float]:
    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise ValueError(f"{what} must be a list of numbers")
    return [float(v) for v in value]


def _axis_value(value: Any) -> Any:
    """A TOML value of [axes] or [assumptions] as an argument of train()/serve()."""
    if isinstance(value, Mapping):
        keys = set(value)
        for spacing, function in (("linspace", np.linspace), ("geomspace", np.geomspace)):
            if keys == {spacing}:
                numbers = _number_list(value[spacing], f"{spacing}")
                if len(numbers) != 3 or not float(numbers[2]).is_integer() or numbers[2] < 1:
                    raise ValueError(
                        f"{spacing} takes [start, stop, count] with a whole count >= 1"
                    )
                if spacing == "geomspace" and not (numbers[0] > 0 and numbers[1] > 0):
                    raise ValueError("geomspace needs start and stop > 0")
                return function(numbers[0], numbers[1], int(numbers[2])).tolist()
        if "distribution" in keys:
            kind = value["distribution"]
            if kind not in _DISTRIBUTIONS:
                raise ValueError(
                    f"distribution {kind!r} is not known; choose from {sorted(_DISTRIBUTIONS)}"
                )
            draw, names = _DISTRIBUTIONS[kind]
            given = keys - {"distribution"}
            if given != set(names):
                raise ValueError(f"a {kind} distribution takes {list(names)}; got {sorted(given)}")
            numbers = [value[n] for n in names]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
                raise ValueError(f"the parameters of a {kind} distribution must be numbers")
            return draw(*(float(v) for v in numbers))
        raise ValueError(
            "a table value must be {linspace = [start, stop, count]}, "
            "{geomspace = [...]} or {distribution = ..., ...}; got keys "
            f"{sorted(keys)}"
        )
    if isinstance(value, list):
        if not value:
            raise ValueError("an axis must have at least one value")
        kinds = {type(v) for v in value}
        if not (kinds <= {int, float} or kinds == {str}):
            raise ValueError("an axis is a list of numbers or a list of names, not a mix")
        return value
    if isinstance(value, (bool, int, float, str)):
        return value
    raise ValueError(f"values must be numbers, names, lists or tables; got {type(value).__name__}")


@dataclass(frozen=True)
class Study:
    """A study: one call of train() or serve() described as data.

    Attributes
    ----------
    kernel : {"train", "serve"}
        Which function runs the study.
    arguments : dict
        Keyword arguments of that function, axes and assumptions included.
    name, description : str
        From the ``[study]`` table.
    source : str
        Where the study came from (a path, or ``"<string>"``).
    """

    kernel: Kernel
    arguments: Mapping[str, Any] = field(default_factory=dict)
    name: str = ""
    description: str = ""
    source: str = "<string>"

    @classmethod
    def from_toml(cls, path_or_text: str | os.PathLike[str]) -> Study:
        """Read a study from a ``.toml`` file path, or from TOML text.

        Raises
        ------
        StudyError
            Invalid TOML, or a key, value or combination the study cannot
            run; the message names the file, line and key.
        FileNotFoundError
            A path that does not exist.
        """
        if isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str)
            and "\n" not in path_or_text
            and path_or_text.endswith(".toml")
        ):
            path = Path(path_or_text)
            text = path.read_text(encoding="utf-8")
            source, base = str(path), path.resolve().parent
        elif isinstance(path_or_text, str):
            text, source, base = path_or_text, "<string>", Path.cwd()
        else:
            raise TypeError(
                "from_toml takes a path to a .toml file or TOML text; got "
                f"{type(path_or_text).__name__}"
            )
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise StudyError(f"{source}: not valid TOML: {error}") from None
        return cls.from_dict(data, source=source, text=text, base=base)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        source: str = "<dict>",
        text: str | None = None,
        base: str | os.PathLike[str] | None = None,
    ) -> Study:
        """A study from the parsed TOML tables (see the module docstring)."""
        where = _Where(text, source)
        unknown = [k for k in data if k not in _SECTIONS]
        if unknown:
            raise where.error(f"unknown table; a study has {list(_SECTIONS)}", unknown[0])
        head = data.get("study", {})
        if not isinstance(head, Mapping):
            raise where.error("must be a table", "study")
        for key in head:
            if key not in ("name", "description", "kernel"):
                raise where.error(
                    "unknown key; [study] has name, description, kernel", "study", key
                )
        kernel = head.get("kernel")
        if kernel not in ("train", "serve"):
            raise where.error(
                f'kernel must be "train" or "serve"; got {kernel!r}', "study", "kernel"
            )
        allowed = _parameters(kernel)
        arguments: dict[str, Any] = {}
        for section in ("axes", "assumptions"):
            table = data.get(section, {})
            if not isinstance(table, Mapping):
                raise where.error("must be a table", section)
            for key, value in table.items():
                if key not in allowed:
                    raise where.error(
                        f"not a {kernel}() parameter; choose from {list(allowed)}", section, key
                    )
                if key in arguments:
                    raise where.error("given in both [axes] and [assumptions]", section, key)
                if section == "assumptions" and isinstance(value, list):
                    raise where.error(
                        "an assumption is one value; put lists in [axes]", section, key
                    )
                try:
                    arguments[key] = _axis_value(value)
                except ValueError as error:
                    raise where.error(str(error), section, key) from None
        options = data.get("options", {})
        if not isinstance(options, Mapping):
            raise where.error("must be a table", "options")
        for key, value in options.items():
            if key not in _OPTIONS[kernel]:
                raise where.error(
                    f"not an option of {kernel}(); choose from {list(_OPTIONS[kernel])}",
                    "options",
                    key,
                )
            arguments[key] = value
        reductions = data.get("reduce", [])
        if not isinstance(reductions, list):
            raise where.error("write reductions as [[reduce]] tables", "reduce")
        if reductions:
            arguments["reduce"] = [_reduction(item, i, where) for i, item in enumerate(reductions)]
        catalogs = data.get("catalogs", {})
        if catalogs:
            arguments["catalogs"] = _catalog_paths(
                catalogs, where, Path(base) if base else Path.cwd()
            )
        name = head.get("name", "")
        description = head.get("description", "")
        return cls(kernel, arguments, str(name), str(description), source)

    def run(self, progress: bool | None = None) -> xr.Dataset:
        """Run the study; returns the labelled Dataset (its attrs name the study).

        Raises
        ------
        StudyError
            The call refused an argument; the message names the file and the
            argument.
        """
        from ._api import serve, train

        function = train if self.kernel == "train" else serve
        arguments = dict(self.arguments)
        if progress is not None and "reduce" in arguments:
            arguments["progress"] = progress
        try:
            ds = function(**arguments)
        except (KeyError, TypeError, ValueError, OverflowError, MemoryError) as error:
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            raise StudyError(f"{self.source}: {message}") from None
        ds.attrs.update(study_name=self.name, study_source=self.source)
        return ds


def _reduction(item: Any, index: int, where: _Where) -> _reduce.Reduction:
    if not isinstance(item, Mapping):
        raise where.error("must be a table", "reduce", index=index)
    kind = item.get("kind")
    if kind not in _REDUCTIONS:
        raise where.error(
            f"kind must be one of {list(_REDUCTIONS)}; got {kind!r}", "reduce", "kind", index
        )
    allowed = {"kind", "metric", "over"} | (
        {"threshold"}
        if kind == "count_below"
        else {"bins", "range", "quantiles"}
        if kind == "histogram"
        else set()
    )
    for key in item:
        if key not in allowed:
            raise where.error(
                f"not a key of a {kind} reduction; use {sorted(allowed)}", "reduce", key, index
            )
    metric = item.get("metric")
    if not isinstance(metric, str):
        raise where.error("metric must be the name of an output", "reduce", "metric", index)
    over = item.get("over")
    try:
        if kind == "count_below":
            if "threshold" not in item:
                raise ValueError("count_below needs threshold = a number or a list")
            return _reduce.count_below(metric, item["threshold"], over)
        if kind == "histogram":
            extra: dict[str, Any] = {
                k: (tuple(v) if isinstance(v, list) else v)
                for k, v in item.items()
                if k in ("bins", "range", "quantiles")
            }
            return _reduce.histogram(metric, over, **extra)
        function = {
            "min": _reduce.min,
            "max": _reduce.max,
            "sum": _reduce.sum,
            "mean": _reduce.mean,
        }[kind]
        return function(metric, over)
    except (TypeError, ValueError) as error:
        raise where.error(str(error), "reduce", index=index) from None


def _catalog_paths(catalogs: Any, where: _Where, base: Path) -> dict[str, str]:
    """[catalogs] paths, relative to the study file, kept inside its folder."""
    if not isinstance(catalogs, Mapping):
        raise where.error('must be a table of kind = "file.csv"', "catalogs")
    out = {}
    for kind, value in catalogs.items():
        if kind not in ("model", "hardware", "region"):
            raise where.error("catalogs are model, hardware or region", "catalogs", kind)
        if not isinstance(value, str) or not value.endswith(".csv"):
            raise where.error("must be the path of a .csv file", "catalogs", kind)
        path = (base / value).resolve()
        if base.resolve() not in path.parents:
            raise where.error("must lie inside the study's folder", "catalogs", kind)
        if not path.is_file():
            raise where.error(f"no such file: {path}", "catalogs", kind)
        out[kind] = str(path)
    return out


# ---------------------------------------------------------------- interchange


def to_pandas(ds: xr.Dataset) -> Any:
    """One row per scenario: the dimensions as columns, then the metrics."""
    return ds.to_dataframe().reset_index()


def to_arrow(ds: xr.Dataset) -> Any:
    """A ``pyarrow.Table``: one row per scenario; each metric's unit and meaning
    are field metadata, the Dataset's scalar attributes schema metadata."""
    import json

    import pyarrow as pa

    table = pa.Table.from_pandas(to_pandas(ds), preserve_index=False)
    fields = []
    for f in table.schema:
        attrs = ds[f.name].attrs if f.name in ds.data_vars else {}
        meta = {k: str(attrs[k]) for k in ("units", "description") if k in attrs}
        fields.append(f.with_metadata(meta) if meta else f)
    attrs = {
        k: (v if isinstance(v, (int, float, str, bool)) else str(v)) for k, v in ds.attrs.items()
    }
    schema = pa.schema(fields, metadata={"computedivide": json.dumps(attrs)})
    return table.cast(schema)


def to_polars(ds: xr.Dataset) -> Any:
    """A ``polars.DataFrame`` over the Arrow table (no copy of the columns)."""
    import polars as pl

    return pl.from_arrow(to_arrow(ds))


_PARTITION_ROWS: Final = 10_000_000


def _to_zarr(ds: xr.Dataset, path: Path) -> None:
    """A Zarr store of ``ds`` (format 2); labels of object dtype become strings."""
    try:
        import zarr
    except ImportError as error:
        raise ImportError(
            "writing .zarr needs the zarr package: pip install 'computedivide[interchange]'"
        ) from error
    labelled = ds.copy()
    for name, variable in labelled.variables.items():
        if variable.dtype == object:
            labelled[name] = variable.astype(str)
    options: dict[str, Any] = {}
    if int(zarr.__version__.split(".")[0]) >= 3:
        # Zarr format 3 has no stable specification for string labels yet;
        # format 2 stores them in a form every Zarr reader understands.
        options["zarr_format"] = 2
    labelled.to_zarr(path, mode="w", consolidated=True, **options)


def write(
    ds: xr.Dataset,
    path: str | os.PathLike[str],
    format: str | None = None,
    partition_by: str | Sequence[str] | None = None,
) -> Path:
    """Write results as Parquet, CSV, NetCDF or Zarr; returns the path written.

    Parameters
    ----------
    ds : xarray.Dataset
        A result of train(), serve() or Study.run().
    path : path
        ``.parquet``, ``.csv``, ``.nc`` or ``.zarr`` (the format follows the
        suffix unless ``format`` is given). The file (a folder for Zarr and
        partitioned Parquet) is written under a temporary name and renamed,
        so a failure leaves no partial file.
    format : {"parquet", "csv", "netcdf", "zarr"}, optional
        NetCDF needs scipy or netCDF4, Zarr the ``zarr`` package
        (``pip install 'computedivide[interchange]'``).
    partition_by : str or list of str, optional
        Parquet only: write a directory of files, one folder per value of
        these dimensions (hive style, ``model=llama-2-70b/``). By default a
        result of more than 10 million rows is partitioned by its first
        dimension.
    """
    import shutil

    path = Path(path)
    suffixes = {".parquet": "parquet", ".csv": "csv", ".nc": "netcdf", ".zarr": "zarr"}
    fmt = format or suffixes.get(path.suffix.lower())
    if fmt not in suffixes.values():
        raise ValueError(
            f"cannot tell the format of {str(path)!r}: use a .parquet, .csv, .nc or "
            ".zarr path, or format='parquet' | 'csv' | 'netcdf' | 'zarr'"
        )
    if partition_by is not None and fmt != "parquet":
        raise ValueError("partition_by applies to Parquet only")
    temporary = path.with_name(f".{path.name}.partial")
    if temporary.exists():
        shutil.rmtree(temporary) if temporary.is_dir() else temporary.unlink()
    try:
        if fmt == "csv":
            to_pandas(ds).to_csv(temporary, index=False)
        elif fmt == "netcdf":
            ds.to_netcdf(temporary)
        elif fmt == "zarr":
            _to_zarr(ds, temporary)
        else:
            import pyarrow.dataset as pds
            import pyarrow.parquet as pq

            table = to_arrow(ds)
            columns = [partition_by] if isinstance(partition_by, str) else partition_by
            if columns is None and table.num_rows > _PARTITION_ROWS and ds.dims:
                columns = [str(next(iter(ds.dims)))]
            if columns:
                missing = [c for c in columns if c not in ds.dims]
                if missing:
                    raise ValueError(
                        f"partition_by {missing} are not dimensions of the "
                        f"result; it has {list(ds.dims)}"
                    )
                pds.write_dataset(
                    table,
                    temporary,
                    format="parquet",
                    partitioning=list(columns),
                    partitioning_flavor="hive",
                )
            else:
                pq.write_table(table, temporary)
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary) if temporary.is_dir() else temporary.unlink()
    return path
