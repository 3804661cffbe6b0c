"""The columns of every shipped catalog: type, unit, meaning and plausible range.

This table is the one description of the catalogs: the loader builds its
pandera schemas from it, and ``docs/data.md`` lists the same columns (a test
keeps the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

FieldType = Literal["id", "text", "number", "integer", "year", "flag"]

#: Earliest and latest year any catalog figure may carry.
YEAR_RANGE: Final = (1950, 2035)


@dataclass(frozen=True)
class Field:
    """One catalog column.

    Attributes
    ----------
    name : str
        Column name (its unit is in the name where it has one).
    type : {"id", "text", "number", "integer", "year", "flag"}
        ``number`` is float64, ``integer`` and ``year`` are nullable Int64,
        ``flag`` is nullable boolean, ``id`` and ``text`` are strings.
    unit : str
        Unit of a number (``"1"`` for a pure number or a fraction, ``""`` for
        text).
    description : str
        What the column holds.
    low, high : float or None
        Inclusive plausible range of a number; ``None`` for no bound.
    required : bool
        Whether a row may leave it blank.
    choices : tuple of str
        The allowed values of a categorical text column (empty: any text).
    """

    name: str
    type: FieldType
    unit: str
    description: str
    low: float | None = None
    high: float | None = None
    required: bool = False
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        """The allowed values, in words (for errors and the docs)."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.type == "year":
            return f"a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"
        kind = "an integer" if self.type == "integer" else "a number"
        if self.type in ("number", "integer"):
            if self.low is not None and self.high is not None:
                return f"{kind} from {self.low:g} to {self.high:g}"
            if self.low is not None:
                return f"{kind} >= {self.low:g}"
            return kind
        if self.type == "flag":
            return "true or false"
        return "text"


def _year(name: str, what: str) -> Field:
    return Field(name, "year", "year", f"year of {what}")


def _source(name: str, what: str) -> Field:
    return Field(name, "text", "", f"publisher and document of {what}")


_IDENTITY: Final = (
    Field(
        "name",
        "id",
        "",
        "identifier used in scenarios (unique; matched ignoring case and punctuation)",
        required=True,
    ),
    Field("display_name", "text", "", "full name"),
    Field("aliases", "text", "", "other names that resolve to this row, separated by ';'"),
)
_PROVENANCE: Final = (
    Field("source", "text", "", "publisher and document of the row's figures", required=True),
    Field(
        "year",
        "year",
        "year",
        "year of the source (the latest, where a row cites several)",
        required=True,
    ),
)

_FLOPS = (1e9, 1e17)
HARDWARE: Final = (
    *_IDENTITY,
    Field("vendor", "text", "", "manufacturer"),
    Field("kind", "text", "", "market segment", choices=("datacenter", "workstation", "consumer")),
    Field("launch_year", "year", "year", "year the part shipped"),
    Field("peak_fp32_flops", "number", "FLOP/s", "dense peak, fp32 (non-tensor)", *_FLOPS),
    Field("peak_tf32_flops", "number", "FLOP/s", "dense peak, tf32 tensor", *_FLOPS),
    Field("peak_bf16_flops", "number", "FLOP/s", "dense peak, bf16 tensor", *_FLOPS),
    Field("peak_fp16_flops", "number", "FLOP/s", "dense peak, fp16 tensor", *_FLOPS),
    Field("peak_fp8_flops", "number", "FLOP/s", "dense peak, fp8 tensor", *_FLOPS),
    Field("peak_int8_ops", "number", "OP/s", "dense peak, int8 tensor", *_FLOPS),
    Field("memory_gb", "number", "GB", "accelerator memory (10^9 bytes)", 1, 2000),
    Field("bandwidth_gb_s", "number", "GB/s", "memory bandwidth", 10, 100_000),
    Field("tdp_w", "number", "W", "thermal design power (board or module)", 5, 5000),
    Field(
        "interconnect",
        "text",
        "",
        "scale-up interconnect",
        choices=("nvlink", "pcie", "ici", "infinity-fabric", "roce", "none"),
    ),
    Field(
        "price_usd",
        "number",
        "USD",
        "purchase price of one accelerator alone (servers and network are cluster_overhead)",
        0,
        1e7,
    ),
    _year("price_year", "the purchase price"),
    _source("price_source", "the purchase price"),
    Field(
        "cloud_usd_per_hour",
        "number",
        "USD/h",
        "typical on-demand cloud price per accelerator-hour",
        0,
        1000,
    ),
    _year("cloud_price_year", "the cloud price"),
    _source("cloud_price_source", "the cloud price"),
    Field(
        "embodied_kg_co2e",
        "number",
        "kg CO2e",
        "embodied (manufacturing) emissions per accelerator, where published",
        0,
        100_000,
    ),
    _source("embodied_source", "the embodied emissions"),
    *_PROVENANCE,
)

