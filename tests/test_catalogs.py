"""The shipped catalogs: size, provenance, validation, published figures, and
users' own rows (accepted, or refused with the row, the column and the reason)."""

from __future__ import annotations

import csv
from pathlib import Path

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
from computedivide import catalog
from computedivide._catalog_schema import YEAR_RANGE

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

MINIMUM_ROWS = {
    "hardware": 30,
    "model": 50,
    "region": 200,
    "nation": 200,
    "organisation": 40,
    "offer": 25,
}


# --- the shipped catalogs ---------------------------------------------------


@pytest.mark.parametrize(("kind", "minimum"), MINIMUM_ROWS.items())
def test_each_catalog_loads_validates_and_is_sourced(kind, minimum):
    table = catalog.load(kind)
    assert len(table) >= minimum
    assert table["name"].is_unique
    assert list(table.index) == list(table["name"])
    assert (table["source"].str.strip().str.len() > 0).all()
    assert table["year"].between(*YEAR_RANGE).all()
    assert table["year"].notna().all()
    # Columns are exactly the documented schema, in its order.
    _, fields = catalog.CATALOGS[kind]
    assert list(table.columns) == [f.name for f in fields]


def test_functions_match_kinds():
    assert len(catalog.hardware()) == len(catalog.load("hardware"))
    assert len(catalog.models()) == len(catalog.load("model"))
    assert len(catalog.regions()) == len(catalog.load("region"))
    assert len(catalog.nations()) == len(catalog.load("nation"))
    assert len(catalog.organisations()) == len(catalog.load("organisation"))
    assert len(catalog.offers()) == len(catalog.load("offer"))
    with pytest.raises(KeyError, match="kind must be one of"):
        catalog.load("nations")  # type: ignore[arg-type]


def test_accelerator_figures_match_datasheets():
    hw = catalog.hardware()
    # NVIDIA H100 SXM datasheet: 989 TFLOP/s dense bf16 (1979 with sparsity),
    # 80 GB HBM3, 3.35 TB/s, up to 700 W.
    assert hw.loc["h100-sxm", "peak_bf16_flops"] == pytest.approx(989e12, rel=1e-3)
    assert hw.loc["h100-sxm", "memory_gb"] == 80
    assert hw.loc["h100-sxm", "bandwidth_gb_s"] == pytest.approx(3350, rel=1e-2)
    assert hw.loc["h100-sxm", "tdp_w"] == 700
    # NVIDIA A100 datasheet: 312 TFLOP/s dense bf16, 80 GB, 400 W (SXM).
    assert hw.loc["a100-80gb", "peak_bf16_flops"] == pytest.approx(312e12, rel=1e-3)
    assert hw.loc["a100-80gb", "tdp_w"] == 400
    # AMD MI300X: 1307.4 TFLOP/s dense bf16, 192 GB.
    assert hw.loc["mi300x", "peak_bf16_flops"] == pytest.approx(1307.4e12, rel=1e-3)
    assert hw.loc["mi300x", "memory_gb"] == 192
    # V100 has no bf16: blank, not zero.
    assert np.isnan(hw.loc["v100-sxm", "peak_bf16_flops"])
    required = [
        "v100-sxm",
        "a100-40gb",
        "a100-80gb",
        "h100-sxm",
        "h100-pcie",
        "h100-nvl",
        "h200",
        "h800",
        "b200",
        "gb200",
        "mi250x",
        "mi300x",
        "mi325x",
        "gaudi2",
        "gaudi3",
        "tpu-v4",
        "tpu-v5e",
        "tpu-v5p",
        "tpu-v6e",
        "l4",
        "l40s",
        "a10g",
        "t4",
        "rtx-3090",
        "rtx-4090",
        "rtx-5090",
    ]
    assert set(required) <= set(hw.index)
    # What the training kernel needs is there for every accelerator.
    for column in ("memory_gb", "price_usd", "cloud_usd_per_hour"):
        assert hw[column].notna().all(), column
    # Dense peaks fall in order of precision where a chip has both.
    both = hw[["peak_bf16_flops", "peak_fp8_flops"]].dropna()
    assert (both["peak_fp8_flops"] >= both["peak_bf16_flops"]).all()


