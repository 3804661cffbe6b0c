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
    assert len(point_loops) == 3  # block<K, Groups>, train_volume_block and train_site_block
    for line in point_loops:
        assert at(line, "optimized: loop vectorized") >= 2, f"core.cpp:{line} is not vectorised"
        assert at(line, "missed: couldn't vectorize loop") == 0, (
            f"core.cpp:{line}: not all vectorised"
        )

    # The column scans of the reductions: count_nonfinite and count_at_most
    # sum in lane_sum's four independent vector accumulators
    # (explicit 32-byte vectors, as column_min and column_max). GCC reports
    # the inlined lane loops unreliably, so the AVX-512 clone's code is read
    # instead: at least the four accumulators' adds, the one-vector loop and
    # the halving lane sum are packed adds on ymm or zmm registers (a serial
    # accumulator leaves one or two).
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("needs objdump to read the scans' code")
    listing = subprocess.run(
        [objdump, "-d", "-C", "--no-show-raw-insn", str(tmp_path / "core.o")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in ("count_nonfinite", "count_at_most"):
        match = re.search(rf"<cd::{name}\([^\n]*\[clone \.avx512f\]>:\n(.*?)\n\n", listing, re.S)
        assert match, f"no AVX-512 clone of {name}"
        packed_adds = re.findall(r"vadd[ps][sd]\s[^\n]*%[yz]mm", match.group(1))
        assert len(packed_adds) >= 8, f"{name} is not vectorised ({len(packed_adds)} packed adds)"
