"""The private _core module on its own: array checks, strides, threads, sizes."""

from __future__ import annotations

import numpy as np
import pytest
from computedivide import _core, reference


def inputs(shape=(), **override):
    base = dict.fromkeys(_core.train_input_names(), 1.0)
    base.update(
        params=1e9,
        active_params=1e9,
        tokens=1e11,
        peak_flops=1e15,
        mfu=0.5,
        n_gpus=8.0,
        memory_gb=80.0,
        usable_memory_share=0.9,
        pue=1.2,
        attention_flops=0.0,
        causal_attention=0.0,
        activation_recompute=0.0,
        train_bytes_per_param=16.0,
        activation_gb=0.0,
        adapter_share=0.0,
        known_gpu_hours=0.0,
        known_wall_days=0.0,
        measured_power_w=0.0,
    )
    base.update(override)
    return {k: np.broadcast_to(np.asarray(v, dtype=np.float64), shape) for k, v in base.items()}


def test_names_match_the_reference_and_the_parameter_table():
    from computedivide._params import SERVE_OUTPUTS, SERVE_PARAMS, TRAIN_OUTPUTS, TRAIN_PARAMS

    assert _core.train_input_names() == [p.name for p in TRAIN_PARAMS]
    assert _core.serve_input_names() == [p.name for p in SERVE_PARAMS]
    assert _core.train_output_names() == [o.name for o in TRAIN_OUTPUTS]
    assert _core.serve_output_names() == [o.name for o in SERVE_OUTPUTS]
    assert set(reference.train(inputs())) == set(_core.train_output_names())


def test_scalar_grid_and_requested_outputs_only():
    results, nonfinite = _core.evaluate_train(inputs(), ["train_flops", "gpu_hours"])
    assert set(results) == {"train_flops", "gpu_hours"}
    assert results["train_flops"].shape == ()
    assert float(results["train_flops"]) == 6e20
    assert float(results["gpu_hours"]) == pytest.approx(6e20 / 5e14 / 3600, rel=1e-15)
    assert nonfinite == {}


def test_non_contiguous_and_broadcast_inputs_are_read_in_place():
    tokens = np.linspace(1e10, 1e12, 20)[::2]  # stride 2 elements
    params = np.linspace(1e9, 1e10, 6)[:, None]  # a column, broadcast along axis 1
    shape = (6, 10)
    x = inputs(shape)
    x["tokens"] = np.broadcast_to(tokens, shape)
    x["params"] = x["active_params"] = np.broadcast_to(params, shape)
    results, _ = _core.evaluate_train(x, ["train_flops"])
    np.testing.assert_array_equal(results["train_flops"], 6.0 * params * tokens)
    # A transposed (Fortran-ordered) input.
    t = np.asfortranarray(np.outer(np.arange(1, 7.0), np.ones(10)) * 1e10)
    x["tokens"] = t
    results, _ = _core.evaluate_train(x, ["train_flops"])
    np.testing.assert_array_equal(results["train_flops"], 6.0 * params * t)


def test_thread_counts_give_identical_results():
    shape = (300, 400)
    x = inputs(shape)
    x["tokens"] = np.broadcast_to(np.logspace(10, 13, 400), shape)
    x["mfu"] = np.broadcast_to(np.linspace(0.2, 0.6, 300)[:, None], shape)
    x["n_gpus"] = np.broadcast_to(np.asarray(0.0), shape)  # budget-sized cluster
    one, _ = _core.evaluate_train(x, _core.train_output_names(), n_threads=1)
    for threads in (2, 3, 7):
        many, _ = _core.evaluate_train(x, _core.train_output_names(), n_threads=threads)
        for name in one:
            np.testing.assert_array_equal(one[name], many[name])


def test_zero_length_grid():
    results, nonfinite = _core.evaluate_train(inputs((3, 0)), ["energy_kwh"])
    assert results["energy_kwh"].shape == (3, 0)
    assert nonfinite == {}


