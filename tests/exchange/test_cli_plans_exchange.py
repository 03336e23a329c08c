"""``plans export`` and ``plans import``: files written, plans saved, refusals save nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlmodel import Session

from mlplanner.cli.main import main
from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.plan_workbook import FRONTIER_HEADERS, SHEETS, TIMELINE_HEADERS
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import HEADCOUNT_PREFIX, allocation_table
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.search.frontier import frontier, frontier_step
from mlplanner.storage import plans
from mlplanner.storage.database import DATABASE_URL_ENV, open_database
from tests.support.builders import large_team_data

FASHION = EXAMPLES_DIR / "fashion_retailer.json"
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    return url


def plan_count(url: str) -> int:
    engine = open_database(url)
    try:
        with Session(engine) as session:
            return plans.count_plans(session=session) + plans.count_plans(
                session=session, trash=True
            )
    finally:
        engine.dispose()


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["plans", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def run_refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The ``error: …`` lines of a refused command (exit 2, nothing on stdout)."""
    assert main(["plans", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), err
    return [line.removeprefix("error: ") for line in lines]


def imported_id(capsys: pytest.CaptureFixture[str], *argv: str) -> int:
    return int(run_ok(capsys, "import", *argv).splitlines()[-1])


def test_import_json_saves_the_recommended_plan(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_id = imported_id(capsys, str(FASHION), "--name", "From JSON")
    engine = open_database(database)
    with Session(engine) as session:
        opened = plans.open_revision(session=session, plan_id=plan_id)
    engine.dispose()
    assert opened.plan.name == "From JSON"
    assert opened.scenario == load_scenario(FASHION)
    assert opened.allocation == recommend(load_scenario(FASHION)).allocation


def test_scenario_csv_export_imports_back_as_the_same_scenario(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = imported_id(capsys, str(FASHION))
    out = tmp_path / "exported.csv"
    assert f"scenario CSV to {out}" in run_ok(capsys, "export", str(first), "--out", str(out))
    assert out.read_bytes() == csv_bytes(scenario_frame(load_scenario(FASHION)))
    second = imported_id(capsys, str(out))
    assert second != first
    engine = open_database(database)
    with Session(engine) as session:
        a = plans.open_revision(session=session, plan_id=first)
        b = plans.open_revision(session=session, plan_id=second)
    engine.dispose()
    assert b.scenario == a.scenario
    assert b.allocation == a.allocation
    assert b.plan.name == load_scenario(FASHION).name


def test_allocation_export_is_the_allocation_table(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_id = imported_id(capsys, str(FASHION))
    out = tmp_path / "allocation.csv"
    run_ok(capsys, "export", str(plan_id), "--out", str(out), "--table", "allocation")
    assert out.read_bytes() == csv_bytes(allocation_table(recommend(load_scenario(FASHION))))


def test_export_of_an_older_revision(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_id = imported_id(capsys, str(FASHION))
    run_ok(
        capsys, "save", str(EXAMPLES_DIR / "seed_startup.json"), "--plan", str(plan_id),
        "--base-revision", "1",
    )  # fmt: skip
    out = tmp_path / "old.csv"
    assert "revision 1 " in run_ok(
        capsys, "export", str(plan_id), "--out", str(out), "--revision", "1"
    )
    assert pd.read_csv(out)["scenario_name"].iloc[0] == load_scenario(FASHION).name


def test_workbook_export_has_a_sheet_per_table(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_id = imported_id(capsys, str(FASHION))
    out = tmp_path / "plan.xlsx"
    output = run_ok(capsys, "export", str(plan_id), "--out", str(out))
    assert output == f"Wrote plan {plan_id} revision 1 as a workbook to {out}\n"
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == list(SHEETS)
    assert book["Summary"]["B2"].value == f"{load_scenario(FASHION).name}, revision 1"
    allocation = pd.read_excel(out, sheet_name="Allocation")
    total = allocation.iloc[-1]
    assert total["Role"] == "Total"
    assert total["Annual cost (USD)"] == recommend(load_scenario(FASHION)).annual_cost_usd
    timeline = pd.read_excel(out, sheet_name="Timeline")
    assert tuple(timeline.columns) == tuple(TIMELINE_HEADERS.values())
    assert timeline["Quarter"].nunique() == load_scenario(FASHION).company.horizon_quarters


def test_workbook_of_a_revision_with_a_note_has_the_note_on_its_summary(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_id = imported_id(capsys, str(FASHION))
    run_ok(
        capsys,
        "save",
        str(FASHION),
        "--plan",
        str(plan_id),
        "--base-revision",
        "1",
        "--note",
        "=Budget to $3M",
    )
    out = tmp_path / "plan.xlsx"
    run_ok(capsys, "export", str(plan_id), "--out", str(out))
    summary = openpyxl.load_workbook(out)["Summary"]
    assert [summary["A3"].value, summary["B3"].value] == ["Revision note", "=Budget to $3M"]
    assert summary["B3"].data_type == "s"  # formula-like text stays text
    run_ok(capsys, "export", str(plan_id), "--out", str(out), "--revision", "1")
    labels = [row[0].value for row in openpyxl.load_workbook(out)["Summary"].iter_rows()]
    assert "Revision note" not in labels


def test_workbook_of_a_large_team_has_its_stepped_frontier(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "large.json"
    path.write_text(json.dumps(large_team_data()))
    large = load_scenario(path)
    step = frontier_step(large)
    assert step > 1
    plan_id = imported_id(capsys, str(path))
    out = tmp_path / "plan.xlsx"
    run_ok(capsys, "export", str(plan_id), "--out", str(out))
    assert openpyxl.load_workbook(out).sheetnames == list(SHEETS)
    sheet = pd.read_excel(out, sheet_name="Frontier")
    points = frontier(large)
    assert sheet["Annual cost (USD)"].tolist() == [p.annual_cost_usd for p in points]
    headcounts = sheet[[FRONTIER_HEADERS[HEADCOUNT_PREFIX + role] for role in ROLES]]
    # Nobody employed: whole steps from zero, but for the heads of data & ML (as many as each
    # plan's leads call for, not in steps) and the recommended plan (a candidate too, off the
    # steps).
    plan = recommend(large)
    recommended = plan.allocation
    assert plan.shaping is not None
    heads = headcounts.pop(FRONTIER_HEADERS[HEADCOUNT_PREFIX + "head_of_data"])
    leads = headcounts[FRONTIER_HEADERS[HEADCOUNT_PREFIX + "team_lead"]].to_numpy()
    assert heads.tolist() == plan.shaping.space.heads.for_leads(leads).tolist()
    assert recommended["head_of_data"] % step and len(set(heads)) > 1
    off_steps = headcounts[~(headcounts % step == 0).all(axis=1)]
    assert [row.tolist() for _, row in off_steps.iterrows()] in (
        [],
        [[recommended[role] for role in ROLES if role != "head_of_data"]],
    )


def test_workbook_refuses_a_table_choice(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_id = imported_id(capsys, str(FASHION))
    out = tmp_path / "plan.xlsx"
    [problem] = run_refused(
        capsys, "export", str(plan_id), "--out", str(out), "--table", "scenario"
    )
    assert problem.startswith("--table: a workbook (.xlsx) holds every table")
    assert not out.exists()


def test_export_of_a_missing_plan_is_refused(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    [problem] = run_refused(capsys, "export", "42", "--out", str(tmp_path / "x.csv"))
    assert "42" in problem


def test_refused_import_prints_one_line_per_problem_and_saves_nothing(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    imported_id(capsys, str(FASHION))
    before = plan_count(database)
    problems = run_refused(capsys, "import", str(CORPUS / "wrong_types.csv"))
    assert problems == [
        "row 2, count: must be a whole number (got 'two')",
        "row 2, employees: must be a whole number (got 'many')",
        "row 2, annual_budget_usd: must be a number in dollars, digits only (got '2.5M')",
        "row 3, count: must be a whole number (got '1.5')",
    ]
    assert plan_count(database) == before


@pytest.mark.parametrize(
    "name",
    [
        "empty.csv",
        "binary.csv",
        "latin1.csv",
        "unknown_enum.csv",
        "unknown_enum.json",
        "unclosed_quote.csv",
        "duplicated_column.csv",
    ],
)
def test_hostile_files_leave_the_database_unchanged(
    name: str, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    imported_id(capsys, str(FASHION))
    before = plan_count(database)
    assert run_refused(capsys, "import", str(CORPUS / name))
    assert plan_count(database) == before


def test_import_refuses_a_bad_name_and_other_file_kinds(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    imported_id(capsys, str(FASHION))
    before = plan_count(database)
    assert run_refused(capsys, "import", str(FASHION), "--name", "  ") == [
        "name: must not be empty"
    ]
    sheet = tmp_path / "plan.xlsx"
    sheet.write_bytes(b"PK")
    [problem] = run_refused(capsys, "import", str(sheet))
    assert problem == "'plan.xlsx' is not a .csv or .json file (save the sheet as CSV UTF-8 first)"
    [missing] = run_refused(capsys, "import", str(tmp_path / "nowhere.csv"))
    assert "No such file" in missing
    assert plan_count(database) == before


def test_import_refuses_a_file_over_the_size_limit_before_reading_it(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    [problem] = run_refused(capsys, "import", str(big))
    assert problem.startswith("the file is 6.0 MB, over the 5 MB limit")
    assert plan_count(database) == 0
