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
            "--fmad=false",
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
    # The host interface exists, and the kernel is instantiated for both
    # point functions of the shared header.
    assert "cd::cuda::evaluate(" in symbols and "cd::cuda::device_count()" in symbols
    assert "evaluate_kernel<cd::TrainIn, cd::TrainOut" in symbols
    assert "evaluate_kernel<cd::ServeIn, cd::ServeOut" in symbols
    # The reductions too, for both kernels.
    assert "cd::cuda::reduce(" in symbols
    assert "reduce_kernel<cd::TrainIn, cd::TrainOut" in symbols
    assert "reduce_kernel<cd::ServeIn, cd::ServeOut" in symbols


def test_the_formula_header_is_shared_with_the_gpu():
    header = (ROOT / "cpp" / "include" / "computedivide" / "metrics.hpp").read_text()
    kernels = (ROOT / "cpp" / "cuda" / "kernels.cu").read_text()
    assert '#include "computedivide/metrics.hpp"' in kernels
    # Every point function and helper is marked for both host and device.
    assert "CD_HD TrainOut train_point(" in header
    assert "CD_HD ServeOut serve_point(" in header
    # No formula is written again in the CUDA file.
    assert "6.0 *" not in kernels and "kSecondsPerHour" not in kernels
    # The reduction rules too: one header for the CPU driver and the GPU.
    rules = (ROOT / "cpp" / "include" / "computedivide" / "reduction.hpp").read_text()
    assert '#include "computedivide/reduction.hpp"' in kernels
    for method in ("init(double* s)", "update(double* s,", "merge(double* into,"):
        assert f"CD_HD void {method}" in rules, method
    assert "fabs" not in kernels and "log10" not in kernels


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc is not installed")
def test_the_cuda_module_builds_and_loads_without_a_gpu(tmp_path):
    # The whole optional build: kernels.cu by nvcc, the _cuda bindings by the
    # host compiler, linked with the static CUDA runtime.
    import importlib.util
    import sys
    import zipfile

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "--no-index",
            str(ROOT),
            "-w",
            str(tmp_path / "wheel"),
            "-Ccmake.define.COMPUTEDIVIDE_CUDA=ON",
            f"-Cbuild-dir={tmp_path / 'build'}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [
            n
            for n in archive.namelist()
            if n.startswith("computedivide/_cuda.") and not n.endswith(".pyi")
        ]
        archive.extract(name, tmp_path / "unpacked")
    spec = importlib.util.spec_from_file_location(
        "computedivide._cuda", tmp_path / "unpacked" / name
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    count = module.device_count()
    assert isinstance(count, int) and count >= 0
    assert {"evaluate_train", "evaluate_serve", "reduce_train", "reduce_serve", "describe"} <= set(
        dir(module)
    )
    if count == 0:
        with pytest.raises(RuntimeError, match="CUDA"):
            module.describe(0)