def test_model_figures_match_papers_and_cards():
    models = catalog.models()
    assert models.loc["gpt-3", "params_total"] == 175e9
    assert models.loc["gpt-3", "training_tokens"] == 300e9
    assert models.loc["llama-2-70b", "params_total"] == pytest.approx(70e9, rel=0.02)
    assert models.loc["llama-2-70b", "training_tokens"] == 2e12
    assert models.loc["llama-2-70b", "reported_gpu_hours"] == 1_720_320
    assert models.loc["chinchilla", "training_tokens"] == 1.4e12
    # MoE: DeepSeek-V3 has 671B parameters, 37B active.
    assert models.loc["deepseek-v3", "params_total"] == pytest.approx(671e9, rel=1e-3)
    assert models.loc["deepseek-v3", "params_active"] == pytest.approx(37e9, rel=1e-2)
    active = models[["params_active", "params_total"]].dropna()
    assert (active["params_active"] <= active["params_total"]).all()
    # Grouped-query attention: fewer KV heads than query heads, never more.
    heads = models[["kv_heads", "n_heads"]].dropna()
    assert (heads["kv_heads"] <= heads["n_heads"]).all()
    assert models.loc["llama-2-70b", "kv_heads"] == 8
    # Published energy: Patterson et al. 2021 give GPT-3 1,287 MWh.
    assert models.loc["gpt-3", "reported_energy_kwh"] == pytest.approx(1_287_000, rel=1e-3)


def test_nations_match_the_reference_table():
    nations = catalog.nations()
    # World Bank WDI, GDP current US$ 2025, three significant figures.
    assert f"{nations.loc['USA', 'gdp_usd']:.3g}" == "3.08e+13"
    assert f"{nations.loc['IND', 'gdp_usd']:.3g}" == "3.96e+12"
    assert f"{nations.loc['NGA', 'gdp_usd']:.3g}" == "2.91e+11"
    assert nations.loc["USA", "gdp_usd_year"] == 2025
    assert nations.loc["IND", "gni_per_capita_usd"] == 2760
    # Shares are fractions, not percent.
    assert nations["internet_users_share"].dropna().between(0, 1).all()
    assert nations["rd_share_of_gdp"].dropna().max() < 0.07


@pytest.mark.skipif(not (SHARED / "countries.csv").is_file(), reason="needs ../shared/data")
def test_every_nation_figure_equals_the_shared_table():
    reference = pd.read_csv(SHARED / "countries.csv").set_index("iso3")
    nations = catalog.nations()
    assert set(nations.index) == set(reference.index)
    for column in (
        "population",
        "gdp_usd",
        "gni_per_capita_usd",
        "rd_share_of_gdp",
        "internet_users_share",
        "carbon_intensity_g_per_kwh",
    ):
        ours = nations[column].astype(float)
        theirs = reference[column].reindex(nations.index).astype(float)
        assert np.allclose(ours, theirs, rtol=1e-6, equal_nan=True), column
        years = reference[f"{column}_year"].reindex(nations.index)
        assert np.array_equal(
            nations[f"{column}_year"].astype(float).fillna(-1), years.fillna(-1)
        ), column


def test_regions_mark_their_defaults():
    regions = catalog.regions()
    for column in (
        "carbon_intensity_g_per_kwh",
        "electricity_price_usd_per_kwh",
        "pue",
        "wue_l_per_kwh",
        "price_multiplier",
    ):
        assert regions[column].notna().all(), column
    assert {"USA", "FRA", "IND", "aws:us-east-1", "gcp:us-central1"} <= set(regions.index)
    # Countries take the Uptime Institute industry-average PUE, flagged as a
    # default; cloud regions their provider's published fleet PUE.
    countries = regions[regions["kind"] == "country"]
    assert countries["pue_is_default"].all()
    assert (countries["pue"] == 1.58).all()
    cloud = regions[regions["kind"] == "cloud"]
    assert not cloud["pue_is_default"].any()
    assert regions.loc["aws:us-east-1", "pue"] == 1.15
    # WUE: AWS publishes 0.18 L/kWh; where nothing is published the 0.55
    # default applies and says so.
    assert regions.loc["aws:us-east-1", "wue_l_per_kwh"] == 0.18
    assert not regions.loc["aws:us-east-1", "wue_is_default"]
    defaults = regions[regions["wue_is_default"]]
    assert (defaults["wue_l_per_kwh"] == 0.55).all()
    assert defaults["wue_source"].str.contains("default").all()
    # The country rows agree with the nation catalog.
    nations = catalog.nations()
    assert np.allclose(
        countries["carbon_intensity_g_per_kwh"],
        nations.loc[countries.index, "carbon_intensity_g_per_kwh"],
    )
    # France's grid is mostly nuclear and hydro: far cleaner than India's.
    assert regions.loc["FRA", "carbon_intensity_g_per_kwh"] < 100
    assert regions.loc["IND", "carbon_intensity_g_per_kwh"] > 600


def test_organisations_and_offers():
    orgs = catalog.organisations()
    assert set(orgs["kind"]) == {
        "company",
        "ai_lab",
        "university",
        "public_funder",
        "national_programme",
    }
    assert orgs["revenue_or_budget_usd"].notna().sum() >= 35
    # A figure without its year is not a figure.
    for value, year in (
        ("revenue_or_budget_usd", "revenue_or_budget_year"),
        ("rd_spend_usd", "rd_spend_year"),
        ("ai_capex_usd", "ai_capex_year"),
        ("compute_owned_h100e", "compute_owned_year"),
    ):
        assert (orgs[value].isna() | orgs[year].notna()).all(), value
    offers = catalog.offers()
    assert set(offers["kind"]) == {"subscription", "api", "local_hardware"}
    subs = offers[offers["kind"] == "subscription"]
    assert subs["monthly_price_usd"].notna().all()
    apis = offers[offers["kind"] == "api"]
    assert apis[["usd_per_mtok_input", "usd_per_mtok_output"]].notna().all().all()
    local = offers[offers["kind"] == "local_hardware"]
    assert local[["hardware_price_usd", "lifetime_years"]].notna().all().all()
    # Columns that do not apply to a kind stay blank.
    assert apis["monthly_price_usd"].isna().all()
    assert subs["hardware_price_usd"].isna().all()
    # Offers name models and accelerators by their catalog ids.
    assert set(offers["model"].dropna()) <= set(catalog.names("model"))
    assert set(offers["hardware"].dropna()) <= set(catalog.names("hardware"))


# --- names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "written", "name"),
    [
        ("hardware", "h100", "h100-sxm"),
        ("hardware", "H100 SXM", "h100-sxm"),
        ("hardware", "RTX4090", "rtx-4090"),
        ("model", "Llama 2 70B", "llama-2-70b"),
        ("model", "GPT3", "gpt-3"),
        ("region", "usa", "USA"),
        ("region", "United States", "USA"),
        ("region", "AWS:US-East-1", "aws:us-east-1"),
        ("nation", "Kenya", "KEN"),
        ("nation", "ke", "KEN"),
    ],
)
def test_names_match_ignoring_case_punctuation_and_through_aliases(kind, written, name):
    assert catalog.resolve(kind, written, kind) == name


def test_unknown_name_suggests_close_ones():
    with pytest.raises(
        KeyError,
        match=r"hardware='h100-sxn' is not in the hardware catalog; "
        r"did you mean 'h100-sxm'",
    ):
        catalog.resolve("hardware", "h100-sxn", "hardware")


def test_every_alias_leads_to_one_row():
    for kind in catalog.CATALOGS:
        table = catalog.load(kind)  # type: ignore[arg-type]
        keys = [catalog.name_key(n) for n in table["name"]]
        for text in table["aliases"].dropna():
            keys += [catalog.name_key(a) for a in text.split(";") if a.strip()]
        assert len(keys) == len(set(keys)), kind


# --- users' own rows ---------------------------------------------------------


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = list(dict.fromkeys(c for row in rows for c in row))
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


MY_GPU = {
    "name": "my-gpu",
    "display_name": "My accelerator",
    "peak_bf16_flops": 5e14,
    "memory_gb": 96,
    "bandwidth_gb_s": 4000,
    "tdp_w": 600,
    "price_usd": 20000,
    "cloud_usd_per_hour": 2.5,
    "source": "vendor quote",
    "year": 2026,
}


@pytest.mark.parametrize("form", ["csv", "frame", "records", "mapping"])
def test_user_rows_extend_in_every_form(form, tmp_path):
    rows: object
    if form == "csv":
        rows = write_csv(tmp_path / "mine.csv", [MY_GPU])
    elif form == "frame":
        rows = pd.DataFrame([MY_GPU])
    elif form == "records":
        rows = [MY_GPU]
    else:
        rows = {"my-gpu": {k: v for k, v in MY_GPU.items() if k != "name"}}
    table = catalog.hardware(rows)  # type: ignore[arg-type]
    assert len(table) == len(catalog.hardware()) + 1
    assert table.loc["my-gpu", "memory_gb"] == 96
    assert table.loc["my-gpu", "year"] == 2026
    assert np.isnan(table.loc["my-gpu", "peak_fp8_flops"])


def test_user_rows_override_a_figure_and_its_provenance():
    before = catalog.hardware()
    table = catalog.hardware(
        [
            {
                "name": "H100",
                "cloud_usd_per_hour": 1.99,
                "source": "my provider, quote of 2026-03",
                "year": 2026,
            }
        ]
    )
    row = table.loc["h100-sxm"]
    assert row["cloud_usd_per_hour"] == 1.99
    assert row["cloud_price_year"] == 2026
    assert row["cloud_price_source"] == "my provider, quote of 2026-03"
    assert row["source"].startswith("my provider, quote of 2026-03 (for cloud_usd_per_hour)")
    # Figures the user did not give keep their values.
    assert row["peak_bf16_flops"] == before.loc["h100-sxm", "peak_bf16_flops"]
    assert row["price_usd"] == before.loc["h100-sxm", "price_usd"]
    pd.testing.assert_frame_equal(catalog.hardware(), before)


