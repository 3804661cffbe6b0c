"""Scenarios and baselines for the speed benchmarks (issue: speed).

The baselines are what a user would otherwise write. Their six training
metrics are written once, below, as expressions over named inputs; the same
strings are evaluated by NumPy broadcasting, by numexpr, and compiled into a
fused ``numba`` loop (``parallel=True``), so the three baselines cannot drift
apart. Each benchmark checks its result against the core (and the core is
checked against the pure-NumPy reference) before it is timed.

Sizes: 10^7 scenarios for the materialized grid and 10^9 for the streaming
reduction, as the issue asks; under CI (``CI=true``, where the benchmarks run
with ``--benchmark-disable`` only to check their results) both shrink to
10^6 so that the check stays fast, and ``COMPUTEDIVIDE_BENCH_SCALE`` (a
factor) overrides either.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import computedivide as cd
import numpy as np
from computedivide._params import TRAIN_PARAMS

_SMALL = os.environ.get("CI") == "true"
SCALE = float(os.environ.get("COMPUTEDIVIDE_BENCH_SCALE", "0.1" if _SMALL else "1"))

# --------------------------------------------------------------------------
# The materialized grid: params (rows) x tokens (columns), every other input a
# scalar (the catalog's H100 SXM in the USA and the documented defaults).

N_TOKENS = 1000
N_PARAMS = max(1, round(10_000 * SCALE))  # 10^7 scenarios at scale 1
PARAMS = np.logspace(9, 12, N_PARAMS)
TOKENS = np.logspace(11, 13, N_TOKENS)
SHAPE = (N_PARAMS, N_TOKENS)


def _scalar_inputs() -> dict[str, float]:
    values = {p.name: float(p.default) for p in TRAIN_PARAMS if p.default is not None}
    hw = cd.catalog.hardware().loc["h100-sxm"]
    rg = cd.catalog.regions().loc["USA"]
    values.update(
        peak_flops=float(hw["peak_bf16_flops"]),
        memory_gb=float(hw["memory_gb"]),
        tdp_w=float(hw["tdp_w"]),
        gpu_price_usd=float(hw["price_usd"]),
        cloud_usd_per_gpu_hour=float(hw["cloud_usd_per_hour"]),
        embodied_kg_per_gpu=150.0,
        pue=float(rg["pue"]),
        carbon_intensity_g_per_kwh=float(rg["carbon_intensity_g_per_kwh"]),
        electricity_usd_per_kwh=float(rg["electricity_price_usd_per_kwh"]),
        region_price_multiplier=float(rg["price_multiplier"]),
        n_gpus=0.0,
        layers=0.0,
        d_model=0.0,
        context_tokens=0.0,
        known_gpu_hours=0.0,
        known_wall_days=0.0,
        measured_power_w=0.0,
    )
    return values


SCALARS = _scalar_inputs()


def compact_inputs(
    params: np.ndarray = PARAMS, tokens: np.ndarray = TOKENS
) -> dict[str, np.ndarray]:
    """Inputs as a NumPy user writes them: params a column, tokens a row."""
    x = {k: np.asarray(v) for k, v in SCALARS.items()}
    x["params"] = x["active_params"] = params[:, None]
    x["tokens"] = tokens[None, :]
    return x


def core_views(params: np.ndarray = PARAMS, tokens: np.ndarray = TOKENS) -> dict[str, np.ndarray]:
    """The same inputs as zero-copy broadcast views, as the API hands them to the core."""
    shape = (len(params), len(tokens))
    return {k: np.broadcast_to(v, shape) for k, v in compact_inputs(params, tokens).items()}


# The six metrics of the hand-written baselines (MODEL.md section 2, with no
# attention term, no reported hours and no measured power), in order; each
# may use the ones before it.
SIX_METRICS: list[tuple[str, str]] = [
    ("train_flops", "6.0 * active_params * tokens"),
    ("gpu_hours", "train_flops / (peak_flops * mfu) / 3600.0"),
    ("energy_kwh", "gpu_hours * (tdp_w * power_share + host_overhead_w) * pue / 1000.0"),
    ("co2_kg", "energy_kwh * carbon_intensity_g_per_kwh / 1000.0"),
    ("water_l", "energy_kwh / pue * wue_l_per_kwh + energy_kwh * grid_water_l_per_kwh"),
    ("cost_rent_usd", "gpu_hours * cloud_usd_per_gpu_hour * region_price_multiplier"),
]
SIX = [name for name, _ in SIX_METRICS]


def six_numpy(x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """NumPy broadcasting, one temporary array per operation."""
    scope: dict[str, Any] = dict(x)
    out = {}
    for name, expression in SIX_METRICS:
        out[name] = scope[name] = eval(expression, {}, scope)
    return out


def six_numexpr(x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """numexpr: each metric one multi-threaded, blocked pass over the grid."""
    import numexpr

    scope: dict[str, Any] = dict(x)
    out = {}
    for name, expression in SIX_METRICS:
        out[name] = scope[name] = numexpr.evaluate(expression, local_dict=scope)
    return out


_NUMBA_KERNEL: Callable[..., None] | None = None


def _numba_kernel() -> Callable[..., None]:
    """A fused loop over (params, tokens) compiled from SIX_METRICS."""
    global _NUMBA_KERNEL
    if _NUMBA_KERNEL is None:
        import numba

        names = sorted(
            {w for _, e in SIX_METRICS for w in e.replace("(", " ").replace(")", " ").split()}
            & set(SCALARS) - {"active_params", "tokens", "params"}
        )
        body = [f"            {name} = {expression}" for name, expression in SIX_METRICS]
        stores = [f"            out[{k}, i, j] = {name}" for k, name in enumerate(SIX)]
        source = "\n".join(
            [
                f"def kernel(params_column, tokens_row, {', '.join(names)}, out):",
                "    for i in numba.prange(params_column.shape[0]):",
                "        active_params = params_column[i]",
                "        for j in range(tokens_row.shape[0]):",
                "            tokens = tokens_row[j]",
                *body,
                *stores,
            ]
        )
        scope: dict[str, Any] = {"numba": numba}
        exec(source, scope)
        kernel = numba.njit(parallel=True, cache=False)(scope["kernel"])
        scalars = [SCALARS[n] for n in names]

        def run(out: np.ndarray) -> None:
            kernel(PARAMS, TOKENS, *scalars, out)

        _NUMBA_KERNEL = run
    return _NUMBA_KERNEL


def six_numba(dtype: str = "float64") -> dict[str, np.ndarray]:
    """numba, parallel=True: one fused pass writing the six outputs.

    With ``dtype="float32"`` the same float64 arithmetic is stored into
    float32 outputs (numba compiles a second specialisation).
    """
    out = np.empty((len(SIX), *SHAPE), dtype=dtype)
    _numba_kernel()(out)
    return dict(zip(SIX, out, strict=True))


def six_numba_into(out: np.ndarray) -> np.ndarray:
    """numba writing into ``out`` (6 x params x tokens), reused across calls."""
    _numba_kernel()(out)
    return out


def six_numexpr_into(x: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """numexpr writing each metric into its array of ``out``, reused across calls."""
    import numexpr

    scope: dict[str, Any] = dict(x)
    for name, expression in SIX_METRICS:
        scope[name] = numexpr.evaluate(expression, local_dict=scope, out=out[name])
    return out


def reused_arrays(dtype: str = "float64") -> dict[str, np.ndarray]:
    """One array per metric of the materialized grid, faulted in once."""
    return {name: np.zeros(SHAPE, dtype=dtype) for name in SIX}


def six_numpy_float32(x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """NumPy broadcasting in float64, each output then rounded to float32."""
    return {name: a.astype(np.float32) for name, a in six_numpy(x).items()}


# --------------------------------------------------------------------------
# The streaming reduction: params x tokens x hardware x region, min of the
# rented cost over (hardware, region) per (params, tokens), and the number of
# scenarios under a threshold.

S_HARDWARE = ["a100-80gb", "h100-sxm", "h200", "mi300x", "l40s", "gaudi3", "tpu-v5e", "rtx-4090"]
S_REGIONS = list(cd.catalog.regions().index[:125])
S_N = max(1, round(1000 * SCALE**0.5))  # 1000 x 1000 x 8 x 125 = 10^9 at scale 1


def stream_axes(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The params and tokens axes of an ``n`` x ``n`` streaming grid."""
    return np.logspace(9, 12, n), np.logspace(11, 13, n)


