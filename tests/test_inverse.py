"""The inverse question (MODEL.md section 7) and the development budget (section 6)."""

from __future__ import annotations

import math

import computedivide as cd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

TOLERANCE = 1e-9
budgets = st.floats(1e3, 1e10, allow_nan=False)


def pretrain_cost(n: float, spend: str = "cost_rent_usd", **kw) -> float:
    """The oracle: the NumPy reference's cost of pre-training n parameters on 20 n tokens."""
    ds = cd.train(
        hardware="h100-sxm", region="USA", params=n, tokens=20 * n, backend="reference", **kw
    )
    return float(ds[spend])


def assert_largest_within(n: float, budget: float, cost) -> None:
    """cost(n) <= budget, and n is the largest such: within 1e-9 or the next size up costs more."""
    spent = cost(n)
    assert spent <= budget * (1 + 1e-12)
    assert spent >= budget * (1 - TOLERANCE) or cost(n * (1 + TOLERANCE)) > budget


@settings(deadline=None)
@given(budgets)
def test_the_rent_of_the_returned_model_is_the_budget(budget):
    ds = cd.largest_model(budget, "pretrain", "h100-sxm", "USA")
    n = float(ds["largest_params"])
    assert float(ds["search_bound"]) == 0
    assert float(ds["largest_tokens"]) == pytest.approx(20 * n, rel=1e-15)
    # The fitted MFU follows the size inside the search exactly as in train().
    assert pretrain_cost(n) == pytest.approx(budget, rel=TOLERANCE)
    assert float(ds["budget_spent"]) == pytest.approx(budget, rel=TOLERANCE)


@settings(deadline=None)
@given(budgets)
def test_capital_comes_in_whole_accelerators_and_the_next_size_costs_more(budget):
    ds = cd.largest_model(budget, "pretrain", "h100-sxm", "USA", spend="capex_usd")
    n = float(ds["largest_params"])
    if float(ds["search_bound"]) < 0:  # not even the smallest model's cluster
        assert pretrain_cost(1e6, "capex_usd") > budget
        return
    assert_largest_within(n, budget, lambda m: pretrain_cost(m, "capex_usd"))


@settings(deadline=None)
@given(st.lists(budgets, min_size=2, max_size=20))
def test_the_largest_model_is_monotone_in_the_budget(values):
    ordered = np.sort(np.array(values))
    for spend in ("cost_rent_usd", "cost_own_usd", "capex_usd", "energy_kwh"):
        ds = cd.largest_model(ordered, "pretrain", "a100-80gb", "FRA", spend=spend)
        sizes = ds["largest_params"].values
        assert (np.diff(sizes) >= -TOLERANCE * sizes[1:]).all(), spend


def test_closed_form_by_hand_at_a_fixed_mfu():
    # rent = 6 N (20 N) / (peak mfu) / 3600 * price  =>  N = sqrt(B peak mfu 3600 / (120 price))
    peak, mfu, price = 989.4e12, 0.4, 3.62
    for budget in (1e5, 1e7, 1e9):
        ds = cd.largest_model(budget, "pretrain", "h100-sxm", "USA", mfu=mfu)
        by_hand = math.sqrt(budget * peak * mfu * 3600 / (120 * price))
        assert float(ds["largest_params"]) == pytest.approx(by_hand, rel=1e-11)
    # A fixed D makes the rent linear in N.
    ds = cd.largest_model(1e6, "pretrain", "h100-sxm", "USA", mfu=mfu, tokens=1e12)
    assert float(ds["largest_params"]) == pytest.approx(
        1e6 * peak * mfu * 3600 / (6 * 1e12 * price), rel=1e-11
    )
    assert ds.attrs["tokens_rule"] == "D as given"


def test_all_nations_at_once_with_the_hardware_and_region_that_achieve_it():
    ds = cd.largest_model(
        payers="nations", budgets="rd", hardware=["h100-sxm", "a100-80gb"], region=["USA", "FRA"]
    )
    nations = cd.catalog.table("nation")
    assert ds.sizes["nation"] == len(nations)
    rd = nations["gdp_usd"] * nations["rd_share_of_gdp"]
    no_figure = rd.isna().to_numpy()
    largest = ds["largest_params"].transpose("nation", ...).values
    assert np.isnan(largest[no_figure]).all()  # no R&D figure: no answer, not 0
    assert np.isfinite(largest[~no_figure]).all()
    best = ds["best_largest_params"]
    assert (
        best.values[~no_figure]
        == largest[~no_figure].reshape(len(rd) - no_figure.sum(), -1).max(axis=1)
    ).all()
    usa = ds.sel(nation="USA")
    hw, region = str(usa["best_hardware"].values), str(usa["best_region"].values)
    assert float(usa["largest_params"].sel(hardware=hw, region=region)) == float(
        usa["best_largest_params"]
    )
    # The USA's 1 % of R&D against its rent: the cost at the answer is the budget.
    budget = 0.01 * float(rd["USA"])
    n = float(usa["largest_params"].sel(hardware="h100-sxm", region="USA"))
    assert pretrain_cost(n) == pytest.approx(budget, rel=TOLERANCE)


