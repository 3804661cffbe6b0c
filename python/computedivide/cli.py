"""Command line: ``computedivide report|train|serve|catalog|validate|sweep``.

Every model parameter is an option (``--mfu 0.3 0.4`` sweeps it); catalog
entries are named with ``--model``, ``--hardware`` and ``--region``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import xarray as xr

from . import catalog
from ._api import serve, train
from ._fidelity import ENERGY_CONVENTIONS
from ._params import PRECISION_PEAK_COLUMN, SERVE_PARAMS, TRAIN_PARAMS, Param


def _add_parameters(parser: argparse.ArgumentParser, params: Sequence[Param]) -> None:
    group = parser.add_argument_group("scenario")
    group.add_argument("--model", nargs="+", help="model catalog name(s)")
    group.add_argument("--hardware", nargs="+", help="accelerator catalog name(s)")
    group.add_argument(
        "--region", nargs="+", help="region catalog name(s), e.g. USA or aws:us-east-1"
    )
    group.add_argument(
        "--precision",
        nargs="+",
        choices=sorted(PRECISION_PEAK_COLUMN),
        help="precision(s) (default bf16)",
    )
    group = parser.add_argument_group("parameters (each takes one value, or several to sweep)")
    for p in params:
        flag = "--" + p.name.replace("_", "-")
        default = "catalog" if p.default is None else f"{p.default:g}"
        if p.flag:
            group.add_argument(
                flag,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"{p.doc} (default off)",
            )
        else:
            group.add_argument(
                flag,
                dest=p.name,
                nargs="+",
                type=float,
                metavar=p.unit.upper() if p.unit != "1" else "X",
                help=f"{p.doc} [{p.unit}] (default {default})",
            )
    _add_catalog_option(parser)
    parser.add_argument("--metrics", nargs="+", help="outputs to show (default all)")
    parser.add_argument("--csv", action="store_true", help="print CSV instead of a table")


def _add_catalog_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalog",
        action="append",
        default=[],
        metavar="KIND=CSV",
        help="your own rows for the model, hardware or region catalog "
        "(a CSV file; repeat for several), e.g. hardware=my_gpus.csv",
    )


def _catalog_rows(items: Sequence[str]) -> dict[str, str]:
    """``--catalog KIND=CSV`` options as the ``catalogs=`` argument."""
    rows = {}
    for item in items:
        kind, _, path = item.partition("=")
        if not path:
            raise ValueError(f"--catalog {item!r}: write KIND=CSV, e.g. hardware=my_gpus.csv")
        rows[kind] = path
    return rows


def _one(values: list[Any] | None) -> Any:
    """A single value stays a scalar; several become a dimension."""
    if values is None:
        return None
    return values[0] if len(values) == 1 else values


def _table(ds: xr.Dataset, csv: bool) -> str:
    units = {str(k): v.attrs.get("units", "") for k, v in ds.data_vars.items()}
    if ds.sizes:
        frame = ds.to_dataframe()[list(units)]
    else:
        frame = pd.DataFrame({k: [v.item()] for k, v in ds.data_vars.items()})
    if csv:
        frame.columns = [f"{k} [{units[k]}]" for k in frame.columns]
        return str(frame.to_csv())
    if len(frame) == 1:
        row = frame.iloc[0]
        lines = [f"{name:<24} {row[name]:>14.6g}  {units[name]}" for name in units]
        header = ", ".join(
            f"{k}={v.item()}" for k, v in ds.coords.items() if v.ndim == 0 or v.size == 1
        )
        return (header + "\n" if header else "") + "\n".join(lines)
    frame.columns = [f"{k} [{units[k]}]" for k in frame.columns]
    with pd.option_context(
        "display.width", 200, "display.max_columns", 50, "display.float_format", "{:.4g}".format
    ):
        return str(frame)


def _add_report(commands: Any) -> None:
    from ._report import ReportOptions

    defaults = ReportOptions()
    parser = commands.add_parser(
        "report", help="who can afford it: the HTML report with figures (PNG) and tables (CSV)"
    )
    parser.add_argument("--out", default="report", help="directory to write (default report/)")
    parser.add_argument(
        "--models",
        nargs="+",
        help="models to cost (default: every catalog "
        "model with published parameters and training tokens)",
    )
    parser.add_argument(
        "--hardware",
        help="one accelerator for every model (default: the "
        "typical one of each model's release year)",
    )
    parser.add_argument(
        "--region",
        default=defaults.region,
        help=f"region of the training runs (default {defaults.region})",
    )
    parser.add_argument(
        "--view",
        choices=("rent", "own", "capital"),
        default=defaults.view,
        help="money view payers are measured against (default rent)",
    )
    parser.add_argument(
        "--budget-shares",
        nargs="+",
        type=float,
        default=list(defaults.budget_shares),
        metavar="SHARE",
        help="shares of a year's R&D or budget (default 0.01 0.1 1)",
    )
    parser.add_argument(
        "--thresholds",
        nargs="+",
        type=float,
        default=list(defaults.thresholds),
        metavar="SHARE",
        help="affordable shares of monthly income (default 0.02 0.1)",
    )
    parser.add_argument("--mfu", type=float, help="training MFU (default train()'s)")
    _add_catalog_option(parser)
    parser.add_argument("--serve-models", nargs="+", default=list(defaults.serve_models))
    parser.add_argument("--serve-hardware", nargs="+", default=list(defaults.serve_hardware))
    parser.add_argument("--serve-regions", nargs="+", default=list(defaults.serve_regions))
    parser.add_argument(
        "--serve-batch",
        type=int,
        default=defaults.serve_batch,
        help=f"sequences per replica when serving (default {defaults.serve_batch})",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: on a terminal)",
    )


def _run_report(args: argparse.Namespace) -> int:
    from ._report import ReportOptions, report

    try:
        catalogs = _catalog_rows(args.catalog)
    except ValueError as error:
        print(f"computedivide report: error: {error}", file=sys.stderr)
        return 2
    options = ReportOptions(
        catalogs=catalogs,
        models=args.models,
        hardware=args.hardware,
        region=args.region,
        view=args.view,
        budget_shares=args.budget_shares,
        thresholds=args.thresholds,
        mfu=args.mfu,
        serve_models=args.serve_models,
        serve_hardware=args.serve_hardware,
        serve_regions=args.serve_regions,
        serve_batch=args.serve_batch,
    )
    try:
        index = report(args.out, options, progress=args.progress)
    except (KeyError, TypeError, ValueError, OverflowError, MemoryError, OSError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"computedivide report: error: {message}", file=sys.stderr)
        return 2
    files = sorted(p.name for p in index.parent.iterdir() if not p.name.startswith("."))
    print(
        f"wrote {index} and {len(files) - 1} more files in {index.parent}/: "
        + ", ".join(f for f in files if f != "index.html")
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="computedivide",
        description="What it takes to train or serve a language model, and who can afford it.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train", help="training compute, time, energy, CO2, cost")
    _add_parameters(train_parser, TRAIN_PARAMS)
    serve_parser = commands.add_parser("serve", help="serving memory, speed, cost per token")
    _add_parameters(serve_parser, SERVE_PARAMS)
    catalog_parser = commands.add_parser(
        "catalog", help="list a catalog, or check your own rows against it"
    )
    catalog_parser.add_argument("kind", choices=sorted(catalog.CATALOGS))
    catalog_parser.add_argument(
        "--rows", metavar="CSV", help="your own rows: validated, then listed with the catalog"
    )
    catalog_parser.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    _add_report(commands)
    validate_parser = commands.add_parser(
        "validate", help="the model against published training runs and serving benchmarks"
    )
    validate_parser.add_argument(
        "--out", metavar="DIR", help="also write the tables as CSV files into DIR"
    )
    sweep_parser = commands.add_parser(
        "sweep", help="run a study described in a TOML file and write its results"
    )
    sweep_parser.add_argument("study", help="the study file (.toml)")
    sweep_parser.add_argument(
        "-o", "--out", required=True, help="results file: .parquet, .csv, .nc or .zarr"
    )
    sweep_parser.add_argument(
        "--partition-by",
        nargs="+",
        metavar="DIM",
        help="Parquet: one folder per value of these dimensions",
    )
    sweep_parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (reductions)",
    )
    chunked = sweep_parser.add_argument_group(
        "chunked sweeps (a folder of Parquet files, one per chunk, that --resume continues)"
    )
    chunked.add_argument(
        "--chunk-by", metavar="AXIS", help="split the sweep along this [axes] list"
    )
    chunked.add_argument(
        "--chunk-size", type=int, default=1, metavar="N", help="axis values per chunk (default 1)"
    )
    chunked.add_argument(
        "--resume", action="store_true", help="continue an interrupted chunked sweep"
    )
    chunked.add_argument(
        "--time-budget",
        type=float,
        metavar="SECONDS",
        help="stop cleanly before a chunk that would not finish in time",
    )
    chunked.add_argument(
        "--memory-budget",
        type=float,
        metavar="BYTES",
        help="refuse a chunk whose results need more memory (e.g. 2e9)",
    )
    train_parser.add_argument(
        "--convention",
        choices=sorted(ENERGY_CONVENTIONS),
        help="a publisher's energy convention as defaults for the power options",
    )
    train_parser.add_argument(
        "--interval",
        action="store_true",
        help="add the 5/50/95 %% quantiles of the fitted MFU's residuals",
    )
    args = parser.parse_args(argv)

    if args.command == "report":
        return _run_report(args)
    if args.command == "sweep":
        return _run_sweep(args)
    if args.command == "validate":
        from ._validate import validate

        result = validate()
        print(result)
        if args.out:
            for written in result.to_csv(args.out):
                print(f"wrote {written}")
        return 0
    if args.command == "catalog":
        try:
            table = catalog.load(args.kind, args.rows)
        except (catalog.CatalogError, FileNotFoundError) as error:
            print(f"computedivide catalog: error: {error}", file=sys.stderr)
            return 2
        print(
            table.to_csv(index=False) if args.csv else table.to_string(index=False, max_colwidth=40)
        )
        return 0
    params = TRAIN_PARAMS if args.command == "train" else SERVE_PARAMS
    kwargs = {p.name: _one(getattr(args, p.name)) for p in params}
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    function = train if args.command == "train" else serve
    try:
        rows = _catalog_rows(args.catalog)
        if args.command == "train":
            kwargs.update(convention=args.convention, interval=args.interval)
        ds = function(
            model=_one(args.model),
            hardware=_one(args.hardware),
            region=_one(args.region),
            precision=_one(args.precision),
            catalogs=rows,
            metrics=args.metrics,
            **kwargs,
        )
    except (
        KeyError,
        TypeError,
        ValueError,
        OverflowError,
        MemoryError,
        FileNotFoundError,
    ) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"computedivide {args.command}: error: {message}", file=sys.stderr)
        return 2
    print(_table(ds, args.csv))
    return 0


def _run_sweep(args: argparse.Namespace) -> int:
    """``computedivide sweep``: exit 0 done, 2 refused, 3 time budget spent, 130 Ctrl-C."""
    from .study import Study, StudyError, SweepStopped, write

    chunked = any(
        (args.chunk_by, args.resume, args.time_budget is not None, args.memory_budget is not None)
    )
    try:
        study = Study.from_toml(Path(args.study))
        if chunked:
            if args.partition_by:
                raise StudyError("--partition-by does not apply to a chunked sweep")
            budget = args.memory_budget
            if budget is not None and not (budget >= 1 and float(budget).is_integer()):
                raise StudyError(
                    f"--memory-budget must be a whole number of bytes >= 1; got {budget}"
                )
            path = study.run_to(
                args.out,
                chunk_by=args.chunk_by,
                chunk_size=args.chunk_size,
                resume=args.resume,
                time_budget_s=args.time_budget,
                memory_budget_bytes=None if budget is None else int(budget),
                progress=args.progress,
            )
            print(f"computedivide sweep: {study.name or study.source}: -> {path}")
            return 0
        ds = study.run(progress=args.progress)
        path = write(ds, args.out, partition_by=args.partition_by)
    except SweepStopped as stopped:
        print(f"computedivide sweep: stopped: {stopped}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        if chunked:
            print(
                "computedivide sweep: interrupted; the chunks written are kept, "
                "and --resume continues the sweep",
                file=sys.stderr,
            )
        else:
            print("computedivide sweep: interrupted; no results written", file=sys.stderr)
        return 130
    except (StudyError, FileNotFoundError, ValueError, MemoryError) as error:
        print(f"computedivide sweep: error: {error}", file=sys.stderr)
        return 2
    print(f"computedivide sweep: {study.name or study.source}: {dict(ds.sizes)} -> {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
