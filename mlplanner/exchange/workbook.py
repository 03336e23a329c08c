"""Every table in one spreadsheet workbook (.xlsx), one sheet per table.

Written by pandas through openpyxl. openpyxl stores any string starting with ``=`` as a
formula, so after pandas has written a sheet, every text cell a spreadsheet could read as a
formula (:func:`~mlplanner.exchange.spreadsheet_safety.is_neutral`) is set back to a text
cell and given the *quote prefix* style: Excel's and LibreOffice's own marker for "typed with
a leading apostrophe", so the cell shows the exact text and stays text even when edited.
Numbers are written as numbers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Final

import pandas as pd
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mlplanner.exchange.spreadsheet_safety import is_neutral

MAX_COLUMN_WIDTH: Final = 60


def _protect_text(sheet: Worksheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and not is_neutral(cell.value):
                cell.data_type = TYPE_STRING
                cell.quotePrefix = True


def _fit_columns(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Columns wide enough for their header and values (capped), so nothing opens as ####."""
    for position, column in enumerate(frame.columns, start=1):
        values = [str(column), *(str(v) for v in frame.iloc[:, position - 1] if pd.notna(v))]
        width = min(MAX_COLUMN_WIDTH, max(len(v) for v in values) + 2)
        sheet.column_dimensions[get_column_letter(position)].width = width


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per named table, in the mapping's order."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            _protect_text(sheet)
            _fit_columns(sheet, frame)
    return buffer.getvalue()
