"""The optional CUDA kernels compile with nvcc, from the same formula header as
the CPU core (no GPU needed; skipped where nvcc is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc is not installed")
def test_cuda_kernels_compile_with_nvcc(tmp_path):
    result = subprocess.run(
        [
            "nvcc",
            "-std=c++17",
            "-O3",
            f"-I{ROOT / 'cpp' / 'include'}",
            "-c",
            str(ROOT / "cpp" / "cuda" / "kernels.cu"),
            "-o",
            str(tmp_path / "kernels.o"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "kernels.o").stat().st_size > 0
    symbols = subprocess.run(
        ["nm", "-C", str(tmp_path / "kernels.o")], capture_output=True, text=True
    ).stdout
    # Both launchers exist, and the device code instantiates the shared point functions.
    assert "cd::cuda::launch_train" in symbols and "cd::cuda::launch_serve" in symbols


def test_the_formula_header_is_shared_with_the_gpu():
    header = (ROOT / "cpp" / "include" / "computedivide" / "metrics.hpp").read_text()
    kernels = (ROOT / "cpp" / "cuda" / "kernels.cu").read_text()
    assert '#include "computedivide/metrics.hpp"' in kernels
    # Every point function and helper is marked for both host and device.
    assert "CD_HD TrainOut train_point(" in header
    assert "CD_HD ServeOut serve_point(" in header
    # No formula is written again in the CUDA file.
    assert "6.0 *" not in kernels and "kSecondsPerHour" not in kernels
