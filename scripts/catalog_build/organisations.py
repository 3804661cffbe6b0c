"""Organisation catalog: hand-curated revenue or budget, R&D spend and AI spending.

One row per organisation: large technology companies, AI labs, universities,
public research funders and national AI programmes. Money is nominal US
dollars of the stated year (converted at that year's average exchange rate
where the organisation reports in another currency; the source says so).
Blank where the organisation publishes no figure.
"""

from __future__ import annotations

FILE = "organisations.csv"
COLUMNS = [
    "name", "display_name", "aliases", "kind", "country_iso3",
    "revenue_or_budget_usd", "revenue_or_budget_kind", "revenue_or_budget_year",
    "rd_spend_usd", "rd_spend_year",
    "ai_capex_usd", "ai_capex_year",
    "compute_owned_h100e", "compute_owned_year",
    "source", "year",
]
REQUIRED: list[str] = []
ORGANISATIONS: list[dict] = []


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    return ORGANISATIONS
