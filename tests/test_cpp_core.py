"""The core's C++ tests (cpp/tests/): configured and built with CMake, run by ctest.

They test the C++ core on its own, without Python: the kernels against values
worked out by hand, grids of every shape and layout, reductions, the edges of
float64. Skipped where CMake or a C++ compiler is missing; under CI
(``CI=true``) they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CPP_TESTS = ROOT / "cpp" / "tests"
# The cases CMake registers: the lines that start with TEST_CASE(name).
CASE_LINE = re.compile(r"^TEST_CASE\(([A-Za-z0-9_]+)\)", re.MULTILINE)
# Fewer cases than this means the sources or their parsing lost some.
MIN_CASES = 29


def compiler() -> str | None:
    return os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")


def require_tools() -> None:
    missing = [
        name for name, found in (("cmake", shutil.which("cmake")), ("c++", compiler())) if not found
    ]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} not found; CI builds the C++ tests")
        pytest.skip(f"{', '.join(missing)} not found")


def case_names() -> list[str]:
    names = []
    for source in sorted(CPP_TESTS.glob("*.cpp")):
        names += CASE_LINE.findall(source.read_text())
    return names


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Release build of the core and its C++ tests, as the package builds the core."""
    require_tools()
    build_dir = tmp_path_factory.mktemp("cpp-tests")
    configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release"]
    configure.append("-DCOMPUTEDIVIDE_TESTS=ON")
    if shutil.which("ninja") and not os.environ.get("CMAKE_GENERATOR"):
        configure += ["-G", "Ninja"]
    for command in (configure, ["cmake", "--build", str(build_dir), "--parallel"]):
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return build_dir


def test_every_case_passes_under_ctest(build: Path) -> None:
    names = case_names()
    assert len(names) >= MIN_CASES
    assert len(set(names)) == len(names), "two TEST_CASEs of one name"
    junit = build / "ctest.xml"
    result = subprocess.run(
        ["ctest", "--test-dir", str(build), "--output-on-failure", "--no-tests=error"]
        + ["-j", "2", "--output-junit", str(junit)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    # Every case ran, each in its own process, and passed.
    suite = ET.parse(junit).getroot()
    ran = {case.get("name"): case.get("status") for case in suite.iter("testcase")}
    assert ran == {f"core.{name}": "run" for name in names}
    assert suite.get("failures") == "0"
    assert not list(suite.iter("failure"))


def test_the_runner_lists_and_runs_every_case(build: Path) -> None:
    runner = build / "cpp" / "tests" / "cd_core_tests"
    listed = subprocess.run([str(runner), "--list"], capture_output=True, text=True, check=True)
    assert sorted(listed.stdout.split()) == sorted(case_names())
    # All at once, as a developer runs it.
    whole = subprocess.run([str(runner)], capture_output=True, text=True, timeout=600)
    assert whole.returncode == 0, whole.stdout[-4000:] + whole.stderr[-4000:]
    n = len(case_names())
    assert f"{n} test cases: {n} passed, 0 failed" in whole.stdout
    unknown = subprocess.run([str(runner), "no_such_case"], capture_output=True, text=True)
    assert unknown.returncode == 2


def test_a_failed_check_fails_the_run_and_says_where(tmp_path: Path) -> None:
    # The runner itself: a case with failed checks (and one that throws) must
    # make the run fail, with file:line and the values; passing cases pass.
    require_tools()
    source = tmp_path / "checks.cpp"
    source.write_text(
        '#include <stdexcept>\n#include "check.hpp"\n'
        "TEST_CASE(passes) { CHECK_CLOSE(0.1 + 0.2, 0.3, 1e-15); CHECK_EQ(2 + 2, 4); }\n"
        "TEST_CASE(fails) {\n"
        "  CHECK_CLOSE(0.1 + 0.2, 0.3001, 1e-15);\n"
        "  CHECK_THROWS(std::invalid_argument, (void)0);\n"
        "}\n"
        'TEST_CASE(throws) { throw std::runtime_error("escaped"); }\n'
    )
    runner = tmp_path / "runner"
    subprocess.run(
        [compiler(), "-std=c++17", f"-I{CPP_TESTS}", str(source), str(CPP_TESTS / "main.cpp")]
        + ["-o", str(runner)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = subprocess.run([str(runner)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "3 test cases: 1 passed, 2 failed" in result.stdout
    assert "[  OK  ] passes" in result.stdout
    assert "[ FAIL ] fails" in result.stdout and "[ FAIL ] throws" in result.stdout
    assert (
        f"{source}:5: failed: CHECK_CLOSE(0.1 + 0.2, 0.3001, 1e-15): 0.30000000000000004 vs 0.30009999999999998"
        in result.stderr
    )
    assert (
        f"{source}:6: failed: CHECK_THROWS(std::invalid_argument, (void)0): nothing thrown"
        in result.stderr
    )
    assert f"{source}:8: failed: uncaught exception: escaped" in result.stderr
    one = subprocess.run([str(runner), "passes"], capture_output=True, text=True)
    assert one.returncode == 0 and "1 test case: 1 passed, 0 failed" in one.stdout
