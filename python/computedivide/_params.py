"""The parameters of the model: one table, with unit, default, range and source.

This table drives argument validation, the documented defaults, the command
line and the docs. Names match the inputs of the compiled kernels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

INF: Final = math.inf


@dataclass(frozen=True)
class Param:
    """One scalar model parameter.

    Attributes
    ----------
    name : str
        Argument name (also the kernel input name).
    unit : str
        Unit of the value ("1" for dimensionless counts and ratios).
    doc : str
        What it is, in one line.
    default : float or None
        Documented default. ``None`` means it comes from a catalog entry
        (``model=``, ``hardware=``, ``region=``) or must be given.
    low, high : float
        Allowed range.
    low_open, high_open : bool
        Whether the bounds are excluded.
    integer : bool
        Whether the value must be a whole number.
    flag : bool
        Whether the value is a boolean switch (given as ``True``/``False``).
    source : str
        Where the default comes from.
    """

    name: str
    unit: str
    doc: str
    default: float | None = None
    low: float = 0.0
    high: float = INF
    low_open: bool = True
    high_open: bool = False
    integer: bool = False
    flag: bool = False
    source: str = ""

    def range_text(self) -> str:
        """The allowed range, in words, for error messages and docs."""
        if self.flag:
            return "True or False"
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open or self.high == INF else "]"
        high = "inf" if self.high == INF else f"{self.high:g}"
        kind = "a whole number in " if self.integer else ""
        return f"{kind}{lo}{self.low:g}, {high}{hi}"

    def admitted(self, values: np.ndarray) -> np.ndarray:
        """Element-wise: whether each finite value lies in the allowed range."""
        if self.flag:
            return np.asarray((values == 0.0) | (values == 1.0))
        ok = values > self.low if self.low_open else values >= self.low
        ok &= values < self.high if self.high_open else values <= self.high
        if self.integer:
            ok &= values == np.floor(values)
        return np.asarray(ok)


# --------------------------------------------------------------- sources
_ZERO = "Rajbhandari et al. 2020, ZeRO (arXiv 1910.02054), section 3.1"
_ASSUMED = "computedivide assumption; sweep it to see its effect"
_COTTIER = "Cottier et al. 2024, The rising costs of training frontier AI models (arXiv 2405.21015)"
_LUCCIONI = (
    "Luccioni, Viguier, Ligozat 2022, Estimating the carbon footprint of BLOOM (arXiv 2211.02001)"
)
_LI_WATER = "Li, Yang, Islam, Ren 2023, Making AI less thirsty (arXiv 2304.03271)"

# ------------------------------------------------- shared by both kernels
_MODEL_SHAPE = [
    Param("params", "1", "total parameters N", integer=False),
    Param(
        "active_params",
        "1",
        "parameters active per token N_act (MoE); defaults to params",
    ),
    Param("layers", "1", "transformer layers L", low=1, low_open=False, integer=True),
]

_SERVING_FIT = (
    "fitted on 21 published TensorRT-LLM throughputs (computedivide validate, docs/validation.md)"
)

_POWER = [
    Param("tdp_w", "W", "accelerator board power (TDP)"),
    Param(
        "power_share",
        "1",
        "average power as a share of TDP (1 = TDP, the Meta model-card convention)",
        default=1.0,
        high=1.5,
        source="Meta Llama 2 model card convention (TDP); measured averages are "
        "lower, see Patterson et al. 2021 (arXiv 2104.10350) table 4",
    ),
    Param(
        "host_overhead_w",
        "W",
        "host power per accelerator (CPU, memory, network) beyond the TDP",
        default=0.0,
        low_open=False,
        source="0 reproduces the TDP-only convention of model cards",
    ),
    Param(
        "measured_power_w",
        "W",
        "measured average power per accelerator, host share included; replaces "
        "tdp_w * power_share + host_overhead_w",
    ),
    Param(
        "pue",
        "1",
        "data-centre power usage effectiveness",
        low=1.0,
        low_open=False,
        high=3.0,
    ),
    Param(
        "carbon_intensity_g_per_kwh",
        "g CO2e/kWh",
        "grid carbon intensity (location based)",
        low_open=False,
        high=2000.0,
    ),
]

_MONEY = [
    Param("cloud_usd_per_gpu_hour", "USD/h", "on-demand rent per accelerator-hour", low_open=False),
    Param(
        "region_price_multiplier",
        "1",
        "regional multiplier on the cloud rent",
        default=1.0,
        source="not gathered per region yet: 1 means list price",
    ),
    Param(
        "discount_multiplier",
        "1",
        "academic or committed-use discount as a multiplier on the rent "
        "(0.45 = 55 % off); may vary by payer or provider",
        default=1.0,
        high=1.0,
        source="1: list price; computedivide.DISCOUNTS lists published discounts",
    ),
    Param("gpu_price_usd", "USD", "purchase price per accelerator", low_open=False),
    Param(
        "cluster_overhead",
        "1",
        "servers, networking and cluster hardware as a share of the accelerator price",
        default=1.02,
        low_open=False,
        high=10.0,
        source=_COTTIER + ": servers cost 1.64x the chips and the interconnect "
        "19 % of the cluster, so a cluster is 1.64 / 0.81 = 2.02x the chips",
    ),
    Param(
        "amortisation_years",
        "year",
        "period over which owned hardware is amortised",
        default=3.1,
        high=30.0,
        source=_COTTIER + ": depreciation of 0.14 orders of magnitude per year "
        "(0.322 per year) is worth a 3.1-year straight-line life",
    ),
    Param(
        "electricity_usd_per_kwh",
        "USD/kWh",
        "electricity price at the data centre",
        low_open=False,
        high=10.0,
    ),
]

_MEMORY = [
    Param("memory_gb", "GB", "memory per accelerator"),
    Param(
        "usable_memory_share",
        "1",
        "share of accelerator memory usable for weights, state and cache",
        default=0.9,
        high=1.0,
        source=_ASSUMED + " (framework buffers and fragmentation take the rest)",
    ),
]

TRAIN_PARAMS: Final[tuple[Param, ...]] = tuple(
    _MODEL_SHAPE
    + [
        Param("d_model", "1", "model width d", low=1, low_open=False, integer=True),
        Param(
            "context_tokens",
            "token",
            "training sequence length T (for the attention FLOPs term)",
            low=1,
            low_open=False,
        ),
        Param("tokens", "token", "training tokens D"),
        Param(
            "attention_flops",
            "1",
            "add the attention term 6*L*T*d*D (Kaplan et al. 2020, table 1)",
            default=0.0,
            flag=True,
            source="Kaplan et al. 2020, Scaling laws for neural language models "
            "(arXiv 2001.08361), table 1",
        ),
        Param(
            "causal_attention",
            "1",
            "halve the attention term for causal masking",
            default=0.0,
            flag=True,
            source="off by default, as MODEL.md section 2 states; a causal mask "
            "skips half of the score matrix",
        ),
        Param(
            "activation_recompute",
            "1",
            "full activation recomputation: hardware FLOPs are 8/6 of model FLOPs",
            default=0.0,
            flag=True,
            source="Korthikanti et al. 2022 (arXiv 2205.05198); Chowdhery et al. "
            "2022 (PaLM), appendix B",
        ),
        Param("peak_flops", "FLOP/s", "dense peak per accelerator at the precision"),
        Param(
            "mfu",
            "1",
            "model FLOPs utilisation",
            default=0.375,
            high=1.0,
            source="fitted on published runs by active parameters and accelerator "
            "generation when hardware= names a catalog accelerator (docs/validation.md); "
            "0.375 otherwise: Epoch AI's median of 33 reported values, as used by " + _COTTIER,
        ),
        Param(
            "known_gpu_hours",
            "h",
            "reported accelerator-hours; replace train_flops / (peak_flops mfu) / 3600",
        ),
        Param(
            "known_wall_days",
            "day",
            "reported training days on n_gpus accelerators; replace the estimate from FLOPs",
        ),
        Param(
            "n_gpus",
            "1",
            "accelerators in the cluster (default: enough to meet wall_days_budget)",
            low=1,
            low_open=False,
            integer=True,
        ),
        Param(
            "wall_days_budget",
            "day",
            "wall-clock budget used to size the cluster when n_gpus is not given",
            default=33.0,
            high=3650.0,
            source="Epoch AI: median training time of frontier models, 793.5 h, "
            "as used by " + _COTTIER,
        ),
    ]
    + _MEMORY
    + [
        Param(
            "train_bytes_per_param",
            "byte",
            "training state per parameter (mixed precision Adam: 16)",
            default=16.0,
            source=_ZERO,
        ),
        Param(
            "adapter_share",
            "1",
            "adapter (LoRA) parameters as a share of params; 0 trains every parameter "
            "(pre-training, full fine-tuning)",
            default=0.0,
            low_open=False,
            high=1.0,
            source="0: every parameter trains; cd.finetune() sets it from the model "
            "shape and lora_rank (Hu et al. 2021, arXiv 2106.09685)",
        ),
        Param(
            "frozen_bytes_per_param",
            "byte",
            "bytes per frozen weight when adapter_share > 0 (2 = 16-bit LoRA, "
            "0.516 = QLoRA's 4-bit NF4 with double quantisation)",
            default=2.0,
            source="16-bit frozen weights (LoRA, Hu et al. 2021); QLoRA: Dettmers "
            "et al. 2023 (arXiv 2305.14314), section 3",
        ),
        Param(
            "activation_gb",
            "GB",
            "activation memory of the whole job, beyond the training state",
            default=0.0,
            low_open=False,
            source="0: activations are not counted unless given",
        ),
    ]
    + _POWER
    + [
        Param(
            "embodied_kg_per_gpu",
            "kg CO2e",
            "embodied emissions per accelerator (catalog value where published)",
            default=150.0,
            low_open=False,
            source=_LUCCIONI + ", per A100 GPU",
        ),
        Param(
            "hardware_lifetime_years",
            "year",
            "lifetime over which embodied emissions are spread",
            default=6.0,
            high=30.0,
            source=_LUCCIONI,
        ),
    ]
    + _MONEY
    + [
        Param(
            "wue_l_per_kwh",
            "L/kWh",
            "on-site water usage effectiveness (per kWh of IT energy)",
            default=0.55,
            low_open=False,
            high=20.0,
            source=_LI_WATER + ", US average",
        ),
        Param(
            "grid_water_l_per_kwh",
            "L/kWh",
            "off-site water consumed per kWh of electricity generated",
            default=3.14,
            low_open=False,
            high=100.0,
            source=_LI_WATER + ", US average",
        ),
    ]
)

SERVE_PARAMS: Final[tuple[Param, ...]] = tuple(
    _MODEL_SHAPE
    + [
        Param(
            "kv_heads",
            "1",
            "key/value heads (grouped-query attention)",
            low=1,
            low_open=False,
            integer=True,
        ),
        Param("head_dim", "1", "dimension per attention head", low=1, low_open=False, integer=True),
        Param(
            "batch",
            "sequence",
            "concurrent sequences decoded together per replica",
            default=1.0,
            low=1,
            low_open=False,
            integer=True,
            source="1: a single user's latency-bound decode; sweep it for throughput",
        ),
        Param(
            "prompt_tokens",
            "token",
            "input tokens per request",
            default=1000.0,
            low_open=False,
            source=_ASSUMED,
        ),
        Param(
            "output_tokens", "token", "output tokens per request", default=500.0, source=_ASSUMED
        ),
        Param(
            "weight_bytes_per_param",
            "byte",
            "bytes per weight (2 = 16 bit, 1 = 8 bit, 0.5 = 4 bit); default from precision",
        ),
        Param(
            "kv_bytes_per_value",
            "byte",
            "bytes per cached key or value element",
            default=2.0,
            source="16-bit KV cache, the common default of serving engines",
        ),
    ]
    + _MEMORY
    + [
        Param("peak_flops", "FLOP/s", "dense peak per accelerator at the precision"),
        Param(
            "mfu_inference",
            "1",
            "FLOPs utilisation of prefill and compute-bound decode",
            default=0.45,
            high=1.0,
            source=_SERVING_FIT + "; Pope et al. 2022 (arXiv 2211.05102) reach 0.76 "
            "in prefill on TPU v4",
        ),
        Param("bandwidth_gb_s", "GB/s", "memory bandwidth per accelerator"),
        Param(
            "mbu",
            "1",
            "memory-bandwidth utilisation of decode",
            default=0.55,
            high=1.0,
            source=_SERVING_FIT + "; Agarwal et al. (Databricks) 2023 work an example at 0.5",
        ),
    ]
    + _POWER
    + _MONEY
    + [
        Param(
            "users",
            "user",
            "users of the service (load variables appear when given)",
            low_open=False,
        ),
        Param(
            "requests_per_user_per_day",
            "request/day",
            "requests each user sends per day",
            default=10.0,
            low_open=False,
            source=_ASSUMED,
        ),
        Param(
            "target_utilization",
            "1",
            "average share of decode capacity in use (headroom for peaks)",
            default=0.5,
            high=1.0,
            source=_ASSUMED,
        ),
    ]
)

TRAIN_PARAM: Final = {p.name: p for p in TRAIN_PARAMS}
SERVE_PARAM: Final = {p.name: p for p in SERVE_PARAMS}


@dataclass(frozen=True)
class Output:
    """One result variable: unit and meaning."""

    name: str
    unit: str
    doc: str


TRAIN_OUTPUTS: Final[tuple[Output, ...]] = (
    Output("train_flops", "FLOP", "model FLOPs: 6 N_act D (+ attention term)"),
    Output("hardware_flops", "FLOP", "FLOPs executed, activation recomputation included"),
    Output(
        "gpu_hours", "h", "accelerator-hours: train_flops / (peak_flops mfu) / 3600, or as known"
    ),
    Output(
        "implied_mfu",
        "1",
        "train_flops / (peak_flops x accelerator-seconds): mfu, unless the hours are known",
    ),
    Output(
        "n_gpus_used", "1", "accelerators used: n_gpus, or the fewest meeting the budget and memory"
    ),
    Output("wall_days", "day", "wall-clock training time"),
    Output("min_gpus_memory", "1", "accelerators needed to hold the training state"),
    Output("fits_memory", "bool", "True where n_gpus_used >= min_gpus_memory"),
    Output("energy_kwh", "kWh", "energy at the meter"),
    Output("co2_kg", "kg CO2e", "operational emissions: energy_kwh * carbon intensity / 1000"),
    Output("co2_embodied_kg", "kg CO2e", "embodied emissions amortised over the run"),
    Output("water_l", "L", "on-site and off-site water"),
    Output("cost_rent_usd", "USD", "rent: gpu_hours * cloud price * region multiplier"),
    Output("cost_own_usd", "USD", "own: amortised hardware over wall time plus electricity"),
    Output("capex_usd", "USD", "capital to start: n_gpus * price * (1 + cluster_overhead)"),
)

SERVE_OUTPUTS: Final[tuple[Output, ...]] = (
    Output("weights_gb", "GB", "weights at the serving precision"),
    Output("kv_gb_per_seq", "GB", "KV cache of one sequence (prompt + output)"),
    Output("gpus_per_replica", "1", "accelerators per replica for weights and KV cache"),
    Output("decode_step_s", "s", "time of one decode step of the batch (roofline)"),
    Output("tokens_per_s", "token/s", "decode output tokens per second per replica"),
    Output("prefill_s", "s", "prefill time of one prompt on one replica"),
    Output("usd_per_mtok_rent", "USD/Mtoken", "rent cost per million output tokens"),
    Output("usd_per_mtok_own", "USD/Mtoken", "own cost per million output tokens"),
    Output("kwh_per_mtok", "kWh/Mtoken", "energy per million output tokens"),
    Output("co2_g_per_mtok", "g CO2e/Mtoken", "operational CO2 per million output tokens"),
    Output("replicas", "1", "replicas needed for the load"),
    Output("monthly_cost_rent_usd", "USD/month", "rent for the load, per month"),
    Output("monthly_cost_own_usd", "USD/month", "owning cost for the load, per month"),
    Output("monthly_energy_kwh", "kWh/month", "energy for the load, per month"),
    Output("monthly_co2_kg", "kg CO2e/month", "operational CO2 for the load, per month"),
)

SERVE_LOAD_OUTPUTS: Final = frozenset(
    {
        "replicas",
        "monthly_cost_rent_usd",
        "monthly_cost_own_usd",
        "monthly_energy_kwh",
        "monthly_co2_kg",
    }
)

# Precisions and the catalog column of their peak; bytes per weight at each.
PRECISION_PEAK_COLUMN: Final = {
    "fp32": "peak_fp32_flops",
    "tf32": "peak_tf32_flops",
    "bf16": "peak_bf16_flops",
    "fp16": "peak_fp16_flops",
    "fp8": "peak_fp8_flops",
    "int8": "peak_int8_ops",
}
PRECISION_WEIGHT_BYTES: Final = {
    "fp32": 4.0,
    "tf32": 4.0,
    "bf16": 2.0,
    "fp16": 2.0,
    "fp8": 1.0,
    "int8": 1.0,
}

# ------------------------------------------------------ who can afford it
_DAYS_PER_MONTH = 365.25 / 12.0
_SERVE_USE = (
    "the serve() defaults: 10 requests a day of 1,000 prompt and 500 output "
    "tokens, over 365.25 / 12 days"
)

AFFORD_PARAMS: Final[tuple[Param, ...]] = (
    Param("cost_usd", "USD", "cost of one scenario in one money view"),
    Param(
        "budget_share",
        "1",
        "share of the payer's yearly budget it would spend on the cost",
        high=100.0,
        source="1 %, 10 % and 100 % of R&D spending: the shares the report uses; a "
        "share above 1 means more than a year of the budget",
    ),
)

ACCESS_PARAMS: Final[tuple[Param, ...]] = (
    Param("monthly_price_usd", "USD/month", "price of access per month", low_open=False),
    Param(
        "income_share_threshold",
        "1",
        "access is affordable at or below this share of monthly income",
        high=10.0,
        source="2 %: UN Broadband Commission target for entry-level broadband (2025 "
        "targets, share of monthly GNI per capita); 10 %: the fuel-poverty line of "
        "Boardman 1991 (Fuel Poverty), a common stress line for a household bill",
    ),
    Param(
        "input_mtok_per_month",
        "Mtoken/month",
        "API use: million input tokens a month",
        default=10 * 1000 * _DAYS_PER_MONTH / 1e6,
        low_open=False,
        high=1e6,
        source=_SERVE_USE,
    ),
    Param(
        "output_mtok_per_month",
        "Mtoken/month",
        "API use: million output tokens a month",
        default=10 * 500 * _DAYS_PER_MONTH / 1e6,
        low_open=False,
        high=1e6,
        source=_SERVE_USE,
    ),
    Param(
        "hours_per_day",
        "h/day",
        "local machine: hours a day it runs a model at its power draw",
        default=2.0,
        low_open=False,
        high=24.0,
        source=_ASSUMED,
    ),
    Param(
        "electricity_usd_per_kwh",
        "USD/kWh",
        "electricity price of a local machine (default: the country's)",
        low_open=False,
        high=10.0,
    ),
    Param(
        "work_hours_per_year",
        "h/year",
        "hours worked in a year, to express a price in hours of work",
        default=2080.0,
        high=8784.0,
        source="a full-time year of 52 weeks of 40 hours (convention; the ILO reports "
        "national averages of roughly 1,400 to 2,400 hours)",
    ),
)
AFFORD_PARAM: Final = {p.name: p for p in AFFORD_PARAMS}
ACCESS_PARAM: Final = {p.name: p for p in ACCESS_PARAMS}

AFFORD_OUTPUTS: Final[tuple[Output, ...]] = (
    Output("cost_share_of_budget", "1", "cost / budget (NaN where the payer has no figure)"),
    Output("within_reach", "bool", "cost <= budget_share * budget (False where no figure)"),
    Output("runs_affordable", "1", "whole runs that budget_share * budget pays for"),
    Output("population_within_reach", "people", "the payer's population where within reach"),
)
ACCESS_OUTPUTS: Final[tuple[Output, ...]] = (
    Output(
        "monthly_price_usd",
        "USD/month",
        "subscription + API bill + local machine (price over its life + electricity)",
    ),
    Output("share_of_monthly_income", "1", "monthly price / (GNI per capita / 12)"),
    Output("hours_of_work", "h", "monthly price / (GNI per capita / work_hours_per_year)"),
    Output("affordable", "bool", "share_of_monthly_income <= income_share_threshold"),
    Output("population_affordable", "people", "population where affordable"),
    Output("internet_users_affordable", "people", "internet users where affordable"),
)

# ------------------------------------------------- the development budget
_BLS_SALARY_USD = 140_910.0  # BLS OES May 2024, SOC 15-1221, median annual wage
_BLS_WAGE_SHARE = 0.702  # BLS ECEC June 2025, private industry: wages / compensation
US_LOADED_SALARY_USD: Final = round(_BLS_SALARY_USD / _BLS_WAGE_SHARE, -2)

DEVELOP_PARAMS: Final[tuple[Param, ...]] = (
    Param("final_run_usd", "USD", "cost of the final training run, in one money view"),
    Param(
        "experiments_multiplier",
        "1",
        "all R&D compute (experiments, failed runs, final run) over the final run's",
        default=2.2,
        low=1.0,
        low_open=False,
        high=100.0,
        source=_COTTIER + ": lognormal with a 90 % interval of 1.2x to 4x, median 2.2x",
    ),
    Param("staff", "person", "people on the project, full-time equivalent", low_open=False),
    Param(
        "salary_usd_per_year",
        "USD/year",
        "loaded salary per person (wages plus benefits and payroll taxes)",
        default=US_LOADED_SALARY_USD,
        low_open=False,
        source="USA: BLS Occupational Employment and Wage Statistics, May 2024, "
        "computer and information research scientists (15-1221), median $140,910, "
        "over the wage share of compensation, 70.2 % (BLS Employer Costs for Employee "
        "Compensation, June 2025, private industry); other nations: scaled by GNI per "
        "capita when nation= is given (a crude default: give your own)",
    ),
    Param(
        "staff_months",
        "month",
        "months the staff work on the model",
        default=12.0,
        low_open=False,
        high=600.0,
        source=_COTTIER + ": about a year of development for GPT-4",
    ),
    Param(
        "data_tokens",
        "token",
        "licensed training tokens",
        default=0.0,
        low_open=False,
        source="0: openly crawled data carries no licence fee",
    ),
    Param(
        "data_usd_per_mtok",
        "USD/Mtoken",
        "licence price per million tokens",
        default=0.0,
        low_open=False,
        source="0; published deals are lump sums (Reddit and Google, about $60M a year, "
        "Reuters 2024)",
    ),
    Param(
        "annotated_examples",
        "example",
        "annotated examples bought (preference comparisons, labels)",
        default=0.0,
        low_open=False,
        source="0; Llama 2 used about 1.4 million human preference comparisons "
        "(Touvron et al. 2023), at undisclosed prices",
    ),
    Param(
        "usd_per_example",
        "USD/example",
        "price of one annotated example",
        default=0.0,
        low_open=False,
        source="0: no published price; give your own",
    ),
)
DEVELOP_PARAM: Final = {p.name: p for p in DEVELOP_PARAMS}

DEVELOP_OUTPUTS: Final[tuple[Output, ...]] = (
    Output("compute_final_usd", "USD", "the final training run"),
    Output(
        "compute_experiments_usd", "USD", "experiments and failed runs: final x (multiplier - 1)"
    ),
    Output("staff_usd", "USD", "staff: people x loaded salary x months / 12"),
    Output("data_usd", "USD", "data: licensed tokens x price + examples x price"),
    Output("total_usd", "USD", "the sum of the four parts"),
    Output("staff_share", "1", "staff_usd / total_usd"),
)
