"""The docs state every parameter with the default, unit and range the code uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from computedivide._params import (
    ACCESS_OUTPUTS,
    ACCESS_PARAMS,
    AFFORD_OUTPUTS,
    AFFORD_PARAMS,
    SERVE_OUTPUTS,
    SERVE_PARAMS,
    TRAIN_OUTPUTS,
    TRAIN_PARAMS,
    Param,
)

MODEL_DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"


def table_rows(section: str, doc: Path = MODEL_DOC) -> dict[str, list[str]]:
    text = doc.read_text(encoding="utf-8")
    body = text.split(f"### {section}", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in body.splitlines():
        match = re.match(r"\|\s*`(\w+)`\s*\|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def documented_default(p: Param) -> str:
    if p.flag:
        return "False"
    return "catalog" if p.default is None else f"{p.default:g}"


@pytest.mark.parametrize(
    ("section", "params"),
    [("Training parameters", TRAIN_PARAMS), ("Serving parameters", SERVE_PARAMS)],
)
def test_parameter_tables_match_the_code(section, params):
    rows = table_rows(section)
    assert list(rows) == [p.name for p in params]
    for p in params:
        unit, default, allowed = rows[p.name][:3]
        assert unit == p.unit, p.name
        assert default == documented_default(p), p.name
        assert allowed == p.range_text(), p.name


@pytest.mark.parametrize(
    ("section", "outputs"),
    [("Training outputs", TRAIN_OUTPUTS), ("Serving outputs", SERVE_OUTPUTS)],
)
def test_output_tables_match_the_code(section, outputs):
    rows = table_rows(section)
    assert list(rows) == [o.name for o in outputs]
    for o in outputs:
        assert rows[o.name][0] == o.unit, o.name


AFFORD_DOC = MODEL_DOC.parent / "afford.md"


@pytest.mark.parametrize(
    ("section", "params"),
    [("Payer parameters", AFFORD_PARAMS), ("Individual parameters", ACCESS_PARAMS)],
)
def test_afford_parameter_tables_match_the_code(section, params):
    rows = table_rows(section, AFFORD_DOC)
    assert list(rows) == [p.name for p in params]
    for p in params:
        unit, default, allowed = rows[p.name][:3]
        assert unit == p.unit, p.name
        assert allowed == p.range_text(), p.name
        if p.default is not None:
            assert default == f"{p.default:g}", p.name


@pytest.mark.parametrize(
    ("section", "outputs"),
    [("Payer outputs", AFFORD_OUTPUTS), ("Individual outputs", ACCESS_OUTPUTS)],
)
def test_afford_output_tables_match_the_code(section, outputs):
    rows = table_rows(section, AFFORD_DOC)
    assert list(rows) == [o.name for o in outputs]
    for o in outputs:
        assert rows[o.name][0] == o.unit, o.name


DATA_DOC = MODEL_DOC.parent / "data.md"


def catalog_table(kind: str) -> list[str]:
    """The column table docs/data.md must hold for a catalog, line by line."""
    from computedivide.catalog import CATALOGS, VALIDATION_TABLES

    _, fields = {**CATALOGS, **VALIDATION_TABLES}[kind]
    lines = ["| column | type | unit | allowed | meaning |", "|---|---|---|---|---|"]
    for f in fields:
        unit = f.unit if f.unit not in ("", "year") else ""
        allowed = f.allowed() + ("; required" if f.required else "")
        lines.append(f"| `{f.name}` | {f.type} | {unit} | {allowed} | {f.description} |")
    return lines


@pytest.mark.parametrize("kind", ["hardware", "model", "region", "nation", "organisation", "offer"])
def test_data_doc_lists_every_catalog_column(kind):
    from computedivide.catalog import CATALOGS

    file, _ = CATALOGS[kind]
    text = DATA_DOC.read_text(encoding="utf-8")
    section = text.split(f"(`{file}`)", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    expected = catalog_table(kind)
    assert table[: len(expected)] == expected, "\n".join(expected)


@pytest.mark.parametrize("name", ["runs", "serving"])
def test_data_doc_lists_every_validation_column(name):
    from computedivide.catalog import VALIDATION_TABLES

    file, _ = VALIDATION_TABLES[name]
    text = DATA_DOC.read_text(encoding="utf-8")
    section = text.split(f"(`{file}`)", 1)[1].split("\n#", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    expected = catalog_table(name)
    assert table == expected, "\n".join(expected)
