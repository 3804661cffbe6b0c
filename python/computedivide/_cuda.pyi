# Stub of the optional CUDA module (cpp/bindings/cuda_module.cpp), built only
# with -Ccmake.define.COMPUTEDIVIDE_CUDA=ON. Use computedivide.cuda.
from typing import Any

import numpy as np

def device_count() -> int: ...
def describe(device: int = 0) -> str: ...
def measure_limits(device: int = 0) -> tuple[float, float]: ...
def evaluate_train(
    inputs: dict[str, np.ndarray],
    outputs: list[str],
    keep_on_device: bool = False,
    dtype: str = "float64",
    device: int = 0,
) -> tuple[dict[str, Any], dict[str, int]]: ...
def evaluate_serve(
    inputs: dict[str, np.ndarray],
    outputs: list[str],
    keep_on_device: bool = False,
    dtype: str = "float64",
    device: int = 0,
) -> tuple[dict[str, Any], dict[str, int]]: ...
def reduce_train(
    inputs: dict[str, np.ndarray],
    reductions: list[tuple[str, str, float, float, float, int]],
    reduced_size: int,
    chunk_points: int,
    progress: Any = None,
    device: int = 0,
) -> tuple[list[np.ndarray], list[int]]: ...
def reduce_serve(
    inputs: dict[str, np.ndarray],
    reductions: list[tuple[str, str, float, float, float, int]],
    reduced_size: int,
    chunk_points: int,
    progress: Any = None,
    device: int = 0,
) -> tuple[list[np.ndarray], list[int]]: ...
