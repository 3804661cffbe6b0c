"""Benchmarks: the core against NumPy broadcasting on a 10^6-scenario training grid.

Each benchmark first asserts that its result equals the reference, then times
it. Run with ``python -m pytest benchmarks`` (``--benchmark-disable`` in CI,
where only the assertions run). Figures go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest
from computedivide import _core, reference
from computedivide._params import TRAIN_PARAMS

N_PARAMS, N_TOKENS = 1000, 1000  # 10^6 scenarios
PARAMS = np.logspace(9, 12, N_PARAMS)
TOKENS = np.logspace(11, 13, N_TOKENS)
SHAPE = (N_PARAMS, N_TOKENS)


def scalar_inputs() -> dict[str, float]:
    """Every training input but params and tokens: the documented defaults and
    the catalog's H100 SXM in the USA; the cluster sized by the wall-time budget."""
    values = {p.name: float(p.default) for p in TRAIN_PARAMS if p.default is not None}
    values.update({k: float(v) for k, v in _catalog_values().items()})
    values.update(
        n_gpus=0.0,
        layers=0.0,
        d_model=0.0,
        context_tokens=0.0,
        known_gpu_hours=0.0,
        known_wall_days=0.0,
        measured_power_w=0.0,
    )
    return values


def _catalog_values() -> dict[str, float]:
    hw = cd.catalog.hardware().loc["h100-sxm"]
    rg = cd.catalog.regions().loc["USA"]
    return {
        "peak_flops": hw["peak_bf16_flops"],
        "memory_gb": hw["memory_gb"],
        "tdp_w": hw["tdp_w"],
        "gpu_price_usd": hw["price_usd"],
        "cloud_usd_per_gpu_hour": hw["cloud_usd_per_hour"],
        "embodied_kg_per_gpu": 150.0,
        "pue": rg["pue"],
        "carbon_intensity_g_per_kwh": rg["carbon_intensity_g_per_kwh"],
        "electricity_usd_per_kwh": rg["electricity_price_usd_per_kwh"],
        "region_price_multiplier": rg["price_multiplier"],
    }


SCALARS = scalar_inputs()


def compact_inputs() -> dict[str, np.ndarray]:
    """Inputs as a NumPy user writes them: params a column, tokens a row."""
    x = {k: np.asarray(v) for k, v in SCALARS.items()}
    x["params"] = x["active_params"] = PARAMS[:, None]
    x["tokens"] = TOKENS[None, :]
    return x


def core_views() -> dict[str, np.ndarray]:
    """The same inputs as zero-copy broadcast views, as the API hands them to the core."""
    return {k: np.broadcast_to(v, SHAPE) for k, v in compact_inputs().items()}


OUTPUTS = _core.train_output_names()


@pytest.fixture(scope="module")
def expected() -> dict[str, np.ndarray]:
    return reference.train(compact_inputs())


def check(results: dict[str, np.ndarray], expected: dict[str, np.ndarray]) -> None:
    for name in OUTPUTS:
        np.testing.assert_allclose(results[name], expected[name], rtol=1e-12, err_msg=name)


@pytest.mark.benchmark(group="train-1e6")
def test_core_all_threads(benchmark, expected):
    views = core_views()
    check(_core.evaluate_train(views, OUTPUTS)[0], expected)
    benchmark(_core.evaluate_train, views, OUTPUTS)


@pytest.mark.benchmark(group="train-1e6")
def test_core_one_thread(benchmark, expected):
    views = core_views()
    check(_core.evaluate_train(views, OUTPUTS, 1)[0], expected)
    benchmark(_core.evaluate_train, views, OUTPUTS, 1)


@pytest.mark.benchmark(group="train-1e6")
def test_api_train(benchmark, expected):
    kwargs = {
        k: v
        for k, v in SCALARS.items()
        if k
        not in (
            "n_gpus",
            "layers",
            "d_model",
            "context_tokens",
            "active_params",
            "known_gpu_hours",
            "known_wall_days",
            "measured_power_w",
        )
    }
    kwargs.update(params=PARAMS, tokens=TOKENS)  # active_params defaults to params
    ds = cd.train(**kwargs)
    check({k: ds[k].values for k in OUTPUTS}, expected)
    benchmark(cd.train, **kwargs)


@pytest.mark.benchmark(group="train-1e6")
def test_numpy_broadcasting(benchmark, expected):
    # The NumPy a user would write: the reference's formulas, broadcast.
    inputs = compact_inputs()
    check(reference.train(inputs), expected)
    benchmark(reference.train, inputs)
