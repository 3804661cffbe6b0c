"""Study files (TOML), result files (Parquet, CSV, NetCDF) and Arrow/polars/DuckDB interchange."""

from __future__ import annotations

from pathlib import Path

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
import xarray as xr
from computedivide.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

SMALL = """
[study]
name = "small"
kernel = "train"

[axes]
model = ["llama-2-7b", "llama-2-70b"]
hardware = ["a100-80gb", "h100-sxm"]
mfu = { linspace = [0.3, 0.5, 3] }

[assumptions]
region = "USA"
pue = 1.2

[options]
metrics = ["gpu_hours", "cost_rent_usd"]
"""


def test_a_study_is_the_same_call_as_train():
    ds = cd.Study.from_toml(SMALL).run()
    direct = cd.train(
        model=["llama-2-7b", "llama-2-70b"],
        hardware=["a100-80gb", "h100-sxm"],
        mfu=[0.3, 0.4, 0.5],
        region="USA",
        pue=1.2,
        metrics=["gpu_hours", "cost_rent_usd"],
    )
    # The study's own attributes (its name and file) are the only difference.
    xr.testing.assert_equal(ds, direct)
    assert {k: v for k, v in ds.attrs.items() if not k.startswith("study_")} == direct.attrs
    assert ds.attrs["study_name"] == "small"
    # By hand: 6 x 7e9 x 2e12 / (312e12 x 0.3 x 3600) hours.
    assert float(
        ds["gpu_hours"].sel(model="llama-2-7b", hardware="a100-80gb", mfu=0.3)
    ) == pytest.approx(6 * 7e9 * 2e12 / (312e12 * 0.3 * 3600))


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("national_capacity", ".parquet"), ("individual_access", ".csv"), ("sensitivity", ".nc")],
)
def test_every_example_study_runs_from_the_command_line(tmp_path, name, suffix, capsys):
    out = tmp_path / f"result{suffix}"
    assert main(["sweep", str(EXAMPLES / f"{name}.toml"), "-o", str(out)]) == 0
    assert out.exists() and not list(tmp_path.glob(".*partial"))
    assert "->" in capsys.readouterr().out
    expected = cd.Study.from_toml(EXAMPLES / f"{name}.toml").run()
    if suffix == ".nc":
        xr.testing.assert_allclose(xr.load_dataset(out), expected, rtol=1e-12)
    else:
        frame = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
        assert len(frame) == len(cd.to_pandas(expected))


def test_zarr_store_round_trips_values_labels_and_units(tmp_path):
    pytest.importorskip("zarr")
    ds = cd.Study.from_toml(EXAMPLES / "national_capacity.toml").run()
    out = tmp_path / "capacity.zarr"
    assert main(["sweep", str(EXAMPLES / "national_capacity.toml"), "-o", str(out)]) == 0
    assert out.is_dir() and not list(tmp_path.glob(".*partial"))
    back = xr.open_zarr(out).load()
    for name in ds.data_vars:
        np.testing.assert_array_equal(back[name].values, ds[name].values)
        assert back[name].attrs["units"] == ds[name].attrs["units"]
    # The winning labels of the min reduction come back as text.
    assert list(back["cost_rent_usd_min_hardware"].values) == [
        str(v) for v in ds["cost_rent_usd_min_hardware"].values
    ]
    assert back.attrs["study_name"] == "national capacity"


