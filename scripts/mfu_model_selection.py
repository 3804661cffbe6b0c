"""Leave-one-out error of alternative MFU models (the choice docs/validation.md reports).

Run:  python scripts/mfu_model_selection.py

Each candidate adds features to log(mfu) = a + ...; every one is fitted by the
same least-absolute-deviation routine as the shipped fit, on the same runs,
and scored by the median absolute error of predicted accelerator-hours when
each run is left out of its own fit.
"""

from __future__ import annotations

import numpy as np
from computedivide import _fidelity, catalog


def main() -> None:
    data = _fidelity.fit_data(catalog.load_validation("runs"), catalog.table("hardware"))
    y = np.log(data["observed_mfu"].to_numpy())
    size = np.log10(data["active_params"].to_numpy()) - 10.0
    gens = data["generation"].to_numpy(dtype=object)
    generation = [(gens == g).astype(float) for g in ("volta", "hopper", "tpu")]
    chips = np.log10(data["n_chips"].to_numpy(dtype=float)) - 3.0
    cluster = [np.where(np.isnan(chips), 0.0, chips), np.isnan(chips).astype(float)]
    per_param = [
        np.log10(data["training_tokens"].to_numpy() / data["active_params"].to_numpy()) - 2.0
    ]
    hopper_slope = [(gens == "hopper") * size]
    candidates = {
        "constant": [],
        "generation": generation,
        "size": [size],
        "generation + size (shipped)": generation + [size],
        "generation + size + cluster size": generation + [size] + cluster,
        "generation + size + tokens per parameter": generation + [size] + per_param,
        "generation + size + Hopper size slope": generation + [size] + hopper_slope,
    }
    print(f"{len(y)} runs; median |error| of leave-one-out accelerator-hours")
    for name, columns in candidates.items():
        design = np.column_stack([np.ones(len(y))] + list(columns))
        residuals = _fidelity._jackknife_residuals(design, y)
        error = np.abs(np.exp(residuals) - 1.0)  # predicted hours / reported - 1
        print(f"  {name:45s} {np.median(error):6.1%}   worst {error.max():6.1%}")


if __name__ == "__main__":
    main()
