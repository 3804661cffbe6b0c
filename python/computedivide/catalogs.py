"""The catalogs shipped with the package: accelerators, models, regions.

Each catalog is a CSV file under ``computedivide/data/``, read once and
cached. Every row carries its ``source`` and ``year``. Names are looked up
exactly, then case-insensitively; an unknown name raises ``KeyError`` that
suggests the closest names.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from importlib import resources
from typing import Final, Literal

import pandas as pd

CatalogKind = Literal["hardware", "model", "region"]

_FILES: Final = {
    "hardware": "accelerators.csv",
    "model": "models.csv",
    "region": "regions.csv",
}

_REQUIRED_COLUMNS: Final = {
    "hardware": (
        "name", "memory_gb", "bandwidth_gb_s", "tdp_w", "price_usd",
        "cloud_usd_per_hour", "embodied_kg_co2e", "peak_fp32_flops",
        "peak_tf32_flops", "peak_bf16_flops", "peak_fp16_flops",
        "peak_fp8_flops", "peak_int8_ops", "source", "year",
    ),
    "model": (
        "name", "params_total", "params_active", "layers", "d_model",
        "kv_heads", "head_dim", "context_tokens", "training_tokens",
        "source", "year",
    ),
    "region": (
        "name", "kind", "carbon_intensity_g_per_kwh",
        "electricity_price_usd_per_kwh", "pue", "price_multiplier",
        "source", "year",
    ),
}


@lru_cache(maxsize=None)
def catalog(kind: CatalogKind) -> pd.DataFrame:
    """Return one shipped catalog as a DataFrame indexed by ``name``.

    Parameters
    ----------
    kind : {"hardware", "model", "region"}
        Which catalog.

    Returns
    -------
    pandas.DataFrame
        One row per entry; numeric columns are float64 (NaN where the source
        publishes no figure), plus ``source`` and ``year`` columns.

    Raises
    ------
    KeyError
        If ``kind`` is not a catalog.
    ValueError
        If the shipped file is malformed (missing column, duplicate name, a
        row without source or year).
    """
    if kind not in _FILES:
        raise KeyError(f"kind must be one of {sorted(_FILES)}; got {kind!r}")
    path = resources.files("computedivide") / "data" / _FILES[kind]
    with path.open("r", encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype={"name": str, "source": str})
    missing = [c for c in _REQUIRED_COLUMNS[kind] if c not in table.columns]
    if missing:
        raise ValueError(f"{_FILES[kind]} lacks columns {missing}")
    duplicated = table["name"][table["name"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{_FILES[kind]} repeats names {duplicated}")
    unsourced = table["name"][table["source"].isna() | table["year"].isna()].tolist()
    if unsourced:
        raise ValueError(f"{_FILES[kind]} rows without source or year: {unsourced}")
    return table.set_index("name", drop=False)


def names(kind: CatalogKind) -> list[str]:
    """Return the entry names of a catalog, in file order."""
    return catalog(kind)["name"].tolist()


def resolve(kind: CatalogKind, name: str, argument: str) -> str:
    """Return the catalog's spelling of ``name``.

    Parameters
    ----------
    kind : {"hardware", "model", "region"}
        Which catalog.
    name : str
        The name as the user wrote it (matched exactly, then ignoring case).
    argument : str
        The argument the name was given for, used in the error message.

    Raises
    ------
    KeyError
        If no entry matches; the message lists the closest names.
    """
    table = catalog(kind)
    if name in table.index:
        return name
    folded = {str(n).casefold(): str(n) for n in table.index}
    if isinstance(name, str) and name.casefold() in folded:
        return folded[name.casefold()]
    close = difflib.get_close_matches(str(name), list(table.index), n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(
        f"{argument}={name!r} is not in the {kind} catalog{hint} "
        f"(computedivide.catalogs.names({kind!r}) lists all {len(table)})"
    )
