"""The core's point loops stay vectorised (a formula edit can silently undo it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++ to inspect vectorisation")
def test_block_loops_are_vectorised(tmp_path):
    result = subprocess.run(
        [
            "g++",
            "-std=c++17",
            "-O3",
            "-fno-trapping-math",
            "-fno-math-errno",
            f"-I{ROOT / 'cpp' / 'include'}",
            "-c",
            str(ROOT / "cpp" / "src" / "core.cpp"),
            "-o",
            str(tmp_path / "core.o"),
            "-fopt-info-vec-optimized",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    source = (ROOT / "cpp" / "src" / "core.cpp").read_text().splitlines()
    loops = {
        name: next(i for i, line in enumerate(source, 1) if f"void {name}(" in line)
        for name in ("train_block", "serve_block", "afford_block", "access_block")
    }
    vectorised = {
        int(m.group(1))
        for m in re.finditer(r"core\.cpp:(\d+):\d+: optimized: loop vectorized", result.stderr)
    }
    for name, line in loops.items():
        # The loop sits within a few lines after the function's signature.
        assert any(line < v <= line + 4 for v in vectorised), f"{name} is not vectorised"
