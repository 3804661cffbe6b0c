"""Shared by the tests that drive a development tool (ruff, mypy, MkDocs)."""

from __future__ import annotations

import os

import pytest


def require(module: str, extra: str = "test") -> None:
    """Skip the test where ``module`` is missing; under CI (``CI=true``) fail instead."""
    try:
        __import__(module)
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{module} is not installed; it is in the {extra} extras")
        pytest.skip(f"{module} is not installed (pip install '.[{extra}]')")
