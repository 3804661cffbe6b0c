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
