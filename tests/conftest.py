"""Shared test settings: hypothesis profiles bounded for CI."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI: few examples, no deadline (a 2-core machine under load is slow).
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("dev", max_examples=150, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
