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
import csv
import os
import statistics
import sys
from typing import Callable, Iterable

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "python", "computedivide", "data")

ACCEL_COLUMNS = [
    "name", "display_name", "vendor", "kind", "launch_year",
    "peak_fp32_flops", "peak_tf32_flops", "peak_bf16_flops", "peak_fp16_flops",
    "peak_fp8_flops", "peak_int8_ops", "memory_gb", "bandwidth_gb_s", "tdp_w",
    "price_usd", "price_year", "price_source",
    "cloud_usd_per_hour", "cloud_price_year", "cloud_price_source",
    "embodied_kg_co2e", "embodied_source", "source", "year",
]
MODEL_COLUMNS = [
    "name", "display_name", "developer", "release_year", "open_weights",
    "params_total", "params_active", "layers", "d_model", "n_heads", "kv_heads",
    "head_dim", "context_tokens", "training_tokens", "reported_hardware",
    "reported_gpu_hours", "source", "year",
]
REGION_COLUMNS = [
    "name", "kind", "country_iso3", "display_name",
    "carbon_intensity_g_per_kwh", "carbon_intensity_year", "carbon_intensity_source",
    "electricity_price_usd_per_kwh", "electricity_price_year", "electricity_price_source",
    "pue", "pue_year", "pue_source", "price_multiplier", "source", "year",
]

REQUIRED_ACCELERATORS = [
    "v100-sxm", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "b200",
    "mi250x", "mi300x", "tpu-v4", "tpu-v5e", "tpu-v5p", "l4", "t4", "rtx-4090",
    "rtx-3090",
]
REQUIRED_MODELS = [
    "gpt-3", "gopher", "chinchilla", "palm-540b", "opt-175b", "bloom-176b",
    "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b",
    "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "falcon-180b", "deepseek-v3",
    "qwen2.5-72b", "olmo-7b",
]

EPOCH_CREDIT = "Epoch AI hardware prices (CC-BY 4.0)"
EPOCH_SPECS = "Epoch AI ML hardware database (CC-BY 4.0)"


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# 1. Regions
# --------------------------------------------------------------------------
#
# Country rows: one per country in countries.csv with both a carbon intensity
# (OWID grapher "carbon intensity of electricity generation", OWID's
# processing of Ember and the Energy Institute, CC BY 4.0; the year is the
# country's most recent year, from the _year column) and an electricity price.
#
# Electricity price: GlobalPetrolPrices.com tariffs averaged over 2023-2026 by
# the upstream repository (see data/SOURCES.md). The table is a single
# multi-year average with no per-country year, so it is dated 2025, the
# middle of the averaging window that lies in the past at build time; the
# numbers are indicative only (GlobalPetrolPrices data are proprietary).
# The business tariff is used; where a country has none, the household tariff
# is used instead and the source says so.
#
# PUE for country rows: Uptime Institute global average 2023 = 1.58 (pue.csv;
# its 2024 row is flagged unverified there, so 2023 is used).
#
# Cloud rows: every Google Cloud, AWS and Azure region of cloud_regions.csv
# (other providers have no fleet PUE in pue.csv and are skipped). Grid carbon
# intensity and its vintage come from that file; electricity price is the
# country's (same rule as above); PUE is the provider's fleet average:
# AWS 1.15 and Azure 1.16 from pue.csv, Google 1.10 = fleet-wide trailing
# twelve-month PUE for 2023 from Google's 2024 Environmental Report (not in
# pue.csv; hard-coded here).
#
# price_multiplier: 1.0 everywhere; regional cloud price multipliers were
# not gathered (the row source says so).

PRICE_YEAR = 2025
PRICE_SOURCE_BUSINESS = ("GlobalPetrolPrices.com business tariff, 2023-2026 average "
                         "(indicative, proprietary)")
PRICE_SOURCE_HOUSEHOLD = ("GlobalPetrolPrices.com household tariff, 2023-2026 average "
                          "(indicative, proprietary); business tariff not available, "
                          "household tariff used as fallback")
CI_SOURCE_COUNTRY = ("Our World in Data / Ember and Energy Institute, carbon intensity of "
                     "electricity generation, lifecycle gCO2e/kWh (CC BY 4.0)")
GOOGLE_PUE = (1.10, 2023, "Google 2024 Environmental Report: fleet-wide trailing "
              "twelve-month PUE, 2023")
MULTIPLIER_NOTE = "price_multiplier 1.0 is a placeholder (regional cloud price multipliers not gathered)"

PROVIDER_LABEL = {"gcp": "Google Cloud", "aws": "AWS", "azure": "Azure"}
# Upstream typo in codecarbon's table ('me-cenrtal1'); Google's id is me-central1.
REGION_ID_FIX = {("gcp", "me-cenrtal1"): "me-central1"}


def country_price(row: dict):
    business = num(row.get("electricity_price_business_usd_per_kwh", ""))
    if business:
        return business, PRICE_SOURCE_BUSINESS
    household = num(row.get("electricity_price_household_usd_per_kwh", ""))
    if household:
        return household, PRICE_SOURCE_HOUSEHOLD
    return None, None