MODEL: Final = (
    *_IDENTITY,
    Field("developer", "text", "", "organisation that trained the model"),
    Field("release_year", "year", "year", "year of release"),
    Field("open_weights", "flag", "", "whether the weights are downloadable"),
    Field(
        "params_total",
        "number",
        "parameters",
        "total parameters (blank for closed models whose size is not public)",
        1e6,
        1e14,
    ),
    Field(
        "params_active",
        "number",
        "parameters",
        "parameters active per token (= total for dense models)",
        1e6,
        1e14,
    ),
    Field("layers", "integer", "1", "transformer layers", 1, 1000),
    Field("d_model", "integer", "1", "hidden width", 1, 1_000_000),
    Field("n_heads", "integer", "1", "attention (query) heads", 1, 10_000),
    Field(
        "kv_heads",
        "integer",
        "1",
        "key/value heads (fewer than n_heads with grouped or multi-query attention)",
        1,
        10_000,
    ),
    Field("head_dim", "integer", "1", "width of one attention head", 1, 10_000),
    Field("context_tokens", "integer", "tokens", "pre-training context length", 1, 1e8),
    Field("training_tokens", "number", "tokens", "pre-training tokens", 1e6, 1e15),
    Field(
        "reported_training_flop",
        "number",
        "FLOP",
        "training compute as published or estimated by Epoch AI",
        1e15,
        1e29,
    ),
    Field(
        "reported_hardware",
        "text",
        "",
        "accelerator the developer reports (a hardware id where one matches)",
    ),
    Field(
        "reported_gpu_hours",
        "number",
        "accelerator-hours",
        "training accelerator-hours as published",
        0,
        1e10,
    ),
    Field("reported_energy_kwh", "number", "kWh", "training energy as published", 0, 1e11),
    Field("reported_co2_kg", "number", "kg CO2e", "training emissions as published", 0, 1e11),
    *_PROVENANCE,
)

REGION: Final = (
    *_IDENTITY,
    Field(
        "kind",
        "text",
        "",
        "a country's grid or a cloud region",
        required=True,
        choices=("country", "cloud"),
    ),
    Field("provider", "text", "", "cloud provider (blank for a country)"),
    Field("region_id", "text", "", "the provider's region id"),
    Field("country_iso3", "text", "", "ISO 3166-1 alpha-3 code of the country"),
    Field("carbon_intensity_g_per_kwh", "number", "g CO2e/kWh", "grid carbon intensity", 0, 2000),
    _year("carbon_intensity_year", "the carbon intensity"),
    _source("carbon_intensity_source", "the carbon intensity"),
    Field("electricity_price_usd_per_kwh", "number", "USD/kWh", "electricity price", 0, 5),
    _year("electricity_price_year", "the electricity price"),
    _source("electricity_price_source", "the electricity price"),
    Field("pue", "number", "1", "data-centre power usage effectiveness", 1, 3),
    _year("pue_year", "the PUE"),
    _source("pue_source", "the PUE"),
    Field(
        "pue_is_default",
        "flag",
        "",
        "true where the PUE is the documented global default, not a figure for this region",
    ),
    Field("wue_l_per_kwh", "number", "L/kWh", "on-site water usage effectiveness", 0, 20),
    _year("wue_year", "the WUE"),
    _source("wue_source", "the WUE"),
    Field("wue_is_default", "flag", "", "true where the WUE is the documented global default"),
    Field(
        "price_multiplier",
        "number",
        "1",
        "cloud price relative to the provider's list price",
        0.01,
        10,
    ),
    Field(
        "price_multiplier_is_default",
        "flag",
        "",
        "true where the multiplier is the default 1 (not gathered)",
    ),
    *_PROVENANCE,
)

