"""Who can afford it (MODEL.md section 4): hand-checked cases and invariants."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
import xarray as xr
from hypothesis import given
from hypothesis import strategies as st

# A nation of one's own: R&D of $1e9 (1 % of a $1e11 GDP), 1e6 people, a
# GNI per capita of $1,200 (a monthly income of $100).
TESTLAND = {
    "name": "TST",
    "display_name": "Testland",
    "population": 1e6,
    "population_year": 2024,
    "gdp_usd": 1e11,
    "gdp_usd_year": 2024,
    "rd_share_of_gdp": 0.01,
    "rd_share_of_gdp_year": 2024,
    "gni_per_capita_usd": 1200.0,
    "gni_per_capita_usd_year": 2024,
    "internet_users_share": 0.5,
    "internet_users_share_year": 2024,
    "electricity_price_usd_per_kwh": 0.2,
    "electricity_price_usd_per_kwh_year": 2024,
    "source": "test fixture",
    "year": 2024,
}
NOLAND = {
    "name": "NOL",
    "display_name": "Noland",
    "population": 3e6,
    "population_year": 2024,
    "source": "test fixture: no economic figures",
    "year": 2024,
}
MINE = {"nation": [TESTLAND, NOLAND]}


def test_rd_of_1e9_cannot_pay_a_2e9_run():
    ds = cd.afford(
        2e9, "nations", names="TST", budgets="rd", budget_share=[1.0, 2.0], catalogs=MINE
    )
    point = ds.sel(nation="TST")
    assert str(ds["budget"].values) == "rd" and "budget" not in ds.dims
    assert float(point["cost_share_of_budget"]) == pytest.approx(2.0)
    assert point["within_reach"].values.tolist() == [False, True]
    assert point["runs_affordable"].values.tolist() == [0.0, 1.0]
    assert float(ds["budget_usd"].sel(nation="TST")) == pytest.approx(1e9)
    # Against GDP the same run is 2 %.
    gdp = cd.afford(2e9, "nations", names="TST", budgets="gdp", budget_share=0.01, catalogs=MINE)
    assert float(gdp["cost_share_of_budget"].squeeze()) == pytest.approx(0.02)
    assert not bool(gdp["within_reach"].squeeze())


def test_twenty_dollars_against_a_hundred_dollar_month():
    ds = cd.afford(20.0, "individuals", names="TST", catalogs=MINE)
    point = ds.sel(nation="TST")
    assert float(point["share_of_monthly_income"]) == pytest.approx(0.20)
    assert point["affordable"].values.tolist() == [False, False]  # 2 % and 10 %
    # $1,200 a year over 2,080 hours is $0.577 an hour: 34.67 hours of work.
    assert float(point["hours_of_work"]) == pytest.approx(20 / (1200 / 2080))
    cheap = cd.afford(5.0, "individuals", names="TST", catalogs=MINE)
    assert cheap["affordable"].sel(nation="TST").values.tolist() == [False, True]


def test_offer_prices_by_kind():
    ds = cd.afford(
        ["chatgpt-plus", "openai-api-gpt-4o", "local-rtx-4090"],
        "individuals",
        names="TST",
        input_mtok_per_month=1.0,
        output_mtok_per_month=1.0,
        hours_per_day=2.0,
        catalogs=MINE,
    )
    price = ds["monthly_price_usd"].sel(nation="TST")
    assert float(price.sel(offer="chatgpt-plus")) == pytest.approx(20.0)
    # $2.50 per million input tokens and $10 per million output tokens.
    assert float(price.sel(offer="openai-api-gpt-4o")) == pytest.approx(12.5)
    # $1,599 over 4 years, plus 0.45 kW x 2 h x 30.4375 days x $0.20.
    expected = 1599 / 48 + 0.45 * 2 * 365.25 / 12 * 0.2
    assert float(price.sel(offer="local-rtx-4090")) == pytest.approx(expected)
    assert ds["offer_kind"].values.tolist() == ["subscription", "api", "local_hardware"]


def test_missing_figures_are_no_data_not_zero():
    ds = cd.afford(
        2e9, "nations", names=["TST", "NOL"], budgets="rd", budget_share=1.0, catalogs=MINE
    )
    assert np.isnan(float(ds["cost_share_of_budget"].sel(nation="NOL").squeeze()))
    assert not bool(ds["within_reach"].sel(nation="NOL").squeeze())
    summary = cd.afford_summary(ds)
    assert int(summary["n_with_data"].squeeze()) == 1
    assert float(summary["population_share_no_data"].squeeze()) == pytest.approx(0.75)
    assert float(summary["population_share_out_of_reach"].squeeze()) == pytest.approx(0.25)
    assert float(summary["population_share_within_reach"].squeeze()) == 0.0
    people = cd.afford_summary(
        cd.afford(
            1.0, "individuals", names=["TST", "NOL"], income_share_threshold=0.1, catalogs=MINE
        )
    )
    assert float(people["population_share_affordable"]) == pytest.approx(0.25)
    assert float(people["population_share_no_data"]) == pytest.approx(0.75)
    assert float(people["internet_users_share_affordable"]) == pytest.approx(1.0)


def test_population_shares_add_up():
    t = cd.train(
        model=["llama-2-7b", "llama-2-70b", "llama-3.1-405b"], hardware="h100-sxm", region="USA"
    )
    nations = cd.afford_summary(cd.afford(t, "nations"))
    total = (
        nations["population_share_within_reach"]
        + nations["population_share_out_of_reach"]
        + nations["population_share_no_data"]
    )
    np.testing.assert_allclose(total.values, 1.0, rtol=1e-12)
    people = cd.afford_summary(cd.afford(None, "individuals"))
    total = (
        people["population_share_affordable"]
        + people["population_share_unaffordable"]
        + people["population_share_no_data"]
    )
    np.testing.assert_allclose(total.values, 1.0, rtol=1e-12)
    # The free tiers are affordable to every nation with an income figure.
    free = people["population_share_affordable"].sel(offer="chatgpt-free")
    np.testing.assert_allclose(
        free.values, 1.0 - people["population_share_no_data"].sel(offer="chatgpt-free").values
    )


def test_dearer_models_are_within_reach_of_fewer_nations():
    t = cd.train(
        model=["llama-3.2-1b", "llama-2-7b", "llama-2-70b", "llama-3.1-405b"],
        hardware="h100-sxm",
        region="USA",
    )
    cost = t["cost_rent_usd"]
    order = np.argsort(cost.values)
    summary = cd.afford_summary(cd.afford(t, "nations", budgets="rd", views=["rent"]))
    counts = summary["n_within_reach"].sel(view="rent").values[order]
    assert np.all(np.diff(counts, axis=0) <= 0)
    assert counts[0, -1] > counts[-1, 0]


@given(st.lists(st.floats(1e3, 1e13), min_size=2, max_size=8), st.sampled_from([0.01, 0.1, 1.0]))
def test_count_within_reach_is_monotone_in_cost(costs, share):
    costs = np.sort(np.asarray(costs))
    ds = cd.afford(costs, "nations", budgets="rd", budget_share=share)
    summary = cd.afford_summary(ds)
    counts = summary["n_within_reach"].values.ravel()
    assert np.all(np.diff(counts) <= 0)
    shares = summary["population_share_within_reach"].values.ravel()
    assert np.all(np.diff(shares) <= 1e-15)


def test_core_equals_reference():
    t = cd.train(
        model=["llama-2-7b", "llama-3.1-405b"], hardware=["a100-80gb", "h100-sxm"], region="USA"
    )
    for payers in ("nations", "organisations"):
        core = cd.afford(t, payers)
        ref = cd.afford(t, payers, backend="reference")
        xr.testing.assert_identical(core, ref)
    core = cd.afford(None, "individuals")
    ref = cd.afford(None, "individuals", backend="reference")
    xr.testing.assert_allclose(core, ref, rtol=1e-15)


def test_organisations_against_revenue():
    ds = cd.afford(
        1e9,
        "organisations",
        names=["microsoft", "mit"],
        budgets="revenue_or_budget",
        budget_share=0.01,
    )
    share = ds["cost_share_of_budget"]
    table = cd.catalog.organisations()
    for name in ("microsoft", "mit"):
        assert float(share.sel(organisation=name)) == pytest.approx(
            1e9 / table.at[name, "revenue_or_budget_usd"]
        )
    # 1 % of Microsoft's revenue ($2.45e9) pays for one $1e9 run twice; MIT's does not.
    assert ds["within_reach"].sel(organisation="microsoft").item() is True
    assert int(ds["runs_affordable"].sel(organisation="microsoft")) == 2
    assert ds["within_reach"].sel(organisation="mit").item() is False
    assert "population_within_reach" not in ds


def test_gini_and_top_share_by_hand():
    x = xr.DataArray(
        [[0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, np.nan]],
        dims=("case", "nation"),
    )
    np.testing.assert_allclose(cd.gini(x, "nation").values, [0.75, 0.0, 2.0 / 9.0])
    np.testing.assert_allclose(cd.top_share(x, "nation", 1).values, [1.0, 0.25, 0.5])
    nobody = cd.gini(xr.DataArray([[0.0, 0.0]], dims=("case", "nation")), "nation")
    assert np.isnan(nobody.values).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"costs": 0.0}, ValueError, "cost_usd"),
        ({"costs": -5.0}, ValueError, "cost_usd"),
        ({"costs": 1e9, "budgets": "wealth"}, ValueError, "choose distinct names"),
        ({"costs": 1e9, "payers": "planets"}, ValueError, "choose from"),
        ({"costs": 1e9, "budget_share": 0.0}, ValueError, "budget_share"),
        ({"costs": 1e9, "hours_per_day": 3.0}, ValueError, "individuals"),
        ({"costs": 1e9, "names": "Atlantis"}, KeyError, "Atlantis"),
        ({"costs": 1e9, "views": ["rent"]}, ValueError, "views="),
        (
            {"costs": "chatgpt-plus", "payers": "individuals", "budgets": "rd"},
            ValueError,
            "nations and organisations",
        ),
        (
            {"costs": 20.0, "payers": "individuals", "income_share_threshold": 0.0},
            ValueError,
            "income_share_threshold",
        ),
        ({"costs": "chatgpt-pluss", "payers": "individuals"}, KeyError, "chatgpt-plus"),
        ({"costs": None}, ValueError, "costs"),
    ],
)
def test_bad_input_is_refused_with_its_name(kwargs, error, words):
    with pytest.raises(error, match=words):
        cd.afford(**kwargs)


def test_docstring_examples_run():
    import doctest

    import computedivide._afford as module

    assert doctest.testmod(module).failed == 0


def test_a_year_of_a_service_against_budgets():
    load = cd.serve(model="llama-3.1-70b", hardware="h100-sxm", region="USA", users=1e6)
    ds = cd.afford(load, "nations", names="TST", budgets="gdp", budget_share=1.0, catalogs=MINE)
    assert ds["view"].values.tolist() == ["rent", "own"]
    yearly = 12 * float(load["monthly_cost_rent_usd"])
    assert float(ds["cost_share_of_budget"].sel(view="rent", nation="TST")) == pytest.approx(
        yearly / 1e11
    )
    with pytest.raises(ValueError, match="money variables"):
        cd.afford(cd.serve(model="llama-3.1-70b", hardware="h100-sxm", region="USA"))
