"""The tutorials and the getting-started page run as written.

Each page's ```python blocks are executed in order in one namespace, from the
repository root (where ``examples/`` lies). Where a ```text block follows a
python block directly, it is the output that block must print, exactly.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs" / "tutorials").glob("*.md")) + [ROOT / "docs" / "getting-started.md"]
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(page: Path) -> list[tuple[str, str, str | None]]:
    """(code, expected output or None, where) for each python block of a page."""
    text = page.read_text(encoding="utf-8")
    found = [(m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(text)]
    out = []
    for i, (lang, body, start, end) in enumerate(found):
        if lang != "python":
            continue
        expected = None
        if i + 1 < len(found):
            nxt = found[i + 1]
            if nxt[0] == "text" and text[end : nxt[2]].strip() == "":
                expected = nxt[1]
        line = text[:start].count("\n") + 1
        out.append((body, expected, f"{page.name}, line {line}"))
    return out


def test_every_tutorial_has_checked_output():
    names = {p.stem for p in PAGES}
    assert {"national-capacity", "individual-access", "sensitivity"} <= names
    for page in PAGES:
        checked = [b for b in blocks(page) if b[1] is not None]
        assert checked, f"{page.name} has no python block with its output"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_runs_and_prints_what_it_shows(page, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COMPUTEDIVIDE_TUTORIAL_TMP", str(tmp_path))
    namespace: dict[str, object] = {"__name__": "__tutorial__"}
    for code, expected, where in blocks(page):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, where, "exec"), namespace)
        if expected is not None:
            got = [line.rstrip() for line in buffer.getvalue().rstrip().splitlines()]
            want = [line.rstrip() for line in expected.rstrip().splitlines()]
            assert got == want, f"{where}: printed output differs from the page"
    assert os.getcwd() == str(ROOT)