def test_nonfinite_outputs_are_counted():
    _results, nonfinite = _core.evaluate_train(
        inputs((2,), params=[1e300, 1.0], active_params=[1e300, 1.0], tokens=1e300), ["train_flops"]
    )
    assert nonfinite == {"train_flops": 1}


def test_rejects_wrong_arrays():
    x = inputs()
    with pytest.raises(KeyError, match="missing kernel input 'mfu'"):
        _core.evaluate_train({k: v for k, v in x.items() if k != "mfu"}, ["gpu_hours"])
    with pytest.raises(KeyError, match="unknown kernel input 'mfuu'"):
        _core.evaluate_train(dict(x, mfuu=x["mfu"]), ["gpu_hours"])
    with pytest.raises(KeyError, match="unknown kernel output 'gpu_hour'"):
        _core.evaluate_train(x, ["gpu_hour"])
    with pytest.raises(TypeError, match="'mfu' must have dtype float64"):
        _core.evaluate_train(dict(x, mfu=np.asarray(0.5, dtype=np.float32)), ["gpu_hours"])
    with pytest.raises(TypeError, match="'mfu' must have dtype float64 in native byte order"):
        swapped = np.asarray([0.5], dtype=np.float64).astype(
            np.dtype(">f8") if np.little_endian else np.dtype("<f8")
        )
        _core.evaluate_train(dict(inputs((1,)), mfu=swapped), ["gpu_hours"])
    with pytest.raises(TypeError, match=r"'mfu' must be a numpy\.ndarray"):
        _core.evaluate_train(dict(x, mfu=0.5), ["gpu_hours"])
    with pytest.raises(ValueError, match="'mfu' does not have the grid's shape"):
        _core.evaluate_train(dict(inputs((2,)), mfu=np.ones(3)), ["gpu_hours"])


def test_read_only_inputs_are_accepted():
    x = inputs((4,))
    for v in x.values():
        assert not v.flags.writeable
    results, _ = _core.evaluate_train(x, ["gpu_hours"])
    assert results["gpu_hours"].flags.writeable


def test_stub_lists_what_the_module_has():
    import ast
    from pathlib import Path

    import computedivide

    stub = Path(computedivide.__file__).with_name("_core.pyi")
    tree = ast.parse(stub.read_text())
    stubbed = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    public = {name for name in dir(_core) if not name.startswith("_")}
    assert stubbed == public