S_PARAMS, S_TOKENS = stream_axes(S_N)
S_MFU = 0.4
S_THRESHOLD_USD = 1e6
S_SCENARIOS = S_N * S_N * len(S_HARDWARE) * len(S_REGIONS)


def stream_core(
    threads: int | None = None, device: str = "cpu", n: int = S_N
) -> tuple[np.ndarray, np.ndarray]:
    """The core's streaming reduction; ``n`` params x ``n`` tokens (S_N by default)."""
    over = ["hardware", "region"]
    params, tokens = stream_axes(n)
    ds = cd.train(
        params=params,
        tokens=tokens,
        hardware=S_HARDWARE,
        region=S_REGIONS,
        mfu=S_MFU,
        precision="bf16",
        threads=threads,
        device=device,
        reduce=[
            cd.reduce.min("cost_rent_usd", over=over),
            cd.reduce.count_below("cost_rent_usd", S_THRESHOLD_USD, over=over),
        ],
    )
    return ds["cost_rent_usd_min"].values, ds["cost_rent_usd_count_below"].values.reshape(n, n)


def _stream_columns() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    hw = cd.catalog.hardware().loc[S_HARDWARE]
    rg = cd.catalog.regions().loc[S_REGIONS]
    return (
        hw["peak_bf16_flops"].to_numpy(float),
        hw["cloud_usd_per_hour"].to_numpy(float),
        rg["price_multiplier"].to_numpy(float),
    )


