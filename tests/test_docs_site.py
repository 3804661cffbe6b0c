"""The documentation site builds with MkDocs in strict mode: a broken link, a
missing page, an unknown anchor or a docstring mkdocstrings cannot render is a
failure, not a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tools import require

ROOT = Path(__file__).resolve().parents[1]


def test_site_builds_without_warnings(tmp_path):
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        require(module, extra="docs")
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    # The API page is rendered from the docstrings, with their parameter tables.
    assert "carbon_intensity_g_per_kwh" in api and "Study" in api
    assert (site / "tutorials" / "sensitivity" / "index.html").exists()
    # The benchmark page carries the recorded figures, included from benchmarks/RESULTS.md.
    assert "scenarios / s" in (site / "benchmarks" / "index.html").read_text(encoding="utf-8")


def test_every_page_is_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    missing = sorted(p for p in pages if p not in nav)
    assert not missing, f"pages not in mkdocs.yml's nav: {missing}"
