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

import functools
import hashlib
import json
import os
import re
import sys
import time
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

__all__ = ["Study", "StudyError", "SweepStopped", "to_arrow", "to_pandas", "to_polars", "write"]

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
        "dtype",
    ),
    "serve": (
        "metrics",
        "samples",
        "seed",
        "quantiles",
        "threads",
        "chunk_points",
        "memory_budget_bytes",
        "dtype",
    ),
}
_DISTRIBUTIONS: Final[dict[str, tuple[Callable[..., _dist.Distribution], tuple[str, ...]]]] = {
    "uniform": (_dist.uniform, ("low", "high")),
    "loguniform": (_dist.loguniform, ("low", "high")),
    "normal": (_dist.normal, ("mean", "sd")),
    "lognormal": (_dist.lognormal, ("median", "sigma")),
    "triangular": (_dist.triangular, ("low", "mode", "high")),
}
# The most values one axis of a study file may have: a file cannot make the
# reader build an array larger than this (8 MB) before anything is checked.
MAX_AXIS_VALUES: Final = 10**6
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
                if (
                    len(numbers) != 3
                    or not all(np.isfinite(numbers))
                    or not float(numbers[2]).is_integer()
                    or not 1 <= numbers[2] <= MAX_AXIS_VALUES
                ):
                    raise ValueError(
                        f"{spacing} takes [start, stop, count]: finite numbers and a whole "
                        f"count from 1 to {MAX_AXIS_VALUES:,}"
                    )
                if spacing == "geomspace" and not (numbers[0] > 0 and numbers[1] > 0):
                    raise ValueError("geomspace needs start and stop > 0")
                return function(numbers[0], numbers[1], int(numbers[2])).tolist()
        if "distribution" in keys:
            kind = value["distribution"]
            if not isinstance(kind, str) or kind not in _DISTRIBUTIONS:
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
            try:
                text = path.read_text(encoding="utf-8")
                source, base = str(path), path.resolve().parent
            except UnicodeDecodeError as error:
                raise StudyError(f"{path}: not valid TOML: not UTF-8 ({error})") from None
            except FileNotFoundError:
                raise
            except (OSError, ValueError) as error:
                raise StudyError(f"{str(path_or_text)[:200]!r}: cannot read: {error}") from None
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
        return self._call(self.arguments, progress)

    def _call(
        self, arguments: Mapping[str, Any], progress: bool | None, memory_error: bool = False
    ) -> xr.Dataset:
        """One call of train()/serve(); ``memory_error`` lets MemoryError through."""
        from ._api import serve, train

        function = train if self.kernel == "train" else serve
        arguments = dict(arguments)
        if progress is not None and "reduce" in arguments:
            arguments["progress"] = progress
        try:
            ds = function(**arguments)
        except MemoryError as error:
            if memory_error:
                raise MemoryError(f"{self.source}: {error}") from None
            raise StudyError(f"{self.source}: {error}") from None
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            raise StudyError(f"{self.source}: {message}") from None
        ds.attrs.update(study_name=self.name, study_source=self.source)
        return ds

    def run_to(
        self,
        path: str | os.PathLike[str],
        chunk_by: str | None = None,
        chunk_size: int = 1,
        resume: bool = False,
        time_budget_s: float | None = None,
        memory_budget_bytes: int | None = None,
        progress: bool | None = None,
    ) -> Path:
        """Run the study in chunks, writing each to Parquet as it finishes.

        The results go to a folder of Parquet files (``part-00000.parquet``,
        ...; read it with ``pandas.read_parquet(path)``, pyarrow or DuckDB),
        one file per chunk of ``chunk_size`` values of the axis ``chunk_by``.
        While the sweep runs, the files are gathered in a hidden folder beside
        ``path`` (``.NAME.partial``), each written under a temporary name and
        renamed once complete; the folder is renamed to ``path`` only when
        every chunk is written. So an interrupted sweep (Ctrl-C, a budget, a
        killed process) never leaves a partial result at ``path``, and
        ``resume=True`` continues it: the chunks already written are kept and
        none is written twice.

        Parameters
        ----------
        path : path
            The results folder (``.parquet`` or no suffix). An existing one is
            replaced when the sweep completes.
        chunk_by : str, optional
            An ``[axes]`` list to split the sweep along (default: the first
            list axis that is not reduced over).
        chunk_size : int, default 1
            Values of ``chunk_by`` per chunk.
        resume : bool, default False
            Continue an interrupted sweep of the same study (same arguments,
            catalogs and chunking); without it, an interrupted sweep found
            beside ``path`` is an error rather than silently discarded.
        time_budget_s : float, optional
            Wall-clock seconds the sweep may take: it stops before a chunk
            that would not finish in time (judged by the slowest chunk so
            far), raising :class:`SweepStopped`.
        memory_budget_bytes : int, optional
            Bytes each chunk's results may take in the core (default: half of
            the memory); a chunk over it raises MemoryError before any work.
        progress : bool, optional
            Show a progress bar over the chunks.

        Returns
        -------
        pathlib.Path
            ``path``, once every chunk is written.

        Raises
        ------
        StudyError
            A bad ``chunk_by`` / ``chunk_size`` / path, an interrupted sweep
            found without ``resume=True``, or one of another study.
        SweepStopped
            The time budget ran out; the chunks written are kept for resume.
        MemoryError
            A chunk needs more than ``memory_budget_bytes``.
        KeyboardInterrupt
            Ctrl-C; the chunks written are kept for resume.
        """
        return _run_to(
            self,
            Path(path),
            chunk_by,
            chunk_size,
            resume,
            time_budget_s,
            memory_budget_bytes,
            progress,
        )


