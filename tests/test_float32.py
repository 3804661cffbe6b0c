"""dtype="float32": the float64 results rounded once, half the bytes, and a
clear error where a result passes float32's range."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
from computedivide import _core
from computedivide._api import TRAIN_PARAMS, _prepare

GRID = dict(
    params=np.logspace(9, 12, 13),
    tokens=np.logspace(11, 13, 7),
    hardware=["h100-sxm", "a100-80gb", "l40s"],
    region=["USA", "FRA", "IND"],
)


@pytest.mark.parametrize("threads", [1, 3, 8])
def test_training_grid_is_the_float64_grid_rounded_bit_for_bit(threads):
    wide = cd.train(**GRID, threads=threads)
    narrow = cd.train(**GRID, threads=threads, dtype="float32")
    for name in wide.data_vars:
        if name == "fits_memory":
            assert narrow[name].dtype == bool
            assert np.array_equal(narrow[name], wide[name])
            continue
        assert narrow[name].dtype == np.float32, name
        assert np.array_equal(narrow[name].values, wide[name].values.astype(np.float32)), name
        assert narrow[name].attrs == wide[name].attrs
    # GPT-3's 3.15e23 FLOPs, as float32 (24-bit significand): 3.1499999e23.
    gpt3 = cd.train(model="gpt-3", hardware="h100-sxm", region="USA", dtype="float32")
    assert gpt3["train_flops"].dtype == np.float32
    assert float(gpt3["train_flops"]) == float(np.float32(3.15e23)) != 3.15e23


def test_serving_grid_and_the_reference_round_the_same_way():
    kw = dict(
        model=["llama-3-8b", "llama-3-70b"],
        hardware=["h100-sxm", "l40s"],
        region="USA",
        users=[1e3, 1e6],
        batch=[1, 8, 64],
    )
    wide = cd.serve(**kw)
    narrow = cd.serve(**kw, dtype=np.float32)
    reference = cd.serve(**kw, dtype="float32", backend="reference")
    for name in wide.data_vars:
        expected = wide[name].values.astype(np.float32)
        assert np.array_equal(narrow[name].values, expected), name
        # The reference agrees with the core to 1e-12 in float64, so once
        # rounded to float32 they agree to one float32 step at most.
        np.testing.assert_allclose(reference[name].values, expected, rtol=2**-23, atol=0)
        assert reference[name].dtype == np.float32


def test_a_result_past_float32s_range_raises_and_names_the_metric():
    # 6 x 1e20 x 1e20 = 6e40 FLOPs: finite in float64, beyond float32's 3.4e38.
    kw = dict(params=1e20, tokens=1e20, hardware="h100-sxm", region="USA", mfu=0.4)
    assert float(cd.train(**kw, metrics=["train_flops"])["train_flops"]) == 6e40
    for backend in ("core", "reference"):
        with pytest.raises(OverflowError, match=r"beyond float32 range.*train_flops \(1 of 1\)"):
            cd.train(**kw, dtype="float32", backend=backend)


def test_the_core_counts_values_past_float32s_range():
    # Only the tokens vary: 1e27, 1e28, 1e29, 1e30 with 1e9 parameters give
    # 6e36, 6e37, 6e38, 6e39 FLOPs; the last two pass float32's range.
    ds = cd.train(
        params=1e9,
        tokens=[1e27, 1e28, 1e29, 1e30],
        hardware="h100-sxm",
        region="USA",
        mfu=0.4,
        metrics=["train_flops"],
    )
    prepared = _prepare(
        "train",
        TRAIN_PARAMS,
        {"params": 1e9, "tokens": [1e27, 1e28, 1e29, 1e30], "mfu": 0.4},
        {"model": None, "hardware": "h100-sxm", "region": "USA"},
        None,
        None,
        None,
        False,
    )
    views = {n: prepared.grid.view(da) for n, da in prepared.inputs.items()}
    results, nonfinite = _core.evaluate_train(views, ["train_flops"], 1, "float32")
    assert results["train_flops"].dtype == np.float32
    assert nonfinite == {"train_flops": 2}
    with np.errstate(over="ignore"):
        rounded = ds["train_flops"].values.astype(np.float32)
    np.testing.assert_array_equal(results["train_flops"], rounded)
    assert np.isinf(results["train_flops"][2:]).all()
    with pytest.raises(ValueError, match=r"dtype must be 'float64' or 'float32'; got 'float16'"):
        _core.evaluate_train(views, ["train_flops"], 1, "float16")


@pytest.mark.parametrize("bad", ["float16", "int32", "f8x", None, 4, [np.float32], np.int64])
def test_other_dtypes_are_refused_by_name(bad):
    with pytest.raises(ValueError, match=r"dtype must be 'float64' or 'float32'; got "):
        cd.train(model="gpt-3", hardware="h100-sxm", region="USA", dtype=bad)


def test_float32_halves_the_memory_a_grid_needs():
    # 13 x 7 x 3 x 3 = 819 scenarios x 15 outputs: 98,280 bytes in float64,
    # 49,140 in float32.
    budget = 819 * 15 * 4
    ds = cd.train(**GRID, dtype="float32", memory_budget_bytes=budget)
    assert sum(v.nbytes for v in ds.data_vars.values() if v.dtype == np.float32) == 819 * 14 * 4
    with pytest.raises(MemoryError, match=r"15 float64 outputs need 9.83e-05 GB"):
        cd.train(**GRID, memory_budget_bytes=budget)


def test_reductions_keep_float64_and_refuse_dtype():
    with pytest.raises(ValueError, match=r"dtype='float32'.*reduce= keeps float64 summaries"):
        cd.train(**GRID, dtype="float32", reduce=cd.reduce.min("cost_rent_usd", over="region"))


def test_monte_carlo_quantiles_come_back_in_float32():
    kw = dict(model="gpt-3", hardware="h100-sxm", region="USA", mfu=cd.dist.uniform(0.3, 0.5))
    wide = cd.train(**kw, samples=200, seed=7)
    narrow = cd.train(**kw, samples=200, seed=7, dtype="float32")
    assert narrow["cost_rent_usd"].dtype == np.float32
    np.testing.assert_allclose(narrow["cost_rent_usd"], wide["cost_rent_usd"], rtol=1e-6)


def test_a_study_file_can_ask_for_float32(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(
        '[study]\nkernel = "train"\n'
        '[axes]\nparams = [7e9, 70e9]\nhardware = ["h100-sxm"]\nregion = ["USA"]\n'
        "[assumptions]\ntokens = 2e12\n"
        '[options]\ndtype = "float32"\nmetrics = ["cost_rent_usd"]\n',
        encoding="utf-8",
    )
    ds = cd.Study.from_toml(path).run()
    assert ds["cost_rent_usd"].dtype == np.float32
    expected = cd.train(params=[7e9, 70e9], hardware=["h100-sxm"], region=["USA"], tokens=2e12)[
        "cost_rent_usd"
    ]
    np.testing.assert_array_equal(ds["cost_rent_usd"].values, expected.values.astype(np.float32))
