"""Nation catalog: one row per country or territory of the shared country table.

Figures (each with its own year; the most recent year the source has for
that country, 2000 or later):

* population, GDP (current US$), GNI per capita (Atlas method, current US$),
  R&D spending as a share of GDP: World Bank World Development Indicators
  (CC BY 4.0; R&D from the UNESCO Institute for Statistics);
* internet users as a share of the population: ITU via the World Bank
  (IT.NET.USER.ZS);
* grid carbon intensity: Our World in Data's processing of Ember and the
  Energy Institute (CC BY 4.0);
* electricity generation: OWID energy data (Ember / Energy Institute);
* electricity price: GlobalPetrolPrices.com business tariff (household where
  no business tariff is published), 2023-2026 average, indicative only.

Shares are fractions 0-1. Money is nominal US dollars of the stated year.
Blank where the source has no figure for that country.
"""

from __future__ import annotations

import os

from .common import num, read_csv
from .regions import CI_SOURCE_COUNTRY, PRICE_YEAR, country_aliases, country_price

FILE = "nations.csv"
COLUMNS = [
    "name", "display_name", "aliases", "iso2", "un_region", "un_subregion", "is_independent",
    "currency_code",
    "population", "population_year",
    "gdp_usd", "gdp_usd_year",
    "gni_per_capita_usd", "gni_per_capita_usd_year", "gni_per_capita_is_gdp_fallback",
    "rd_share_of_gdp", "rd_share_of_gdp_year",
    "internet_users_share", "internet_users_share_year",
    "carbon_intensity_g_per_kwh", "carbon_intensity_g_per_kwh_year",
    "electricity_generation_twh", "electricity_generation_twh_year",
    "electricity_price_usd_per_kwh", "electricity_price_usd_per_kwh_year",
    "source", "year",
]
REQUIRED = ["USA", "CHN", "IND", "NGA", "BRA", "DEU", "FRA", "GBR", "KEN", "TWN"]

WDI = "World Bank WDI (CC BY 4.0): SP.POP.TOTL, NY.GDP.MKTP.CD, NY.GNP.PCAP.CD (Atlas)"
RD = "GB.XPD.RSDV.GD.ZS (UNESCO UIS via World Bank)"
ITU = "IT.NET.USER.ZS (ITU via World Bank, Nov 2024 release)"
GENERATION = "OWID energy data, total generation (via mlco2/codecarbon)"

# (column in the shared countries.csv, column here)
FIGURES = [
    ("population", "population"),
    ("gdp_usd", "gdp_usd"),
    ("gni_per_capita_usd", "gni_per_capita_usd"),
    ("rd_share_of_gdp", "rd_share_of_gdp"),
    ("internet_users_share", "internet_users_share"),
    ("carbon_intensity_g_per_kwh", "carbon_intensity_g_per_kwh"),
    ("electricity_generation_twh", "electricity_generation_twh"),
]


def build(data_dir: str) -> list[dict]:
    rows = []
    for c in sorted(read_csv(os.path.join(data_dir, "countries.csv")), key=lambda r: r["iso3"]):
        row = {
            "name": c["iso3"], "display_name": c["name"], "aliases": country_aliases(c),
            "iso2": c["iso2"], "un_region": c["un_region"], "un_subregion": c["un_subregion"],
            "is_independent": c["is_independent"] == "Yes", "currency_code": c["currency_code"],
        }
        years = []
        for src, dst in FIGURES:
            value = num(c[src])
            year = int(c[f"{src}_year"]) if value is not None else None
            row[dst], row[f"{dst}_year"] = value, year
            if year is not None:
                years.append(year)
        fallback = c["gni_per_capita_method"].startswith("FALLBACK")
        row["gni_per_capita_is_gdp_fallback"] = fallback if row["gni_per_capita_usd"] is not None else ""
        price, price_source = country_price(c)
        row["electricity_price_usd_per_kwh"] = price
        row["electricity_price_usd_per_kwh_year"] = PRICE_YEAR if price is not None else None
        if price is not None:
            years.append(PRICE_YEAR)
        parts = [WDI + (" (GNI per capita is GDP per capita: no Atlas figure)" if fallback else ""),
                 RD, ITU, CI_SOURCE_COUNTRY, GENERATION]
        if price_source:
            parts.append(price_source)
        row["source"] = "; ".join(parts)
        row["year"] = max(years)
        rows.append(row)
    return rows
