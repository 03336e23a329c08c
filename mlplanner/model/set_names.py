"""Names of assumption sets: the shipped defaults' reserved name and the marks the app adds.

The app names the assumptions in force after a set (``Lean``) and marks what happened to them:
``Lean (edited)`` once a number was edited, ``Lean (from plan)`` when they came from a saved
plan. The shipped defaults' name and these marks are reserved: no saved set may take them.
"""

from __future__ import annotations

from typing import Final

SHIPPED_DEFAULTS: Final = "Shipped defaults"
EDITED: Final = " (edited)"
FROM_PLAN: Final = " (from plan)"
MARKS: Final = (EDITED, FROM_PLAN)


def marked(name: str, mark: str) -> str:
    """``name`` with ``mark`` (one of :data:`MARKS`) added once: ``Lean (edited)``."""
    return name if name.endswith(mark) else name + mark


def unmarked(name: str) -> str:
    """``name`` without the marks the app added: ``Lean (from plan) (edited)`` -> ``Lean``."""
    while name.endswith(MARKS):
        for mark in MARKS:
            name = name.removesuffix(mark)
    return name


def is_shipped_defaults(name: str) -> bool:
    """Whether ``name`` is the shipped defaults' reserved name (in any letter case)."""
    return name.casefold() == SHIPPED_DEFAULTS.casefold()
