"""Packaging: the source distribution holds what a build needs and builds a
wheel offline (no index, no build isolation: only what pip already installed
from PyPI), the wheel carries the data files, and the package passes its core
tests at the minimum versions of NumPy, pandas and xarray that it declares.

These tests build the C++ core from scratch and set up a second virtual
environment, a few minutes on two cores, so they run under CI (``CI=true``)
or when ``COMPUTEDIVIDE_PACKAGING_TESTS=1``; otherwise they are skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
DATA = sorted(p.name for p in (ROOT / "python" / "computedivide" / "data").glob("*.csv"))

pytestmark = pytest.mark.skipif(
    os.environ.get("CI") != "true" and os.environ.get("COMPUTEDIVIDE_PACKAGING_TESTS") != "1",
    reason="builds the core twice and a second environment; set COMPUTEDIVIDE_PACKAGING_TESTS=1",
)

# The core tests run again at the minimum versions: the API, the numbers, the
# streaming reductions, the catalogs, the study files and the property tests.
MINIMUM_SUITE = [
    "tests/test_api.py",
    "tests/test_values.py",
    "tests/test_core.py",
    "tests/test_reduce.py",
    "tests/test_catalogs.py",
    "tests/test_study.py",
    "tests/test_afford.py",
    "tests/test_properties.py",
]


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def minimum_versions() -> dict[str, str]:
    """``name -> minimum version`` of every ``>=`` runtime requirement."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement.strip())
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    code = f"from scikit_build_core.build import build_sdist; print(build_sdist({str(out)!r}))"
    _run([sys.executable, "-c", code], cwd=ROOT)
    (path,) = out.glob("computedivide-*.tar.gz")
    return path


@pytest.fixture(scope="module")
def wheel(sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # --no-index: nothing is downloaded; --no-build-isolation: the build uses
    # scikit-build-core, pybind11, CMake and Ninja as installed from PyPI.
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(sdist),
            "--no-index",
            "--no-build-isolation",
            "--no-deps",
            "-q",
            "-w",
            str(out),
        ]
    )
    (path,) = out.glob("computedivide-*.whl")
    return path


def test_minimum_versions_are_declared():
    pins = minimum_versions()
    assert {"numpy", "pandas", "xarray", "pyarrow"} <= set(pins)


def test_sdist_holds_the_sources_and_the_data(sdist):
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in [
        "pyproject.toml",
        "CMakeLists.txt",
        "README.md",
        "cpp/src/core.cpp",
        "cpp/include/computedivide/metrics.hpp",
        "cpp/bindings/module.cpp",
        "python/computedivide/_core.pyi",
        "python/computedivide/py.typed",
    ]:
        assert needed in names, needed
    assert {f"python/computedivide/data/{name}" for name in DATA} <= names
    # Nothing built or cached is shipped.
    assert not [n for n in names if n.startswith(("build/", "site/")) or n.endswith(".so")]


def test_wheel_from_the_sdist_carries_the_core_stub_and_data(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert any(re.fullmatch(r"computedivide/_core\..*\.so", n) for n in names)
    assert {"computedivide/_core.pyi", "computedivide/py.typed"} <= names
    assert {f"computedivide/data/{name}" for name in DATA} <= names


def test_core_tests_pass_at_the_minimum_versions(wheel, tmp_path):
    pins = minimum_versions()
    env_dir = tmp_path / "minimum"
    _run([sys.executable, "-m", "venv", str(env_dir)])
    python = str(env_dir / "bin" / "python")
    pinned = [f"{name}=={version}" for name, version in pins.items()]
    _run([python, "-m", "pip", "install", "-q", *pinned, "pytest>=7", "hypothesis>=6.80", "scipy"])
    _run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)])
    versions = _run(
        [
            python,
            "-c",
            "import numpy, pandas, xarray, pyarrow; "
            "print(numpy.__version__, pandas.__version__, xarray.__version__, "
            "pyarrow.__version__)",
        ]
    ).stdout.split()
    assert versions == [pins["numpy"], pins["pandas"], pins["xarray"], pins["pyarrow"] + ".0.0"]
    result = _run(
        [python, "-m", "pytest", *MINIMUM_SUITE, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=dict(os.environ, CI="", PYTHONDONTWRITEBYTECODE="1"),
    )
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout
