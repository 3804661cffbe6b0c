"""The shipped starter catalogs: size, provenance, and spot checks of figures."""

from __future__ import annotations

import numpy as np
import pytest

from computedivide import catalogs


@pytest.mark.parametrize(("kind", "minimum"), [("model", 10), ("hardware", 10), ("region", 10)])
def test_catalogs_are_sourced_and_large_enough(kind, minimum):
    table = catalogs.catalog(kind)
    assert len(table) >= minimum
    assert table["source"].str.strip().str.len().min() > 0
    years = table["year"].astype(int)
    assert years.between(1990, 2026).all()


def test_accelerator_figures_match_datasheets():
    hw = catalogs.catalog("hardware")
    # NVIDIA A100 datasheet: 312 TFLOP/s dense bf16, 80 GB, 400 W (SXM).
    assert hw.loc["a100-80gb", "peak_bf16_flops"] == pytest.approx(312e12, rel=1e-3)
    assert hw.loc["a100-80gb", "memory_gb"] == 80
    assert hw.loc["a100-80gb", "tdp_w"] == 400
    # NVIDIA H100 SXM datasheet: 989.4 TFLOP/s dense bf16, 3.35 TB/s, 700 W.
    assert hw.loc["h100-sxm", "peak_bf16_flops"] == pytest.approx(989.4e12, rel=1e-3)
    assert hw.loc["h100-sxm", "bandwidth_gb_s"] == pytest.approx(3350, rel=1e-2)
    assert hw.loc["h100-sxm", "tdp_w"] == 700
    # V100 has no bf16: blank, not zero.
    assert np.isnan(hw.loc["v100-sxm", "peak_bf16_flops"])
    # Every accelerator has the figures the training kernel needs.
    for column in ("memory_gb", "price_usd", "cloud_usd_per_hour"):
        assert hw[column].notna().all(), column
    # Google publishes no power figure for TPU v5p and v6e: blank, and using
    # them without tdp_w= is an error that says so.
    assert set(hw.index[hw["tdp_w"].isna()]) <= {"tpu-v5p", "tpu-v6e"}


def test_blank_catalog_figure_is_an_error_not_a_nan():
    import computedivide as cd

    with pytest.raises(ValueError, match=r"no figure for \['tpu-v5p'\]; pass tdp_w="):
        cd.train(model="gpt-3", hardware="tpu-v5p", region="USA")
    ds = cd.train(model="gpt-3", hardware="tpu-v5p", region="USA", tdp_w=400.0)
    assert np.isfinite(float(ds["energy_kwh"]))


def test_model_figures_match_papers_and_cards():
    models = catalogs.catalog("model")
    assert models.loc["gpt-3", "params_total"] == 175e9
    assert models.loc["gpt-3", "training_tokens"] == 300e9
    assert models.loc["llama-2-70b", "training_tokens"] == 2e12
    assert models.loc["llama-2-70b", "reported_gpu_hours"] == 1_720_320
    assert models.loc["chinchilla", "training_tokens"] == 1.4e12
    # MoE: DeepSeek-V3 has 671B parameters, 37B active.
    assert models.loc["deepseek-v3", "params_total"] == pytest.approx(671e9, rel=1e-3)
    assert models.loc["deepseek-v3", "params_active"] == pytest.approx(37e9, rel=1e-2)
    assert (models["params_active"] <= models["params_total"]).all()


def test_regions_have_carbon_and_price():
    regions = catalogs.catalog("region")
    for column in ("carbon_intensity_g_per_kwh", "electricity_price_usd_per_kwh", "pue"):
        assert regions[column].notna().all(), column
    assert {"USA", "FRA", "IND", "aws:us-east-1", "gcp:us-central1"} <= set(regions.index)
    # France's grid is mostly nuclear and hydro: far cleaner than India's.
    assert regions.loc["FRA", "carbon_intensity_g_per_kwh"] < 100
    assert regions.loc["IND", "carbon_intensity_g_per_kwh"] > 600


def test_unknown_kind():
    with pytest.raises(KeyError, match="kind must be one of"):
        catalogs.catalog("nation")  # type: ignore[arg-type]
