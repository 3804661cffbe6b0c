"""Type stub of the compiled core (cpp/bindings). Private: use computedivide.train/serve."""

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

def train_input_names() -> list[str]:
    """Names of the training kernel's inputs, in kernel order."""

def train_output_names() -> list[str]:
    """Names of the training kernel's outputs, in kernel order."""

def serve_input_names() -> list[str]:
    """Names of the serving kernel's inputs, in kernel order."""

def serve_output_names() -> list[str]:
    """Names of the serving kernel's outputs, in kernel order."""

def evaluate_train(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """Evaluate the training metrics over a broadcast grid.

    ``inputs`` maps every name of :func:`train_input_names` to a float64
    array (native byte order) of the grid's shape; any strides, 0 included.
    ``n_gpus`` of 0 means "size the cluster from ``wall_days_budget``".
    Returns the requested outputs (C-ordered, the grid's shape) and, per
    output, the count of non-finite values (absent when 0). ``n_threads`` 0
    uses every core. ``dtype`` "float32" returns the float64 results rounded
    to float32 (half the bytes); values beyond float32's range become
    infinite and are counted as non-finite. ``out`` maps some of
    ``outputs`` to arrays to write into (and return) instead of new ones:
    each of ``dtype``, the grid's shape, C-contiguous, writeable and sharing
    no memory with an input or another output (TypeError, ValueError or
    KeyError before anything is written). New arrays of 4 MiB or more start
    on a 2 MiB boundary with transparent huge pages asked for (Linux). The
    GIL is released while evaluating.
    """

def evaluate_serve(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """Evaluate the serving metrics over a broadcast grid (as :func:`evaluate_train`)."""

def reduce_train(
    inputs: dict[str, NDArray[np.float64]],
    reductions: list[tuple[str, str, float, float, float, int]],
    reduced_size: int,
    chunk_points: int,
    n_threads: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[NDArray[np.float64]], list[int]]:
    """Reduce the training metrics over a broadcast grid without holding it.

    ``inputs`` as in :func:`evaluate_train`, with the kept dimensions first:
    the last dimensions, ``reduced_size`` points in all, are reduced. Each
    reduction is ``(output, op, threshold, log10_lo, log10_hi, bins)`` with
    ``op`` one of ``"sum"`` (state ``[s, c]``, compensated), ``"min"`` /
    ``"max"`` (``[value, index within the reduced points]``), ``"count_le"``
    (``[count of values <= threshold]``), ``"hist"`` (``[below, bins...,
    at or above]`` on log10-spaced edges). Returns one ``(cells, width)``
    state array per reduction and, per reduction, the count of non-finite
    values (skipped). The grid is evaluated in chunks of ``chunk_points``;
    after each, Ctrl-C raises ``KeyboardInterrupt`` and ``progress(done,
    total)`` is called. The GIL is released while evaluating.
    """

def reduce_serve(
    inputs: dict[str, NDArray[np.float64]],
    reductions: list[tuple[str, str, float, float, float, int]],
    reduced_size: int,
    chunk_points: int,
    n_threads: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[NDArray[np.float64]], list[int]]:
    """Reduce the serving metrics over a broadcast grid (as :func:`reduce_train`)."""

def afford_input_names() -> list[str]:
    """Names of the affordability kernel's inputs (a payer against a cost)."""

def afford_output_names() -> list[str]:
    """Names of the affordability kernel's outputs."""

def access_input_names() -> list[str]:
    """Names of the access kernel's inputs (an individual against a monthly price)."""

def access_output_names() -> list[str]:
    """Names of the access kernel's outputs."""

def evaluate_afford(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """Evaluate a payer's budget against costs over a broadcast grid (as
    :func:`evaluate_train`). NaN inputs (a missing figure) give NaN ratios and
    0 flags; they are counted as non-finite."""

def evaluate_access(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """Evaluate individuals' incomes against monthly prices (as :func:`evaluate_train`)."""

def develop_input_names() -> list[str]:
    """Names of the development-budget kernel's inputs (final run, staff, data)."""

def develop_output_names() -> list[str]:
    """Names of the development-budget kernel's outputs (each part and the total)."""

def evaluate_develop(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """Evaluate the development budget in parts (as :func:`evaluate_train`)."""

def largest_train_input_names() -> list[str]:
    """Names of the inverse training kernel's inputs: every training input, then
    budget, budget_output, active_share, params_min, params_max, tokens_per_param,
    mfu_size_exponent and mfu_reference_params."""

def largest_train_output_names() -> list[str]:
    """Names of the inverse training kernel's outputs: the search's, then every
    training output at the model found."""

def evaluate_largest_train(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """The largest model each point's budget pre-trains or fine-tunes: one
    search per point of the broadcast grid (as :func:`evaluate_train`)."""

def largest_serve_input_names() -> list[str]:
    """Names of the inverse serving kernel's inputs: every serving input, then
    budget, budget_output, active_share, params_min and params_max."""

def largest_serve_output_names() -> list[str]:
    """Names of the inverse serving kernel's outputs: the search's, then every
    serving output at the model found."""

def evaluate_largest_serve(
    inputs: dict[str, NDArray[np.float64]],
    outputs: list[str],
    n_threads: int = 0,
    dtype: str = "float64",
    out: dict[str, NDArray[np.floating[Any]]] | None = None,
) -> tuple[dict[str, NDArray[np.floating[Any]]], dict[str, int]]:
    """The largest model each point's budget serves (as :func:`evaluate_train`)."""
