"""The reference: MODEL.md's formulas in plain NumPy, slow and obvious on purpose.

This module is the oracle that the compiled core is tested against. It takes
the same inputs as the core kernels (a mapping from input name to an array;
the arrays broadcast against each other) and returns every output. It shares
no code with the core: a formula changed in one place and not the other
fails the property tests.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

SECONDS_PER_HOUR = 3600.0
SECONDS_PER_DAY = 86400.0
DAYS_PER_YEAR = 365.25
HOURS_PER_YEAR = DAYS_PER_YEAR * 24.0
HOURS_PER_MONTH = HOURS_PER_YEAR / 12.0
BYTES_PER_GB = 1e9


def _accelerator_power_w(x: Mapping[str, np.ndarray]) -> np.ndarray:
    """Average power per accelerator (W): measured where given (> 0), else from TDP."""
    return np.where(
        x["measured_power_w"] > 0,
        x["measured_power_w"],
        x["tdp_w"] * x["power_share"] + x["host_overhead_w"],
    )


def train(inputs: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """Training metrics (MODEL.md section 2) for broadcastable inputs.

    Parameters
    ----------
    inputs : mapping of str to array_like
        The training kernel's inputs, by name (see
        ``computedivide._core.train_input_names()``); ``n_gpus`` of 0 means
        "size the cluster to meet ``wall_days_budget``".

    Returns
    -------
    dict of str to numpy.ndarray
        Every training output, broadcast to the common shape.
    """
    x = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}

    attention = np.where(
        x["attention_flops"] != 0,
        6.0
        * x["layers"]
        * x["context_tokens"]
        * x["d_model"]
        * x["tokens"]
        * np.where(x["causal_attention"] != 0, 0.5, 1.0),
        0.0,
    )
    # With adapters (LoRA, QLoRA) the frozen weights take forward and
    # activation-gradient passes (4 FLOPs per parameter and token) and the
    # adapter all three passes (6); without, every parameter trains (6).
    adapters = x["adapter_share"] > 0
    adapter_params = x["adapter_share"] * x["params"]
    flops_per_token = np.where(
        adapters, 4.0 * x["active_params"] + 6.0 * adapter_params, 6.0 * x["active_params"]
    )
    train_flops = flops_per_token * x["tokens"] + attention
    forward_flops = 2.0 * (x["active_params"] + adapter_params) * x["tokens"] + attention / 3.0
    hardware_flops = np.where(
        x["activation_recompute"] != 0, train_flops + forward_flops, train_flops
    )
    gpu_seconds = np.where(
        x["known_gpu_hours"] > 0,
        x["known_gpu_hours"] * SECONDS_PER_HOUR,
        np.where(
            x["known_wall_days"] > 0,
            x["n_gpus"] * x["known_wall_days"] * SECONDS_PER_DAY,
            train_flops / (x["peak_flops"] * x["mfu"]),
        ),
    )
    gpu_hours = gpu_seconds / SECONDS_PER_HOUR

    parameter_bytes = np.where(
        adapters,
        x["params"] * x["frozen_bytes_per_param"] + adapter_params * x["train_bytes_per_param"],
        x["params"] * x["train_bytes_per_param"],
    )
    state_bytes = parameter_bytes + x["activation_gb"] * BYTES_PER_GB
    usable_bytes = x["memory_gb"] * BYTES_PER_GB * x["usable_memory_share"]
    min_gpus_memory = np.maximum(1.0, np.ceil(state_bytes / usable_bytes))
    gpus_for_budget = np.ceil(gpu_seconds / (x["wall_days_budget"] * SECONDS_PER_DAY))
    n_gpus = np.where(x["n_gpus"] > 0, x["n_gpus"], np.maximum(gpus_for_budget, min_gpus_memory))
    fits_memory = np.where(n_gpus >= min_gpus_memory, 1.0, 0.0)
    wall_days = gpu_seconds / n_gpus / SECONDS_PER_DAY
    wall_years = wall_days / DAYS_PER_YEAR

    watts_per_gpu = _accelerator_power_w(x)
    energy_kwh = gpu_hours * watts_per_gpu * x["pue"] / 1000.0
    co2_kg = energy_kwh * x["carbon_intensity_g_per_kwh"] / 1000.0
    co2_embodied_kg = n_gpus * x["embodied_kg_per_gpu"] * wall_years / x["hardware_lifetime_years"]
    water_l = energy_kwh / x["pue"] * x["wue_l_per_kwh"] + energy_kwh * x["grid_water_l_per_kwh"]

    cost_rent_usd = (
        gpu_hours
        * x["cloud_usd_per_gpu_hour"]
        * x["region_price_multiplier"]
        * x["discount_multiplier"]
    )
    capex_usd = n_gpus * x["gpu_price_usd"] * (1.0 + x["cluster_overhead"])
    cost_own_usd = (
        capex_usd * wall_years / x["amortisation_years"] + energy_kwh * x["electricity_usd_per_kwh"]
    )
    out = {
        "train_flops": train_flops,
        "hardware_flops": hardware_flops,
        "gpu_hours": gpu_hours,
        "implied_mfu": train_flops / (x["peak_flops"] * gpu_seconds),
        "n_gpus_used": n_gpus,
        "wall_days": wall_days,
        "min_gpus_memory": min_gpus_memory,
        "fits_memory": fits_memory,
        "energy_kwh": energy_kwh,
        "co2_kg": co2_kg,
        "co2_embodied_kg": co2_embodied_kg,
        "water_l": water_l,
        "cost_rent_usd": cost_rent_usd,
        "cost_own_usd": cost_own_usd,
        "capex_usd": capex_usd,
    }
    shape = np.broadcast_shapes(*(a.shape for a in x.values()))
    return {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}


def serve(inputs: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """Serving metrics (MODEL.md section 3) for broadcastable inputs.

    Parameters
    ----------
    inputs : mapping of str to array_like
        The serving kernel's inputs, by name (see
        ``computedivide._core.serve_input_names()``).

    Returns
    -------
    dict of str to numpy.ndarray
        Every serving output, broadcast to the common shape.
    """
    x = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}

    weights_bytes = x["params"] * x["weight_bytes_per_param"]
    kv_bytes_per_token = 2.0 * x["layers"] * x["kv_heads"] * x["head_dim"] * x["kv_bytes_per_value"]
    kv_bytes_per_seq = kv_bytes_per_token * (x["prompt_tokens"] + x["output_tokens"])
    usable_bytes = x["memory_gb"] * BYTES_PER_GB * x["usable_memory_share"]
    gpus_per_replica = np.maximum(
        1.0, np.ceil((weights_bytes + x["batch"] * kv_bytes_per_seq) / usable_bytes)
    )

    replica_flops_per_s = x["peak_flops"] * gpus_per_replica
    replica_bytes_per_s = x["bandwidth_gb_s"] * BYTES_PER_GB * gpus_per_replica
    compute_s = 2.0 * x["active_params"] * x["batch"] / (replica_flops_per_s * x["mfu_inference"])
    mean_context = x["prompt_tokens"] + 0.5 * x["output_tokens"]
    kv_read_bytes = x["batch"] * mean_context * kv_bytes_per_token
    memory_s = (weights_bytes + kv_read_bytes) / (replica_bytes_per_s * x["mbu"])
    decode_step_s = np.maximum(compute_s, memory_s)
    tokens_per_s = x["batch"] / decode_step_s
    prefill_s = (
        2.0 * x["active_params"] * x["prompt_tokens"] / (replica_flops_per_s * x["mfu_inference"])
    )

    replica_kw = gpus_per_replica * _accelerator_power_w(x) * x["pue"] / 1000.0
    rent_per_hour = (
        gpus_per_replica
        * x["cloud_usd_per_gpu_hour"]
        * x["region_price_multiplier"]
        * x["discount_multiplier"]
    )
    own_per_hour = (
        gpus_per_replica
        * x["gpu_price_usd"]
        * (1.0 + x["cluster_overhead"])
        / (x["amortisation_years"] * HOURS_PER_YEAR)
        + replica_kw * x["electricity_usd_per_kwh"]
    )
    million_tokens_per_hour = tokens_per_s * SECONDS_PER_HOUR / 1e6
    kwh_per_mtok = replica_kw / million_tokens_per_hour

    demand_tokens_per_s = (
        x["users"] * x["requests_per_user_per_day"] * x["output_tokens"] / SECONDS_PER_DAY
    )
    replicas = np.ceil(demand_tokens_per_s / (tokens_per_s * x["target_utilization"]))
    monthly_energy_kwh = replicas * replica_kw * HOURS_PER_MONTH
    out = {
        "weights_gb": weights_bytes / BYTES_PER_GB,
        "kv_gb_per_seq": kv_bytes_per_seq / BYTES_PER_GB,
        "gpus_per_replica": gpus_per_replica,
        "decode_step_s": decode_step_s,
        "tokens_per_s": tokens_per_s,
        "prefill_s": prefill_s,
        "usd_per_mtok_rent": rent_per_hour / million_tokens_per_hour,
        "usd_per_mtok_own": own_per_hour / million_tokens_per_hour,
        "kwh_per_mtok": kwh_per_mtok,
        "co2_g_per_mtok": kwh_per_mtok * x["carbon_intensity_g_per_kwh"],
        "replicas": replicas,
        "monthly_cost_rent_usd": replicas * rent_per_hour * HOURS_PER_MONTH,
        "monthly_cost_own_usd": replicas * own_per_hour * HOURS_PER_MONTH,
        "monthly_energy_kwh": monthly_energy_kwh,
        "monthly_co2_kg": monthly_energy_kwh * x["carbon_intensity_g_per_kwh"] / 1000.0,
    }
    shape = np.broadcast_shapes(*(a.shape for a in x.values()))
    return {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}


def afford(inputs: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """A payer's budget against a cost (MODEL.md section 4).

    Parameters
    ----------
    inputs : mapping of str to array_like
        ``cost_usd``, ``budget_usd`` (NaN where the payer has no figure),
        ``budget_share`` and ``population``.

    Returns
    -------
    dict of str to numpy.ndarray
        ``cost_share_of_budget`` (NaN where the budget is missing),
        ``within_reach`` and ``population_within_reach`` (0 there),
        ``runs_affordable``.
    """
    x = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}
    spendable_usd = x["budget_share"] * x["budget_usd"]
    with np.errstate(invalid="ignore"):
        within_reach = np.where(x["cost_usd"] <= spendable_usd, 1.0, 0.0)
    out = {
        "cost_share_of_budget": x["cost_usd"] / x["budget_usd"],
        "within_reach": within_reach,
        "runs_affordable": np.floor(spendable_usd / x["cost_usd"]),
        "population_within_reach": within_reach * x["population"],
    }
    shape = np.broadcast_shapes(*(a.shape for a in x.values()))
    return {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}


def access(inputs: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """An individual's monthly income against the price of access (MODEL.md section 4).

    Parameters
    ----------
    inputs : mapping of str to array_like
        The access kernel's inputs, by name (see
        ``computedivide._core.access_input_names()``).

    Returns
    -------
    dict of str to numpy.ndarray
        Every access output, broadcast to the common shape.
    """
    x = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}
    api_usd = (
        x["usd_per_mtok_input"] * x["input_mtok_per_month"]
        + x["usd_per_mtok_output"] * x["output_mtok_per_month"]
    )
    hardware_usd = x["hardware_price_usd"] / (x["hardware_lifetime_years"] * 12.0)
    kwh_per_month = x["power_w"] / 1000.0 * x["hours_per_day"] * DAYS_PER_YEAR / 12.0
    with np.errstate(invalid="ignore"):
        electricity_usd = np.where(
            x["power_w"] > 0, kwh_per_month * x["electricity_usd_per_kwh"], 0.0
        )
    monthly_price_usd = x["subscription_usd_per_month"] + api_usd + hardware_usd + electricity_usd
    share = monthly_price_usd / (x["gni_per_capita_usd"] / 12.0)
    with np.errstate(invalid="ignore"):
        affordable = np.where(share <= x["income_share_threshold"], 1.0, 0.0)
    population_affordable = affordable * x["population"]
    out = {
        "monthly_price_usd": monthly_price_usd,
        "share_of_monthly_income": share,
        "hours_of_work": monthly_price_usd / (x["gni_per_capita_usd"] / x["work_hours_per_year"]),
        "affordable": affordable,
        "population_affordable": population_affordable,
        "internet_users_affordable": population_affordable * x["internet_users_share"],
    }
    shape = np.broadcast_shapes(*(a.shape for a in x.values()))
    return {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}


def develop(inputs: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """The development budget in parts (MODEL.md section 6).

    Parameters
    ----------
    inputs : mapping of str to array_like
        The develop kernel's inputs, by name (see
        ``computedivide._core.develop_input_names()``).

    Returns
    -------
    dict of str to numpy.ndarray
        Every develop output, broadcast to the common shape.
    """
    x = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}
    final = x["final_run_usd"]
    experiments = final * (x["experiments_multiplier"] - 1.0)
    staff = x["staff"] * x["salary_usd_per_year"] * x["staff_months"] / 12.0
    data = x["data_tokens"] / 1e6 * x["data_usd_per_mtok"] + (
        x["annotated_examples"] * x["usd_per_example"]
    )
    total = final + experiments + staff + data
    out = {
        "compute_final_usd": final,
        "compute_experiments_usd": experiments,
        "staff_usd": staff,
        "data_usd": data,
        "total_usd": total,
        "staff_share": staff / total,
    }
    shape = np.broadcast_shapes(*(a.shape for a in x.values()))
    return {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}
