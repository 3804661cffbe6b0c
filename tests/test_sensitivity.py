"""Global sensitivity (SALib) against indices known in closed form."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest

pytest.importorskip("SALib")

SCENARIO = dict(model="llama-2-70b", hardware="h100-sxm", region="USA")
PUE = (1.1, 1.7)
CI = (50.0, 850.0)


def uniform_moments(low: float, high: float) -> tuple[float, float]:
    return (low + high) / 2, (high - low) ** 2 / 12


def test_sobol_first_order_indices_match_the_closed_form():
    # co2_kg = k * PUE * CI with PUE and CI independent and uniform. For a
    # product of independent inputs, Var(E[Y|PUE]) = k^2 Var(PUE) E[CI]^2,
    # so S1_PUE = Var(PUE) E[CI]^2 / (E[PUE^2] E[CI^2] - E[PUE]^2 E[CI]^2).
    m_p, v_p = uniform_moments(*PUE)
    m_c, v_c = uniform_moments(*CI)
    total = (v_p + m_p**2) * (v_c + m_c**2) - m_p**2 * m_c**2
    s1_pue, s1_ci = v_p * m_c**2 / total, v_c * m_p**2 / total
    table = cd.sensitivity(
        {"pue": PUE, "carbon_intensity_g_per_kwh": CI}, "co2_kg", n=4096, seed=11, **SCENARIO
    ).set_index("input")
    assert table.attrs["evaluations"] == 4096 * 4
    assert table.loc["pue", "S1"] == pytest.approx(s1_pue, abs=0.03)
    assert table.loc["carbon_intensity_g_per_kwh", "S1"] == pytest.approx(s1_ci, abs=0.03)
    # Two inputs: the total index of one is 1 minus the first-order index of the other.
    assert table.loc["pue", "ST"] == pytest.approx(1 - s1_ci, abs=0.03)
    assert list(table.index) == ["carbon_intensity_g_per_kwh", "pue"]  # CI matters more


def test_morris_ranks_inputs_and_finds_the_idle_one():
    table = cd.sensitivity(
        {"pue": PUE, "carbon_intensity_g_per_kwh": CI, "electricity_usd_per_kwh": (0.05, 0.3)},
        "co2_kg",
        method="morris",
        n=64,
        seed=3,
        **SCENARIO,
    ).set_index("input")
    # The electricity price does not change emissions at all.
    assert table.loc["electricity_usd_per_kwh", "mu_star"] == 0.0
    assert table.index[0] == "carbon_intensity_g_per_kwh"


def test_plot_and_errors(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    table = cd.sensitivity({"mfu": (0.3, 0.5), "pue": PUE}, "energy_kwh", n=256, seed=1, **SCENARIO)
    ax = cd.plot_sensitivity(table)
    ax.figure.savefig(tmp_path / "tornado.png")
    assert (tmp_path / "tornado.png").stat().st_size > 0
    with pytest.raises(ValueError, match="power of 2"):
        cd.sensitivity({"mfu": (0.3, 0.5)}, "energy_kwh", n=1000, **SCENARIO)
    with pytest.raises(ValueError, match="low < high"):
        cd.sensitivity({"mfu": (0.5, 0.3)}, "energy_kwh", **SCENARIO)
    with pytest.raises(ValueError, match="must be one point"):
        cd.sensitivity(
            {"mfu": (0.3, 0.5)},
            "energy_kwh",
            n=64,
            model=SCENARIO["model"],
            hardware=["h100-sxm", "a100-80gb"],
            region="USA",
        )
    assert np.isfinite(table[["S1", "ST"]].to_numpy()).all()
