"""Fidelity: the model against published runs, conventions, the fitted MFU and its interval."""

from __future__ import annotations

import math

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
from computedivide import _fidelity, _validate, catalog
from computedivide._params import SERVE_PARAM


@pytest.fixture(scope="module")
def result() -> cd.Validation:
    return cd.validate()


# ------------------------------------------------------------ the targets


def test_chip_hours_meet_the_target_in_leave_one_out(result):
    table = result.chip_hours
    assert len(table) >= 25
    assert table["error"].abs().median() <= 0.15
    assert table["covered"].mean() >= 0.80
    # The bounds bracket the median prediction.
    assert (table["chip_hours_p05"] < table["chip_hours_predicted"]).all()
    assert (table["chip_hours_predicted"] < table["chip_hours_p95"]).all()


def test_energy_and_co2_within_two_percent_of_every_stated_figure(result):
    table = result.energy
    errors = pd.concat([table["energy_error"], table["co2_error"]]).dropna()
    assert len(errors) >= 20
    assert errors.abs().max() <= 0.02
    # GPT-3 by hand: 3,552,000 h x 330 W x PUE 1.10 = 1,289,376 kWh (paper 1,287 MWh).
    assert table.at["gpt-3", "energy_kwh_predicted"] == pytest.approx(1_289_376.0)
    # BLOOM (Luccioni): 1,082,990 h x 400 W, no PUE = 433,196 kWh; x 57 g = 24,692 kg.
    assert table.at["bloom-176b", "energy_kwh_predicted"] == pytest.approx(433_196.0)
    assert table.at["bloom-176b", "co2_kg_predicted"] == pytest.approx(24_692.172)
    # Meta's cards give no grid factor: the factor implied is shown, not an error.
    assert math.isnan(table.at["llama-2-70b", "co2_error"])
    assert table.at["llama-2-70b", "implied_g_per_kwh"] == pytest.approx(291_420 / 688.128)


def test_serving_within_thirty_percent_for_five_pairs(result):
    table = result.serving
    within = table[table["error"].abs() <= 0.30]
    assert within.groupby(["hardware", "model"]).ngroups >= 5
    summary = result.summary
    assert summary.loc["(b) energy and CO2 from chip-hours", "share_meeting"] == 1.0


def test_printed_table_names_every_check(result):
    text = str(result)
    for heading in (
        "(a) accelerator-hours",
        "(b) energy and CO2",
        "(c) serving",
        "Summary",
        "MFU fit on",
    ):
        assert heading in text


# ------------------------------------------------------------ honesty of the fit


def test_a_run_never_informs_its_own_prediction():
    runs = catalog.load_validation("runs")
    hardware = catalog.table("hardware")
    before, _ = _validate._check_chip_hours(runs, hardware)
    changed = runs.copy()
    changed.loc[changed["id"] == "llama-2-70b", "chip_hours"] *= 3.0
    after, _ = _validate._check_chip_hours(changed, hardware)
    # Its own prediction is unchanged; the reported figure and the error are not.
    assert after.at["llama-2-70b", "chip_hours_predicted"] == pytest.approx(
        before.at["llama-2-70b", "chip_hours_predicted"], rel=1e-9
    )
    assert after.at["llama-2-70b", "chip_hours_reported"] == pytest.approx(
        3 * before.at["llama-2-70b", "chip_hours_reported"]
    )
    # Another run, whose fit saw the change, may move (the change is large).
    moved = (after["chip_hours_p95"] - before["chip_hours_p95"]).drop("llama-2-70b").abs()
    assert moved.max() > 0


def test_observed_mfu_is_the_implied_mfu_of_train():
    data = _fidelity.fit_data(catalog.load_validation("runs"), catalog.table("hardware"))
    ds = cd.train(
        model="llama-2-70b", hardware="a100-80gb", region="USA", known_gpu_hours=1_720_320
    )
    assert data.at["llama-2-70b", "observed_mfu"] == pytest.approx(float(ds["implied_mfu"]))
    # 6 x 70e9 x 2e12 / (1,720,320 h x 3600 x 312e12) by hand.
    assert data.at["llama-2-70b", "observed_mfu"] == pytest.approx(0.43472, rel=1e-4)
    # The encoder-decoder T5 is not fitted: 6 N FLOPs per token do not hold for it.
    assert "t5-11b" not in data.index


