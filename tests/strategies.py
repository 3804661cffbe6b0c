"""Hypothesis strategies: valid inputs for the kernels, on random grids."""

from __future__ import annotations

import numpy as np
import xarray as xr
from computedivide._params import Param
from hypothesis import strategies as st

# Scale of each parameter (values are drawn log-uniformly around it).
SCALE = {
    "params": 1e10,
    "active_params": 1e10,
    "tokens": 1e11,
    "peak_flops": 5e14,
    "memory_gb": 80.0,
    "bandwidth_gb_s": 2000.0,
    "tdp_w": 500.0,
    "gpu_price_usd": 2e4,
    "cloud_usd_per_gpu_hour": 3.0,
    "carbon_intensity_g_per_kwh": 300.0,
    "electricity_usd_per_kwh": 0.1,
    "embodied_kg_per_gpu": 150.0,
    "users": 1e5,
    "d_model": 4096.0,
    "context_tokens": 4096.0,
    "layers": 48.0,
    "prompt_tokens": 1000.0,
    "output_tokens": 300.0,
    "activation_gb": 100.0,
    "host_overhead_w": 200.0,
    "wall_days_budget": 30.0,
    "requests_per_user_per_day": 10.0,
    "hardware_lifetime_years": 5.0,
    "amortisation_years": 4.0,
    "pue": 1.3,
}
DIMS = ("a", "b", "c")


def value(p: Param) -> st.SearchStrategy[float]:
    """One valid value of parameter ``p``."""
    if p.flag:
        return st.sampled_from([0.0, 1.0])
    if p.integer:
        hi = 2 * SCALE.get(p.name, 8.0)
        return st.integers(max(1, int(p.low)), int(hi)).map(float)
    if p.high <= 10 and p.name not in SCALE:  # shares and ratios
        lo = p.low if not p.low_open else p.low + 0.02 * (p.high - p.low)
        return st.floats(lo, p.high)
    if p.name == "pue":
        return st.floats(1.0, 2.5)
    scale = SCALE.get(p.name, 10.0)
    hi = min(scale * 30, p.high)
    return st.floats(scale / 30, hi)


@st.composite
def argument(draw: st.DrawFn, p: Param) -> float | xr.DataArray:
    """A scalar, or a DataArray over a random subset of the shared dims."""
    dims = draw(st.lists(st.sampled_from(DIMS), unique=True, max_size=2))
    if not dims:
        return draw(value(p))
    shape = [{"a": 3, "b": 2, "c": 4}[d] for d in dims]
    values = [draw(value(p)) for _ in range(int(np.prod(shape)))]
    return xr.DataArray(np.array(values).reshape(shape), dims=dims)


def _any_on(value: float | xr.DataArray) -> bool:
    return bool(np.any(np.asarray(value) != 0))


@st.composite
def arguments(draw: st.DrawFn, params: tuple[Param, ...], skip: tuple[str, ...] = ()) -> dict:
    """Valid arguments for every parameter of a kernel (minus ``skip``), less
    those the others make irrelevant (the API refuses arguments without effect)."""
    # Reported hours or days replace the FLOPs estimate: a path of its own,
    # drawn only where a test asks for it (known_time()).
    skip = tuple(skip) + ("known_gpu_hours", "known_wall_days")
    args = {p.name: draw(argument(p)) for p in params if p.name not in skip}
    if "attention_flops" in args and not _any_on(args["attention_flops"]):
        for name in ("causal_attention", "layers", "d_model", "context_tokens"):
            args.pop(name, None)
    if "n_gpus" in args:
        args.pop("wall_days_budget", None)
    if "adapter_share" in args and not _any_on(args["adapter_share"]):
        args.pop("frozen_bytes_per_param", None)
    # A measured power replaces TDP x share + host: one or the other.
    if "measured_power_w" in args:
        if draw(st.booleans()):
            for name in ("tdp_w", "power_share", "host_overhead_w"):
                args.pop(name, None)
        else:
            args.pop("measured_power_w")
    return args
