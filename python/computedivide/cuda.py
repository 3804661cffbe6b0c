"""The optional CUDA path: the same formulas on an NVIDIA GPU.

The package's default build has no CUDA code. Built with
``pip install . -Ccmake.define.COMPUTEDIVIDE_CUDA=ON`` (or with
``COMPUTEDIVIDE_CUDA=ON`` in the environment, on a machine with the CUDA
toolkit), it gains the module ``computedivide._cuda``, which compiles the
formulas of the C++ core's header ``metrics.hpp`` for the GPU (one source
for both, no copy) and evaluates a grid with one GPU thread per scenario.

``cd.train(..., device="cuda")`` and ``cd.serve(..., device="cuda")`` use it
and return the usual Dataset, for whole grids (``dtype="float32"`` rounds on
the GPU) and for ``reduce=`` (:func:`reduce`: one GPU block per kept cell).
:func:`evaluate` is the low-level call, which can also leave the outputs on
the GPU as CuPy arrays (through DLPack).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np

REBUILD = (
    "reinstall computedivide with its CUDA path: "
    "pip install . -Ccmake.define.COMPUTEDIVIDE_CUDA=ON (needs the CUDA toolkit's nvcc)"
)


def _module() -> Any:
    try:
        from . import _cuda
    except ImportError as error:
        raise RuntimeError(f"device='cuda': this build has no CUDA path; {REBUILD}") from error
    return _cuda


def built() -> bool:
    """Whether this build of computedivide has its CUDA path (``_cuda``)."""
    try:
        _module()
    except RuntimeError:
        return False
    return True


def device_count() -> int:
    """How many CUDA devices the process sees (0 without the CUDA path, a driver or a GPU)."""
    return int(_module().device_count()) if built() else 0


def available() -> bool:
    """Whether ``device="cuda"`` can run here: the CUDA path is built and a GPU is visible."""
    return device_count() > 0


def describe(device: int = 0) -> str:
    """Name, compute capability and memory of CUDA device ``device``."""
    _check_device(device)
    return str(_module().describe(device))


def measure_limits(device: int = 0) -> tuple[float, float]:
    """What CUDA device ``device`` reaches, measured on it (about a second).

    Returns
    -------
    write_bytes_per_s : float
        Bytes written per second by ``cudaMemset`` of 2 GiB (best of 5):
        the memory-bound limit of a materialized grid.
    fp64_flops_per_s : float
        FP64 FLOP per second of independent fused multiply-add chains on
        every multiprocessor: the arithmetic limit of a streaming reduction.
    """
    _check_device(device)
    write, flops = _module().measure_limits(device)
    return float(write), float(flops)


def _check_device(device: int) -> None:
    count = device_count() if built() else None
    if count is None:
        _module()  # raises: not built
    if count == 0:
        raise RuntimeError(
            "device='cuda': no CUDA device is visible to this process "
            "(no NVIDIA GPU, no driver, or CUDA_VISIBLE_DEVICES hides them); use device='cpu'"
        )
    if not 0 <= device < int(count or 0):
        raise ValueError(f"cuda device must be in [0, {count}); got {device}")


def _function(what: Literal["evaluate", "reduce"], kernel: str, device: int) -> Any:
    """``_cuda.<what>_<kernel>``, once the kernel name and the device are checked."""
    if kernel not in ("train", "serve"):
        raise ValueError(f"kernel must be 'train' or 'serve'; got {kernel!r}")
    _check_device(device)
    return getattr(_module(), f"{what}_{kernel}")


class _DeviceArray:
    """A DLPack capsule with the ``__dlpack__`` protocol that consumers expect."""

    def __init__(self, capsule: Any, device: int) -> None:
        self._capsule = capsule
        self._device = device

    def __dlpack__(self, stream: Any = None, **_: Any) -> Any:
        return self._capsule

    def __dlpack_device__(self) -> tuple[int, int]:
        return (2, self._device)  # kDLCUDA


def evaluate(
    kernel: Literal["train", "serve"],
    inputs: Mapping[str, np.ndarray],
    outputs: Sequence[str],
    *,
    keep_on_device: bool = False,
    dtype: Literal["float64", "float32"] = "float64",
    device: int = 0,
) -> tuple[dict[str, Any], dict[str, int]]:
    """Evaluate a kernel over a broadcast grid on a GPU.

    Parameters
    ----------
    kernel : {"train", "serve"}
        Which formulas (MODEL.md sections 2 and 3).
    inputs : mapping of str to numpy.ndarray
        Every kernel input (``computedivide._core.train_input_names()``), as
        float64 arrays of one shape (broadcast views are read in place).
    outputs : sequence of str
        The outputs wanted.
    keep_on_device : bool, default False
        Leave the outputs on the GPU as CuPy arrays (needs CuPy); otherwise
        they come back as NumPy arrays.
    dtype : {"float64", "float32"}, default "float64"
        Type of the outputs: "float32" rounds each float64 result on the GPU
        (half the memory and copies); a value past float32's range becomes
        infinite and is counted in ``nonfinite``.
    device : int, default 0
        The CUDA device.

    Returns
    -------
    results : dict of str to numpy.ndarray or cupy.ndarray
        One array of the grid's shape per output.
    nonfinite : dict of str to int
        Per output, how many values are not finite (absent where none).

    Raises
    ------
    RuntimeError
        When the CUDA path is not built or no GPU is visible.
    """
    call = _function("evaluate", kernel, device)
    results, nonfinite = call(dict(inputs), list(outputs), keep_on_device, dtype, device)
    if keep_on_device:
        cupy = importlib.import_module("cupy")
        results = {k: cupy.from_dlpack(_DeviceArray(v, device)) for k, v in results.items()}
    return dict(results), {str(k): int(v) for k, v in nonfinite.items()}


def reduce(
    kernel: Literal["train", "serve"],
    inputs: Mapping[str, np.ndarray],
    reductions: Sequence[tuple[str, str, float, float, float, int]],
    reduced_size: int,
    chunk_points: int,
    progress: Any = None,
    *,
    device: int = 0,
) -> tuple[list[np.ndarray], list[int]]:
    """Streaming reductions of a kernel over a grid on a GPU (as the CPU core's).

    Each kept cell's ``reduced_size`` points are cut into parts, one GPU
    block each, folded with the reduction rules of the C++ header
    ``reduction.hpp`` (compiled for both; one source): min, max (with the
    first index that attains them) and counts equal the CPU core's exactly;
    sums up to the reassociation of compensated partial sums (relative
    differences near 1e-16); histograms exactly, except for a value within
    a rounding step of a bin edge (its bin comes from ``log10``, which the
    GPU's and the CPU's math libraries may round differently). A launch
    takes whole cells, about ``chunk_points`` points.

    Parameters
    ----------
    kernel : {"train", "serve"}
        Which formulas.
    inputs : mapping of str to numpy.ndarray
        Every kernel input, float64, of one shape whose trailing dimensions
        (``reduced_size`` points) are the reduced ones.
    reductions : sequence of tuple
        ``(output, op, threshold, log10_lo, log10_hi, bins)``, op one of
        "sum", "min", "max", "count_le", "hist" (``computedivide.reduce``
        builds them).
    reduced_size : int
        Points per kept cell; divides the grid's size.
    chunk_points : int
        About how many points one kernel launch evaluates; between launches
        Ctrl-C is checked and ``progress(done, total)`` called.
    progress : callable, optional
        Called with (points done, points in all) after each launch.
    device : int, default 0
        The CUDA device.

    Returns
    -------
    states : list of numpy.ndarray
        Per reduction, its state per kept cell, shaped (cells, width).
    nonfinite : list of int
        Per reduction, the values that were not finite (skipped).

    Raises
    ------
    RuntimeError
        When the CUDA path is not built or no GPU is visible.
    """
    call = _function("reduce", kernel, device)
    states, nonfinite = call(
        dict(inputs), list(reductions), int(reduced_size), int(chunk_points), progress, device
    )
    return list(states), [int(n) for n in nonfinite]