NATION: Final = (
    *_IDENTITY,
    Field("iso2", "text", "", "ISO 3166-1 alpha-2 code"),
    Field("un_region", "text", "", "UN M49 region"),
    Field("un_subregion", "text", "", "UN M49 sub-region"),
    Field("is_independent", "flag", "", "a sovereign state (false for territories)"),
    Field("currency_code", "text", "", "ISO 4217 currency code(s)"),
    Field("population", "number", "people", "population", 0, 2e9),
    _year("population_year", "the population"),
    Field("gdp_usd", "number", "USD", "gross domestic product, current US$", 0, 1e15),
    _year("gdp_usd_year", "the GDP"),
    Field(
        "gni_per_capita_usd",
        "number",
        "USD/person/year",
        "gross national income per person, Atlas method, current US$",
        0,
        1e6,
    ),
    _year("gni_per_capita_usd_year", "the GNI per capita"),
    Field(
        "gni_per_capita_is_gdp_fallback",
        "flag",
        "",
        "true where no Atlas GNI exists and the figure is GDP per capita",
    ),
    Field(
        "rd_share_of_gdp", "number", "1", "gross domestic R&D spending as a fraction of GDP", 0, 1
    ),
    _year("rd_share_of_gdp_year", "the R&D share"),
    Field(
        "internet_users_share", "number", "1", "fraction of the population using the internet", 0, 1
    ),
    _year("internet_users_share_year", "the internet users share"),
    Field("carbon_intensity_g_per_kwh", "number", "g CO2e/kWh", "grid carbon intensity", 0, 2000),
    _year("carbon_intensity_g_per_kwh_year", "the carbon intensity"),
    Field("electricity_generation_twh", "number", "TWh/year", "electricity generated", 0, 100_000),
    _year("electricity_generation_twh_year", "the generation"),
    Field("electricity_price_usd_per_kwh", "number", "USD/kWh", "electricity price", 0, 5),
    _year("electricity_price_usd_per_kwh_year", "the electricity price"),
    *_PROVENANCE,
)

ORGANISATION: Final = (
    *_IDENTITY,
    Field(
        "kind",
        "text",
        "",
        "type of organisation",
        required=True,
        choices=("company", "ai_lab", "university", "public_funder", "national_programme"),
    ),
    Field("country_iso3", "text", "", "country of the headquarters (ISO alpha-3)"),
    Field(
        "revenue_or_budget_usd",
        "number",
        "USD",
        "annual revenue (companies), annual "
        "budget (public bodies, universities) or total commitment (programmes)",
        0,
        1e13,
    ),
    Field(
        "revenue_or_budget_kind",
        "text",
        "",
        "which of the three the figure is",
        choices=("revenue", "budget", "commitment"),
    ),
    _year("revenue_or_budget_year", "the revenue or budget"),
    Field("rd_spend_usd", "number", "USD/year", "annual R&D expense", 0, 1e13),
    _year("rd_spend_year", "the R&D expense"),
    Field(
        "ai_capex_usd",
        "number",
        "USD/year",
        "annual capital expenditure, mostly AI data centres",
        0,
        1e13,
    ),
    _year("ai_capex_year", "the capital expenditure"),
    Field(
        "compute_owned_h100e",
        "number",
        "H100-equivalents",
        "accelerators owned, in H100 equivalents",
        0,
        1e9,
    ),
    _year("compute_owned_year", "the compute owned"),
    *_PROVENANCE,
)

OFFER: Final = (
    *_IDENTITY,
    Field(
        "kind",
        "text",
        "",
        "type of offer",
        required=True,
        choices=("subscription", "api", "local_hardware"),
    ),
    Field("provider", "text", "", "who sells it"),
    Field("model", "text", "", "model served (a model id where the catalog has it)"),
    Field("hardware", "text", "", "accelerator of a local machine (a hardware id)"),
    Field("monthly_price_usd", "number", "USD/month", "subscription price", 0, 10_000),
    Field(
        "usd_per_mtok_input", "number", "USD/Mtok", "API price per million input tokens", 0, 10_000
    ),
    Field(
        "usd_per_mtok_output",
        "number",
        "USD/Mtok",
        "API price per million output tokens",
        0,
        10_000,
    ),
    Field("hardware_price_usd", "number", "USD", "purchase price of the local hardware", 0, 1e7),
    Field("lifetime_years", "number", "years", "assumed useful life of the hardware", 0.1, 30),
    Field("power_w", "number", "W", "typical power draw of the hardware", 1, 100_000),
    *_PROVENANCE,
)

_VALIDATION_ID: Final = Field(
    "id", "id", "", "identifier of the published figure (unique)", required=True
)

