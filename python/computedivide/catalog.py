"""The catalogs shipped with computedivide, and your own rows beside them.

Six catalogs, each a CSV file under ``computedivide/data/`` read once,
validated and cached:

==============  ===================  ===============================================
function        argument it fills    rows
==============  ===================  ===============================================
hardware()      ``hardware=``        accelerators: peaks, memory, power, prices
models()        ``model=``           language models: architecture, tokens, reports
regions()       ``region=``          countries and cloud regions: grid, PUE, WUE
nations()                            countries: population, GDP, GNI, R&D, internet
organisations()                      companies, labs, universities, funders
offers()                             subscriptions, API prices, local hardware
==============  ===================  ===============================================

Every row carries its ``source`` (publisher and document) and ``year``;
``docs/data.md`` lists each catalog's columns and units. Names are matched
ignoring case and punctuation, and through each row's ``aliases``
(``"H100"`` finds ``h100-sxm``).

Your own rows (a CSV path, a pandas DataFrame, a list of dicts, or a dict of
dicts keyed by name) extend a catalog or override the columns they give of an
existing row. They are validated like the shipped files; a bad row is refused
with its position, column and reason, and the shipped catalog is never
changed::

    import computedivide as cd

    mine = [
        {
            "name": "h100-sxm",
            "cloud_usd_per_hour": 1.99,
            "source": "my provider's quote",
            "year": 2026,
        }
    ]
    table = cd.catalog.hardware(mine)  # the catalog with my price
    cd.train(
        model="llama-2-70b", hardware="h100", region="USA", catalogs={"hardware": mine}
    )  # used in a scenario
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal, Union, cast

import numpy as np
import pandas as pd

from . import _catalog_schema as schema
from ._catalog_schema import YEAR_RANGE, Field

if TYPE_CHECKING:
    import pandera.pandas as pa

Kind = Literal["hardware", "model", "region", "nation", "organisation", "offer"]
#: User rows: a CSV path, a DataFrame, a list of row dicts, or {name: row dict}.
Rows = Union[
    str,
    "os.PathLike[str]",
    pd.DataFrame,
    Sequence[Mapping[str, Any]],
    Mapping[str, Mapping[str, Any]],
]

#: Each catalog's file and columns.
CATALOGS: Final[dict[str, tuple[str, tuple[Field, ...]]]] = {
    "hardware": ("accelerators.csv", schema.HARDWARE),
    "model": ("models.csv", schema.MODEL),
    "region": ("regions.csv", schema.REGION),
    "nation": ("nations.csv", schema.NATION),
    "organisation": ("organisations.csv", schema.ORGANISATION),
    "offer": ("offers.csv", schema.OFFER),
}
_FLAG_WORDS: Final = {
    "true": True,
    "yes": True,
    "1": True,
    "1.0": True,
    "false": False,
    "no": False,
    "0": False,
    "0.0": False,
}


class CatalogError(ValueError):
    """Catalog rows that fail validation; the message lists every problem."""


def name_key(name: str) -> str:
    """The matching key of a name: lower case, letters and digits only.

    >>> name_key("H100 SXM")
    'h100sxm'
    """
    return "".join(ch for ch in str(name).casefold() if ch.isalnum())


def _check_kind(kind: str) -> tuple[str, tuple[Field, ...]]:
    if kind not in CATALOGS:
        raise KeyError(f"kind must be one of {sorted(CATALOGS)}; got {kind!r}")
    return CATALOGS[kind]


# ---------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------

# Counts and years are validated as float64 (so that 2026.5 is reported as
# such), then stored as nullable Int64.
_DTYPES: Final = {
    "id": str,
    "text": str,
    "number": "float64",
    "integer": "float64",
    "year": "float64",
    "flag": "boolean",
}


def _row_checks(kind: str) -> list[pa.Check]:
    """Checks across columns or rows (pandera checks; True = the row passes)."""
    import pandera.pandas as pa

    def unique_keys(df: pd.DataFrame) -> pd.Series:
        # Every name and alias must lead to one row only.
        owner: dict[str, int] = {}
        ok = pd.Series(True, index=df.index)
        for position, (index, row) in enumerate(df.iterrows()):
            keys = {name_key(row["name"])}
            aliases = row.get("aliases")
            if isinstance(aliases, str):
                keys |= {name_key(a) for a in aliases.split(";") if a.strip()}
            for key in keys:
                if owner.setdefault(key, position) != position:
                    ok[cast(int, index)] = False  # frames validated have a RangeIndex
        return ok

    checks = [
        pa.Check(
            unique_keys,
            name="its name or an alias already names another row "
            "(names match ignoring case and punctuation)",
        )
    ]
    if kind == "model":
        checks.append(
            pa.Check(
                lambda df: ~(df["params_active"] > df["params_total"]),
                name="params_active exceeds params_total",
            )
        )
    return checks


def _columns(fields: Sequence[Field], columns: tuple[str, ...] | None) -> dict[str, Any]:
    """pandera columns of the fields (of the given subset, for a user's partial rows)."""
    import pandera.pandas as pa

    out = {}
    for f in fields:
        if columns is not None and f.name not in columns:
            continue
        checks = []
        if f.type == "year":
            checks.append(pa.Check.in_range(*YEAR_RANGE, error=f.allowed()))
        elif f.low is not None or f.high is not None:
            low = -np.inf if f.low is None else f.low
            high = np.inf if f.high is None else f.high
            checks.append(pa.Check.in_range(low, high, error=f.allowed()))
        if f.type in ("integer", "year"):
            checks.append(
                pa.Check(
                    lambda v: float(v).is_integer(),
                    element_wise=True,
                    ignore_na=True,
                    error=f.allowed(),
                )
            )
        if f.choices:
            checks.append(pa.Check.isin(f.choices, error=f.allowed()))
        if f.type == "id":
            checks.append(
                pa.Check(lambda s: s.str.strip().str.len() > 0, error="a name must not be blank")
            )
        # A user's row may leave a required figure blank when it overrides an
        # existing row; the merged table is checked in full afterwards.
        required = f.required and (columns is None or f.name in ("name", "source", "year"))
        out[f.name] = pa.Column(
            _DTYPES[f.type],
            checks=checks,
            nullable=not required,
            coerce=True,
            required=columns is None or f.required,
            unique=f.type == "id",
        )
    return out


@cache
def _schema(kind: str, columns: tuple[str, ...] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a catalog, or of the given subset of its columns."""
    import pandera.pandas as pa

    _, fields = _check_kind(kind)
    return pa.DataFrameSchema(
        _columns(fields, columns),
        checks=_row_checks(kind) if columns is None else None,
        strict=True,
        ordered=False,
    )


# ---------------------------------------------------------------------------
# Reading and validating
# ---------------------------------------------------------------------------


def _as_frame(rows: Rows, argument: str) -> tuple[pd.DataFrame, list[str], str]:
    """User rows as a DataFrame with a RangeIndex, the label of each row, and
    a description of where they came from."""
    if isinstance(rows, (str, os.PathLike)):
        path = os.fspath(rows)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{argument}: no such CSV file {path!r}")
        try:
            # index_col=False: a row with a trailing comma keeps its first field
            frame = pd.read_csv(path, skipinitialspace=True, index_col=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
            detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            raise CatalogError(
                f"{argument}: {path!r} is not a readable CSV file (UTF-8, a header "
                f"row, then one row per entry): {detail}"
            ) from None
        return frame, [f"line {i + 2}" for i in range(len(frame))], f"{argument} ({path})"
    if isinstance(rows, pd.DataFrame):
        frame = rows.copy()
        if "name" not in frame.columns and frame.index.name == "name":
            frame = frame.reset_index()
        labels = [f"row {i!r}" for i in rows.index]
        return frame.reset_index(drop=True), labels, argument
    if isinstance(rows, Mapping):
        records = []
        for key, row in rows.items():
            if not isinstance(row, Mapping):
                raise TypeError(
                    f"{argument}: {{name: row}} needs a dict per row; got {row!r} for {key!r}"
                )
            if "name" in row and row["name"] != key:
                raise ValueError(f"{argument}: row {key!r} has name {row['name']!r}")
            records.append({"name": key, **row})
        return pd.DataFrame.from_records(records), [f"row {k!r}" for k in rows], argument
    if isinstance(rows, Sequence) and all(isinstance(r, Mapping) for r in rows):
        return (
            pd.DataFrame.from_records(list(cast("Sequence[Mapping[str, Any]]", rows))),
            [f"row {i}" for i in range(len(rows))],
            argument,
        )
    raise TypeError(
        f"{argument} must be a CSV path, a pandas DataFrame, a list of dicts or "
        f"a dict of dicts; got {type(rows).__name__}"
    )


def _prepare(frame: pd.DataFrame, fields: Sequence[Field]) -> pd.DataFrame:
    """Spell flags as booleans and blank text as missing, before validation."""
    frame = frame.copy()
    for f in fields:
        if f.name not in frame.columns:
            continue
        column = frame[f.name]
        if f.type == "flag" and not pd.api.types.is_bool_dtype(column):
            frame[f.name] = column.map(
                lambda v: _FLAG_WORDS.get(v.strip().casefold(), v) if isinstance(v, str) else v
            ).astype(object)
        elif f.type in ("id", "text") and not pd.api.types.is_numeric_dtype(column):
            frame[f.name] = column.map(
                lambda v: np.nan if isinstance(v, str) and not v.strip() else v
            )
    return frame


def _show(value: Any) -> str:
    """A cell value as the user would write it."""
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(value)


def _describe(
    failures: pd.DataFrame,
    frame: pd.DataFrame,
    labels: Sequence[str],
    fields: Sequence[Field],
    kind: str,
) -> list[str]:
    """One line per problem: the row, the column and the reason."""
    by_name = {f.name: f for f in fields}
    allowed_columns = [f.name for f in fields]
    lines: list[tuple[int, str]] = []  # (row position, -1 for the whole table; text)
    seen: set[tuple[Any, Any]] = set()
    # Coercion failures first: a value that is not a number makes the range
    # and dtype checks of its column fail too; report it once.
    failures = failures.assign(
        _order=failures["check"].astype(str).str.startswith("coerce_dtype").map({True: 0, False: 1})
    ).sort_values(["_order"], kind="stable")
    for _, failure in failures.iterrows():
        check = str(failure["check"])
        column = failure["column"]
        index = failure["index"]
        if check in ("column_in_dataframe", "column_in_schema"):
            name = str(failure["failure_case"])
            if check == "column_in_dataframe":
                lines.append((-1, f"missing column {name!r} ({by_name[name].description})"))
            else:
                close = difflib.get_close_matches(name, allowed_columns, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                lines.append(
                    (-1, f"column {name!r} is not a {kind} column{hint} (docs/data.md lists them)")
                )
            continue
        if index is None or (isinstance(index, float) and np.isnan(index)):
            if any(key[1] == column for key in seen):
                continue
            lines.append((-1, f"column {column!r}: {failure['failure_case']}"))
            continue
        position = int(index)
        column_key = column if isinstance(column, str) else check
        if failure["schema_context"] == "DataFrameSchema" and check != "field_uniqueness":
            column_key = check  # a row-level check is reported once per row
        if (position, column_key) in seen or (position, column) in seen:
            continue
        seen.add((position, column_key))
        where = f"{labels[position]}"
        row_name = frame["name"].iloc[position] if "name" in frame.columns else None
        if isinstance(row_name, str):
            where += f" (name {row_name!r})"
        if column_key == check:
            lines.append((position, f"{where}: {check}"))
            continue
        value = frame[column].iloc[position] if column in frame.columns else failure["failure_case"]
        f = by_name[column]
        unit = f" {f.unit}" if f.unit and f.unit not in ("1", "year") else ""
        if check == "field_uniqueness":
            reason = f"{_show(value)} appears more than once"
        elif check == "not_nullable":
            reason = "is blank; a value is required"
        elif check.startswith(("coerce_dtype", "dtype(")):
            reason = f"{_show(value)} is not {f.allowed()}"
        else:
            reason = f"{_show(value)}{unit} is not {f.allowed()}"
        lines.append((position, f"{where}, column {column!r}: {reason}"))
    return [line for _, line in sorted(lines, key=lambda item: item[0])]


def _validate(
    frame: pd.DataFrame,
    kind: str,
    labels: Sequence[str],
    origin: str,
    columns: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    import pandera.pandas as pa

    _, fields = _check_kind(kind)
    frame = _prepare(frame, fields)
    try:
        valid = _schema(kind, columns).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        lines = _describe(error.failure_cases, frame, labels, fields, kind)
        raise CatalogError(f"{origin}: {len(lines)} problem(s):\n  " + "\n  ".join(lines)) from None
    except pa.errors.SchemaError as error:  # pragma: no cover - lazy=True collects all
        raise CatalogError(f"{origin}: {error}") from None
    order = [f.name for f in fields if f.name in valid.columns]
    valid = valid[order]
    whole = [f.name for f in fields if f.type in ("integer", "year") and f.name in order]
    return valid.astype(dict.fromkeys(whole, "Int64"))


@cache
def _shipped(kind: str) -> pd.DataFrame:
    file, _ = _check_kind(kind)
    path = resources.files("computedivide") / "data" / file
    with path.open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle)
    labels = [f"line {i + 2}" for i in range(len(frame))]
    table = _validate(frame, kind, labels, f"shipped catalog {file}")
    return table.set_index("name", drop=False)


def _extend(kind: str, rows: Rows, argument: str) -> pd.DataFrame:
    """The shipped catalog with the user's rows added or overriding."""
    _, _fields = _check_kind(kind)
    frame, labels, origin = _as_frame(rows, argument)
    if len(frame) == 0:
        return _shipped(kind)
    for required in ("name", "source", "year"):
        if required not in frame.columns:
            raise CatalogError(
                f"{origin}: missing column {required!r}; every {kind} row needs name, "
                "source and year"
            )
    user = _validate(frame, kind, labels, origin, columns=tuple(frame.columns))
    table = _shipped(kind).copy()
    index = _key_index(table)
    added, label_of = [], {}
    for position, row in user.iterrows():
        existing = index.get(name_key(row["name"]))
        # ``user`` has a RangeIndex: each position is an int.
        label_of[existing or row["name"]] = labels[int(cast(int, position))]
        if existing is None:
            added.append(row.to_dict())
            continue
        _override(table, existing, row.dropna(), schema.PROVENANCE.get(kind, {}))
    if added:
        new = pd.DataFrame.from_records(added).reindex(columns=table.columns)
        new.index = pd.Index(new["name"], name="name")
        table = pd.concat([table, new.astype(table.dtypes.to_dict())])
    merged_labels = [label_of.get(n, "shipped row") for n in table["name"]]
    merged = _validate(
        table.reset_index(drop=True),
        kind,
        merged_labels,
        f"{origin} merged into the {kind} catalog",
    )
    return merged.set_index("name", drop=False)


def _override(
    table: pd.DataFrame,
    name: str,
    given: pd.Series,
    provenance: Mapping[str, tuple[str | None, str | None, str | None]],
) -> None:
    """Write a user's figures into row ``name``; the provenance follows them."""
    figures = [c for c in given.index if c not in ("name", "source", "year")]
    for column in figures:
        table.at[name, column] = given[column]
        year_column, source_column, flag_column = provenance.get(column, (None, None, None))
        if year_column and year_column not in given.index:
            table.at[name, year_column] = given["year"]
        if source_column and source_column not in given.index:
            table.at[name, source_column] = given["source"]
        if flag_column and flag_column not in given.index:
            table.at[name, flag_column] = False
    shipped_source: Any = table.at[name, "source"]
    shipped_year: Any = table.at[name, "year"]
    table.at[name, "source"] = (
        f"{given['source']} (for {', '.join(figures)}); other figures: {shipped_source}"
    )
    table.at[name, "year"] = max(int(given["year"]), int(shipped_year))


def load(kind: Kind, rows: Rows | None = None) -> pd.DataFrame:
    """Return a catalog as a DataFrame indexed by ``name``.

    Parameters
    ----------
    kind : {"hardware", "model", "region", "nation", "organisation", "offer"}
        Which catalog.
    rows : str, path, DataFrame, list of dict or dict of dict, optional
        Your own rows. A row whose name (or alias) matches an entry overrides
        the columns it gives; any other row is added. Every row needs
        ``name``, ``source`` and ``year``.

    Returns
    -------
    pandas.DataFrame
        A copy: changing it does not change the catalog. Numbers are float64
        (NaN where no figure is published), counts and years nullable Int64,
        flags nullable boolean.

    Raises
    ------
    KeyError
        If ``kind`` is not a catalog.
    CatalogError
        If a row fails validation (the message gives the row, the column and
        the reason); the shipped catalog is left as it was.
    """
    return table(kind, rows).copy()


def table(kind: Kind, rows: Rows | None = None) -> pd.DataFrame:
    """Like :func:`load`, without the copy: the shipped table is shared, and
    must not be changed (for the library's own lookups)."""
    return _shipped(kind) if rows is None else _extend(kind, rows, f"{kind} rows")


def hardware(rows: Rows | None = None) -> pd.DataFrame:
    """Accelerators: dense peaks per precision (FLOP/s), memory (GB), bandwidth
    (GB/s), TDP (W), purchase and cloud prices (USD, USD/h), embodied CO2e (kg).
    See :func:`load` for ``rows``."""
    return load("hardware", rows)


def models(rows: Rows | None = None) -> pd.DataFrame:
    """Language models: parameters, architecture, training tokens, and reported
    hardware, accelerator-hours, energy and emissions. See :func:`load`."""
    return load("model", rows)


def regions(rows: Rows | None = None) -> pd.DataFrame:
    """Countries and cloud regions: grid carbon intensity (g/kWh), electricity
    price (USD/kWh), PUE, WUE (L/kWh), cloud price multiplier. See :func:`load`."""
    return load("region", rows)


def nations(rows: Rows | None = None) -> pd.DataFrame:
    """Countries: population, GDP and GNI per capita (USD), R&D and internet
    shares, grid carbon intensity, electricity price, each with its year.
    See :func:`load`."""
    return load("nation", rows)


def organisations(rows: Rows | None = None) -> pd.DataFrame:
    """Companies, AI labs, universities, funders and national programmes:
    revenue or budget, R&D spend, AI capital expenditure, compute owned (USD,
    H100-equivalents). See :func:`load`."""
    return load("organisation", rows)


def offers(rows: Rows | None = None) -> pd.DataFrame:
    """Ways to use a model: subscriptions (USD/month), APIs (USD per million
    tokens) and local hardware (price, lifetime, power). See :func:`load`."""
    return load("offer", rows)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def _key_index(table: pd.DataFrame) -> dict[str, str]:
    """Matching key -> name, for every name and alias of a catalog table."""
    index: dict[str, str] = {}
    aliases = table["aliases"] if "aliases" in table.columns else pd.Series(dtype=object)
    for name in table["name"]:
        index[name_key(name)] = name
    for name, text in aliases.items():
        if isinstance(text, str):
            for alias in text.split(";"):
                if alias.strip():
                    index.setdefault(name_key(alias), str(name))
    return index


@cache
def _shipped_key_index(kind: str) -> dict[str, str]:
    return _key_index(_shipped(kind))


def key_index(kind: Kind, table: pd.DataFrame | None = None) -> dict[str, str]:
    """Matching key -> name for a catalog (cached for the shipped tables)."""
    if table is None or table is _shipped(kind):
        return _shipped_key_index(kind)
    # One user table is resolved name by name: keep its index for the next name.
    if _LAST_USER_INDEX and _LAST_USER_INDEX[0] is table:
        return cast("dict[str, str]", _LAST_USER_INDEX[1])
    index = _key_index(table)
    _LAST_USER_INDEX[:] = [table, index]
    return index


_LAST_USER_INDEX: list[Any] = []  # [table, its key index]: the last user table seen


def names(kind: Kind) -> list[str]:
    """Return the entry names of a shipped catalog, in file order."""
    return [str(n) for n in _shipped(kind)["name"]]


def resolve(kind: Kind, name: str, argument: str, table: pd.DataFrame | None = None) -> str:
    """Return the catalog's name for what the user wrote.

    Parameters
    ----------
    kind : str
        Which catalog.
    name : str
        The name as the user wrote it: matched ignoring case and punctuation,
        against names and aliases.
    argument : str
        The argument the name was given for, used in the error message.
    table : pandas.DataFrame, optional
        A catalog extended with user rows (default: the shipped one).

    Raises
    ------
    KeyError
        If no entry matches; the message lists the closest names.
    """
    index = key_index(kind, table)
    found = index.get(name_key(name))
    if found is not None:
        return found
    choices = list(_shipped(kind)["name"] if table is None else table["name"])
    close = difflib.get_close_matches(str(name), choices, n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(
        f"{argument}={name!r} is not in the {kind} catalog{hint} "
        f"(computedivide.catalog.names({kind!r}) lists all {len(choices)})"
    )


__all__ = [
    "CATALOGS",
    "CatalogError",
    "Kind",
    "Rows",
    "hardware",
    "load",
    "models",
    "name_key",
    "names",
    "nations",
    "offers",
    "organisations",
    "regions",
    "resolve",
]


# ---------------------------------------------------------------------------
# Validation tables
# ---------------------------------------------------------------------------

#: The published figures cd.validate() checks the model against.
VALIDATION_TABLES: Final[dict[str, tuple[str, tuple[Field, ...]]]] = {
    "runs": ("validation_runs.csv", schema.VALIDATION_RUN),
    "serving": ("validation_serving.csv", schema.VALIDATION_SERVING),
}


@cache
def _validation_schema(name: str) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        _columns(VALIDATION_TABLES[name][1], None), strict=True, ordered=False
    )


def load_validation(name: Literal["runs", "serving"]) -> pd.DataFrame:
    """A shipped validation table, checked against its schema.

    Parameters
    ----------
    name : {"runs", "serving"}
        ``runs``: published training runs (``validation_runs.csv``);
        ``serving``: published serving throughputs (``validation_serving.csv``).
        ``docs/data.md`` lists the columns.

    Returns
    -------
    pandas.DataFrame
        One row per published figure, with its ``source`` and ``year``.
    """
    return _shipped_validation(name).copy()


@cache
def _shipped_validation(name: str) -> pd.DataFrame:
    import pandera.pandas as pa

    if name not in VALIDATION_TABLES:
        raise KeyError(f"name must be one of {sorted(VALIDATION_TABLES)}; got {name!r}")
    file, fields = VALIDATION_TABLES[name]
    path = resources.files("computedivide") / "data" / file
    with path.open("r", encoding="utf-8") as handle:
        frame = _prepare(pd.read_csv(handle), fields)
    try:
        valid = _validation_schema(name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        labels = [f"line {i + 2}" for i in range(len(frame))]
        lines = _describe(error.failure_cases, frame, labels, fields, name)
        raise CatalogError(
            f"shipped table {file}: {len(lines)} problem(s):\n  " + "\n  ".join(lines)
        ) from None
    return valid[[f.name for f in fields]]
