"""The package's code style and types are checked like its numbers: ruff (lint
and format) and ``mypy --strict`` run here, so a lapse fails the test suite.

Under CI (``CI=true``) a missing tool is a failure; elsewhere the test is
skipped with the reason, so a quick local run without the tools still works.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools import require

ROOT = Path(__file__).resolve().parents[1]


def _tool(module: str) -> list[str]:
    """The command that runs ``module`` in this interpreter's environment."""
    require(module)
    return [sys.executable, "-m", module]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_passes():
    result = _run([*_tool("ruff"), "check", "--no-cache", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = _run([*_tool("ruff"), "format", "--check", "--no-cache", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_configuration_catches_a_planted_error(tmp_path):
    # A lint test that passed because no rule was selected would be worthless:
    # the project's configuration must flag an unused import and a mutable default.
    planted = tmp_path / "planted.py"
    planted.write_text("import os\n\n\ndef f(x=[]):\n    return x\n")
    result = _run(
        [
            *_tool("ruff"),
            "check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            str(planted),
        ]
    )
    assert result.returncode == 1
    assert "F401" in result.stdout and "B006" in result.stdout


def test_mypy_strict_passes(tmp_path):
    # The configuration ([tool.mypy] in pyproject.toml) sets strict = true and
    # names the package; the stub of the compiled core is checked with it.
    text = (ROOT / "pyproject.toml").read_text()
    assert "[tool.mypy]" in text and "strict = true" in text
    result = _run([*_tool("mypy"), "--cache-dir", str(tmp_path / "cache")])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout
