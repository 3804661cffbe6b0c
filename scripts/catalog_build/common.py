"""Shared helpers of the catalog build: CSV formatting, reading and writing."""

from __future__ import annotations

import csv
from collections.abc import Iterable

EPOCH_CREDIT = "Epoch AI hardware prices (CC-BY 4.0)"
EPOCH_SPECS = "Epoch AI ML hardware database (CC-BY 4.0)"


def fmt(value) -> str:
    """Plain text for a CSV cell: '' for None, integers without a decimal
    point when small, otherwise the shortest general float form
    (989.4e12 -> '9.894e+14')."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    v = float(value)
    if v.is_integer() and abs(v) < 1e8:
        return str(int(v))
    if abs(v) >= 1e8:
        mantissa, exponent = format(v, ".9e").split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{exponent}"
    return format(v, ".10g")


def write_csv(path: str, columns: list[str], rows: Iterable[dict]) -> int:
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n",
                                quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in rows:
            missing = set(columns) - set(row)
            extra = set(row) - set(columns)
            if missing or extra:
                raise ValueError(f"{path}: row {row.get('name')} missing {missing} extra {extra}")
            writer.writerow({c: fmt(row[c]) for c in columns})
            n += 1
    return n


def read_csv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def num(text: str):
    text = (text or "").strip().replace(",", "").lstrip("$")
    return float(text) if text else None


def name_key(text: str) -> str:
    """Matching key, as computedivide.catalog.name_key: case-folded letters and digits."""
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def join_aliases(name: str, others: Iterable[str]) -> str:
    """Other names of a row as the ``aliases`` cell: ';'-separated, without blanks
    and without names that match the row's name or an earlier alias."""
    out, seen = [], {name_key(name)}
    for alias in others:
        if alias and name_key(alias) not in seen:
            out.append(alias)
            seen.add(name_key(alias))
    return ";".join(out)
