"""The planner's Streamlit settings (``.streamlit/config.toml``) that its scripts rely on.

Magic is off (it rewrote every page's syntax tree before compiling it, again each time the
last browser tab closed), so a bare expression in a page would no longer be shown: no page
may rely on one.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from tests.support.server import REPO_ROOT

# Where magic leaves a leading string alone (a docstring).
DOCUMENTED = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
SCRIPTS = [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "pages").glob("*.py"))]


def bare_expressions(source: str) -> list[int]:
    """Lines of the statements magic would have written to the page: expressions that are
    not calls, docstrings, yields or awaits."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for index, statement in enumerate(body):
                if not isinstance(statement, ast.Expr):
                    continue
                value = statement.value
                docstring = (
                    index == 0 and isinstance(value, ast.Constant) and isinstance(node, DOCUMENTED)
                )
                if docstring or isinstance(value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
                    continue
                lines.append(statement.lineno)
    return lines


def test_magic_is_off() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["magicEnabled"] is False


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_script_relies_on_magic(script: Path) -> None:
    assert bare_expressions(script.read_text()) == []


def test_bare_expressions_are_found() -> None:
    source = '"""Doc."""\nimport streamlit as st\nst.title("x")\nvalue = 1\nvalue\n'
    source += 'def f():\n    """Doc."""\nif value:\n    "shown"\n'
    assert bare_expressions(source) == [5, 9]
