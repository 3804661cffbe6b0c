#!/usr/bin/env python3
"""Build computedivide's shipped data catalogs.

Writes, under ``python/computedivide/data/``:

* ``regions.csv``       derived from the shared country / cloud-region / PUE tables;
* ``accelerators.csv``  hand-curated chip specs (below), with purchase and cloud
                        prices derived from Epoch AI's hardware-price table;
* ``models.csv``        hand-curated model facts;
* ``nations.csv``       derived from the shared country table;
* ``organisations.csv`` hand-curated budgets, R&D and AI spending;
* ``offers.csv``        hand-curated subscription, API and local-hardware prices;
* ``validation_runs.csv`` and ``validation_serving.csv``
                        hand-curated published training runs and serving
                        throughputs (``--only validation``), cross-checked against
                        the shared ``validation/training_runs.csv``.

Each catalog has its own module in ``scripts/catalog_build/`` with ``FILE``,
``COLUMNS``, ``REQUIRED`` (ids that must be present) and ``build(data_dir)``;
a module that writes several files lists them in ``TABLES`` instead, each with
those four plus ``KEY`` (the id column, ``name`` by default).

Standard library only (csv, statistics). Deterministic: same inputs give
byte-identical outputs; rows are written in a fixed order. Rerunnable: the
outputs are overwritten.

Usage (from the repository root)::

    python scripts/build_catalogs.py [--shared ../shared] [--only models ...]

``--shared`` is the shared folder; its ``data/`` subfolder holds
``countries.csv``, ``cloud_regions.csv``, ``pue.csv`` (see data/SOURCES.md
there) and ``reference/epoch/epoch_hw_prices.csv`` (Epoch AI, CC-BY 4.0).
A relative ``--shared`` is taken relative to the repository root. The
reference files are read, never copied: only derived figures are written,
each row with its source and year.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from catalog_build.common import write_csv

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "python", "computedivide", "data")
CATALOGS = ["regions", "nations", "accelerators", "models", "organisations", "offers", "validation"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared",
        default="../shared",
        help="shared folder (its data/ subfolder holds the inputs); relative paths "
        "are taken from the repository root (default: ../shared)",
    )
    parser.add_argument(
        "--out", default=OUT_DIR, help="output folder (default: python/computedivide/data)"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=CATALOGS,
        default=CATALOGS,
        help="build only these catalogs (default: all)",
    )
    args = parser.parse_args(argv)
    shared = (
        args.shared
        if os.path.isabs(args.shared)
        else os.path.normpath(os.path.join(REPO, args.shared))
    )
    data_dir = os.path.join(shared, "data")
    if not os.path.isfile(os.path.join(data_dir, "countries.csv")):
        parser.error(f"{data_dir}/countries.csv not found")
    os.makedirs(args.out, exist_ok=True)

    for name in args.only:
        module = importlib.import_module(f"catalog_build.{name}")
        for table in getattr(module, "TABLES", [module]):
            rows = table.build(data_dir)
            key = getattr(table, "KEY", "name")
            ids = [r[key] for r in rows]
            missing = [n for n in table.REQUIRED if n not in ids]
            if missing:
                raise ValueError(f"{table.FILE}: missing ids {missing}")
            duplicated = sorted({n for n in ids if ids.count(n) > 1})
            if duplicated:
                raise ValueError(f"{table.FILE}: duplicate ids {duplicated}")
            path = os.path.join(args.out, table.FILE)
            n = write_csv(path, table.COLUMNS, rows)
            print(f"wrote {os.path.relpath(path, REPO)}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
