"""The report (the README's main command): every file, numbers that agree, a page that loads."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
from computedivide._report import era_hardware

FILES = [
    "index.html",
    "training.csv",
    "nations_by_model.csv",
    "nations.csv",
    "organisations_by_model.csv",
    "organisations.csv",
    "access_offers.csv",
    "access_by_nation.csv",
    "serving.csv",
    "fig1_training_cost.png",
    "fig2_nations_vs_cost.png",
    "fig3_organisations_vs_cost.png",
    "fig4_access_offers.png",
    "fig5_income_share.png",
    "fig6_serving_cost.png",
    "have_nots_nations.csv",
    "have_nots_home.csv",
    "fig7_largest_model.png",
]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = subprocess.run(
        [sys.executable, "-m", "computedivide", "report", "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    return out


def test_every_file_is_written(report_dir):
    for name in FILES:
        path = report_dir / name
        assert path.is_file() and path.stat().st_size > 0, name
    assert not list(report_dir.glob(".*partial"))
    for png in report_dir.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_training_table_is_train(report_dir):
    table = pd.read_csv(report_dir / "training.csv").set_index("model")
    row = table.loc["llama-2-70b"]
    assert row["hardware"] == "a100-80gb"  # the typical accelerator of 2023
    ds = cd.train(model="llama-2-70b", hardware="a100-80gb", region="USA", precision="fp16")
    for column in ("gpu_hours", "energy_kwh", "cost_rent_usd", "capex_usd"):
        assert row[column] == pytest.approx(float(ds[column]), rel=1e-12)
    # 6 x 70e9 x 2e12 FLOP.
    assert row["train_flops"] == pytest.approx(8.4e23)
    assert table.loc["llama-3.1-405b", "hardware"] == "h100-sxm"
    assert table.loc["gpt-3", "hardware"] == "v100-sxm"


def test_nation_counts_fall_as_costs_rise(report_dir):
    table = pd.read_csv(report_dir / "nations_by_model.csv")
    assert np.all(np.diff(table["cost_usd"]) >= 0)
    for share in ("1", "10", "100"):
        assert np.all(np.diff(table[f"n_nations_within_{share}pct"]) <= 0)
    # A higher share of R&D never lets fewer nations pay.
    assert np.all(table["n_nations_within_100pct"] >= table["n_nations_within_10pct"])
    assert np.all(table["n_nations_within_10pct"] >= table["n_nations_within_1pct"])
    dearest = table.iloc[-1]
    expected = cd.afford_summary(
        cd.afford(dearest["cost_usd"], "nations", budgets="rd", budget_share=1.0)
    )
    assert dearest["n_nations_within_100pct"] == int(expected["n_within_reach"])


def test_access_table_matches_afford(report_dir):
    table = pd.read_csv(report_dir / "access_offers.csv").set_index("offer")
    summary = cd.afford_summary(
        cd.afford("chatgpt-plus", "individuals", income_share_threshold=0.02)
    )
    assert table.loc["chatgpt-plus", "population_share_under_2pct"] == pytest.approx(
        float(summary["population_share_affordable"].squeeze())
    )
    assert table.loc["chatgpt-plus", "median_monthly_price_usd"] == pytest.approx(20.0)


def test_page_escapes_and_embeds(report_dir):
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,') == 7
    assert "http://" not in page and "https://" not in page  # nothing fetched
    assert "R&D" not in re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # escaped
    assert "R&amp;D" in page


def test_era_hardware_is_the_most_reported_priced_accelerator():
    era = era_hardware(cd.catalog.models(), cd.catalog.hardware())
    assert era[2020] == "v100-sxm"
    assert era[2019] == "v100-sxm"  # no earlier year: the nearest later one
    assert era[2023] == "a100-80gb"
    assert era[2024] == "h100-sxm"


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _headless(tmp_path: Path) -> list[str]:
    """The command line of a headless Chromium (the test fails under CI without one)."""
    browser = _browser()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the report test (scripts/install-test-tools.sh)")
        pytest.skip("Chromium is not installed (scripts/install-test-tools.sh installs it)")
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
    ]


def test_page_loads_every_figure_in_a_browser(report_dir, tmp_path):
    flags = _headless(tmp_path)
    url = (report_dir / "index.html").as_uri()
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body, dom.stderr[-2000:]
    figures = re.search(r'data-figures="(\d+)"', body.group(0))
    loaded = re.search(r'data-figures-loaded="(\d+)"', body.group(0))
    assert figures and loaded, body.group(0)
    assert int(figures.group(1)) == 7
    assert int(loaded.group(1)) == 7
    assert '<p class="broken">' not in dom.stdout

    shot = tmp_path / "report.png"
    subprocess.run(
        flags + ["--window-size=1200,3000", f"--screenshot={shot}", url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))
    assert pixels.shape[0] == 3000 and pixels.shape[1] == 1200
    assert pixels[..., :3].std() > 0.05  # text and figures, not a blank page


def test_report_refuses_bad_options_by_name(tmp_path, capsys):
    from computedivide.cli import main

    assert main(["report", "--out", str(tmp_path), "--models", "llama-2-7000b"]) == 2
    assert "llama-2-7000b" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path), "--budget-shares", "-1"]) == 2
    assert "budget_share" in capsys.readouterr().err
    assert not (tmp_path / "index.html").exists()


def test_have_nots_tables_are_the_inverse_question(report_dir):
    table = pd.read_csv(report_dir / "have_nots_nations.csv").set_index("nation")
    nations = cd.catalog.nations()
    rd_usa = float(nations.loc["USA", "gdp_usd"] * nations.loc["USA", "rd_share_of_gdp"])
    assert table.loc["USA", "rd_budget_usd"] == pytest.approx(0.01 * rd_usa, rel=1e-12)
    direct = cd.largest_model(0.01 * rd_usa, "pretrain", "h100-sxm", "USA")
    assert table.loc["USA", "pretrain_params"] == pytest.approx(
        float(direct["largest_params"]), rel=1e-9
    )
    # The pre-trained size falls with the budget: the table is sorted by it,
    # and a nation without an R&D figure has no answer (blank, not 0).
    known = table["pretrain_params"].dropna()
    assert (np.diff(known.to_numpy()) <= 0).all()
    assert table.loc[table["rd_budget_usd"].isna(), "pretrain_params"].isna().all()
    home = pd.read_csv(report_dir / "have_nots_home.csv").set_index("hardware")
    for hw, row in home.iterrows():
        memory = float(cd.catalog.hardware().loc[hw, "memory_gb"])
        weights_gb = row["largest_params"] * (4 + 20 / 128) / 8 / 1e9
        assert weights_gb < 0.9 * memory, hw


# Markup in the model names of a user's catalog file (the page shows model
# names in its tables): each would mark the page if the browser ran it.
HOSTILE_NAMES = [
    "<script>document.body.setAttribute('data-pwned', 'script')</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">",
]


def test_names_from_user_files_show_as_text_in_a_browser(tmp_path):
    rows = pd.DataFrame(
        {
            "name": HOSTILE_NAMES,
            "display_name": ["Hostile 1", "Hostile 2"],
            "release_year": [2024, 2024],
            "params_total": [7e9, 8e9],
            "training_tokens": [2e12, 2e12],
            "layers": [32, 32],
            "d_model": [4096, 4096],
            "source": ["a user's own file"] * 2,
            "year": [2024, 2024],
        }
    )
    models = tmp_path / "models.csv"
    rows.to_csv(models, index=False)
    out = tmp_path / "report"
    from computedivide.cli import main

    code = main(
        ["report", "--out", str(out), "--catalog", f"model={models}", "--no-progress"]
        + ["--models", *HOSTILE_NAMES, "llama-2-7b"]
    )
    assert code == 0
    training = pd.read_csv(out / "training.csv")
    assert set(HOSTILE_NAMES) <= set(training["model"])  # kept as given, in the data
    page = (out / "index.html").read_text(encoding="utf-8")
    for name in HOSTILE_NAMES:
        assert name not in page
        assert html.escape(name) in page

    flags = _headless(tmp_path)
    dom = subprocess.run(
        flags + ["--dump-dom", (out / "index.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body, dom[-2000:]
    assert "data-pwned" not in body.group(0)  # neither the script nor the onerror ran
    assert '<img src="x"' not in dom  # no element was injected
    # The browser shows the names as text: its DOM holds the escaped characters.
    for name in HOSTILE_NAMES:
        assert html.escape(name, quote=False) in dom
    assert int(re.search(r'data-figures-loaded="(\d+)"', body.group(0)).group(1)) == 7