def cloud_ci_vintage(row: dict):
    """(year, source text) for a cloud_regions.csv carbon-intensity value."""
    provider = row["provider"]
    vintage = row["ci_vintage"]
    if provider == "gcp":
        # The codecarbon values (captured 2024-07-13, year not stated there)
        # equal, region by region, Google's published yearly table for 2023
        # (GoogleCloudPlatform/region-carbon-info, data/yearly/2023.csv):
        # checked by hand when this script was written.
        return 2023, ("Google Cloud region carbon data, location-based grid intensity, 2023 "
                      "values (via mlco2/codecarbon impact.csv @b05965e, MIT)")
    # mlco2/impact table (Lacoste et al. 2019): old factors; take the year the
    # shared notes give, else the start of the collection window.
    year = None
    for token in vintage.replace("(", " ").replace(")", " ").replace(",", " ").replace("~", " ").split():
        if len(token) >= 4 and token[:4].isdigit():
            year = int(token[:4])
            break
    if year is None:
        raise ValueError(f"no year in ci_vintage {vintage!r}")
    upstream = row["ci_source_upstream"].strip()
    # Keep only a URL or a short publisher label from the upstream column.
    if upstream.startswith("http"):
        label = upstream
    elif upstream.startswith("eGRID"):
        label = "US EPA eGRID"
    elif "electricitymap" in upstream.lower():
        label = "electricityMap"
    elif "IESO" in upstream:
        label = "IESO (Ontario)"
    else:
        label = upstream
    text = (f"ML CO2 Impact calculator table (Lacoste et al. 2019; mlco2/impact @d0d3ee5): "
            f"{vintage}")
    if label:
        text += f"; upstream source: {label}"
    if "not stated" in vintage or "~" in vintage:
        text += f"; year {year} is approximate"
    if "single reading" in vintage:
        text += "; one hourly reading, not an annual average"
    if "not clear" in row.get("notes", ""):
        text += "; upstream is unsure which grid serves this region"
    return year, text


def build_regions(data_dir: str) -> list[dict]:
    countries = read_csv(os.path.join(data_dir, "countries.csv"))
    cloud = read_csv(os.path.join(data_dir, "cloud_regions.csv"))
    pue_rows = read_csv(os.path.join(data_dir, "pue.csv"))

    uptime = [r for r in pue_rows if r["scope"] == "industry_average" and r["year"] == "2023"]
    if len(uptime) != 1:
        raise ValueError("pue.csv: expected one Uptime 2023 row")
    uptime_pue = float(uptime[0]["pue"])
    uptime_source = f"Uptime Institute Global Data Center Survey, average PUE 2023 ({uptime[0]['original_source']})"

    fleet = {}
    for r in pue_rows:
        if r["scope"] == "provider_fleet_average":
            # year reads like "2025 (read 2025-10-16)": the year the figure was
            # read from the provider's page; its reporting period is not stated.
            year = int(r["year"][:4])
            fleet[r["entity"].lower()] = (
                float(r["pue"]), year,
                f"{r['entity']} published fleet-average PUE, {r['original_source']} "
                f"(as of {r['year']}; reporting period not stated)",
            )
    provider_pue = {"aws": fleet["aws"], "azure": fleet["azure"], "gcp": GOOGLE_PUE}

    by_iso = {r["iso3"]: r for r in countries}
    rows = []
    for c in sorted(countries, key=lambda r: r["iso3"]):
        ci = num(c["carbon_intensity_g_per_kwh"])
        price, price_source = country_price(c)
        if ci is None or price is None:
            continue
        ci_year = int(c["carbon_intensity_g_per_kwh_year"])
        rows.append({
            "name": c["iso3"], "kind": "country", "country_iso3": c["iso3"],
            "display_name": c["name"],
            "carbon_intensity_g_per_kwh": ci, "carbon_intensity_year": ci_year,
            "carbon_intensity_source": CI_SOURCE_COUNTRY,
            "electricity_price_usd_per_kwh": price, "electricity_price_year": PRICE_YEAR,
            "electricity_price_source": price_source,
            "pue": uptime_pue, "pue_year": 2023, "pue_source": uptime_source,
            "price_multiplier": 1.0,
            "source": ("computedivide build_catalogs.py from OWID/Ember (CC BY 4.0), "
                       "GlobalPetrolPrices.com, Uptime Institute; " + MULTIPLIER_NOTE),
            "year": max(ci_year, PRICE_YEAR, 2023),
        })

    order = {"aws": 0, "azure": 1, "gcp": 2}
    cloud_rows = []
    for r in cloud:
        provider = r["provider"]
        if provider not in provider_pue:
            continue
        region_id = REGION_ID_FIX.get((provider, r["region_id"]), r["region_id"])
        iso = r["country_iso3"]
        country = by_iso.get(iso)
        if country is None:
            raise ValueError(f"cloud region {provider}:{region_id}: unknown country {iso}")
        price, price_source = country_price(country)
        if price is None:
            print(f"skipping {provider}:{region_id}: no electricity price for {iso}", file=sys.stderr)
            continue
        ci = float(r["grid_carbon_intensity_g_per_kwh"])
        ci_year, ci_source = cloud_ci_vintage(r)
        if region_id != r["region_id"]:
            ci_source += f"; region id spelled '{r['region_id']}' upstream"
        pue, pue_year, pue_source = provider_pue[provider]
        place = r["region_name"] or ", ".join(x for x in (r["city"], r["state"]) if x)
        display = f"{PROVIDER_LABEL[provider]} {region_id} ({place}, {country['name']})"
        cloud_rows.append({
            "name": f"{provider}:{region_id}", "kind": "cloud", "country_iso3": iso,
            "display_name": display,
            "carbon_intensity_g_per_kwh": ci, "carbon_intensity_year": ci_year,
            "carbon_intensity_source": ci_source,
            "electricity_price_usd_per_kwh": price, "electricity_price_year": PRICE_YEAR,
            "electricity_price_source": price_source + f" (country-level, {iso})",
            "pue": pue, "pue_year": pue_year, "pue_source": pue_source,
            "price_multiplier": 1.0,
            "source": ("computedivide build_catalogs.py from shared cloud_regions.csv "
                       "(provider grid carbon intensity), GlobalPetrolPrices.com, provider "
                       "fleet PUE; " + MULTIPLIER_NOTE),
            "year": max(ci_year, PRICE_YEAR, pue_year),
        })
    cloud_rows.sort(key=lambda x: (order[x["name"].split(":")[0]], x["name"]))
    names = [x["name"] for x in rows + cloud_rows]
    if len(names) != len(set(names)):
        raise ValueError("duplicate region names")
    return rows + cloud_rows


