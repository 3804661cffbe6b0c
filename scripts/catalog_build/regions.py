"""Region catalog (countries as grid regions, and cloud regions), derived from the shared country, cloud-region and PUE tables."""

from __future__ import annotations

import os
import sys

from .common import join_aliases, num, read_csv

REGION_COLUMNS = [
    "name", "display_name", "aliases", "kind", "provider", "region_id", "country_iso3",
    "carbon_intensity_g_per_kwh", "carbon_intensity_year", "carbon_intensity_source",
    "electricity_price_usd_per_kwh", "electricity_price_year", "electricity_price_source",
    "pue", "pue_year", "pue_source", "pue_is_default",
    "wue_l_per_kwh", "wue_year", "wue_source", "wue_is_default",
    "price_multiplier", "price_multiplier_is_default", "source", "year",
]


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
# not gathered (the row source says so, and price_multiplier_is_default).
#
# WUE (on-site water usage effectiveness, litres per kWh of IT energy): AWS
# and Azure publish fleet averages; every other row takes the documented
# global default (Li et al., US data-centre average), marked wue_is_default.
# The country rows' PUE is the Uptime industry average, marked pue_is_default:
# it describes a typical site, not a measurement of that country.

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

WUE_DEFAULT = (0.55, 2023, "global default: Li, Yang, Islam & Ren 2023, Making AI Less "
               "'Thirsty' (arXiv:2304.03271), US average on-site WUE; not a figure for this region")
PROVIDER_WUE = {
    "aws": (0.18, 2023, "Amazon 2023 Sustainability Report: AWS global data-centre WUE 0.18 L/kWh"),
    "azure": (0.30, 2024, "Microsoft 2024 datacenter water announcement: global average WUE "
                          "0.30 L/kWh in fiscal year 2024"),
}

PROVIDER_LABEL = {"gcp": "Google Cloud", "aws": "AWS", "azure": "Azure"}
# Upstream typo in codecarbon's table ('me-cenrtal1'); Google's id is me-central1.
REGION_ID_FIX = {("gcp", "me-cenrtal1"): "me-central1"}


def country_aliases(row: dict) -> str:
    """Other names of a country: its ISO alpha-2 code and English names."""
    return join_aliases(row["iso3"], [row["iso2"], row["name"], row["wb_name"]])


def wue_columns(provider: str | None) -> dict:
    wue, year, source = PROVIDER_WUE.get(provider or "", WUE_DEFAULT)
    return {"wue_l_per_kwh": wue, "wue_year": year, "wue_source": source,
            "wue_is_default": provider not in PROVIDER_WUE}


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
            "display_name": c["name"], "aliases": country_aliases(c),
            "provider": "", "region_id": "",
            "carbon_intensity_g_per_kwh": ci, "carbon_intensity_year": ci_year,
            "carbon_intensity_source": CI_SOURCE_COUNTRY,
            "electricity_price_usd_per_kwh": price, "electricity_price_year": PRICE_YEAR,
            "electricity_price_source": price_source,
            "pue": uptime_pue, "pue_year": 2023, "pue_source": uptime_source,
            "pue_is_default": True,
            **wue_columns(None),
            "price_multiplier": 1.0, "price_multiplier_is_default": True,
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
            "display_name": display, "aliases": "",
            "provider": provider, "region_id": region_id,
            "carbon_intensity_g_per_kwh": ci, "carbon_intensity_year": ci_year,
            "carbon_intensity_source": ci_source,
            "electricity_price_usd_per_kwh": price, "electricity_price_year": PRICE_YEAR,
            "electricity_price_source": price_source + f" (country-level, {iso})",
            "pue": pue, "pue_year": pue_year, "pue_source": pue_source,
            "pue_is_default": False,
            **wue_columns(provider),
            "price_multiplier": 1.0, "price_multiplier_is_default": True,
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


FILE = "regions.csv"
COLUMNS = REGION_COLUMNS
REQUIRED: list[str] = ["USA", "FRA", "IND", "aws:us-east-1", "gcp:us-central1"]
build = build_regions
