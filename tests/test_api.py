"""The public API: dimensions, catalogs, labels, and errors on bad input."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pandas as pd
import pytest
import xarray as xr

EXPLICIT = dict(
    params=7e9,
    tokens=1e12,
    peak_flops=312e12,
    memory_gb=80.0,
    tdp_w=400.0,
    gpu_price_usd=15_000.0,
    cloud_usd_per_gpu_hour=2.0,
    pue=1.1,
    carbon_intensity_g_per_kwh=400.0,
    electricity_usd_per_kwh=0.1,
)


def test_catalog_names_become_dimensions_in_argument_order():
    ds = cd.train(
        model=["llama-2-70b", "gpt-3"],
        hardware=["a100-80gb", "h100-sxm"],
        region=["USA", "FRA", "IND"],
        mfu=0.4,
    )
    assert ds["gpu_hours"].dims == ("model", "hardware", "region")
    assert ds["gpu_hours"].shape == (2, 2, 3)
    assert list(ds.coords["region"].values) == ["USA", "FRA", "IND"]
    # Hours depend on model and hardware, not region; CO2 on all three.
    hours = ds["gpu_hours"]
    assert (hours.sel(region="USA") == hours.sel(region="IND")).all()
    assert float(hours.sel(model="gpt-3", hardware="a100-80gb", region="USA")) == pytest.approx(
        6 * 175e9 * 300e9 / (312e12 * 0.4) / 3600, rel=1e-12
    )
    co2 = ds["co2_kg"].sel(model="gpt-3", hardware="h100-sxm")
    assert float(co2.sel(region="FRA")) < float(co2.sel(region="IND"))


def test_numeric_sweeps_become_dimensions():
    ds = cd.train(
        params=np.logspace(9, 12, 20),
        tokens=np.logspace(11, 13, 10),
        hardware="h100-sxm",
        region="USA",
    )
    assert ds["train_flops"].dims == ("params", "tokens")
    assert ds["train_flops"].shape == (20, 10)
    np.testing.assert_allclose(
        ds["train_flops"], 6 * np.outer(np.logspace(9, 12, 20), np.logspace(11, 13, 10)), rtol=1e-12
    )


def test_dataarrays_share_a_dimension():
    # params and tokens vary together along one "run" dimension (D = 20 N).
    n = xr.DataArray([1e9, 1e10, 1e11], dims="run")
    ds = cd.train(params=n, tokens=20 * n, hardware="a100-80gb", region="FRA")
    assert ds["train_flops"].dims == ("run",)
    np.testing.assert_allclose(ds["train_flops"], 120 * n.values**2, rtol=1e-12)


def test_explicit_argument_overrides_the_catalog():
    base = cd.train(model="llama-2-70b", hardware="h100-sxm", region="USA")
    more = cd.train(model="llama-2-70b", hardware="h100-sxm", region="USA", tokens=4e12)
    assert float(more["train_flops"]) == pytest.approx(2 * float(base["train_flops"]), rel=1e-12)
    cheap = cd.train(
        model="llama-2-70b", hardware="h100-sxm", region="USA", cloud_usd_per_gpu_hour=1.0
    )
    assert float(cheap["cost_rent_usd"]) == pytest.approx(float(cheap["gpu_hours"]), rel=1e-12)
    # Overriding params makes the model dense at that size (active = params).
    resized = cd.train(
        model="mixtral-8x7b", hardware="h100-sxm", region="USA", params=1e9, tokens=1e12
    )
    assert float(resized["train_flops"]) == pytest.approx(6e21, rel=1e-12)


def test_precision_selects_the_peak_and_can_be_swept():
    ds = cd.train(model="llama-3-8b", hardware="h100-sxm", region="USA", precision=["bf16", "fp8"])
    hours = ds["gpu_hours"]
    assert hours.dims == ("precision",)
    assert float(hours.sel(precision="bf16")) == pytest.approx(
        2 * float(hours.sel(precision="fp8")), rel=0.01
    )


def test_precision_without_effect_is_an_error():
    with pytest.raises(ValueError, match=r"precision=.*has no effect: peak_flops is given"):
        cd.train(**EXPLICIT, precision=["bf16", "fp8"])
    ds = cd.train(**EXPLICIT)
    assert "precision" not in ds.coords


def test_units_and_dataframe():
    ds = cd.train(model="gpt-3", hardware=["a100-80gb", "h100-sxm"], region="USA")
    assert ds["energy_kwh"].attrs["units"] == "kWh"
    assert ds["cost_rent_usd"].attrs["units"] == "USD"
    assert ds["co2_kg"].attrs["units"] == "kg CO2e"
    df = ds.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 2 and "gpu_hours" in df.columns
    assert "mfu" not in ds.attrs  # fitted per hardware: an input array, not a scalar
    assert ds.attrs["mfu_default"].startswith("fitted on ")
    assert (
        cd.train(model="gpt-3", hardware="a100-80gb", region="USA", mfu=0.375).attrs["mfu"] == 0.375
    )


def test_metrics_selects_outputs():
    ds = cd.train(**EXPLICIT, metrics=["gpu_hours", "co2_kg"])
    assert set(ds.data_vars) == {"gpu_hours", "co2_kg"}
    with pytest.raises(KeyError, match="not a train output"):
        cd.train(**EXPLICIT, metrics=["gpu_hour"])


def test_serve_from_catalogs():
    sv = cd.serve(model="llama-3-70b", hardware="h100-sxm", region="USA", batch=[1, 8, 64])
    assert sv["tokens_per_s"].dims == ("batch",)
    assert float(sv["weights_gb"][0]) == pytest.approx(70.6e9 * 2 / 1e9, rel=0.02)
    assert (sv["usd_per_mtok_rent"].diff("batch") < 0).all()


def test_load_metrics_need_users():
    with pytest.raises(ValueError, match=r"\['replicas'\] describe a load: pass users="):
        cd.serve(model="llama-3-70b", hardware="h100-sxm", region="USA", metrics=["replicas"])
    sv = cd.serve(
        model="llama-3-70b", hardware="h100-sxm", region="USA", users=1000, metrics=["replicas"]
    )
    assert float(sv["replicas"]) >= 1


def test_zero_length_dimension_gives_empty_results():
    ds = cd.train(**dict(EXPLICIT, params=[]))
    assert ds["gpu_hours"].shape == (0,)


# ----------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("mfu", float("nan"), r"mfu must be finite and in \(0, 1\]"),
        ("mfu", 1.5, r"mfu must be \(0, 1\] \(1\); got 1.5"),
        ("mfu", 0.0, r"mfu must be \(0, 1\]"),
        ("tokens", -1e9, r"tokens must be \(0, inf\) \(token\)"),
        ("tokens", float("inf"), r"tokens must be finite"),
        ("params", 0, r"params must be \(0, inf\)"),
        ("pue", 0.9, r"pue must be \[1, 3\]"),
        ("n_gpus", 10.5, r"n_gpus must be a whole number in \[1, inf\)"),
        ("n_gpus", 0, r"n_gpus must be a whole number in \[1, inf\)"),
        ("carbon_intensity_g_per_kwh", -5, r"carbon_intensity_g_per_kwh must be \[0, 2000\]"),
    ],
)
def test_bad_values_name_the_argument_and_range(name, value, message):
    with pytest.raises(ValueError, match=message):
        cd.train(**dict(EXPLICIT, **{name: value}))


def test_bad_value_inside_a_sweep_says_where():
    with pytest.raises(ValueError, match=r"mfu.*got 2 at mfu=2.0"):
        cd.train(**EXPLICIT, mfu=[0.3, 2.0])
    with pytest.raises(ValueError, match=r"nan at x=1"):
        cd.train(
            **dict(EXPLICIT, tokens=xr.DataArray([1e9, np.nan], dims="x", coords={"x": [0, 1]}))
        )


def test_unknown_catalog_names_suggest_close_ones():
    with pytest.raises(KeyError, match=r"did you mean .*'llama-2-70b'"):
        cd.train(model="llama-2-75b", hardware="h100-sxm", region="USA")
    with pytest.raises(KeyError, match=r"hardware='h100-sxn'.*'h100-sxm'"):
        cd.train(model="gpt-3", hardware="h100-sxn", region="USA")
    with pytest.raises(KeyError, match="region='Atlantis'"):
        cd.train(model="gpt-3", hardware="h100-sxm", region="Atlantis")
    with pytest.raises(KeyError, match="precision='fp4'"):
        cd.train(model="gpt-3", hardware="h100-sxm", region="USA", precision="fp4")


def test_names_ignore_case_and_punctuation_and_follow_aliases():
    a = cd.train(model="GPT3", hardware="H100", region="united states")
    assert a.coords["model"].item() == "gpt-3"
    assert a.coords["hardware"].item() == "h100-sxm"
    assert a.coords["region"].item() == "USA"
    b = cd.train(model="gpt-3", hardware="h100-sxm", region="USA")
    assert float(a["cost_rent_usd"]) == float(b["cost_rent_usd"])


def test_missing_peak_for_precision_is_an_error_not_nan():
    with pytest.raises(KeyError, match=r"v100-sxm.*no bf16 peak"):
        cd.train(model="gpt-3", hardware="v100-sxm", region="USA", precision="bf16")


def test_missing_inputs_say_how_to_give_them():
    with pytest.raises(ValueError, match=r"peak_flops: give peak_flops=\.\.\. or a hardware="):
        cd.train(params=1e9, tokens=1e10, region="USA")
    with pytest.raises(ValueError, match=r"tokens: give tokens=\.\.\. or a model="):
        cd.train(params=1e9, hardware="h100-sxm", region="USA")


def test_model_without_published_tokens_needs_tokens():
    with pytest.raises(ValueError, match=r"mistral-7b.*pass tokens="):
        cd.train(model="mistral-7b", hardware="h100-sxm", region="USA")
    ds = cd.train(model="mistral-7b", hardware="h100-sxm", region="USA", tokens=8e12)
    assert float(ds["train_flops"]) > 0


def test_incompatible_dataarray_dimensions():
    with pytest.raises(ValueError, match=r"dimension 'x' has length 2 in params but 3 in tokens"):
        cd.train(
            **dict(
                EXPLICIT,
                params=xr.DataArray([1e9, 2e9], dims="x"),
                tokens=xr.DataArray([1e11, 2e11, 3e11], dims="x"),
            )
        )
    with pytest.raises(ValueError, match="different coordinates"):
        cd.train(
            **dict(
                EXPLICIT,
                params=xr.DataArray([1e9, 2e9], dims="x", coords={"x": [0, 1]}),
                tokens=xr.DataArray([1e11, 2e11], dims="x", coords={"x": [5, 6]}),
            )
        )


def test_non_numeric_values_are_type_errors():
    with pytest.raises(TypeError, match=r"mfu must be numeric \(1\); got dtype <U"):
        cd.train(**EXPLICIT, mfu="high")
    with pytest.raises(TypeError, match="tokens must be numeric"):
        cd.train(**dict(EXPLICIT, tokens=["1e12", "2e12"]))
    with pytest.raises(TypeError, match="params must be numeric"):
        cd.train(**dict(EXPLICIT, params=True))
    with pytest.raises(ValueError, match="shape"):
        cd.train(**dict(EXPLICIT, params=np.ones((2, 2))))


def test_overflow_is_reported_not_returned():
    with pytest.raises(OverflowError, match="train_flops"):
        cd.train(**dict(EXPLICIT, params=1e300, tokens=1e300))


def test_grids_too_large_are_refused_before_allocating():
    axes = {
        name: xr.DataArray(np.ones(2**10), dims=f"d{i}")
        for i, name in enumerate(
            [
                "mfu",
                "pue",
                "power_share",
                "usable_memory_share",
                "cluster_overhead",
                "region_price_multiplier",
                "tdp_w",
            ]
        )
    }
    with pytest.raises(OverflowError, match="more than a 64-bit index"):
        cd.train(**dict(EXPLICIT, **axes))
    big = {
        name: xr.DataArray(np.full(2**10, 1.0), dims=f"d{i}")
        for i, name in enumerate(["mfu", "pue", "power_share", "usable_memory_share"])
    }
    with pytest.raises(MemoryError, match=r"1.100e\+12 scenarios.*metrics="):
        cd.train(**dict(EXPLICIT, **big))


def test_inputs_are_not_modified():
    tokens = np.array([1e11, 2e11])
    before = tokens.copy()
    cd.train(**dict(EXPLICIT, tokens=tokens))
    np.testing.assert_array_equal(tokens, before)


def test_attention_term_needs_the_shape():
    with pytest.raises(ValueError, match="attention_flops=True needs layers"):
        cd.train(**EXPLICIT, attention_flops=True)
    ds = cd.train(model="llama-2-7b", hardware="a100-80gb", region="USA", attention_flops=True)
    assert float(ds["train_flops"]) > 6 * 6.74e9 * 2e12 * 0.99


def test_bad_threads_and_backend():
    with pytest.raises(ValueError, match="threads must be"):
        cd.train(**EXPLICIT, threads=0)
    with pytest.raises(ValueError, match="backend must be"):
        cd.train(**EXPLICIT, backend="gpu")  # type: ignore[arg-type]


# ------------------------------------------------- found in review, kept fixed
def test_thread_counts_beyond_the_machine_are_capped_not_fatal():
    kw = dict(EXPLICIT, params=np.linspace(1e9, 2e9, 300), tokens=np.linspace(1e11, 2e11, 300))
    np.testing.assert_array_equal(
        cd.train(**kw, threads=5000)["gpu_hours"], cd.train(**kw, threads=1)["gpu_hours"]
    )
    with pytest.raises(ValueError, match="threads must be"):
        cd.train(**EXPLICIT, threads=True)


def test_metrics_as_a_string_or_empty():
    assert set(cd.train(**EXPLICIT, metrics="gpu_hours").data_vars) == {"gpu_hours"}
    with pytest.raises(ValueError, match="metrics must name at least one train output"):
        cd.train(**EXPLICIT, metrics=[])


def test_single_name_against_a_dimension_of_the_same_name_is_refused():
    with pytest.raises(
        ValueError,
        match=r"hardware='h100-sxm'.*clashes with the dimension "
        r"'hardware' of tdp_w",
    ):
        cd.train(
            model="gpt-3",
            hardware="h100-sxm",
            region="USA",
            tdp_w=xr.DataArray([300.0, 700.0], dims="hardware"),
        )


def test_unusual_memory_layouts_are_read_correctly():
    record = np.zeros(3, dtype=[("tokens", "f8"), ("flag", "i4")])
    record["tokens"] = [1e11, 2e11, 3e11]
    ds = cd.train(**dict(EXPLICIT, tokens=record["tokens"]))
    np.testing.assert_allclose(ds["train_flops"], 6 * 7e9 * record["tokens"], rtol=1e-15)
    buffer = np.zeros(3 * 8 + 1, dtype=np.uint8)
    misaligned = np.ndarray((3,), dtype=np.float64, buffer=buffer, offset=1)
    misaligned[:] = [1e11, 2e11, 3e11]
    ds = cd.train(**dict(EXPLICIT, tokens=misaligned))
    np.testing.assert_allclose(ds["train_flops"], 6 * 7e9 * misaligned, rtol=1e-15)
    swapped = np.array([1e11, 2e11], dtype=">f8" if np.little_endian else "<f8")
    ds = cd.train(**dict(EXPLICIT, tokens=swapped[::-1]))
    np.testing.assert_allclose(ds["train_flops"], 6 * 7e9 * np.array([2e11, 1e11]), rtol=1e-15)


def test_labels_are_kept():
    # Names along another dimension appear as a coordinate of it.
    names = xr.DataArray(["gpt-3", "llama-2-70b"], dims="m")
    ds = cd.train(model=names, hardware="h100-sxm", region="USA")
    assert list(ds.coords["model"].values) == ["gpt-3", "llama-2-70b"]
    assert ds.coords["model"].dims == ("m",)
    # The user's own labels stay; the catalog spelling is added beside them.
    mine = xr.DataArray(["GPT-3"], dims="model", coords={"model": ["mine"]})
    ds = cd.train(model=mine, hardware="h100-sxm", region="USA")
    assert list(ds.coords["model"].values) == ["mine"]
    assert list(ds.coords["model_name"].values) == ["gpt-3"]
    # Names spelled in another case still share the dimension with a DataArray.
    mfu = xr.DataArray([0.3, 0.5], dims="model", coords={"model": ["GPT-3", "llama-2-70b"]})
    ds = cd.train(model=["GPT-3", "llama-2-70b"], hardware="h100-sxm", region="USA", mfu=mfu)
    assert list(ds.coords["model"].values) == ["GPT-3", "llama-2-70b"]
    # Non-dimension coordinates of the inputs are carried over.
    tokens = xr.DataArray([1e11, 2e11], dims="run", coords={"label": ("run", ["a", "b"])})
    ds = cd.train(**dict(EXPLICIT, tokens=tokens))
    assert list(ds.coords["label"].values) == ["a", "b"]
    try:
        numbered = xr.DataArray([1e11, 2e11], dims=[0])
    except TypeError:  # xarray before 2023.12 refuses non-string dimension names itself
        numbered = None
    if numbered is not None:
        with pytest.raises(ValueError, match="dimension names must be strings"):
            cd.train(**dict(EXPLICIT, tokens=numbered))


def test_arguments_without_effect_are_refused():
    with pytest.raises(ValueError, match="wall_days_budget has no effect when n_gpus is given"):
        cd.train(**EXPLICIT, n_gpus=100, wall_days_budget=5)
    with pytest.raises(ValueError, match="causal_attention has no effect unless attention_flops"):
        cd.train(**EXPLICIT, causal_attention=True)
    with pytest.raises(ValueError, match="layers has no effect unless attention_flops"):
        cd.train(**EXPLICIT, layers=32)
    with pytest.raises(ValueError, match="target_utilization has no effect without users="):
        cd.serve(model="llama-3-70b", hardware="h100-sxm", region="USA", target_utilization=0.8)


def test_at_least_one_accelerator():
    ds = cd.train(**dict(EXPLICIT, params=1e3, memory_gb=1e300))
    assert float(ds["min_gpus_memory"]) == 1
