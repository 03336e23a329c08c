"""Errors the domain raises for bad input, with messages that name the field and problem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError


class PlannerInputError(ValueError):
    """Bad input: carries one human-readable message per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class ScenarioError(PlannerInputError):
    """A scenario that cannot be read or does not validate."""


def field_path(loc: Sequence[str | int]) -> str:
    """``('projects', 2, 'domain')`` -> ``projects[2].domain``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _describe(error: Any) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace(" or ", ", ")
        return f"{value!r} is not one of {expected}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    message: str = error["msg"]
    message = message[0].lower() + message[1:]
    if "input" in error and not isinstance(value, dict | list):
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return f"{message} (got {shown})"
    return message


def format_validation_error(exc: ValidationError) -> list[str]:
    """One ``path: problem`` line per pydantic error."""
    return [f"{field_path(err['loc'])}: {_describe(err)}" for err in exc.errors()]
