"""Benchmarks: the core against NumPy broadcasting on a 10^6-scenario training grid.

Each benchmark first asserts that its result equals the reference, then times
it. Run with ``python -m pytest benchmarks`` (``--benchmark-disable`` in CI,
where only the assertions run). Figures go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import computedivide as cd
import numpy as np
import pytest
from computedivide import _core, reference

sys.path.insert(0, str(Path(__file__).parent))
import speed

N_PARAMS, N_TOKENS = 1000, 1000  # 10^6 scenarios
PARAMS = np.logspace(9, 12, N_PARAMS)
TOKENS = np.logspace(11, 13, N_TOKENS)
# Every input but params and tokens: the documented defaults and the catalog's
# H100 SXM in the USA, the cluster sized by the wall-time budget (speed.py).
SCALARS = speed.SCALARS


def compact_inputs() -> dict[str, np.ndarray]:
    return speed.compact_inputs(PARAMS, TOKENS)


def core_views() -> dict[str, np.ndarray]:
    return speed.core_views(PARAMS, TOKENS)


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
            "frozen_bytes_per_param",
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