def test_user_rows_feed_train():
    base = cd.train(model="llama-2-70b", hardware="h100-sxm", region="USA")
    mine = [{"name": "h100", "cloud_usd_per_hour": 1.5, "source": "quote", "year": 2026}]
    ds = cd.train(
        model="llama-2-70b", hardware="h100-sxm", region="USA", catalogs={"hardware": mine}
    )
    assert float(ds["gpu_hours"]) == float(base["gpu_hours"])
    assert float(ds["cost_rent_usd"]) == pytest.approx(float(ds["gpu_hours"]) * 1.5, rel=1e-12)
    # A new model, used by name beside a shipped one.
    model = {
        "name": "my-7b",
        "params_total": 7e9,
        "training_tokens": 1e12,
        "source": "my plan",
        "year": 2026,
    }
    ds = cd.train(
        model=["my-7b", "llama-2-7b"],
        hardware="a100-80gb",
        region="FRA",
        catalogs={"model": [model]},
    )
    assert float(ds["train_flops"].sel(model="my-7b")) == pytest.approx(6 * 7e9 * 1e12)
    with pytest.raises(KeyError, match="my-7b"):
        cd.train(model="my-7b", hardware="a100-80gb", region="FRA")
    with pytest.raises(KeyError, match="do not feed a scenario"):
        cd.train(model="gpt-3", hardware="a100-80gb", region="FRA", catalogs={"nation": [model]})


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"name": "bad", "price_usd": -5, "source": "s", "year": 2026},
            r"line 2 \(name 'bad'\), column 'price_usd': -5 USD is not a number from 0 to 1e\+07",
        ),
        (
            {"name": "bad", "memory_gb": "lots", "source": "s", "year": 2026},
            r"line 2 \(name 'bad'\), column 'memory_gb': 'lots' is not a number from 1 to 2000",
        ),
        (
            {"name": "bad", "tdp_w": 700, "source": "", "year": 2026},
            r"line 2 \(name 'bad'\), column 'source': is blank; a value is required",
        ),
        (
            {"name": "bad", "tdp_w": 700, "source": "s", "year": 2026.5},
            r"column 'year': 2026.5 is not a year from 1950 to 2035",
        ),
        (
            {"name": "bad", "kind": "gaming", "source": "s", "year": 2026},
            r"column 'kind': 'gaming' is not one of datacenter, workstation, consumer",
        ),
        (
            {"name": "bad", "prcie_usd": 5, "source": "s", "year": 2026},
            r"column 'prcie_usd' is not a hardware column; did you mean 'price_usd'\?",
        ),
    ],
)
def test_malformed_user_csv_names_row_column_and_reason(tmp_path, row, message):
    before = catalog.hardware()
    path = write_csv(tmp_path / "bad.csv", [row])
    with pytest.raises(catalog.CatalogError, match=message):
        catalog.hardware(path)
    pd.testing.assert_frame_equal(catalog.hardware(), before)


def test_missing_column_and_duplicate_id(tmp_path):
    path = tmp_path / "no_source.csv"
    path.write_text("name,price_usd,year\nmine,100,2026\n")
    with pytest.raises(catalog.CatalogError, match="missing column 'source'"):
        catalog.hardware(path)
    path = write_csv(tmp_path / "twice.csv", [MY_GPU, MY_GPU])
    with pytest.raises(
        catalog.CatalogError,
        match=r"line 3 \(name 'my-gpu'\), column 'name': 'my-gpu' appears more",
    ):
        catalog.hardware(path)
    # A new name that collides with an existing one after folding case and
    # punctuation would make names ambiguous.
    clash = dict(MY_GPU, name="my-gpu", aliases="H100-SXM")
    with pytest.raises(catalog.CatalogError, match="already names another row"):
        catalog.hardware([clash])


def test_new_rows_are_checked_in_full_and_across_columns():
    with pytest.raises(catalog.CatalogError, match="column 'kind': is blank; a value is required"):
        catalog.regions([{"name": "my-dc", "pue": 1.1, "source": "s", "year": 2026}])
    with pytest.raises(catalog.CatalogError, match="params_active exceeds params_total"):
        catalog.models([{"name": "llama-2-7b", "params_active": 8e9, "source": "s", "year": 2026}])
    with pytest.raises(FileNotFoundError, match="no such CSV file"):
        catalog.hardware("/nonexistent/mine.csv")
    with pytest.raises(TypeError, match="must be a CSV path"):
        catalog.hardware(42)  # type: ignore[arg-type]


def test_a_corrupt_shipped_file_is_refused():
    # The shipped files go through the same schema: a blank source or a
    # negative figure in them is an error, not a silent NaN.
    frame = catalog.hardware().reset_index(drop=True)
    frame.loc[3, "source"] = None
    frame.loc[5, "tdp_w"] = -1.0
    labels = [f"line {i + 2}" for i in range(len(frame))]
    with pytest.raises(catalog.CatalogError) as error:
        catalog._validate(frame, "hardware", labels, "accelerators.csv")
    text = str(error.value)
    assert "line 5" in text and "column 'source'" in text
    assert "line 7" in text and "column 'tdp_w': -1 W" in text