def test_finetune_and_serve_paths():
    # One rented RTX 4090 and QLoRA: the largest model is the one whose state fills it.
    ds = cd.largest_model(
        1e3, "finetune", "rtx-4090", "USA", model="llama-2-7b", tokens=1e7, method="qlora", n_gpus=1
    )
    n = float(ds["largest_params"])
    assert bool(ds["fits_memory"]) and float(ds["cost_rent_usd"]) < 1e3
    # By hand: 4.127 bits per frozen weight, 16 bytes per adapter parameter
    # (rank 8 on 2 of Llama 2 7B's 4096-wide matrices in 32 layers), and
    # 2 x 4096 x 32 x 2048 bytes of activations, in 0.9 x 24 GB.
    share = 8 * 2 * 4096 * 2 * 32 / 7.0e9
    bytes_per_param = 4.127 / 8 + 16 * share
    by_hand = (0.9 * 24e9 - 2 * 4096 * 32 * 2048) / bytes_per_param
    assert n == pytest.approx(by_hand, rel=1e-9)
    served = cd.largest_model(1e4, "serve", "h100-sxm", "USA", model="llama-3.1-8b", users=1000)
    n = float(served["largest_params"])
    assert float(served["monthly_cost_rent_usd"]) <= 1e4

    def monthly(m: float) -> float:
        return float(
            cd.serve("llama-3.1-8b", "h100-sxm", "USA", params=m, users=1000)[
                "monthly_cost_rent_usd"
            ]
        )

    assert_largest_within(n, 1e4, monthly)


def test_nothing_fits_and_everything_fits():
    ds = cd.largest_model([1e-6, 1e30], "pretrain", "h100-sxm", "USA")
    assert ds["search_bound"].values.tolist() == [-1.0, 1.0]
    assert ds["largest_params"].values.tolist() == [0.0, 1e15]
    assert np.isnan(ds["gpu_hours"].values[0]) and np.isfinite(ds["gpu_hours"].values[1])


def test_largest_model_refuses_bad_questions():
    with pytest.raises(ValueError, match="not both"):
        cd.largest_model(1e6, "pretrain", "h100-sxm", "USA", payers="nations")
    with pytest.raises(ValueError, match="not both"):
        cd.largest_model(path="pretrain", hardware="h100-sxm", region="USA")
    with pytest.raises(ValueError, match=r"budget must be \[0, inf\)"):
        cd.largest_model(-5.0, "pretrain", "h100-sxm", "USA")
    with pytest.raises(ValueError, match="spend='wall_days'"):
        cd.largest_model(1e6, "pretrain", "h100-sxm", "USA", spend="wall_days")
    with pytest.raises(ValueError, match="params_range"):
        cd.largest_model(1e6, "pretrain", "h100-sxm", "USA", params_range=(1e9, 1e6))
    with pytest.raises(ValueError, match="path='finetune' needs tokens"):
        cd.largest_model(1e6, "finetune", "h100-sxm", "USA", model="llama-2-7b")
    with pytest.raises(ValueError, match="needs users"):
        cd.largest_model(1e6, "serve", "h100-sxm", "USA", model="llama-2-7b")
    with pytest.raises(ValueError, match="does not take params"):
        cd.largest_model(1e6, "pretrain", "h100-sxm", "USA", params=1e9)
    with pytest.raises(ValueError, match="path="):
        cd.largest_model(1e6, "distill", "h100-sxm", "USA")  # type: ignore[arg-type]


def test_development_budget_by_hand():
    ds = cd.development_budget(1e8, staff=200, data_tokens=1e12, data_usd_per_mtok=10.0)
    staff = 200 * cd.DEVELOP_PARAMS[3].default * 12 / 12
    assert cd.DEVELOP_PARAMS[3].name == "salary_usd_per_year"
    assert cd.DEVELOP_PARAMS[3].default == 200_700.0  # 140,910 / 0.702, to the hundred
    expected = {
        "compute_final_usd": 1e8,
        "compute_experiments_usd": 1.2e8,  # (2.2 - 1) x the final run
        "staff_usd": staff,
        "data_usd": 1e7,  # 1e6 Mtoken x $10
    }
    for name, value in expected.items():
        assert float(ds[name]) == pytest.approx(value, rel=1e-15), name
    total = sum(expected.values())
    assert float(ds["total_usd"]) == pytest.approx(total, rel=1e-15)
    assert float(ds["staff_share"]) == pytest.approx(staff / total, rel=1e-15)
    ref = cd.development_budget(
        1e8, staff=[10, 200], data_tokens=1e12, data_usd_per_mtok=10.0, backend="reference"
    )
    core = cd.development_budget(1e8, staff=[10, 200], data_tokens=1e12, data_usd_per_mtok=10.0)
    for name in core.data_vars:
        np.testing.assert_allclose(core[name].values, ref[name].values, rtol=1e-15)


def test_development_budget_salaries_by_nation_and_from_a_run():
    ds = cd.development_budget(1e8, staff=100, nation=["USA", "IND"])
    gni = cd.catalog.table("nation")["gni_per_capita_usd"]
    ratio = float(ds["staff_usd"].sel(nation="IND") / ds["staff_usd"].sel(nation="USA"))
    assert ratio == pytest.approx(gni["IND"] / gni["USA"], rel=1e-12)
    run = cd.train("llama-2-7b", "a100-80gb", "USA")
    from_run = cd.development_budget(run, staff=10, view="cost_own_usd")
    assert float(from_run["compute_final_usd"]) == float(run["cost_own_usd"])
    with pytest.raises(ValueError, match="needs staff"):
        cd.development_budget(1e8)
    with pytest.raises(ValueError, match=r"experiments_multiplier must be \[1, 100\]"):
        cd.development_budget(1e8, staff=1, experiments_multiplier=0.5)
    with pytest.raises(ValueError, match="give one"):
        cd.development_budget(1e8, staff=1, nation="USA", salary_usd_per_year=1e5)
