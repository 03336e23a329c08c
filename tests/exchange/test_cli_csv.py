"""``--format csv`` on the command line goes through the export writers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import VENDOR_ROLE, allocation_table
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import SETUPS
from tests.support.builders import project_data, scenario

PLAN_INPUT = scenario(
    project_data('=HYPERLINK("http://x","y")', "computer_vision", annotation="outsourced"),
    project_data("Churn", "tabular"),
    employees=120,
)


def run_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(PLAN_INPUT.to_json(), encoding="utf-8")
    assert main([argv[0], str(path), *argv[1:], "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_recommend_csv_is_the_allocation_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = run_csv(capsys, tmp_path, "recommend")
    plan = recommend(PLAN_INPUT)
    assert out == csv_text(allocation_table(plan))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[-1]["role"] == VENDOR_ROLE
    assert sum(int(r["annual_cost_usd"]) for r in rows) == plan.annual_cost_usd
    assert not out.startswith("\ufeff")


def test_compare_csv_has_integral_dollars(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = run_csv(capsys, tmp_path, "compare")
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out))}
    for setup in SETUPS:
        assert rows["Annual cost (USD)"][setup] == str(
            recommend(PLAN_INPUT, setup=setup).annual_cost_usd
        )
