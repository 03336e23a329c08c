"""Spreadsheet workbooks (.xlsx) for people who work in them: a summary sheet and table sheets.

A :class:`Table` sheet is a table with human headers (``Annual cost (USD)``, not
``annual_cost_usd``), number formats per column (currency, thousands), an optional bold
**Total** row of summed columns, a frozen header row and columns wide enough for their
values. A :class:`Summary` sheet is a list of labelled figures, one per row, each in its own
format. Totals are written as numbers, not formulas, so every reader (a phone's preview, pandas)
sees them without recalculating.

Formula injection: openpyxl stores any string starting with ``=`` as a formula, so every text
cell a spreadsheet could read as a formula (:func:`~mlplanner.exchange.spreadsheet_safety.
is_neutral`) is written as a text cell with the *quote prefix* style: Excel's and LibreOffice's
own marker for "typed with a leading apostrophe", so the cell shows the exact text and stays
text even when edited. Numbers are written as numbers.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, Cell, MergedCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mlplanner.exchange.spreadsheet_safety import is_neutral

USD: Final = '"$"#,##0'
WHOLE: Final = "#,##0"
ONE_DECIMAL: Final = "#,##0.0"
TWO_DECIMALS: Final = "#,##0.00"
DATE: Final = "yyyy-mm-dd"
TOTAL_LABEL: Final = "Total"
MAX_COLUMN_WIDTH: Final = 60
_BOLD: Final = Font(bold=True)
# Characters a format adds around the digits: thousands separators are counted apart.
_FORMAT_EXTRA: Final = {USD: 1, WHOLE: 0, ONE_DECIMAL: 2, TWO_DECIMALS: 3, DATE: 0}

Value = str | int | float | date | None


@dataclass(frozen=True)
class Table:
    """A table sheet.

    ``headers`` maps the frame's columns to the headers shown and picks the columns, in its
    order (empty: every column under its own name). ``formats`` gives a column's number format,
    ``row_formats`` a row's (by the text in its first column; it wins over the column's).
    ``totals`` lists the columns summed in a bold Total row under the table.
    """

    frame: pd.DataFrame
    headers: Mapping[str, str] = field(default_factory=dict)
    formats: Mapping[str, str] = field(default_factory=dict)
    row_formats: Mapping[str, str] = field(default_factory=dict)
    totals: Sequence[str] = ()


@dataclass(frozen=True)
class Figure:
    """One row of a summary sheet: what it is, its value and the value's number format."""

    label: str
    value: Value
    number_format: str = "General"


@dataclass(frozen=True)
class Summary:
    """A summary sheet: labelled figures, one per row, under an ``Item``/``Value`` header."""

    figures: Sequence[Figure]


Sheet = Table | Summary


def workbook_bytes(sheets: Mapping[str, Sheet]) -> bytes:
    """An .xlsx file with one sheet per entry, in the mapping's order (the first one opens)."""
    book = Workbook()
    blank = book.worksheets[0]  # every new workbook has one; the entries replace it
    for name, sheet in sheets.items():
        worksheet = book.create_sheet(name)
        if isinstance(sheet, Table):
            _write_table(worksheet, sheet)
        else:
            _write_summary(worksheet, sheet)
        worksheet.freeze_panes = "A2"
        _fit_columns(worksheet)
    book.remove(blank)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(worksheet: Worksheet, table: Table) -> None:
    columns = list(table.headers) or list(table.frame.columns)
    frame = table.frame[columns]
    _append(worksheet, [table.headers.get(column, column) for column in columns], bold=True)
    for values in frame.itertuples(index=False):
        row = list(values)
        formats = [table.formats.get(column) for column in columns]
        if isinstance(row[0], str) and row[0] in table.row_formats:
            formats = [table.row_formats[row[0]]] * len(columns)
        _append(worksheet, row, formats)
    if table.totals:
        sums = [
            _plain(frame[column].sum()) if column in table.totals else None for column in columns
        ]
        sums[0] = TOTAL_LABEL
        _append(worksheet, sums, [table.formats.get(c) for c in columns], bold=True)


def _write_summary(worksheet: Worksheet, summary: Summary) -> None:
    _append(worksheet, ["Item", "Value"], bold=True)
    for figure in summary.figures:
        _append(worksheet, [figure.label, figure.value], [None, figure.number_format])


def _append(
    worksheet: Worksheet,
    values: Sequence[object],
    formats: Sequence[str | None] = (),
    bold: bool = False,
) -> None:
    worksheet.append([_plain(value) for value in values])
    for position, cell in enumerate(worksheet[worksheet.max_row]):
        if isinstance(cell.value, str) and not is_neutral(cell.value):
            cell.data_type = TYPE_STRING
            cell.quotePrefix = True
        number_format = formats[position] if position < len(formats) else None
        if number_format and isinstance(cell.value, int | float | date):
            cell.number_format = number_format
        if bold:
            cell.font = _BOLD


def _plain(value: object) -> Value:
    """A cell value openpyxl writes as is: numpy numbers as Python ones, missing as empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    if isinstance(value, str | int | float | date):
        return value
    return str(value)


def _shown_width(cell: Cell | MergedCell) -> int:
    """About how many characters the cell shows in its format."""
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, int | float) and cell.number_format in _FORMAT_EXTRA:
        return len(f"{value:,.0f}") + _FORMAT_EXTRA[cell.number_format]
    if isinstance(value, date):
        return len(DATE)
    return len(str(value))


def _fit_columns(worksheet: Worksheet) -> None:
    """Columns wide enough for their header and values (capped), so nothing opens as ####."""
    for position, cells in enumerate(worksheet.iter_cols(), start=1):
        width = max(_shown_width(cell) for cell in cells) + 2
        worksheet.column_dimensions[get_column_letter(position)].width = min(
            MAX_COLUMN_WIDTH, width
        )
