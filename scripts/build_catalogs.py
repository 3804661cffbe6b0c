#!/usr/bin/env python3
"""Build computedivide's shipped data catalogs.

Writes, under ``python/computedivide/data/``:

* ``regions.csv``       derived from the shared country / cloud-region / PUE tables;
* ``accelerators.csv``  hand-curated chip specs (below), with purchase and cloud
                        prices derived from Epoch AI's hardware-price table;
* ``models.csv``        hand-curated model facts (below).

Standard library only (csv, statistics). Deterministic: same inputs give
byte-identical outputs; rows are written in a fixed order. Rerunnable: the
outputs are overwritten.

Usage (from the repository root)::

    python scripts/build_catalogs.py [--shared ../shared]

``--shared`` is the shared folder; its ``data/`` subfolder holds
``countries.csv``, ``cloud_regions.csv``, ``pue.csv`` (see data/SOURCES.md
there) and ``reference/epoch/epoch_hw_prices.csv`` (Epoch AI, CC-BY 4.0).
A relative ``--shared`` is taken relative to the repository root. The
reference files are read, never copied: only derived figures are written,
each row with its source and year.
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from catalog_build.accelerators import ACCEL_COLUMNS, REQUIRED_ACCELERATORS, build_accelerators  # noqa: E402
from catalog_build.common import write_csv  # noqa: E402
from catalog_build.models import MODEL_COLUMNS, MODELS, REQUIRED_MODELS  # noqa: E402
from catalog_build.regions import REGION_COLUMNS, build_regions  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "python", "computedivide", "data")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default="../shared",
                        help="shared folder (its data/ subfolder holds the inputs); relative paths "
                             "are taken from the repository root (default: ../shared)")
    parser.add_argument("--out", default=OUT_DIR, help="output folder (default: python/computedivide/data)")
    args = parser.parse_args(argv)
    shared = args.shared if os.path.isabs(args.shared) else os.path.normpath(os.path.join(REPO, args.shared))
    data_dir = os.path.join(shared, "data")
    if not os.path.isfile(os.path.join(data_dir, "countries.csv")):
        parser.error(f"{data_dir}/countries.csv not found")
    os.makedirs(args.out, exist_ok=True)

    regions = build_regions(data_dir)
    accelerators = build_accelerators(data_dir)
    models = MODELS

    for ids, req, what in ((accelerators, REQUIRED_ACCELERATORS, "accelerator"),
                           (models, REQUIRED_MODELS, "model")):
        have = {r["name"] for r in ids}
        missing = [n for n in req if n not in have]
        if missing:
            raise ValueError(f"missing {what} ids: {missing}")
        if len(have) != len(ids):
            raise ValueError(f"duplicate {what} ids")

    counts = {
        "regions.csv": write_csv(os.path.join(args.out, "regions.csv"), REGION_COLUMNS, regions),
        "accelerators.csv": write_csv(os.path.join(args.out, "accelerators.csv"), ACCEL_COLUMNS, accelerators),
        "models.csv": write_csv(os.path.join(args.out, "models.csv"), MODEL_COLUMNS, models),
    }
    for name, n in counts.items():
        print(f"wrote {os.path.relpath(os.path.join(args.out, name), REPO)}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
