"""The command line: the README's main command and its errors."""

from __future__ import annotations

import subprocess
import sys

import computedivide as cd
import pytest
from computedivide.cli import main


def test_readme_main_command_prints_the_training_table(capsys):
    assert (
        main(["train", "--model", "llama-2-70b", "--hardware", "h100-sxm", "--region", "USA"]) == 0
    )
    out = capsys.readouterr().out
    expected = cd.train(model="llama-2-70b", hardware="h100-sxm", region="USA")
    assert "model=llama-2-70b, hardware=h100-sxm, region=USA" in out
    line = next(row for row in out.splitlines() if row.startswith("gpu_hours"))
    assert float(line.split()[1]) == pytest.approx(float(expected["gpu_hours"]), rel=1e-5)
    assert line.split()[2] == "h"


def test_sweeps_and_csv(capsys):
    assert (
        main(
            [
                "train",
                "--model",
                "gpt-3",
                "--hardware",
                "a100-80gb",
                "--region",
                "USA",
                "FRA",
                "--mfu",
                "0.3",
                "0.5",
                "--metrics",
                "gpu_hours",
                "co2_kg",
                "--csv",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "region,mfu,gpu_hours [h],co2_kg [kg CO2e]"
    assert len(lines) == 1 + 4
    hours_03 = 6 * 175e9 * 300e9 / (312e12 * 0.3) / 3600
    assert float(lines[1].split(",")[2]) == pytest.approx(hours_03, rel=1e-12)


def test_serve_command(capsys):
    assert (
        main(
            [
                "serve",
                "--model",
                "llama-3-70b",
                "--hardware",
                "h100-sxm",
                "--region",
                "USA",
                "--batch",
                "1",
                "8",
                "--metrics",
                "tokens_per_s",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "tokens_per_s [token/s]" in out


def test_errors_are_one_line_with_exit_status_2(capsys):
    assert (
        main(["train", "--model", "llama-2-75b", "--hardware", "h100-sxm", "--region", "USA"]) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith(
        "computedivide train: error: model='llama-2-75b' is not in the model catalog"
    )
    assert "'llama-2-70b'" in err
    assert (
        main(
            [
                "train",
                "--model",
                "gpt-3",
                "--hardware",
                "h100-sxm",
                "--region",
                "USA",
                "--mfu",
                "1.5",
            ]
        )
        == 2
    )
    assert "mfu must be (0, 1]" in capsys.readouterr().err


def test_catalog_listing(capsys):
    assert main(["catalog", "hardware"]) == 0
    assert "h100-sxm" in capsys.readouterr().out


def test_installed_entry_point_runs():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "computedivide",
            "train",
            "--model",
            "gpt-3",
            "--hardware",
            "a100-80gb",
            "--region",
            "FRA",
            "--metrics",
            "train_flops",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "3.15e+23" in result.stdout


def test_catalog_command_lists_every_catalog_and_checks_user_rows(capsys, tmp_path):
    assert main(["catalog", "nation", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("name,display_name,aliases,iso2")
    assert any(line.startswith("KEN,Kenya,") for line in lines)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,price_usd,source,year\nmine,-3,me,2026\n")
    assert main(["catalog", "hardware", "--rows", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2 (name 'mine'), column 'price_usd': -3 USD is not a number from 0" in err


def test_train_with_own_catalog_rows(capsys, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("name,cloud_usd_per_hour,source,year\nh100,2,my quote,2026\n")
    assert (
        main(
            [
                "train",
                "--model",
                "gpt-3",
                "--hardware",
                "h100",
                "--region",
                "FRA",
                "--catalog",
                f"hardware={mine}",
                "--metrics",
                "gpu_hours",
                "cost_rent_usd",
                "--csv",
            ]
        )
        == 0
    )
    _header, row = capsys.readouterr().out.strip().splitlines()
    hours, rent = (float(x) for x in row.split(",")[-2:])
    assert rent == pytest.approx(2 * hours, rel=1e-9)
    assert main(["train", "--model", "gpt-3", "--catalog", "hardware"]) == 2
    assert "write KIND=CSV" in capsys.readouterr().err