def test_train_default_mfu_is_the_fit():
    fit = _fidelity.shipped_mfu_fit()
    ds = cd.train(model="llama-2-70b", hardware=["a100-80gb", "h100-sxm"], region="USA")
    expected = np.exp(fit.log_mfu([7e10, 7e10], ["ampere", "hopper"]))
    np.testing.assert_allclose(ds["implied_mfu"].to_numpy(), expected, rtol=1e-12)
    # Hand check of the hours: 6 N D / (peak x mfu x 3600).
    hours = 6 * 7e10 * 2e12 / (312e12 * expected[0] * 3600)
    assert float(ds["gpu_hours"].sel(hardware="a100-80gb")) == pytest.approx(hours)
    # What the data say: H100 runs reach a lower share of their peak than A100 runs.
    assert fit.offsets["hopper"] < 0 < 0.3 < expected[0] < 0.6
    assert ds.attrs["mfu_default"].startswith("fitted on")
    # An explicit MFU still wins.
    assert (
        float(
            cd.train(model="llama-2-70b", hardware="a100-80gb", region="USA", mfu=0.5)[
                "implied_mfu"
            ]
        )
        == 0.5
    )


def test_serving_defaults_are_the_serving_fit(result):
    assert result.serving_fit == {
        "mbu": SERVE_PARAM["mbu"].default,
        "mfu_inference": SERVE_PARAM["mfu_inference"].default,
    }


def test_system_tokens_per_second_counts_prefill():
    # 2 requests of 100 output tokens: 2 x 0.1 s prefill + 100 x 0.01 s decode.
    assert _validate.system_tokens_per_s(2, 100, 0.1, 0.01) == pytest.approx(200 / 1.2)


# ------------------------------------------------------------ interval


def test_interval_gives_ordered_bounds_from_the_residuals():
    ds = cd.train(model="llama-3.1-405b", hardware="h100-sxm", region="USA", interval=True)
    hours = ds["gpu_hours"]
    assert hours.dims == ("quantile",)
    assert list(hours["quantile"].values) == [0.05, 0.5, 0.95]
    low, mid, high = hours.to_numpy()
    assert low < mid < high
    fit = _fidelity.shipped_mfu_fit()
    point = float(cd.train(model="llama-3.1-405b", hardware="h100-sxm", region="USA")["gpu_hours"])
    # Hours quantile 0.95 takes the 5 % residual of log MFU.
    assert high == pytest.approx(point * math.exp(-fit.residual_quantile(0.05)))
    assert low == pytest.approx(point * math.exp(-fit.residual_quantile(0.95)))
    # Money and energy follow the hours.
    ratio = ds["cost_rent_usd"] / ds["gpu_hours"]
    np.testing.assert_allclose(ratio.to_numpy(), ratio.to_numpy()[0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(mfu=0.4), "interval=True needs the fitted MFU"),
        (dict(known_gpu_hours=1e6), "no effect when the time is known"),
        (dict(interval="yes"), "interval must be True or False"),
    ],
)
def test_interval_refuses_what_it_cannot_honour(kwargs, match):
    args = dict(model="llama-2-70b", hardware="a100-80gb", region="USA", interval=True)
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=match):
        cd.train(**args)


def test_interval_needs_a_catalog_accelerator():
    with pytest.raises(ValueError, match="interval=True needs the fitted MFU"):
        cd.train(
            model="llama-2-70b",
            peak_flops=1e15,
            memory_gb=80,
            tdp_w=700,
            gpu_price_usd=3e4,
            cloud_usd_per_gpu_hour=2.0,
            region="USA",
            interval=True,
        )


# ------------------------------------------------------------ conventions


def test_meta_convention_reproduces_the_llama_2_card():
    ds = cd.train(
        model="llama-2-70b",
        hardware="a100-80gb",
        region="USA",
        known_gpu_hours=1_720_320,
        convention="meta",
    )
    assert float(ds["energy_kwh"]) == pytest.approx(688_128.0)  # 1,720,320 h x 0.4 kW
    assert ds.attrs["pue"] == 1.0 and ds.attrs["power_share"] == 1.0
    assert ds.attrs["convention"].startswith("meta:")


def test_explicit_arguments_win_over_the_convention():
    # The LLaMA paper: Meta's convention with PUE 1.1 (65B: 1,022,362 h, 449 MWh).
    ds = cd.train(
        model="llama-65b",
        hardware="a100-80gb",
        region="USA",
        known_gpu_hours=1_022_362,
        convention="meta",
        pue=1.1,
    )
    assert float(ds["energy_kwh"]) == pytest.approx(1_022_362 * 0.4 * 1.1)


