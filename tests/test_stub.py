"""The type stub of the compiled core matches the module: names, parameters, defaults."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import computedivide
from computedivide import _core

STUB = Path(computedivide.__file__).with_name("_core.pyi")


def stub_functions() -> dict[str, ast.FunctionDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def runtime_parameters(name: str) -> list[tuple[str, bool]]:
    """(parameter, has a default) from pybind11's signature line."""
    first = getattr(_core, name).__doc__.splitlines()[0]
    inside = first[first.index("(") + 1 : first.rindex(")")]
    depth, part, parts = 0, "", []
    for char in inside:  # split on top-level commas only
        depth += char in "[("
        depth -= char in "])"
        if char == "," and depth == 0:
            parts.append(part)
            part = ""
        else:
            part += char
    if part.strip():
        parts.append(part)
    out = []
    for p in parts:
        match = re.match(r"\s*(\w+)\s*:", p)
        assert match, p
        out.append((match.group(1), "=" in p))
    return out


def test_stub_names_every_function_of_the_module():
    public = {n for n in dir(_core) if not n.startswith("_")}
    assert set(stub_functions()) == public


def test_stub_parameters_match_the_module():
    for name, node in stub_functions().items():
        args = node.args.args
        defaults = [False] * (len(args) - len(node.args.defaults)) + [True] * len(
            node.args.defaults
        )
        stub = [(a.arg, d) for a, d in zip(args, defaults, strict=True)]
        assert stub == runtime_parameters(name), name