#: Published training runs (``validation_runs.csv``), for cd.validate().
VALIDATION_RUN: Final = (
    _VALIDATION_ID,
    Field("model", "text", "", "a model id of models.csv, else the published name", required=True),
    Field("developer", "text", "", "who trained it"),
    Field("release_year", "year", "year", "year the model was released"),
    Field("params_total", "number", "1", "total parameters", 1e6, 1e14),
    Field("params_active", "number", "1", "parameters active per token (MoE)", 1e6, 1e14),
    Field("training_tokens", "number", "token", "pre-training tokens", 1e8, 1e15),
    Field(
        "architecture",
        "text",
        "",
        "transformer layout (FLOPs per token are 6 N for decoder-only)",
        required=True,
        choices=("decoder-only", "encoder-decoder"),
    ),
    Field("hardware", "text", "", "accelerator (a hardware id)", required=True),
    Field("n_chips", "number", "1", "accelerators in the run", 1, 1e7),
    Field("chip_hours", "number", "h", "reported accelerator-hours", 1, 1e10),
    Field("training_days", "number", "day", "reported wall-clock days", 0.01, 3650),
    Field("energy_kwh_reported", "number", "kWh", "energy the publisher reports", 0, 1e10),
    Field(
        "energy_method",
        "text",
        "",
        "how the publisher's energy was obtained",
        choices=("measured", "tdp", "assumed_power"),
    ),
    Field("power_w_per_chip", "number", "W", "power per chip the publisher used", 1, 10_000),
    Field("pue_used", "number", "1", "PUE the publisher applied", 1, 3),
    Field(
        "carbon_intensity_g_per_kwh_used",
        "number",
        "g CO2e/kWh",
        "grid factor the publisher applied",
        0,
        2000,
    ),
    Field("co2_kg_reported", "number", "kg CO2e", "operational CO2 the publisher reports", 0, 1e10),
    Field("mfu_reported", "number", "1", "model FLOPs utilisation the source states", 0, 1),
    Field(
        "convention",
        "text",
        "",
        "the publisher's energy convention",
        required=True,
        choices=("meta", "patterson", "luccioni", "other"),
    ),
    *_PROVENANCE,
)

#: Published serving throughputs (``validation_serving.csv``).
VALIDATION_SERVING: Final = (
    _VALIDATION_ID,
    Field("model", "text", "", "a model id of models.csv", required=True),
    Field("hardware", "text", "", "accelerator (a hardware id)", required=True),
    Field("n_chips", "number", "1", "accelerators in the measured system", 1, 1e5, required=True),
    Field(
        "precision",
        "text",
        "",
        "weight precision served",
        required=True,
        choices=("fp32", "tf32", "bf16", "fp16", "fp8", "int8"),
    ),
    Field("batch", "number", "sequence", "batch size, where fixed", 1, 1e6),
    Field("input_tokens", "number", "token", "prompt tokens per request, where fixed", 1, 1e7),
    Field("output_tokens", "number", "token", "output tokens per request, where fixed", 1, 1e7),
    Field(
        "tokens_per_s",
        "number",
        "token/s",
        "output tokens per second of the whole system",
        0,
        1e9,
        required=True,
    ),
    Field("tokens_per_s_scope", "text", "", "what the throughput measures"),
    Field("scenario", "text", "", "benchmark and scenario"),
    *_PROVENANCE,
)

#: For a figure with its own provenance: (year column, source column, "is
#: default" flag column), any of them None. When a user's row overrides the
#: figure, these follow it (the user's year and source; the flag false).
PROVENANCE: Final[dict[str, dict[str, tuple[str | None, str | None, str | None]]]] = {
    "hardware": {
        "price_usd": ("price_year", "price_source", None),
        "cloud_usd_per_hour": ("cloud_price_year", "cloud_price_source", None),
        "embodied_kg_co2e": (None, "embodied_source", None),
    },
    "region": {
        "carbon_intensity_g_per_kwh": ("carbon_intensity_year", "carbon_intensity_source", None),
        "electricity_price_usd_per_kwh": (
            "electricity_price_year",
            "electricity_price_source",
            None,
        ),
        "pue": ("pue_year", "pue_source", "pue_is_default"),
        "wue_l_per_kwh": ("wue_year", "wue_source", "wue_is_default"),
        "price_multiplier": (None, None, "price_multiplier_is_default"),
    },
    "nation": {
        figure: (f"{figure}_year", None, None)
        for figure in (
            "population",
            "gdp_usd",
            "gni_per_capita_usd",
            "rd_share_of_gdp",
            "internet_users_share",
            "carbon_intensity_g_per_kwh",
            "electricity_generation_twh",
            "electricity_price_usd_per_kwh",
        )
    },
    "organisation": {
        "revenue_or_budget_usd": ("revenue_or_budget_year", None, None),
        "rd_spend_usd": ("rd_spend_year", None, None),
        "ai_capex_usd": ("ai_capex_year", None, None),
        "compute_owned_h100e": ("compute_owned_year", None, None),
    },
}
