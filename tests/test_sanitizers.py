"""The core under AddressSanitizer, leak detection and UndefinedBehaviorSanitizer.

Runs scripts/sanitize.sh: the C++ tests and the Python tests of the core
against a build of the core and of _core with -fsanitize=address,undefined.
Takes a few minutes (a sanitized build of the core is slow to compile).
Linux with GCC or Clang; skipped where the tools are missing, except under CI
(``CI=true``), where it must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "sanitize.sh"
# What a sanitizer prints when it finds something.
REPORTS = ("ERROR: AddressSanitizer", "runtime error:", "LeakSanitizer", "Sanitizer: CHECK failed")


def require_tools() -> None:
    missing = [name for name in ("bash", "cmake", "ldd") if shutil.which(name) is None]
    if not (os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")):
        missing.append("c++")
    try:
        import pybind11  # noqa: F401
    except ImportError:
        missing.append("pybind11")
    if not sys.platform.startswith("linux"):
        missing.append("Linux")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing; CI runs the sanitizers")
        pytest.skip(f"{', '.join(missing)} missing")


def test_core_and_extension_are_clean_under_sanitizers(tmp_path: Path) -> None:
    require_tools()
    build_dir = tmp_path / "asan"
    environment = dict(os.environ, SANITIZE_BUILD_DIR=str(build_dir), PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    for report in REPORTS:
        assert report not in output, output[-8000:]
    # The sanitizers were live: a canary's heap overflow and float-cast
    # overflow were stopped (its leak too, or valgrind checks leaks instead).
    assert "self-check: ASan stops a heap overflow, UBSan a float-cast overflow" in output
    # Every C++ case ran, with leak detection (or, where it cannot run, valgrind).
    cases = sum(
        len(re.findall(r"^TEST_CASE\(", source.read_text(), re.MULTILINE))
        for source in (ROOT / "cpp" / "tests").glob("*.cpp")
    )
    assert re.search(
        rf"{cases} C\+\+ test cases passed under ASan\+UBSan, leaks checked by", output
    )
    assert "100% tests passed" in output
    # The Python tests imported the sanitized extension, and passed.
    imported = re.search(r"sanitized extension: (\S+)", output)
    assert imported and Path(imported.group(1)).is_relative_to(build_dir)
    # The subset (about a hundred tests) ran, not a handful.
    summary = re.search(r"(\d+) passed(?:, (\d+) deselected)? in", output)
    assert summary and int(summary.group(1)) >= 90, output[-3000:]
    assert " failed" not in output.split("sanitized extension:")[1]
