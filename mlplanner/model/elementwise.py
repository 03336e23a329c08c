"""Element-wise helpers that run the same line on one plan's numbers and on numpy arrays of
many plans' (one element per plan).

The model's formulas that are also worked out for many plans at once (the quality score in
:mod:`mlplanner.model.quality`, the staffing rules in :mod:`mlplanner.model.staffing`) are
written once, with arithmetic and these helpers: on plain numbers they use Python's own
``min``, ``max`` and ``math.floor`` (faster than numpy on one number), on arrays numpy's, and
both give the same floating-point numbers.
"""

from __future__ import annotations

import math
from typing import Any, TypeAlias

import numpy as np

# One plan's figure (a number) or one figure per plan (a numpy array).
Values: TypeAlias = Any


def _any_array(*values: Values) -> bool:
    return any(isinstance(value, np.ndarray) for value in values)


def minimum(a: Values, b: Values) -> Values:
    """Element-wise minimum of numbers or arrays."""
    return np.minimum(a, b) if _any_array(a, b) else min(a, b)


def maximum(a: Values, b: Values) -> Values:
    """Element-wise maximum of numbers or arrays."""
    return np.maximum(a, b) if _any_array(a, b) else max(a, b)


def where(condition: Values, yes: Values, no: Values) -> Values:
    """``yes`` where ``condition`` holds, else ``no``, element-wise; both are worked out first,
    so a division in either must be safe on its own."""
    if _any_array(condition, yes, no):
        return np.where(condition, yes, no)
    return yes if condition else no


def floor(a: Values) -> Values:
    """The largest whole number not above ``a``: an ``int``, or an array of 64-bit integers."""
    if isinstance(a, np.ndarray):
        return np.floor(a).astype(np.int64)
    return math.floor(a)