# --------------------------------------------------------------------------
# 2. Accelerators
# --------------------------------------------------------------------------
#
def GIB(gib: float) -> float:
    """GiB (as Google quotes TPU memory) to GB, rounded to 0.01 GB."""
    return round(gib * 1.073741824, 2)


# Peak figures are DENSE (no structured sparsity), per chip, FLOP/s (OP/s for
# int8). Blank = the chip has no such mode (or the vendor publishes none).
# fp16 on tensor-core chips = dense tensor figure. For GeForce cards the
# fp16/bf16/fp8 tensor figures are those with FP32 accumulate (what mixed-
# precision training uses; GeForce runs FP16-accumulate at twice that rate).
# memory_gb in GB (1e9 bytes). Google quotes TPU HBM in GiB: those rows give
# memory_gib=..., converted here (x 1.073741824). bandwidth in GB/s; tdp_w = board / module power.
#
# Prices:
#   ("list", usd, year, text)          a published list / launch price
#   ("epoch_purchase", [models], excl) median of Epoch AI purchase observations
#                                      (per chip; server prices / GPU count as
#                                      Epoch records them) in the most recent
#                                      year with observations
#   ("epoch_ondemand", [models], excl) median of Epoch AI on-demand per-chip-hour
#                                      quotes in the most recent year with
#                                      quotes, one quote per (vendor, location,
#                                      price)
#   ("fixed", usd, year, text)         a published price not in Epoch's table
#   ("ratio",)                         no public on-demand quote in Epoch's table:
#                                      purchase price x the median (on-demand
#                                      $/h / purchase $) of the datacenter GPUs
#                                      below whose both prices come from Epoch

NVIDIA_H100_DS = ("NVIDIA H100 Tensor Core GPU datasheet and H100 architecture whitepaper "
                  "(dense = half the sparsity figures)")
GOOGLE_TPU_DOCS = "Google Cloud TPU documentation (system architecture pages)"

