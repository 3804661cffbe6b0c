"""Access-offer catalog: what an individual or team pays to use an LLM.

Three kinds of row:

* ``subscription``: a consumer plan (``monthly_price_usd``);
* ``api``: a pay-per-token API for a model (``usd_per_mtok_input`` and
  ``usd_per_mtok_output``, US dollars per million tokens);
* ``local_hardware``: a GPU or machine that can run an open model locally
  (``hardware_price_usd``, ``lifetime_years``, ``power_w``).

Prices are list prices in US dollars of the stated year.
"""

from __future__ import annotations

FILE = "offers.csv"
COLUMNS = [
    "name", "display_name", "aliases", "kind", "provider", "model", "hardware",
    "monthly_price_usd", "usd_per_mtok_input", "usd_per_mtok_output",
    "hardware_price_usd", "lifetime_years", "power_w",
    "source", "year",
]
REQUIRED: list[str] = []
OFFERS: list[dict] = []


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    return OFFERS