def stream_numpy(chunk_rows: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """NumPy chunked by hand: a few params at a time, the 4-D block broadcast."""
    peak, price, multiplier = _stream_columns()
    best = np.empty((S_N, S_N))
    count = np.empty((S_N, S_N), dtype=np.int64)
    p4 = peak[None, None, :, None]
    c4 = price[None, None, :, None]
    m4 = multiplier[None, None, None, :]
    for start in range(0, S_N, chunk_rows):
        n = S_PARAMS[start : start + chunk_rows, None, None, None]
        d = S_TOKENS[None, :, None, None]
        gpu_hours = 6.0 * n * d / (p4 * S_MFU) / 3600.0
        cost = gpu_hours * c4 * m4
        best[start : start + chunk_rows] = cost.min(axis=(2, 3))
        count[start : start + chunk_rows] = (cost < S_THRESHOLD_USD).sum(axis=(2, 3))
    return best, count


def stream_numexpr(chunk_rows: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """numexpr chunked by hand: the cost of a block in one pass, reduced by NumPy."""
    import numexpr

    peak, price, multiplier = _stream_columns()
    best = np.empty((S_N, S_N))
    count = np.empty((S_N, S_N), dtype=np.int64)
    scope = {
        "p": peak[None, None, :, None],
        "c": price[None, None, :, None],
        "m": multiplier[None, None, None, :],
        "d": S_TOKENS[None, :, None, None],
        "mfu": S_MFU,
    }
    for start in range(0, S_N, chunk_rows):
        scope["n"] = S_PARAMS[start : start + chunk_rows, None, None, None]
        cost = numexpr.evaluate("6.0 * n * d / (p * mfu) / 3600.0 * c * m", local_dict=scope)
        best[start : start + chunk_rows] = cost.min(axis=(2, 3))
        count[start : start + chunk_rows] = (cost < S_THRESHOLD_USD).sum(axis=(2, 3))
    return best, count


_NUMBA_STREAM: Callable[..., Any] | None = None


def stream_numba() -> tuple[np.ndarray, np.ndarray]:
    """numba, parallel=True: a fused loop keeping only the minimum and the count."""
    global _NUMBA_STREAM
    if _NUMBA_STREAM is None:
        import numba

        @numba.njit(parallel=True)
        def kernel(params, tokens, peak, price, multiplier, mfu, threshold, best, count):
            for i in numba.prange(params.shape[0]):
                for j in range(tokens.shape[0]):
                    low = np.inf
                    below = 0
                    for h in range(peak.shape[0]):
                        gpu_hours = 6.0 * params[i] * tokens[j] / (peak[h] * mfu) / 3600.0
                        for r in range(multiplier.shape[0]):
                            cost = gpu_hours * price[h] * multiplier[r]
                            low = min(low, cost)
                            below += cost < threshold
                    best[i, j] = low
                    count[i, j] = below

        _NUMBA_STREAM = kernel
    best = np.empty((S_N, S_N))
    count = np.empty((S_N, S_N), dtype=np.int64)
    _NUMBA_STREAM(S_PARAMS, S_TOKENS, *_stream_columns(), S_MFU, S_THRESHOLD_USD, best, count)
    return best, count


# --------------------------------------------------------------------------
# The machine's limits.


def write_bandwidth_bytes_per_s(gib: float = 2.0, threads: int | None = None) -> float:
    """Memory write bandwidth: ``ndarray.fill`` of a large array, split over threads.

    NumPy's fill releases the GIL, so each thread fills its own slice; the best
    of three passes (after a first pass that faults the pages in).
    """
    threads = threads or os.cpu_count() or 1
    a = np.empty(int(gib * 2**30 / 8))
    parts = np.array_split(a, threads)
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda p: p.fill(0.0), parts))
        best = np.inf
        for k in range(3):
            start = time.perf_counter()
            list(pool.map(lambda p, v=float(k + 1): p.fill(v), parts))
            best = min(best, time.perf_counter() - start)
    return a.nbytes / best