def test_duckdb_queries_a_written_parquet_sweep(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    ds = cd.Study.from_toml(EXAMPLES / "national_capacity.toml").run()
    path = cd.write_results(ds, tmp_path / "capacity.parquet")
    rows = duckdb.sql(
        f"SELECT model, min(cost_rent_usd_min) AS cheapest FROM '{path}' "
        "GROUP BY model ORDER BY cheapest"
    ).fetchall()
    cheapest = ds["cost_rent_usd_min"].to_series().sort_values()
    assert [r[0] for r in rows] == list(cheapest.index)
    np.testing.assert_allclose([r[1] for r in rows], cheapest.to_numpy(), rtol=1e-12)


def test_parquet_partitions_by_a_dimension(tmp_path):
    ds = cd.Study.from_toml(SMALL).run()
    path = cd.write_results(ds, tmp_path / "parts.parquet", partition_by="model")
    assert sorted(p.name for p in path.iterdir()) == ["model=llama-2-70b", "model=llama-2-7b"]
    back = pd.read_parquet(path)
    assert len(back) == ds["gpu_hours"].size
    with pytest.raises(ValueError, match=r"partition_by \['nope'\] are not dimensions"):
        cd.write_results(ds, tmp_path / "bad.parquet", partition_by="nope")
    assert not (tmp_path / "bad.parquet").exists()
    assert not list(tmp_path.glob(".*partial"))
    with pytest.raises(ValueError, match="cannot tell the format"):
        cd.write_results(ds, tmp_path / "results.xlsx")


def test_arrow_and_polars_carry_the_same_numbers_and_units():
    pl = pytest.importorskip("polars")
    ds = cd.Study.from_toml(SMALL).run()
    table = cd.to_arrow(ds)
    assert table.num_rows == 12
    assert table.schema.field("gpu_hours").metadata[b"units"] == b"h"
    frame = cd.to_polars(ds)
    assert isinstance(frame, pl.DataFrame)
    assert frame.shape == (12, table.num_columns)
    np.testing.assert_array_equal(frame["gpu_hours"].to_numpy(), ds["gpu_hours"].to_numpy().ravel())


# ------------------------------------------------------------ errors name file, line and key


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            '[study]\nkernel = "train"\n[axis]\nmfu = 0.4\n',
            r"<string>, line 3, key 'axis': unknown table",
        ),
        (
            '[study]\nkernel = "train"\n[axes]\nmodel = "gpt-3"\nmfuu = 0.4\n',
            r"line 5, key 'axes.mfuu': not a train\(\) parameter",
        ),
        ('[study]\nkernel = "fly"\n', r"line 2, key 'study.kernel': kernel must be"),
        (
            '[study]\nkernel = "train"\n[axes]\nmfu = { distribution = "beta", a = 1 }\n',
            r"line 4, key 'axes.mfu': distribution 'beta' is not known",
        ),
        (
            '[study]\nkernel = "train"\n[axes]\nmfu = { distribution = "uniform", low = 1 }\n',
            r"a uniform distribution takes \['low', 'high'\]",
        ),
        (
            '[study]\nkernel = "train"\n[assumptions]\npue = [1.1, 1.2]\n',
            r"line 4, key 'assumptions.pue': an assumption is one value",
        ),
        (
            '[study]\nkernel = "train"\n[axes]\ntokens = { geomspace = [0, 1e12, 3] }\n',
            r"geomspace needs start and stop > 0",
        ),
        (
            '[study]\nkernel = "train"\n[[reduce]]\nkind = "median"\nmetric = "energy_kwh"\n',
            r"line 4, key 'reduce\[0\].kind': kind must be one of",
        ),
        (
            '[study]\nkernel = "serve"\n[options]\ninterval = true\n',
            r"line 4, key 'options.interval': not an option of serve\(\)",
        ),
        ('[study]\nkernel = "train"\n[axes]\nmfu = [0.3, "high"]\n', r"not a mix"),
        ("[study\nkernel = 1\n", r"<string>: not valid TOML"),
    ],
)
def test_bad_study_files_name_the_line_and_key(text, match):
    with pytest.raises(cd.StudyError, match=match):
        cd.Study.from_toml(text)


def test_a_refused_argument_is_reported_with_the_file(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(
        '[study]\nkernel = "train"\n[axes]\nmodel = "gpt-3"\n'
        'hardware = "a100-80gb"\nregion = "USA"\nmfu = 1.5\n'
    )
    with pytest.raises(cd.StudyError, match=r"study.toml: .*mfu"):
        cd.Study.from_toml(path).run()
    assert main(["sweep", str(path), "-o", str(tmp_path / "out.parquet")]) == 2
    assert not (tmp_path / "out.parquet").exists()


def test_catalog_files_stay_inside_the_study_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    rows = tmp_path / "sub" / "gpus.csv"
    rows.write_text("name,cloud_usd_per_hour,source,year\nh100-sxm,1.0,my quote,2026\n")
    inside = tmp_path / "sub" / "study.toml"
    inside.write_text(SMALL + '\n[catalogs]\nhardware = "gpus.csv"\n')
    ds = cd.Study.from_toml(inside).run()
    assert float(
        ds["cost_rent_usd"].sel(model="llama-2-7b", hardware="h100-sxm", mfu=0.3)
    ) == pytest.approx(
        float(ds["gpu_hours"].sel(model="llama-2-7b", hardware="h100-sxm", mfu=0.3)) * 1.0
    )
    outside = tmp_path / "sub" / "escape.toml"
    outside.write_text(SMALL + '\n[catalogs]\nhardware = "../../etc/passwd.csv"\n')
    with pytest.raises(cd.StudyError, match="must lie inside the study's folder"):
        cd.Study.from_toml(outside)
