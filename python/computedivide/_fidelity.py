"""Utilisation fitted on published training runs, and the energy conventions.

The default model FLOPs utilisation of :func:`computedivide.train` is not one
constant: it is fitted on the published runs of ``validation_runs.csv`` as

    log(mfu) = a + b * (log10(N_act) - 10) + g[generation]

(``N_act`` the active parameters, ``generation`` the accelerator's), by least
absolute deviations, so that a few runs that report more than the final
run's hours do not pull the fit. The 5/50/95 % bounds of an estimate come from
the leave-one-out residuals of that fit (jackknife): each run is predicted by
the fit on the other runs, and the spread of those errors is the spread of
the interval. ``docs/validation.md`` shows the fit, its data and how well
calibrated the bounds are.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

import numpy as np
import pandas as pd

# ------------------------------------------------------------ conventions

ENERGY_CONVENTIONS: Final[Mapping[str, Mapping[str, float]]] = {
    # Meta model cards (Llama 2, 3, 3.1, 3.2, 4): GPU-hours x the chip's TDP,
    # no PUE, no host. (The LLaMA paper of 2023 applied PUE 1.1 on top: pass
    # pue=1.1 with this convention.)
    "meta": {"power_share": 1.0, "host_overhead_w": 0.0, "pue": 1.0},
    # Patterson et al. 2021 (arXiv 2104.10350), table 4: measured average
    # system power per accelerator (host share included) x hours x the data
    # centre's PUE. measured_power_w= is required; pue comes from the region.
    "patterson": {"power_share": 1.0, "host_overhead_w": 0.0},
    # Luccioni et al. 2022 (arXiv 2211.02001), BLOOM: dynamic energy as
    # GPU-hours x TDP without PUE; embodied emissions reported beside it
    # (co2_embodied_kg). Their idle-infrastructure share is not in the preset.
    "luccioni": {"power_share": 1.0, "host_overhead_w": 0.0, "pue": 1.0},
}
# Arguments a convention needs from the user.
CONVENTION_REQUIRES: Final[Mapping[str, tuple[str, ...]]] = {
    "meta": (),
    "patterson": ("measured_power_w",),
    "luccioni": (),
}
CONVENTION_SOURCES: Final[Mapping[str, str]] = {
    "meta": "Meta model cards since Llama 2: GPU-hours x TDP, no PUE, no host power",
    "patterson": "Patterson et al. 2021 (arXiv 2104.10350): measured system power per "
    "chip x hours x PUE",
    "luccioni": "Luccioni et al. 2022 (arXiv 2211.02001), BLOOM: GPU-hours x TDP, no PUE; "
    "embodied emissions separate",
}


def apply_convention(convention: str | None, given: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments with a convention's values filled where the user gave none.

    Explicit arguments win over the convention (``pue=1.1`` with
    ``convention="meta"`` is the LLaMA paper's variant).
    """
    out = dict(given)
    if convention is None:
        return out
    if not isinstance(convention, str) or convention not in ENERGY_CONVENTIONS:
        raise ValueError(
            f"convention={convention!r} is not known; choose from "
            f"{sorted(ENERGY_CONVENTIONS)} or None"
        )
    for name in CONVENTION_REQUIRES[convention]:
        if out.get(name) is None:
            raise ValueError(
                f"convention={convention!r} needs {name}= (W): {CONVENTION_SOURCES[convention]}"
            )
    for name, value in ENERGY_CONVENTIONS[convention].items():
        if out.get(name) is None:
            out[name] = value
    return out


# ------------------------------------------------------------ generations

GENERATIONS: Final = ("volta", "ampere", "hopper", "tpu")
_BASELINE: Final = "ampere"


def generation(vendor: Any, launch_year: Any) -> str:
    """The generation an accelerator's utilisation is fitted by.

    Google TPUs form one group; GPUs and other accelerators go by launch
    year: up to 2019 "volta" (V100, T4), 2020-2021 "ampere" (A100, MI250),
    from 2022 "hopper" (H100, H200, MI300X and later, which the fit
    extrapolates to). An unknown year gives "".
    """
    if isinstance(vendor, str) and vendor.strip().lower() == "google":
        return "tpu"
    try:
        year = float(launch_year)
    except (TypeError, ValueError):
        return ""
    if not np.isfinite(year):
        return ""
    return "volta" if year <= 2019 else "ampere" if year <= 2021 else "hopper"


# ------------------------------------------------------------ the fit

_SIZE_PIVOT: Final = 10.0  # log10 of 1e10 parameters


def _design(log10_params: np.ndarray, generations: np.ndarray) -> np.ndarray:
    columns = [np.ones(len(log10_params)), log10_params - _SIZE_PIVOT]
    columns += [(generations == g).astype(float) for g in GENERATIONS if g != _BASELINE]
    return np.column_stack(columns)


