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
            "-ffp-contract=off",
            f"-I{ROOT / 'cpp' / 'include'}",
            "-c",
            str(ROOT / "cpp" / "src" / "core.cpp"),
            "-o",
            str(tmp_path / "core.o"),
            "-fopt-info-vec-optimized",
            "-fopt-info-vec-missed",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    source = (ROOT / "cpp" / "src" / "core.cpp").read_text().splitlines()
    messages = result.stderr

    def at(line: int, what: str) -> int:
        return len(re.findall(rf"core\.cpp:{line}:\d+: {what}", messages))

    # The point loops of every block function (each marked CD_IVDEP, the line
    # before the loop), in every instantiation and clone: all vectorised.
    point_loops = [i + 2 for i, line in enumerate(source) if line.strip() == "CD_IVDEP"]
    assert len(point_loops) == 2  # block<K, Groups> and train_site_block<Groups>
    for line in point_loops:
        assert at(line, "optimized: loop vectorized") >= 2, f"core.cpp:{line} is not vectorised"
        assert at(line, "missed: couldn't vectorize loop") == 0, (
            f"core.cpp:{line}: not all vectorised"
        )

    # The column scans of the reductions: their lane loops vectorise
    # (column_min and column_max are written with explicit vectors).
    for name in ("count_nonfinite", "count_at_most"):
        start = next(i for i, line in enumerate(source, 1) if f" {name}(const double* x" in line)
        lanes = next(
            i for i, line in enumerate(source, 1) if i > start and "k + kLanes <= n" in line
        )
        assert at(lanes, "optimized: loop vectorized") + at(
            lanes + 1, "optimized: loop vectorized"
        ), f"{name} is not vectorised"
