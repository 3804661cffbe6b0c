"""How close the model comes to published figures: ``cd.validate()``.

Three checks, each a table of published against predicted figures:

(a) ``chip_hours``: accelerator-hours predicted from parameters, tokens and
    hardware with the fitted default MFU, in leave-one-out cross-validation:
    the fit that predicts a run never sees it. The 90 % interval of each
    prediction comes from the leave-one-out residuals of that same fit
    (nested), so its coverage is measured on runs it did not see either.
(b) ``energy``: energy and CO2 recomputed from the reported chip-hours with
    the publisher's convention (power per chip, PUE, grid factor).
(c) ``serving``: output tokens per second of a published benchmark, with the
    fitted serving utilisation, also in leave-one-out.

Every figure comes from the core (``train()`` and ``serve()``); this module
only arranges the inputs and compares.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, cast

import numpy as np
import pandas as pd
import xarray as xr

from . import _fidelity, catalog

#: Targets of the checks (issue "fidelity").
TARGETS: Final = {
    "chip_hours_median_abs_error": 0.15,
    "chip_hours_interval_coverage": 0.80,
    "energy_max_abs_error": 0.02,
    "serving_abs_error": 0.30,
    "serving_pairs": 5,
}
_INTERVAL = (0.05, 0.95)

# Serving: the utilisations tried, and the batches a max-throughput benchmark
# may run (in-flight batching fills memory; the best batch that fits is kept).
SERVING_MBU_GRID: Final = tuple(np.round(np.arange(0.30, 0.951, 0.05), 2))
SERVING_MFU_GRID: Final = tuple(np.round(np.arange(0.20, 0.801, 0.05), 2))
_BATCHES: Final = np.unique(np.round(np.geomspace(1, 4096, 121)))


@dataclass
class Validation:
    """Published against predicted figures, and a summary.

    Attributes
    ----------
    chip_hours : pandas.DataFrame
        (a) One row per run: reported and predicted accelerator-hours, the
        relative error, the 5 % and 95 % bounds and whether they hold the
        reported figure.
    energy : pandas.DataFrame
        (b) One row per run with a stated energy method: reported and
        recomputed energy (kWh) and CO2 (kg), and their relative errors.
    serving : pandas.DataFrame
        (c) One row per benchmark with known prompt and output lengths:
        reported and predicted output tokens per second of the system.
    summary : pandas.DataFrame
        One row per check: count, median and worst absolute error, and the
        target.
    mfu_fit : MfuFit
        The MFU fit on all runs (the default of :func:`computedivide.train`).
    serving_fit : dict
        The serving utilisations (``mbu``, ``mfu_inference``) fitted on all
        benchmarks (the defaults of :func:`computedivide.serve`).
    """

    chip_hours: pd.DataFrame
    energy: pd.DataFrame
    serving: pd.DataFrame
    summary: pd.DataFrame
    mfu_fit: _fidelity.MfuFit
    serving_fit: Mapping[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        def show(frame: pd.DataFrame, columns: list[str]) -> str:
            return frame[columns].to_string(float_format=lambda v: f"{v:,.3g}")

        fit = self.mfu_fit
        parts = [
            "computedivide validate: the model against published figures",
            "",
            "(a) accelerator-hours from parameters, tokens and hardware "
            "(fitted MFU, leave-one-out)",
            show(
                self.chip_hours,
                [
                    "hardware",
                    "chip_hours_reported",
                    "chip_hours_predicted",
                    "error",
                    "chip_hours_p05",
                    "chip_hours_p95",
                    "covered",
                ],
            ),
            "",
            "(b) energy and CO2 from reported chip-hours, the publisher's convention",
            show(
                self.energy,
                [
                    "convention",
                    "energy_kwh_reported",
                    "energy_kwh_predicted",
                    "energy_error",
                    "co2_kg_reported",
                    "co2_kg_predicted",
                    "co2_error",
                ],
            ),
            "",
            "(c) serving output tokens per second (fitted MBU and MFU, leave-one-out)",
            show(
                self.serving,
                [
                    "model",
                    "hardware",
                    "n_chips",
                    "tokens_per_s_reported",
                    "tokens_per_s_predicted",
                    "error",
                ],
            ),
            "",
            "Summary",
            self.summary.to_string(float_format=lambda v: f"{v:.3g}"),
            "",
            f"MFU fit on {len(fit.run_ids)} runs: log(mfu) = {fit.intercept:.3f} "
            f"{fit.per_decade:+.3f} (log10 N_act - 10) + "
            + ", ".join(f"{g} {v:+.3f}" for g, v in fit.offsets.items()),
            "Serving fit: " + ", ".join(f"{k} = {v:g}" for k, v in self.serving_fit.items()),
        ]
        return "\n".join(parts)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]:
        """Write the four tables as CSV files into ``directory``; return their paths."""
        os.makedirs(directory, exist_ok=True)
        paths = []
        for name in ("chip_hours", "energy", "serving", "summary"):
            path = os.path.join(directory, f"validation_{name}.csv")
            getattr(self, name).to_csv(path)
            paths.append(path)
        return paths


# ---------------------------------------------------------------- (a)


def _train_along_runs(runs: pd.DataFrame, hardware: pd.DataFrame, **arrays: Any) -> xr.Dataset:
    """train() along a ``run`` dimension, with the runs' own parameters.

    Only the metrics asked for matter; the inputs no metric here reads
    (memory, prices) are given neutral values so that accelerators without a
    catalog price still run.
    """
    from ._api import train

    def along(values: Any) -> xr.DataArray:
        return xr.DataArray(
            np.asarray(values, dtype=float), dims="run", coords={"run": runs.index.to_numpy()}
        )

    rows = hardware.loc[runs["hardware"]]
    base: dict[str, Any] = dict(
        params=along(runs["params_total"].fillna(runs["params_active"])),
        active_params=along(runs["params_active"].fillna(runs["params_total"])),
        memory_gb=along(rows["memory_gb"]),
        peak_flops=along(rows["peak_bf16_flops"].fillna(rows["peak_fp16_flops"])),
        gpu_price_usd=0.0,
        cloud_usd_per_gpu_hour=0.0,
        electricity_usd_per_kwh=0.0,
        pue=1.0,
        carbon_intensity_g_per_kwh=0.0,
    )
    if "measured_power_w" not in arrays:
        base["tdp_w"] = along(rows["tdp_w"])
    for name, value in arrays.items():
        base[name] = along(value) if isinstance(value, (pd.Series, np.ndarray)) else value
    return train(**base)


def _check_chip_hours(
    runs: pd.DataFrame, hardware: pd.DataFrame
) -> tuple[pd.DataFrame, _fidelity.MfuFit]:
    data = _fidelity.fit_data(runs, hardware)
    n = len(data)
    log_mfu_pred = np.empty(n)
    bounds = np.empty((n, 2))
    for i in range(n):
        others = data.drop(index=data.index[i])
        fit = _fidelity.fit_mfu(others.reset_index(), hardware)
        log_mfu_pred[i] = fit.log_mfu(data["active_params"].iloc[i], data["generation"].iloc[i])
        # Few hours go with a high MFU: the 5 % bound of hours takes the 95 %
        # residual of log MFU.
        bounds[i] = log_mfu_pred[i] + fit.residual_quantile([_INTERVAL[1], _INTERVAL[0]])
    mfu = xr.DataArray(
        np.exp(np.column_stack([log_mfu_pred, bounds])),
        dims=("run", "estimate"),
        coords={"run": data.index.to_numpy(), "estimate": ["median", "p05", "p95"]},
    )
    hours = _train_along_runs(
        data, hardware, tokens=data["training_tokens"], mfu=mfu, n_gpus=1.0, metrics=["gpu_hours"]
    )["gpu_hours"]
    reported = data["chip_hours"].to_numpy()
    predicted = hours.sel(estimate="median").to_numpy()
    low = hours.sel(estimate="p05").to_numpy()
    high = hours.sel(estimate="p95").to_numpy()
    table = pd.DataFrame(
        {
            "model": data["model"],
            "hardware": data["hardware"],
            "generation": data["generation"],
            "active_params": data["active_params"],
            "training_tokens": data["training_tokens"],
            "observed_mfu": data["observed_mfu"],
            "predicted_mfu": np.exp(log_mfu_pred),
            "chip_hours_reported": reported,
            "chip_hours_predicted": predicted,
            "error": predicted / reported - 1.0,
            "chip_hours_p05": low,
            "chip_hours_p95": high,
            "covered": (low <= reported) & (reported <= high),
            "source": data["source"],
        },
        index=data.index,
    )
    return table, _fidelity.fit_mfu(data.reset_index(), hardware)


# ---------------------------------------------------------------- (b)


def _check_energy(runs: pd.DataFrame, hardware: pd.DataFrame) -> pd.DataFrame:
    stated = runs[
        runs["chip_hours"].notna()
        & runs["energy_method"].notna()
        & runs["power_w_per_chip"].notna()
        & (runs["energy_kwh_reported"].notna() | runs["co2_kg_reported"].notna())
        & runs["hardware"].isin(hardware.index)
    ].set_index("id")
    pieces = []
    for convention, group in stated.groupby("convention", sort=True):
        measured = group["energy_method"] == "measured"
        if convention == "patterson" or bool(measured.any()):
            # Measured (or assumed) system power per chip, host included.
            power: dict[str, Any] = {"measured_power_w": group["power_w_per_chip"]}
            preset: str | None = "patterson"
        else:
            # The chip's rated (or capped) power; no host term.
            power = {"tdp_w": group["power_w_per_chip"]}
            preset = cast(str, convention) if convention in _fidelity.ENERGY_CONVENTIONS else None
        pue = group["pue_used"].fillna(
            _fidelity.ENERGY_CONVENTIONS.get(str(preset), {}).get("pue", 1.0)
        )
        grid = group["carbon_intensity_g_per_kwh_used"]
        # Hours are known: FLOPs play no part, so tokens stand in where unknown.
        ds = _train_along_runs(
            group,
            hardware,
            tokens=group["training_tokens"].fillna(1.0),
            known_gpu_hours=group["chip_hours"],
            pue=pue,
            carbon_intensity_g_per_kwh=grid.fillna(0.0),
            convention=preset,
            metrics=["energy_kwh", "co2_kg"],
            **power,
        )
        frame = pd.DataFrame(
            {
                "convention": convention,
                "energy_method": group["energy_method"],
                "chip_hours": group["chip_hours"],
                "power_w_per_chip": group["power_w_per_chip"],
                "pue": pue,
                "carbon_intensity_g_per_kwh": grid,
                "energy_kwh_reported": group["energy_kwh_reported"],
                "energy_kwh_predicted": ds["energy_kwh"].to_numpy(),
                "co2_kg_reported": group["co2_kg_reported"],
                "co2_kg_predicted": np.where(grid.notna(), ds["co2_kg"].to_numpy(), np.nan),
                "source": group["source"],
            },
            index=group.index,
        )
        pieces.append(frame)
    table = pd.concat(pieces).loc[list(stated.index)]
    table["energy_error"] = table["energy_kwh_predicted"] / table["energy_kwh_reported"] - 1.0
    table["co2_error"] = table["co2_kg_predicted"] / table["co2_kg_reported"] - 1.0
    # Where the publisher gives CO2 but not the grid factor (Meta's cards), the
    # factor their figures imply is shown instead of an error.
    table["implied_g_per_kwh"] = np.where(
        table["carbon_intensity_g_per_kwh"].isna(),
        table["co2_kg_reported"] * 1000.0 / table["energy_kwh_predicted"],
        np.nan,
    )
    return table


# ---------------------------------------------------------------- (c)


def system_tokens_per_s(batch: Any, output_tokens: Any, prefill_s: Any, decode_step_s: Any) -> Any:
    """Output tokens per second of a replica that serves whole requests.

    The serving kernel's ``tokens_per_s`` counts decode steps only. A
    benchmark's throughput also pays for the prefill of every request: a
    batch of ``batch`` requests takes ``batch * prefill_s`` of prefill and
    ``output_tokens * decode_step_s`` of decode, and yields ``batch *
    output_tokens`` tokens.
    """
    return batch * output_tokens / (batch * prefill_s + output_tokens * decode_step_s)


def _serving_grid(rows: pd.DataFrame) -> np.ndarray:
    """Predicted system throughput of each row at each (mbu, mfu_inference)."""
    from ._api import serve

    mbu = xr.DataArray(list(SERVING_MBU_GRID), dims="mbu")
    mfu = xr.DataArray(list(SERVING_MFU_GRID), dims="mfu_inference")
    out = np.empty((len(rows), len(SERVING_MBU_GRID), len(SERVING_MFU_GRID)))
    row: Any  # a named tuple of the table's columns
    for k, row in enumerate(rows.itertuples()):
        batches = [row.batch] if np.isfinite(row.batch) else _BATCHES
        batch = xr.DataArray(np.asarray(batches, dtype=float), dims="batch")
        ds = serve(
            model=row.model,
            hardware=row.hardware,
            precision=row.precision,
            batch=batch,
            prompt_tokens=row.input_tokens,
            output_tokens=row.output_tokens,
            mbu=mbu,
            mfu_inference=mfu,
            # An fp8 engine keeps an fp8 KV cache (TensorRT-LLM's default
            # for fp8 checkpoints); 16-bit otherwise.
            kv_bytes_per_value=1.0 if row.precision in ("fp8", "int8") else 2.0,
            tdp_w=1.0,
            pue=1.0,
            carbon_intensity_g_per_kwh=0.0,
            cloud_usd_per_gpu_hour=0.0,
            gpu_price_usd=0.0,
            electricity_usd_per_kwh=0.0,
            metrics=["gpus_per_replica", "decode_step_s", "prefill_s"],
        )
        tokens = system_tokens_per_s(batch, row.output_tokens, ds["prefill_s"], ds["decode_step_s"])
        # The published system is one replica of n_chips (tensor parallel).
        tokens = tokens.where(ds["gpus_per_replica"] == row.n_chips, 0.0)
        out[k] = tokens.max("batch").transpose("mbu", "mfu_inference").to_numpy()
    return out


def _best(grid: np.ndarray, reported: np.ndarray) -> tuple[int, int]:
    """The (mbu, mfu) cell with the least median absolute log error."""
    with np.errstate(divide="ignore"):
        error = np.abs(np.log(grid / reported[:, None, None]))
    score = np.median(error, axis=0)
    i, j = np.unravel_index(int(np.argmin(score)), score.shape)
    return int(i), int(j)


def _check_serving(serving: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    rows = serving[serving["input_tokens"].notna() & serving["output_tokens"].notna()].set_index(
        "id"
    )
    grid = _serving_grid(rows)
    reported = rows["tokens_per_s"].to_numpy()
    predicted = np.empty(len(rows))
    chosen = []
    for k in range(len(rows)):
        keep = np.arange(len(rows)) != k
        i, j = _best(grid[keep], reported[keep])
        predicted[k] = grid[k, i, j]
        chosen.append((SERVING_MBU_GRID[i], SERVING_MFU_GRID[j]))
    i, j = _best(grid, reported)
    fit = {"mbu": float(SERVING_MBU_GRID[i]), "mfu_inference": float(SERVING_MFU_GRID[j])}
    table = pd.DataFrame(
        {
            "model": rows["model"],
            "hardware": rows["hardware"],
            "n_chips": rows["n_chips"],
            "precision": rows["precision"],
            "input_tokens": rows["input_tokens"],
            "output_tokens": rows["output_tokens"],
            "tokens_per_s_reported": reported,
            "tokens_per_s_predicted": predicted,
            "error": predicted / reported - 1.0,
            "mbu_used": [c[0] for c in chosen],
            "mfu_inference_used": [c[1] for c in chosen],
            "source": rows["source"],
        },
        index=rows.index,
    )
    return table, fit


# ---------------------------------------------------------------- summary


def _summary(hours: pd.DataFrame, energy: pd.DataFrame, serving: pd.DataFrame) -> pd.DataFrame:
    def stats(errors: pd.Series) -> dict[str, float]:
        values = errors.dropna().abs()
        return {
            "n": len(values),
            "median_abs_error": float(values.median()),
            "worst_abs_error": float(values.max()),
        }

    within = serving[serving["error"].abs() <= TARGETS["serving_abs_error"]]
    pairs = within.groupby(["hardware", "model"]).ngroups
    figures = pd.concat([energy["energy_error"], energy["co2_error"]])
    rows = {
        "(a) chip-hours, leave-one-out": {
            **stats(hours["error"]),
            "share_meeting": float(hours["covered"].mean()),
            "meets": "90 % interval covers",
            "target": f"median <= {TARGETS['chip_hours_median_abs_error']:.0%}, coverage >= "
            f"{TARGETS['chip_hours_interval_coverage']:.0%}",
        },
        "(b) energy and CO2 from chip-hours": {
            **stats(figures),
            "share_meeting": float(
                (figures.dropna().abs() <= TARGETS["energy_max_abs_error"]).mean()
            ),
            "meets": f"within {TARGETS['energy_max_abs_error']:.0%}",
            "target": f"every figure within {TARGETS['energy_max_abs_error']:.0%}",
        },
        "(c) serving tokens/s, leave-one-out": {
            **stats(serving["error"]),
            "share_meeting": float((serving["error"].abs() <= TARGETS["serving_abs_error"]).mean()),
            "meets": f"within {TARGETS['serving_abs_error']:.0%} ({pairs} pairs)",
            "target": f">= {TARGETS['serving_pairs']} hardware-model pairs within "
            f"{TARGETS['serving_abs_error']:.0%}",
        },
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def validate(runs: pd.DataFrame | None = None, serving: pd.DataFrame | None = None) -> Validation:
    """Check the model against published training runs and serving benchmarks.

    Parameters
    ----------
    runs, serving : pandas.DataFrame, optional
        Tables with the columns of ``validation_runs.csv`` and
        ``validation_serving.csv`` (default: the shipped ones,
        :func:`computedivide.catalog.load_validation`). Pass your own to
        check further runs.

    Returns
    -------
    Validation
        The three tables (``chip_hours``, ``energy``, ``serving``), a
        ``summary`` and the fits; ``print()`` shows them all.

    Examples
    --------
    >>> import computedivide as cd
    >>> result = cd.validate()
    >>> bool(result.energy["energy_error"].abs().max() <= 0.02)
    True
    """
    runs = catalog.load_validation("runs") if runs is None else runs
    serving = catalog.load_validation("serving") if serving is None else serving
    hardware = catalog.table("hardware")
    hours, fit = _check_chip_hours(runs, hardware)
    energy = _check_energy(runs, hardware)
    served, serving_fit = _check_serving(serving)
    return Validation(hours, energy, served, _summary(hours, energy, served), fit, serving_fit)