def _least_absolute(design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-absolute-deviation coefficients by iteratively reweighted least squares."""
    beta: np.ndarray = np.linalg.lstsq(design, y, rcond=None)[0]
    for _ in range(500):
        weights = np.sqrt(1.0 / np.maximum(np.abs(y - design @ beta), 1e-4))
        new: np.ndarray = np.linalg.lstsq(design * weights[:, None], y * weights, rcond=None)[0]
        if np.max(np.abs(new - beta)) < 1e-10:
            return new
        beta = new
    return beta


def _jackknife_residuals(design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Residual of each row under the fit on all the other rows."""
    out = np.empty(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        out[i] = y[i] - design[i] @ _least_absolute(design[keep], y[keep])
    return out


@dataclass(frozen=True)
class MfuFit:
    """log(mfu) = intercept + per_decade * (log10(N_act) - 10) + offset[generation].

    Attributes
    ----------
    intercept : float
        log MFU of a 1e10-parameter model on an "ampere" accelerator.
    per_decade : float
        Change of log MFU per tenfold active parameters.
    offsets : dict
        Change of log MFU by generation ("ampere" is 0).
    residuals : numpy.ndarray
        Leave-one-out residuals of log MFU (observed minus predicted), one per
        run: the spread of the intervals.
    run_ids : tuple of str
        The runs fitted.
    """

    intercept: float
    per_decade: float
    offsets: Mapping[str, float]
    residuals: np.ndarray
    run_ids: tuple[str, ...]

    def generation_offsets(self, generations: Any) -> np.ndarray:
        """The offset of log MFU for each generation (NaN where unknown)."""
        gens = np.asarray(generations, dtype=object)
        offset = np.full(gens.shape, np.nan)
        for name in GENERATIONS:
            offset[gens == name] = self.offsets[name]
        return offset

    def log_mfu_at(self, active_params: Any, offset: Any) -> Any:
        """Predicted log MFU from active parameters and a generation offset.

        Works on NumPy arrays and xarray DataArrays alike (they broadcast by
        dimension name).
        """
        return self.intercept + self.per_decade * (np.log10(active_params) - _SIZE_PIVOT) + offset

    def log_mfu(self, active_params: Any, generations: Any) -> np.ndarray:
        """Predicted log MFU (NaN where the generation is unknown)."""
        return np.asarray(
            self.log_mfu_at(
                np.asarray(active_params, dtype=float), self.generation_offsets(generations)
            )
        )

    def residual_quantile(self, q: Any) -> np.ndarray:
        """Quantile ``q`` of the leave-one-out residuals of log MFU."""
        return cast(np.ndarray, np.quantile(self.residuals, q))


def fit_mfu(runs: pd.DataFrame, hardware: pd.DataFrame, residuals: bool = True) -> MfuFit:
    """Fit the MFU model on the runs with chip-hours, tokens and a 16-bit peak.

    ``runs`` has the columns of ``validation_runs.csv``; ``hardware`` is the
    accelerator catalog indexed by name. Encoder-decoder runs are left out:
    their FLOPs per token are not 6 N_act.
    """
    data = fit_data(runs, hardware)
    design = _design(
        np.log10(data["active_params"].to_numpy()), data["generation"].to_numpy(dtype=object)
    )
    y = np.log(data["observed_mfu"].to_numpy())
    beta = _least_absolute(design, y)
    others = [g for g in GENERATIONS if g != _BASELINE]
    offsets = {_BASELINE: 0.0, **{g: float(b) for g, b in zip(others, beta[2:], strict=True)}}
    return MfuFit(
        float(beta[0]),
        float(beta[1]),
        offsets,
        _jackknife_residuals(design, y) if residuals else np.zeros(0),
        tuple(data.index),
    )


def fit_data(runs: pd.DataFrame, hardware: pd.DataFrame) -> pd.DataFrame:
    """The runs the MFU fit uses, with their observed MFU at the 16-bit peak.

    observed_mfu = 6 N_act D / (3600 chip_hours peak), the same quantity as
    ``train(known_gpu_hours=...)["implied_mfu"]``; the test suite checks the two
    agree.
    """
    usable: pd.DataFrame = runs[
        runs["chip_hours"].notna()
        & runs["training_tokens"].notna()
        & (runs["architecture"] == "decoder-only")
        & runs["hardware"].isin(hardware.index)
    ].copy()
    usable["active_params"] = usable["params_active"].fillna(usable["params_total"])
    rows = hardware.loc[usable["hardware"]]
    peak = rows["peak_bf16_flops"].fillna(rows["peak_fp16_flops"]).to_numpy()
    usable["peak_16bit_flops"] = peak
    usable["generation"] = [
        generation(v, y) for v, y in zip(rows["vendor"], rows["launch_year"], strict=True)
    ]
    usable = usable[np.isfinite(peak) & (usable["generation"] != "")]
    usable["observed_mfu"] = (
        6.0
        * usable["active_params"]
        * usable["training_tokens"]
        / (3600.0 * usable["chip_hours"] * usable["peak_16bit_flops"])
    )
    return usable.set_index("id")


def validation_table(name: str) -> pd.DataFrame:
    """A shipped validation table: ``runs`` or ``serving``."""
    from .catalog import load_validation

    return load_validation(name)  # type: ignore[arg-type]


@functools.cache
def shipped_mfu_fit() -> MfuFit:
    """The fit on the shipped validation runs (computed once per process)."""
    from . import catalog

    return fit_mfu(validation_table("runs"), catalog.table("hardware"))


def hardware_generations(names: np.ndarray, table: pd.DataFrame) -> np.ndarray:
    """Generation of each accelerator name (an array of catalog names)."""
    flat = [
        generation(table.at[str(n), "vendor"], table.at[str(n), "launch_year"])
        for n in np.asarray(names).ravel()
    ]
    return np.asarray(flat, dtype=object).reshape(np.shape(names))