class SweepStopped(TimeoutError):
    """A chunked sweep stopped by its time budget; ``resume=True`` continues it.

    Attributes
    ----------
    chunks_done, chunks_total : int
        Chunks written so far (by this run and earlier ones), and in all.
    partial : pathlib.Path
        The hidden folder holding the chunks written.
    """

    def __init__(self, message: str, chunks_done: int, chunks_total: int, partial: Path) -> None:
        super().__init__(message)
        self.chunks_done = chunks_done
        self.chunks_total = chunks_total
        self.partial = partial


_MANIFEST: Final = "_sweep.json"
_clock = time.monotonic  # replaced in tests


def _canonical(value: Any) -> Any:
    """Arguments as JSON data, to fingerprint a study."""
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, np.ndarray):
        return _canonical(value.tolist())
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)  # exact, and NaN-safe
    return repr(value)


def _manifest(study: Study, chunk_by: str, chunk_size: int, chunks: int) -> dict[str, Any]:
    from . import __version__

    arguments = dict(study.arguments)
    catalogs = arguments.pop("catalogs", {}) or {}
    digest = hashlib.sha256()
    digest.update(json.dumps([study.kernel, _canonical(arguments)], sort_keys=True).encode())
    for kind in sorted(catalogs):  # the user's catalog files, by content
        digest.update(kind.encode() + b"\0" + Path(catalogs[kind]).read_bytes())
    return {
        "study": study.name or study.source,
        "fingerprint": digest.hexdigest(),
        "computedivide": __version__,
        "chunk_by": chunk_by,
        "chunk_size": chunk_size,
        "chunks": chunks,
    }


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_atomic(target: Path, write: Callable[[Path], Any]) -> None:
    """``write(temporary)``, then rename onto ``target``: never a half-written file."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def _write_parquet(pq: Any, table: Any, path: Path) -> None:
    pq.write_table(table, path)


def _write_manifest(folder: Path, manifest: Mapping[str, Any]) -> None:
    text = json.dumps(dict(manifest), indent=1)
    _write_atomic(folder / _MANIFEST, lambda temporary: temporary.write_text(text, "utf-8"))


def _chunk_axis(study: Study, chunk_by: str | None) -> str:
    axes = [
        name
        for name, value in study.arguments.items()
        if isinstance(value, (list, tuple, np.ndarray))
        and name not in ("catalogs", "reduce")
        and name not in _OPTIONS[study.kernel]
    ]
    reductions = study.arguments.get("reduce") or []
    reduced = {d for r in reductions for d in (r.over or ())}
    if any(r.over is None for r in reductions):
        raise StudyError(f"{study.source}: a reduction over every dimension cannot be chunked")
    if chunk_by is None:
        for name in axes:
            if name not in reduced and len(study.arguments[name]) > 1:
                return name
        raise StudyError(
            f"{study.source}: no axis to chunk along: chunk_by needs an [axes] list of "
            "several values that no reduction is over"
        )
    if chunk_by not in axes:
        raise StudyError(
            f"{study.source}: chunk_by={chunk_by!r} is not an [axes] list; the lists are {axes}"
        )
    if chunk_by in reduced:
        raise StudyError(
            f"{study.source}: chunk_by={chunk_by!r} is reduced over; chunk along a kept axis"
        )
    return chunk_by


def _run_to(
    study: Study,
    path: Path,
    chunk_by: str | None,
    chunk_size: int,
    resume: bool,
    time_budget_s: float | None,
    memory_budget_bytes: int | None,
    progress: bool | None,
) -> Path:
    import shutil

    import pyarrow.parquet as pq
    from tqdm.auto import tqdm

    if path.suffix.lower() not in ("", ".parquet"):
        raise StudyError(
            f"{str(path)!r}: a chunked sweep writes a folder of Parquet files; name it "
            "'results.parquet' or 'results'"
        )
    if (
        isinstance(chunk_size, bool)
        or not isinstance(chunk_size, (int, np.integer))
        or chunk_size < 1
    ):
        raise StudyError(f"chunk_size must be a whole number >= 1; got {chunk_size!r}")
    if time_budget_s is not None and not (
        isinstance(time_budget_s, (int, float))
        and not isinstance(time_budget_s, bool)
        and time_budget_s >= 0
    ):
        raise StudyError(f"time_budget_s must be a number of seconds >= 0; got {time_budget_s!r}")
    axis = _chunk_axis(study, chunk_by)
    values = list(study.arguments[axis])
    chunks = [values[i : i + int(chunk_size)] for i in range(0, len(values), int(chunk_size))]
    manifest = _manifest(study, axis, int(chunk_size), len(chunks))
    partial = path.with_name(f".{path.name}.partial")

    def done(folder: Path) -> int:
        return sum((folder / f"part-{i:05d}.parquet").is_file() for i in range(len(chunks)))

    if resume and path.is_dir() and _read_manifest(path) == dict(manifest, complete=True):
        return path  # finished by an earlier run: nothing to do
    if partial.exists():
        found = _read_manifest(partial) if partial.is_dir() else None
        if found != manifest:
            raise StudyError(
                f"{partial} holds an interrupted sweep of another study or chunking; "
                "delete it to start over"
            )
        if not resume:
            raise StudyError(
                f"{partial} holds an interrupted sweep of this study ({done(partial)} of "
                f"{len(chunks)} chunks written); pass resume=True (--resume) to continue "
                "it, or delete it to start over"
            )
        for stale in partial.glob(".*.tmp"):  # left by a killed process
            stale.unlink()
    else:
        partial.mkdir(parents=True)
        _write_manifest(partial, manifest)

    try:
        start = _clock()
        slowest = 0.0
        show = bool(progress) if progress is not None else False
        with tqdm(total=len(chunks), initial=done(partial), unit="chunk", disable=not show) as bar:
            for index, chunk in enumerate(chunks):
                target = partial / f"part-{index:05d}.parquet"
                if target.is_file():
                    continue  # written by an earlier run
                if time_budget_s is not None and _clock() - start + slowest > time_budget_s:
                    written = done(partial)
                    raise SweepStopped(
                        f"{study.source}: the time budget of {time_budget_s:g} s is spent after "
                        f"{written} of {len(chunks)} chunks; run again with resume=True "
                        "(--resume) to continue",
                        written,
                        len(chunks),
                        partial,
                    )
                began = _clock()
                arguments = dict(study.arguments)
                arguments[axis] = chunk
                if memory_budget_bytes is not None:
                    arguments["memory_budget_bytes"] = memory_budget_bytes
                ds = study._call(arguments, None, memory_error=True)
                _write_atomic(target, functools.partial(_write_parquet, pq, to_arrow(ds)))
                slowest = max(slowest, _clock() - began)
                bar.update()
    except BaseException:
        if not done(partial):  # nothing worth keeping: leave no trace
            shutil.rmtree(partial, ignore_errors=True)
        raise

    _write_manifest(partial, dict(manifest, complete=True))
    if path.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    os.replace(partial, path)
    return path


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
        try:
            path = (base / value).resolve()
            inside = base.resolve() in path.parents
            exists = inside and path.is_file()
        except (OSError, ValueError) as error:
            raise where.error(f"not a usable path: {error}", "catalogs", kind) from None
        if not inside:
            raise where.error("must lie inside the study's folder", "catalogs", kind)
        if not exists:
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