def test_patterson_convention_uses_measured_power_and_the_site_pue():
    ds = cd.train(
        model="gpt-3",
        hardware="v100-sxm",
        precision="fp16",
        region="USA",
        known_gpu_hours=3.552e6,
        convention="patterson",
        measured_power_w=330,
        pue=1.10,
        carbon_intensity_g_per_kwh=429,
    )
    assert float(ds["energy_kwh"]) == pytest.approx(1_289_376.0)
    assert float(ds["co2_kg"]) == pytest.approx(1_289_376.0 * 0.429)
    # Without a PUE, the region's applies (the convention does not fix it).
    usa = cd.catalog.regions().loc["USA", "pue"]
    ds = cd.train(
        model="gpt-3",
        hardware="v100-sxm",
        precision="fp16",
        region="USA",
        known_gpu_hours=3.552e6,
        convention="patterson",
        measured_power_w=330,
    )
    assert float(ds["energy_kwh"]) == pytest.approx(3.552e6 * 0.330 * usa)


def test_luccioni_convention_reproduces_bloom_dynamic_energy():
    ds = cd.train(
        model="bloom-176b",
        hardware="a100-80gb",
        region="FRA",
        known_gpu_hours=1_082_990,
        convention="luccioni",
        carbon_intensity_g_per_kwh=57,
    )
    assert float(ds["energy_kwh"]) == pytest.approx(433_196.0)
    assert float(ds["co2_kg"]) == pytest.approx(24_692.172)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(convention="google"), r"convention='google' is not known; choose from"),
        (dict(convention="patterson"), r"needs measured_power_w="),
        (dict(measured_power_w=330, tdp_w=300), "tdp_w has no effect when measured_power_w"),
        (dict(measured_power_w=-1), "measured_power_w"),
    ],
)
def test_bad_convention_and_power_arguments_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cd.train(model="gpt-3", hardware="v100-sxm", precision="fp16", region="USA", **kwargs)


def test_measured_power_replaces_tdp_in_serving_too():
    base = dict(
        model="llama-3.1-8b",
        hardware="h100-sxm",
        region="USA",
        pue=1.0,
        metrics=["kwh_per_mtok", "tokens_per_s"],
    )
    tdp = cd.serve(**base)
    measured = cd.serve(**base, measured_power_w=350.0)  # half the 700 W TDP
    assert float(measured["kwh_per_mtok"]) == pytest.approx(float(tdp["kwh_per_mtok"]) / 2)
    assert float(measured["tokens_per_s"]) == float(tdp["tokens_per_s"])


# ------------------------------------------------------------ data and command line


def test_validation_tables_are_checked_against_their_schema():
    import pandera.pandas as pa

    runs = catalog.load_validation("runs")
    assert runs["id"].is_unique and (runs["source"].str.len() > 0).all()
    assert set(runs["convention"]) <= {"meta", "patterson", "luccioni", "other"}
    bad = runs.copy()
    bad.loc[0, "convention"] = "made-up"
    with pytest.raises(pa.errors.SchemaError):
        catalog._validation_schema("runs").validate(bad)
    with pytest.raises(KeyError, match="name must be one of"):
        catalog.load_validation("nope")  # type: ignore[arg-type]


def test_cli_validate_prints_and_writes_the_tables(tmp_path, capsys):
    from computedivide.cli import main

    assert main(["validate", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Summary" in out and "(b) energy and CO2" in out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "validation_chip_hours.csv",
        "validation_energy.csv",
        "validation_serving.csv",
        "validation_summary.csv",
    ]
    energy = pd.read_csv(tmp_path / "validation_energy.csv", index_col=0)
    assert energy.loc["gpt-3", "energy_kwh_predicted"] == pytest.approx(1_289_376.0)


def test_cli_train_takes_a_convention_and_an_interval(capsys):
    from computedivide.cli import main

    assert (
        main(
            [
                "train",
                "--model",
                "llama-2-70b",
                "--hardware",
                "a100-80gb",
                "--region",
                "USA",
                "--known-gpu-hours",
                "1720320",
                "--convention",
                "meta",
                "--metrics",
                "energy_kwh",
                "--csv",
            ]
        )
        == 0
    )
    assert "688128" in capsys.readouterr().out
    assert (
        main(
            [
                "train",
                "--model",
                "llama-2-70b",
                "--hardware",
                "a100-80gb",
                "--region",
                "USA",
                "--interval",
                "--metrics",
                "gpu_hours",
                "--csv",
            ]
        )
        == 0
    )
    assert "0.95" in capsys.readouterr().out


def test_docstring_example_runs():
    import doctest

    from computedivide import _validate as module

    outcome = doctest.testmod(module)
    assert outcome.attempted >= 2 and outcome.failed == 0
