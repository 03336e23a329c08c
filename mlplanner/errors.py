"""Problems with the user's input, as values, and the errors that carry them.

A :class:`Problem` says where (a path into the validated data, or a spreadsheet cell) and what,
in the planner's own words. Pydantic's errors become problems once, in
:func:`validation_problems`, from each error's ``type`` and ``ctx`` (never from its English
``msg``, which a pydantic upgrade may reword). The edges (CLI, forms, file imports) render
problems from these values; nothing parses a message back.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from pydantic import ValidationError

Location = tuple[str | int, ...]

_SHOWN_MAX: Final = 60


@dataclass(frozen=True)
class Problem:
    """One problem with an input.

    ``location`` is the path in the validated data (``("projects", 2, "domain")``), empty for a
    problem with the input as a whole (bad JSON, an unreadable file). ``row`` and ``column``
    name the spreadsheet cell of a CSV file it came from (row 1 is the header; no column for a
    problem with a whole row).
    """

    location: Location
    message: str
    row: int | None = None
    column: str | None = None

    @property
    def path(self) -> str:
        """The location as a field path: ``projects[2].domain``."""
        return field_path(self.location)

    def __str__(self) -> str:
        """``row 2, count: …`` for a CSV cell, ``projects[2].domain: …`` for a field."""
        if self.row is not None:
            cell = f"row {self.row}, {self.column}" if self.column else f"row {self.row}"
            return f"{cell}: {self.message}"
        if self.location:
            return f"{self.path}: {self.message}"
        return self.message


class PlannerInputError(ValueError):
    """Bad input: carries every problem found; ``str()`` joins them with ``; ``.

    A plain string stands for a problem with the input as a whole. Raised inside a pydantic
    validator, its problems keep their own locations (below the validated field's).
    """

    def __init__(self, problems: Iterable[Problem | str]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            problem if isinstance(problem, Problem) else Problem((), problem)
            for problem in problems
        )
        super().__init__("; ".join(str(problem) for problem in self.problems))


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


def shown(value: Any) -> str:
    """A value as a message quotes it, cut short when long."""
    text = repr(value)
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 3] + "..."


def _limit(value: Any) -> str:
    """A bound of a constraint: ``10,000,000``, ``0``, ``0.5``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _choices(ctx: Mapping[str, Any]) -> str:
    """The allowed values of a literal, as pydantic lists them in ``ctx``: ``'a', 'b' or 'c'``."""
    return str(ctx.get("expected", "")).replace(" or ", ", ")


def _did_you_mean(value: Any, ctx: Mapping[str, Any]) -> str:
    """``; did you mean 'recommender'?`` for a misspelling close to one allowed value."""
    if not isinstance(value, str):
        return ""
    allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    close = difflib.get_close_matches(value.strip().lower(), allowed, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _characters(count: Any) -> str:
    return "1 character" if count == 1 else f"{_limit(count)} characters"


# What the planner says for the kinds of pydantic error that need no context.
_FIXED: Final[dict[str, str]] = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "dict_type": "must be an object of names and values",
    "model_type": "must be an object of names and values",
    "model_attributes_type": "must be an object of names and values",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "frozen_instance": "cannot be changed",
}
# Errors whose input is not worth quoting: absent, named in the message, or too long.
_UNQUOTED: Final = frozenset(
    {
        "value_error",
        "assertion_error",
        "missing",
        "extra_forbidden",
        "literal_error",
        "enum",
        "too_long",
        "string_too_long",
        "string_too_short",
    }
)


def _message(kind: str, ctx: Mapping[str, Any], value: Any) -> str:
    """What the planner says for one kind of pydantic error, given its context."""
    if kind in _FIXED:
        return _FIXED[kind]
    match kind:
        case "value_error" | "assertion_error":
            return str(ctx.get("error", "is not valid"))  # the validator's own words
        case "literal_error" | "enum":
            return f"{shown(value)} is not one of {_choices(ctx)}{_did_you_mean(value, ctx)}"
        case "string_too_short" if ctx.get("min_length") == 1:
            return "must not be empty"
        case "string_too_short":
            return f"must be at least {_characters(ctx.get('min_length'))} long"
        case "string_too_long":
            return f"must be at most {_characters(ctx.get('max_length'))} long"
        case "too_short":
            return f"must have at least {_limit(ctx.get('min_length'))} items"
        case "too_long":
            limit, actual = _limit(ctx.get("max_length")), _limit(ctx.get("actual_length"))
            return f"must have at most {limit} items (it has {actual})"
        case "greater_than":
            return f"must be more than {_limit(ctx.get('gt'))}"
        case "greater_than_equal":
            return f"must be at least {_limit(ctx.get('ge'))}"
        case "less_than":
            return f"must be less than {_limit(ctx.get('lt'))}"
        case "less_than_equal":
            return f"must be at most {_limit(ctx.get('le'))}"
    return "is not valid"


def _describe(error: Mapping[str, Any]) -> str:
    """One pydantic error in the planner's words, from its type and context (never its
    English ``msg``), with the offending input when it is a short scalar."""
    kind = str(error["type"])
    value = error.get("input")
    message = _message(kind, error.get("ctx") or {}, value)
    if kind in _UNQUOTED or "input" not in error or isinstance(value, dict | list | tuple):
        return message
    return f"{message} (got {shown(value)})"


def validation_problems(exc: ValidationError, whole: str) -> tuple[Problem, ...]:
    """Every problem of a pydantic validation error, each at its location.

    ``whole`` names what was validated (``the scenario``), for a problem with all of it. A
    validator that raised a :class:`PlannerInputError` contributes that error's problems,
    located below the field it validated.
    """
    found: list[Problem] = []
    for error in exc.errors():
        location = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, PlannerInputError):
            found.extend(
                replace(problem, location=location + problem.location) for problem in cause.problems
            )
        elif location:
            found.append(Problem(location, _describe(error)))
        else:
            found.append(Problem(location, f"{whole} {_describe(error)}"))
    return tuple(found)
