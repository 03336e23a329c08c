"""A real spreadsheet client opens the exports: Debian's LibreOffice Calc, headless.

LibreOffice converts the exported CSV files to .xlsx (one start for all of them) and our
workbook to .xlsx again (a second start: a forced CSV filter cannot read a workbook); openpyxl
reads the results. The CSV filter options are what a user picks in Calc's text import dialog:
comma separator, double-quote text delimiter, character set UTF-8 (headless Calc does not
look at the BOM; it would read the file in the locale's legacy character set).

A control file holds a raw ``=1+2``: Calc must turn it into a formula, which shows that these
settings evaluate formulas and that the neutralised cells are text for a reason.
tools/test.sh installs ``libreoffice-calc-nogui`` when /usr/bin/soffice is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.workbook import Table, workbook_bytes
from tests.support.builders import project_data, scenario

# Calc's CSV filter options: separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8),
# first line 1.
CSV_FILTER = "CSV:44,34,76,1"
HOSTILE = ('=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)")
ACCENTED = "Café crème — 日本語の検索"
PLAN_INPUT = scenario(
    *(project_data(name, "nlp", count=2) for name in HOSTILE),
    project_data(ACCENTED, "tabular"),
    name="Müller GmbH",
    employees=250,
    budget=1_500_000,
)
DELTAS = pd.DataFrame({"role": ["-3", "Data Engineer"], "cost_delta_usd": [-185_000, 146_000]})


def soffice() -> str:
    path = shutil.which("soffice")
    assert path, "LibreOffice is not installed: run tools/test.sh (libreoffice-calc-nogui)"
    return path


def convert(files: list[Path], outdir: Path, profile: Path, infilter: str | None) -> None:
    command = [
        soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        "xlsx",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Worksheet]:
    """Each input file's first sheet after LibreOffice has opened and re-saved it."""
    base = tmp_path_factory.mktemp("libreoffice")
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    (inputs / "scenario.csv").write_bytes(csv_bytes(scenario_frame(PLAN_INPUT)))
    (inputs / "deltas.csv").write_bytes(csv_bytes(DELTAS))
    (inputs / "control.csv").write_bytes(b"name,n\r\n=1+2,1\r\n")
    (inputs / "workbook.xlsx").write_bytes(
        workbook_bytes({"Scenario": Table(scenario_frame(PLAN_INPUT)), "Deltas": Table(DELTAS)})
    )
    csv_files = sorted(inputs.glob("*.csv"))
    convert(csv_files, out, base / "profile", CSV_FILTER)
    convert([inputs / "workbook.xlsx"], out / "workbook", base / "profile", None)
    books = {path.stem: load_workbook(out / f"{path.stem}.xlsx") for path in csv_files}
    books["workbook"] = load_workbook(out / "workbook" / "workbook.xlsx")
    return {name: book.worksheets[0] for name, book in books.items()}


def column(sheet: Worksheet, header: str) -> list[Cell | MergedCell]:
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_calc_evaluates_a_raw_formula_cell(converted: dict[str, Worksheet]) -> None:
    cell = converted["control"].cell(row=2, column=1)
    assert cell.data_type == "f"


def test_csv_names_open_as_text_with_the_visible_quote(converted: dict[str, Worksheet]) -> None:
    cells = column(converted["scenario"], "project_name")
    assert [c.value for c in cells] == [*("'" + name for name in HOSTILE), ACCENTED]
    assert all(c.data_type == "s" for c in cells)


def test_csv_numbers_open_as_numbers(converted: dict[str, Worksheet]) -> None:
    sheet = converted["scenario"]
    assert [c.value for c in column(sheet, "count")] == [2, 2, 2, 2, 1]
    assert {c.value for c in column(sheet, "employees")} == {250}
    assert {c.value for c in column(sheet, "annual_budget_usd")} == {1_500_000}
    assert {c.value for c in column(sheet, "scenario_name")} == {"Müller GmbH"}
    deltas = converted["deltas"]
    assert [(c.value, c.data_type) for c in column(deltas, "cost_delta_usd")] == [
        (-185_000, "n"),
        (146_000, "n"),
    ]
    assert [(c.value, c.data_type) for c in column(deltas, "role")] == [
        ("'-3", "s"),
        ("Data Engineer", "s"),
    ]


def test_the_workbook_opens_with_exact_text_and_numbers(converted: dict[str, Worksheet]) -> None:
    sheet = converted["workbook"]
    cells = column(sheet, "project_name")
    assert [c.value for c in cells] == [*HOSTILE, ACCENTED]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in column(sheet, "count")] == [2, 2, 2, 2, 1]