def test_python_threads_call_the_core_at_once():
    # The core releases the GIL; concurrent calls must not interfere.
    from concurrent.futures import ThreadPoolExecutor

    shape = (200, 300)
    cases = []
    for i in range(8):
        x = inputs(shape)
        x["tokens"] = np.broadcast_to(np.logspace(10, 13, 300) * (i + 1), shape)
        x["mfu"] = np.broadcast_to(np.linspace(0.2, 0.6, 200)[:, None], shape)
        cases.append(x)
    serial = [_core.evaluate_train(x, ["gpu_hours", "cost_own_usd"], 1)[0] for x in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(
            pool.map(lambda x: _core.evaluate_train(x, ["gpu_hours", "cost_own_usd"], 2)[0], cases)
        )
    for a, b in zip(serial, parallel, strict=True):
        for name in a:
            np.testing.assert_array_equal(a[name], b[name])


def test_reversed_and_negative_strides():
    shape = (4, 300)
    x = inputs(shape)
    tokens = np.logspace(10, 12, 300)
    x["tokens"] = np.broadcast_to(tokens[::-1], shape)
    x["mfu"] = np.broadcast_to(np.linspace(0.2, 0.6, 4)[::-1, None], shape)
    results, _ = _core.evaluate_train(x, ["gpu_hours"])
    expected = reference.train(x)["gpu_hours"]
    np.testing.assert_array_equal(results["gpu_hours"], expected)


def site_grid(n_hardware: int = 5, n_regions: int = 64) -> dict[str, np.ndarray]:
    """(hardware, region) inputs: what is run varies along hardware, where along region."""
    shape = (n_hardware, n_regions)
    rng = np.random.default_rng(7)
    hw = {
        "peak_flops": rng.uniform(1e14, 2e15, n_hardware),
        "memory_gb": rng.uniform(16, 192, n_hardware),
        "tdp_w": rng.uniform(300, 1000, n_hardware),
        "gpu_price_usd": rng.uniform(2e3, 4e4, n_hardware),
        "n_gpus": np.array([0.0, 8.0, 0.0, 1024.0, 0.0][:n_hardware]),
        "tokens": rng.uniform(1e10, 1e13, n_hardware),
    }
    site = {
        "pue": rng.uniform(1.05, 1.6, n_regions),
        "carbon_intensity_g_per_kwh": rng.uniform(10, 900, n_regions),
        "region_price_multiplier": rng.uniform(0.8, 1.5, n_regions),
        "electricity_usd_per_kwh": rng.uniform(0.03, 0.4, n_regions),
        "wue_l_per_kwh": rng.uniform(0.1, 2.0, n_regions),
        "grid_water_l_per_kwh": rng.uniform(0.5, 4.0, n_regions),
        "amortisation_years": rng.uniform(3, 6, n_regions),
        "cloud_usd_per_gpu_hour": rng.uniform(1, 5, n_regions),
    }
    x = inputs(shape, wall_days_budget=90.0, activation_gb=100.0)
    x.update({k: np.broadcast_to(v[:, None], shape) for k, v in hw.items()})
    x.update({k: np.broadcast_to(v[None, :], shape) for k, v in site.items()})
    return x


def test_site_stage_rows_equal_whole_points_bit_for_bit():
    # Region innermost and only site inputs varying along it: the core runs
    # the compute stage once per row. Transposed, hardware is innermost and
    # every point is evaluated whole. Both must give the same bits, and
    # agree with the reference.
    names = _core.train_output_names()
    x = site_grid()
    staged, bad_staged = _core.evaluate_train(x, names)
    whole, bad_whole = _core.evaluate_train({k: v.T for k, v in x.items()}, names)
    expected = reference.train({k: np.asarray(v) for k, v in x.items()})
    assert bad_staged == bad_whole == {}
    for name in names:
        np.testing.assert_array_equal(staged[name], whole[name].T, err_msg=name)
        np.testing.assert_allclose(staged[name], expected[name], rtol=1e-13, err_msg=name)
    # A non-site input varying along the row turns the stage off: still equal.
    x["mfu"] = np.broadcast_to(np.linspace(0.3, 0.5, 64), (5, 64))
    mixed, _ = _core.evaluate_train(x, names)
    expected = reference.train({k: np.asarray(v) for k, v in x.items()})
    for name in names:
        np.testing.assert_allclose(mixed[name], expected[name], rtol=1e-13, err_msg=name)


@pytest.mark.parametrize("staged", [True, False])
def test_each_output_alone_equals_all_outputs(staged):
    # Outputs are computed in groups (only the groups asked for): every
    # output asked alone, and every pair, gives the bits of the full call.
    x = site_grid()
    if not staged:
        x = {k: v.T for k, v in x.items()}
    names = _core.train_output_names()
    full, _ = _core.evaluate_train(x, names)
    for i, name in enumerate(names):
        for other in names[i:]:
            part, _ = _core.evaluate_train(x, [name, other])
            np.testing.assert_array_equal(part[name], full[name], err_msg=name)
            np.testing.assert_array_equal(part[other], full[other], err_msg=other)


def test_nonfinite_counted_in_site_stage_rows():
    x = site_grid()
    pue = np.array(x["pue"][0])
    pue[[3, 40]] = np.nan
    x["pue"] = np.broadcast_to(pue, x["pue"].shape)
    results, nonfinite = _core.evaluate_train(x, ["energy_kwh", "cost_rent_usd"])
    assert nonfinite == {"energy_kwh": 10}  # 2 regions x 5 hardware
    assert np.isnan(results["energy_kwh"][:, [3, 40]]).all()
    assert np.isfinite(results["cost_rent_usd"]).all()