ACCELERATORS = [
    dict(name="v100-sxm", display_name="NVIDIA Tesla V100 SXM2 32GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2017,
         fp32=15.7e12, tf32=None, bf16=None, fp16=125e12, fp8=None, int8=None,
         memory_gb=32, bandwidth_gb_s=900, tdp_w=300,
         price=("list", 11500, 2017, f"{EPOCH_CREDIT}: single-unit list price, Tesla V100 SXM2, 2017"),
         cloud=("epoch_ondemand", ["NVIDIA V100", "NVIDIA Tesla V100 SXM2", "NVIDIA Tesla V100 SXM2 16 GB",
                                   "NVIDIA Tesla V100 SXM2 32 GB", "NVIDIA Tesla V100 DGXS 16 GB",
                                   "NVIDIA Tesla V100 DGXS 32 GB"], None),
         embodied=None,
         source=f"NVIDIA Tesla V100 GPU datasheet (SXM2; 16 GB and 32 GB versions); {EPOCH_SPECS}",
         year=2018),
    dict(name="a100-40gb", display_name="NVIDIA A100 SXM4 40GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=40, bandwidth_gb_s=1555, tdp_w=400,
         price=("list", 15000, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 40GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 40 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU (figure given "
                        "for the 80GB A100s of Jean Zay, applied to the 40GB part)"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="a100-80gb", display_name="NVIDIA A100 SXM4 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=80, bandwidth_gb_s=2039, tdp_w=400,
         price=("list", 17500, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 80GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 80 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="h100-sxm", display_name="NVIDIA H100 SXM5 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2022,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H100 SXM5 80GB"], None,
                "sold in 8-GPU HGX/DGX servers: per-GPU estimate = server price / 8 as recorded by Epoch "
                "(includes a share of the host)"),
         cloud=("epoch_ondemand", ["NVIDIA H100 SXM5 80GB"], None),
         embodied=None,
         source=f"{NVIDIA_H100_DS}; {EPOCH_SPECS}", year=2023),
    dict(name="h100-pcie", display_name="NVIDIA H100 PCIe 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2022,
         fp32=51.2e12, tf32=378e12, bf16=756e12, fp16=756e12, fp8=1513e12, int8=1513e12,
         memory_gb=80, bandwidth_gb_s=2000, tdp_w=350,
         price=("epoch_purchase", ["NVIDIA H100 PCIe"], "94",
                "card purchase quote(s), 80GB only (94GB H100 NVL quotes excluded)"),
         cloud=("epoch_ondemand", ["NVIDIA H100 PCIe"], "94"),
         embodied=None,
         source=f"{NVIDIA_H100_DS} (PCIe column); {EPOCH_SPECS}", year=2023),
    dict(name="h200", display_name="NVIDIA H200 SXM 141GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2024,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=141, bandwidth_gb_s=4800, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H200 SXM"], None,
                "sold in 8-GPU HGX servers: per-GPU estimate = server price / 8 as recorded by Epoch"),
         cloud=("epoch_ondemand", ["NVIDIA H200 SXM"], None),
         embodied=None,
         source=("NVIDIA H200 Tensor Core GPU datasheet (SC23; same tensor throughput as H100 SXM, "
                 f"dense = half the sparsity figures); {EPOCH_SPECS}"), year=2023),
    dict(name="h800", display_name="NVIDIA H800 SXM5 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H800 SXM5"], None,
                "export variant sold in China; purchase quotes as recorded by Epoch (DGX price / 8 and "
                "single-unit)"),
         cloud=("epoch_ondemand", ["NVIDIA H800 SXM5"], None),
         embodied=None,
         source=("NVIDIA H800 Tensor Core GPU datasheet (tensor throughput as H100 SXM; reduced "
                 f"NVLink 400 GB/s and FP64); {EPOCH_SPECS}"), year=2023),
    dict(name="b200", display_name="NVIDIA B200 (HGX B200)", vendor="NVIDIA",
         kind="datacenter", launch_year=2024,
         fp32=75e12, tf32=1.125e15, bf16=2.25e15, fp16=2.25e15, fp8=4.5e15, int8=4.5e15,
         memory_gb=180, bandwidth_gb_s=8000, tdp_w=1000,
         price=("epoch_purchase", ["NVIDIA B200"], None,
                "sold in 8-GPU DGX/HGX servers: per-GPU estimate = DGX B200 price / 8 as recorded by Epoch"),
         cloud=("ratio",),
         embodied=None,
         source=("NVIDIA HGX B200 / DGX B200 specifications (8-GPU totals / 8; dense = half the "
                 "sparsity figures; 1,440 GB HBM3e per 8 GPUs); "
                 f"{EPOCH_SPECS}"), year=2024),
    dict(name="mi250x", display_name="AMD Instinct MI250X", vendor="AMD",
         kind="datacenter", launch_year=2021,
         fp32=47.9e12, tf32=None, bf16=383e12, fp16=383e12, fp8=None, int8=383e12,
         memory_gb=128, bandwidth_gb_s=3276.8, tdp_w=500,
         price=("list", 14500, 2021, f"{EPOCH_CREDIT}: release-price estimate from The Next Platform "
                                     "(Dec 2021), not an AMD list price"),
         cloud=("ratio",),
         embodied=None,
         source=("AMD Instinct MI250X accelerator datasheet (per OAM package of two GCDs; fp32 = "
                 f"vector figure, matrix fp32 is 95.7 TFLOP/s); {EPOCH_SPECS}"), year=2021),
    dict(name="mi300x", display_name="AMD Instinct MI300X", vendor="AMD",
         kind="datacenter", launch_year=2023,
         fp32=163.4e12, tf32=653.7e12, bf16=1307.4e12, fp16=1307.4e12, fp8=2614.9e12, int8=2614.9e12,
         memory_gb=192, bandwidth_gb_s=5300, tdp_w=750,
         price=("epoch_purchase", ["AMD Instinct MI300X"], None,
                "sold in 8-GPU servers: per-GPU estimate = server price / 8 as recorded by Epoch"),
         cloud=("ratio",),
         embodied=None,
         source=f"AMD Instinct MI300X accelerator data sheet (dense figures); {EPOCH_SPECS}", year=2023),
    dict(name="tpu-v3", display_name="Google TPU v3", vendor="Google",
         kind="datacenter", launch_year=2018,
         fp32=None, tf32=None, bf16=123e12, fp16=None, fp8=None, int8=None,
         memory_gb=GIB(32), bandwidth_gb_s=900, tdp_w=220,
         price=("epoch_purchase", ["Google TPU v3"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; Cottier et al. 2024, "
                "arXiv:2405.21015, Table 3)"),
         cloud=("epoch_ondemand", ["Google TPU v3"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS} (per chip = 2 TensorCores); {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v4", display_name="Google TPU v4", vendor="Google",
         kind="datacenter", launch_year=2021,
         fp32=None, tf32=None, bf16=275e12, fp16=None, fp8=None, int8=275e12,
         memory_gb=GIB(32), bandwidth_gb_s=1200, tdp_w=170,
         price=("epoch_purchase", ["Google TPU v4"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; Cottier et al. 2024, "
                "arXiv:2405.21015, Table 3)"),
         cloud=("epoch_ondemand", ["Google TPU v4"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS}; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5e", display_name="Google TPU v5e", vendor="Google",
         kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=197e12, fp16=None, fp8=None, int8=394e12,
         memory_gb=GIB(16), bandwidth_gb_s=819, tdp_w=140,
         price=("epoch_purchase", ["Google TPU v5e"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("epoch_ondemand", ["Google TPU v5e"], None),
         embodied=None,
         source=f"Google Cloud TPU v5e documentation; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5p", display_name="Google TPU v5p", vendor="Google",
         kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=459e12, fp16=None, fp8=None, int8=918e12,
         memory_gb=GIB(95), bandwidth_gb_s=2765, tdp_w=None,
         price=("epoch_purchase", ["Google TPU v5p"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("fixed", 4.20, 2024,
                "Google Cloud TPU pricing page: TPU v5p on-demand list price per chip-hour (US "
                "regions), 2024; not in Epoch's price table"),
         embodied=None,
         source=f"Google Cloud TPU v5p documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    dict(name="tpu-v6e", display_name="Google TPU v6e (Trillium)", vendor="Google",
         kind="datacenter", launch_year=2024,
         fp32=None, tf32=None, bf16=918e12, fp16=None, fp8=None, int8=1836e12,
         memory_gb=GIB(32), bandwidth_gb_s=1640, tdp_w=None,
         price=("epoch_purchase", ["Google TPU v6e Trillium"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("epoch_ondemand", ["Google TPU v6e Trillium"], None),
         embodied=None,
         source=f"Google Cloud TPU v6e documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    dict(name="l4", display_name="NVIDIA L4", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=30.3e12, tf32=60e12, bf16=121e12, fp16=121e12, fp8=242.5e12, int8=242.5e12,
         memory_gb=24, bandwidth_gb_s=300, tdp_w=72,
         price=("list", 2345, 2023, "indicative launch MSRP as listed by chipversus.com (third-party "
                                    "aggregator, read 2026); NVIDIA publishes no list price for the L4"),
         cloud=("epoch_ondemand", ["NVIDIA L4"], None),
         embodied=None,
         source=f"NVIDIA L4 Tensor Core GPU datasheet (dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2023),
    dict(name="t4", display_name="NVIDIA Tesla T4", vendor="NVIDIA",
         kind="datacenter", launch_year=2018,
         fp32=8.1e12, tf32=None, bf16=None, fp16=65e12, fp8=None, int8=130e12,
         memory_gb=16, bandwidth_gb_s=320, tdp_w=70,
         price=("list", 1880, 2018, "indicative launch MSRP as listed by chipversus.com (third-party "
                                    "aggregator, read 2026); NVIDIA publishes no list price for the T4"),
         cloud=("epoch_ondemand", ["NVIDIA Tesla T4"], None),
         embodied=None,
         source=f"NVIDIA T4 Tensor Core GPU datasheet; {EPOCH_SPECS}", year=2019),
    dict(name="rtx-4090", display_name="NVIDIA GeForce RTX 4090", vendor="NVIDIA",
         kind="consumer", launch_year=2022,
         fp32=82.6e12, tf32=82.6e12, bf16=165.2e12, fp16=165.2e12, fp8=330.3e12, int8=660.6e12,
         memory_gb=24, bandwidth_gb_s=1008, tdp_w=450,
         price=("list", 1599, 2022, f"launch MSRP (NVIDIA, Sep 2022), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 4090"], None),
         embodied=None,
         source=("NVIDIA Ada Lovelace GPU architecture whitepaper, GeForce RTX 4090 column (dense; "
                 "fp16/bf16/fp8 with FP32 accumulate; FP16-accumulate fp16 is 330.3 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2022),
    dict(name="rtx-3090", display_name="NVIDIA GeForce RTX 3090", vendor="NVIDIA",
         kind="consumer", launch_year=2020,
         fp32=35.6e12, tf32=35.6e12, bf16=71e12, fp16=71e12, fp8=None, int8=284e12,
         memory_gb=24, bandwidth_gb_s=936, tdp_w=350,
         price=("list", 1499, 2020, f"launch MSRP (NVIDIA, Sep 2020), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 3090"], None),
         embodied=None,
         source=("NVIDIA Ampere GA102 GPU architecture whitepaper, GeForce RTX 3090 column (dense; "
                 "fp16/bf16 with FP32 accumulate; FP16-accumulate fp16 is 142 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2020),
]


def _excluded(row: dict, excl) -> bool:
    if not excl:
        return False
    text = " ".join((row.get("Cloud GPU description", ""), row.get("Notes", ""))).replace(" ", "")
    return f"{excl}GB" in text


def epoch_observations(prices: list[dict], models: list[str], column: str, excl) -> list[dict]:
    out = []
    for r in prices:
        if r["Hardware model"] not in models or not r["Price date"]:
            continue
        value = num(r[column])
        if value is None or _excluded(r, excl):
            continue
        out.append({**r, "_value": value, "_year": int(r["Price date"][:4])})
    return out


def epoch_median(prices, models, column, excl, dedupe: Callable[[dict], tuple] | None):
    obs = epoch_observations(prices, models, column, excl)
    if not obs:
        return None
    year = max(o["_year"] for o in obs)
    latest = [o for o in obs if o["_year"] == year]
    if dedupe:
        seen = {}
        for o in sorted(latest, key=lambda o: o["Price date"]):
            seen[dedupe(o)] = o
        latest = list(seen.values())
    values = sorted(o["_value"] for o in latest)
    return statistics.median(values), year, len(values)


def build_accelerators(data_dir: str) -> list[dict]:
    prices = read_csv(os.path.join(data_dir, "reference", "epoch", "epoch_hw_prices.csv"))
    rows = []
    for a in ACCELERATORS:
        row = {
            "name": a["name"], "display_name": a["display_name"], "vendor": a["vendor"],
            "kind": a["kind"], "launch_year": a["launch_year"],
            "peak_fp32_flops": a["fp32"], "peak_tf32_flops": a["tf32"],
            "peak_bf16_flops": a["bf16"], "peak_fp16_flops": a["fp16"],
            "peak_fp8_flops": a["fp8"], "peak_int8_ops": a["int8"],
            "memory_gb": a["memory_gb"], "bandwidth_gb_s": a["bandwidth_gb_s"], "tdp_w": a["tdp_w"],
            "embodied_kg_co2e": a["embodied"][0] if a["embodied"] else None,
            "embodied_source": a["embodied"][1] if a["embodied"] else "",
            "source": a["source"], "year": a["year"],
        }
        rule = a["price"]
        if rule[0] == "list":
            row.update(price_usd=rule[1], price_year=rule[2], price_source=rule[3])
        elif rule[0] == "epoch_purchase":
            res = epoch_median(prices, rule[1], "Price (hardware purchase)", rule[2], None)
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch purchase observation")
            value, year, n = res
            what = f"median of {n} purchase observations" if n > 1 else "single purchase observation"
            row.update(price_usd=round(value, 2), price_year=year,
                       price_source=f"{EPOCH_CREDIT}: {what}, {year}; {rule[3]}")
        else:
            raise ValueError(rule)
        rows.append((a, row))

    # Cloud prices from Epoch first, then the ratio estimate needs them.
    for a, row in rows:
        rule = a["cloud"]
        if rule[0] == "epoch_ondemand":
            res = epoch_median(prices, rule[1], "Price per chip-hour (on-demand)", rule[2],
                               dedupe=lambda o: (o["Vendor"], o["Location"], o["_value"]))
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch on-demand quote")
            value, year, n = res
            what = f"median of {n} on-demand quotes" if n > 1 else "single on-demand quote"
            vendors = sorted({o["Vendor"] for o in epoch_observations(prices, rule[1],
                              "Price per chip-hour (on-demand)", rule[2]) if o["_year"] == year})
            row.update(cloud_usd_per_hour=round(value, 3), cloud_price_year=year,
                       cloud_price_source=(f"{EPOCH_CREDIT}: {what} (one per vendor, location and "
                                           f"price), {year}; vendors: {', '.join(vendors)}"))
        elif rule[0] == "fixed":
            row.update(cloud_usd_per_hour=rule[1], cloud_price_year=rule[2], cloud_price_source=rule[3])
    ratio_set = [(a, row) for a, row in rows
                 if a["cloud"][0] == "epoch_ondemand" and a["price"][0] in ("epoch_purchase", "list")
                 and a["vendor"] != "Google" and a["kind"] == "datacenter"
                 and row["price_source"].startswith(EPOCH_CREDIT)]
    ratios = sorted(row["cloud_usd_per_hour"] / row["price_usd"] for _, row in ratio_set)
    ratio = statistics.median(ratios)
    ratio_year = max(row["cloud_price_year"] for _, row in ratio_set)
    ratio_names = ", ".join(a["name"] for a, _ in ratio_set)
    for a, row in rows:
        if a["cloud"][0] == "ratio":
            row.update(
                cloud_usd_per_hour=round(row["price_usd"] * ratio, 3), cloud_price_year=ratio_year,
                cloud_price_source=(
                    "computedivide estimate (no on-demand quote in Epoch AI hardware prices): purchase "
                    f"price x median on-demand-$/h-to-purchase-$ ratio {ratio:.3g} of {ratio_names} "
                    f"({EPOCH_CREDIT}); indicative only"))
    out = [row for _, row in rows]
    for row in out:
        for key in ("price_usd", "cloud_usd_per_hour"):
            if row.get(key) in (None, ""):
                raise ValueError(f"{row['name']}: {key} missing")
    return out


# --------------------------------------------------------------------------
# 3. Models
# --------------------------------------------------------------------------
#
# Architecture from the papers / model cards. params_active = params_total for
# dense models. kv_heads = n_heads for multi-head attention, 1 for multi-query.
# reported_hardware uses accelerator ids where it matches. reported_gpu_hours
# = chip-hours as published (or the product of published chip count and hours,
# as stated in the source text); blank when unpublished.

def M(name, display, dev, rel, open_w, total, active, layers, d_model, heads, kv, head_dim,
      ctx, tokens, hw, hours, source, year):
    return dict(name=name, display_name=display, developer=dev, release_year=rel,
                open_weights=open_w, params_total=total, params_active=active, layers=layers,
                d_model=d_model, n_heads=heads, kv_heads=kv, head_dim=head_dim,
                context_tokens=ctx, training_tokens=tokens, reported_hardware=hw,
                reported_gpu_hours=hours, source=source, year=year)


LLAMA2_CARD = ("Meta 2023, Llama 2 model card (meta-llama/llama MODEL_CARD.md: parameters, tokens, GPU "
               "hours on A100-80GB) and Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat "
               "Models (arXiv:2307.09288), Table 1")
LLAMA3_CARD = ("Meta 2024, Llama 3 model card (meta-llama/llama3 MODEL_CARD.md: parameters, context, tokens "
               "15T+, GPU hours on H100-80GB) and Dubey et al. 2024, The Llama 3 Herd of Models "
               "(arXiv:2407.21783), Table 3 (architecture)")
LLAMA31_CARD = ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/MODEL_CARD.md: "
                "parameters, 128k context, ~15T tokens, GPU hours on H100-80GB) and Dubey et al. 2024, "
                "The Llama 3 Herd of Models (arXiv:2407.21783), Table 3")
LLAMA1 = ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models (arXiv:2302.13971), "
          "Table 2 (architecture, tokens) and Table 15 (GPU hours on A100-80GB)")

MODELS = [
    M("gpt-3", "GPT-3 175B", "OpenAI", 2020, False, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 300e9,
      "v100-sxm", 3552000,
      "Brown et al. 2020, Language Models are Few-Shot Learners (arXiv:2005.14165), Table 2.1 and "
      "Sec. 2.2; GPU hours are not published by OpenAI: 3.552e6 V100-hours is the estimate of Patterson "
      "et al. 2021 (arXiv:2104.10350), Table 4 (10,000 V100 x 14.8 days)", 2020),
    M("gopher", "Gopher 280B", "DeepMind", 2021, False, 280e9, 280e9, 80, 16384, 128, 128, 128, 2048,
      300e9, "tpu-v3", 3768320,
      "Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training Gopher "
      "(arXiv:2112.11446), Table 1; chip-hours = 920 h x 4096 TPUv3 chips as stated in its energy "
      "appendix", 2021),
    M("chinchilla", "Chinchilla 70B", "DeepMind", 2022, False, 70e9, 70e9, 80, 8192, 64, 64, 128, 2048,
      1.4e12, "tpu-v3/tpu-v4 (TPUv3 and TPUv4; split not reported)", None,
      "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556), Table 4 "
      "and Sec. 4.1; no chip-hours published", 2022),
    M("palm-540b", "PaLM 540B", "Google", 2022, False, 540.35e9, 540.35e9, 118, 18432, 48, 1, 256, 2048,
      780e9, "tpu-v4", 8404992,
      "Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv:2204.02311), Table 1 "
      "(multi-query attention: 1 KV head) and Appendix B; chip-hours = 6144 chips x 1200 h + 3072 chips "
      "x 336 h as reported there", 2022),
    M("opt-175b", "OPT-175B", "Meta AI", 2022, True, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 180e9,
      "a100-80gb", 809472,
      "Zhang et al. 2022, OPT: Open Pre-trained Transformer Language Models (arXiv:2205.01068), Table 1 "
      "and Sec. 2 (180B-token corpus; weights on request, non-commercial licence); GPU hours = 992 GPUs x "
      "34 days as given by Touvron et al. 2023 (arXiv:2302.13971), Table 15", 2022),
    M("bloom-176b", "BLOOM 176B", "BigScience", 2022, True, 176.247e9, 176.247e9, 70, 14336, 112, 112, 128,
      2048, 366e9, "a100-80gb", 1082990,
      "BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model "
      "(arXiv:2211.05100), Sec. 3 (architecture, 366B training tokens); GPU hours from Luccioni, Viguier & Ligozat 2022, "
      "Estimating the Carbon Footprint of BLOOM (arXiv:2211.02001), Table 1", 2022),
    M("llama-7b", "LLaMA 7B", "Meta AI", 2023, True, 6.7e9, 6.7e9, 32, 4096, 32, 32, 128, 2048, 1.0e12,
      "a100-80gb", 82432, LLAMA1 + "; weights released for non-commercial research", 2023),
    M("llama-65b", "LLaMA 65B", "Meta AI", 2023, True, 65.2e9, 65.2e9, 80, 8192, 64, 64, 128, 2048, 1.4e12,
      "a100-80gb", 1022362, LLAMA1 + "; weights released for non-commercial research", 2023),
    M("llama-2-7b", "Llama 2 7B", "Meta", 2023, True, 7e9, 7e9, 32, 4096, 32, 32, 128, 4096, 2.0e12,
      "a100-80gb", 184320, LLAMA2_CARD, 2023),
    M("llama-2-13b", "Llama 2 13B", "Meta", 2023, True, 13e9, 13e9, 40, 5120, 40, 40, 128, 4096, 2.0e12,
      "a100-80gb", 368640, LLAMA2_CARD, 2023),
    M("llama-2-70b", "Llama 2 70B", "Meta", 2023, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 4096, 2.0e12,
      "a100-80gb", 1720320, LLAMA2_CARD + " (grouped-query attention, 8 KV heads)", 2023),
    M("llama-3-8b", "Llama 3 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 8192, 15e12,
      "h100-sxm", 1.3e6, LLAMA3_CARD, 2024),
    M("llama-3-70b", "Llama 3 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 8192, 15e12,
      "h100-sxm", 6.4e6, LLAMA3_CARD, 2024),
    M("llama-3.1-8b", "Llama 3.1 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 131072, 15e12,
      "h100-sxm", 1.46e6, LLAMA31_CARD, 2024),
    M("llama-3.1-70b", "Llama 3.1 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 131072,
      15e12, "h100-sxm", 7.0e6, LLAMA31_CARD, 2024),
    M("llama-3.1-405b", "Llama 3.1 405B", "Meta", 2024, True, 405e9, 405e9, 126, 16384, 128, 8, 128,
      131072, 15.6e12, "h100-sxm", 3.084e7,
      LLAMA31_CARD + "; 15.6T tokens per the paper (Sec. 3)", 2024),
    M("mistral-7b", "Mistral 7B", "Mistral AI", 2023, True, 7.3e9, 7.3e9, 32, 4096, 32, 8, 128, 8192, None,
      "", None,
      "Jiang et al. 2023, Mistral 7B (arXiv:2310.06825), Table 1 (8 KV heads, sliding window 4096, "
      "context 8192); 7.3B parameters per Mistral AI's release announcement (Sep 2023); training "
      "tokens and hardware not published", 2023),
    M("mixtral-8x7b", "Mixtral 8x7B", "Mistral AI", 2023, True, 46.7e9, 12.9e9, 32, 4096, 32, 8, 128, 32768,
      None, "", None,
      "Jiang et al. 2024, Mixtral of Experts (arXiv:2401.04088), Table 1 (8 experts, top-2) and Mistral "
      "AI release announcement Dec 2023 (46.7B total, 12.9B active per token); training tokens and "
      "hardware not published", 2024),
    M("falcon-180b", "Falcon-180B", "Technology Innovation Institute", 2023, True, 180e9, 180e9, 80,
      14848, 232, 8, 64, 2048, 3.5e12, "a100-40gb", 7.0e6,
      "Almazrouei et al. 2023, The Falcon Series of Open Language Models (arXiv:2311.16867): "
      "architecture (multigroup attention, 8 KV heads) and training setup (up to 4,096 A100-40GB on AWS); ~7,000,000 GPU hours "
      "per TII / Hugging Face release post 'Falcon 180B' (Sep 2023)", 2023),
    M("deepseek-v3", "DeepSeek-V3", "DeepSeek-AI", 2024, True, 671e9, 37e9, 61, 7168, 128, 1, 288, 131072,
      14.8e12, "h800", 2.788e6,
      "DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437), Sec. 4.2 (architecture) and "
      "Table 1 (2.788M H800 GPU hours incl. context extension and post-training); MoE; attention is "
      "MLA: kv_heads=1 and head_dim=288 encode the 576 cached values per token per layer (512 latent + "
      "64 decoupled RoPE key), not real heads", 2024),
    M("qwen2.5-72b", "Qwen2.5 72B", "Alibaba Qwen Team", 2024, True, 72.7e9, 72.7e9, 80, 8192, 64, 8, 128,
      131072, 18e12, "", None,
      "Qwen Team 2024, Qwen2.5 Technical Report (arXiv:2412.15115), Table 1 and Sec. 3 (18T tokens), and "
      "Qwen/Qwen2.5-72B model card (72.7B parameters; 128K context with YaRN, 32K native); hardware and "
      "GPU hours not published", 2024),
    M("olmo-7b", "OLMo 7B", "Allen Institute for AI", 2024, True, 6.89e9, 6.89e9, 32, 4096, 32, 32, 128,
      2048, 2.46e12, "a100-40gb", None,
      "Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models (arXiv:2402.00838), "
      "Table 1 and Sec. 3 (2.46T tokens; trained on A100-40GB at MosaicML and on AMD MI250X at LUMI); "
      "GPU hours not published (energy only)", 2024),
]


# --------------------------------------------------------------------------

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