def fp64_flops_per_s(n: int = 2048) -> float:
    """The arithmetic rate: FP64 matrix multiply (BLAS, all threads), best of three."""
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2.0 * n**3 / best


# --------------------------------------------------------------------------
# The nearest tool: one scenario through llm-analysis (PyPI).

LLM_ANALYSIS_SCENARIO = dict(
    model_name="facebook_opt-1.3b",
    gpu_name="a100-sxm-40gb",
    total_num_tokens=int(2e10),
    total_num_gpus=8,
    batch_size_per_gpu=4,
    seq_len=2048,
    flops_efficiency=0.4,
    log_level="ERROR",
)


def llm_analysis_hours() -> float:
    """Training accelerator-hours of one scenario by llm-analysis."""
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("transformers").setLevel(logging.ERROR)
        from llm_analysis import analysis

        result = analysis.train(**LLM_ANALYSIS_SCENARIO)
    return float(result["total_training_latency"]) * LLM_ANALYSIS_SCENARIO["total_num_gpus"] / 3600


def core_one_scenario_hours() -> float:
    """The same scenario through cd.train (OPT-1.3B: 1.3e9 parameters, A100 40 GB)."""
    ds = cd.train(
        params=1.311e9,
        tokens=2e10,
        peak_flops=312e12,
        mfu=0.4,
        n_gpus=8,
        memory_gb=40.0,
        tdp_w=400.0,
        gpu_price_usd=10_000.0,
        cloud_usd_per_gpu_hour=1.0,
        pue=1.1,
        carbon_intensity_g_per_kwh=400.0,
        electricity_usd_per_kwh=0.1,
        metrics=["gpu_hours"],
    )
    return float(ds["gpu_hours"])
