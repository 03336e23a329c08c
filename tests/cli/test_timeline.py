"""``python -m mlplanner timeline``: the JSON keys the issue lists, table, CSV and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.cli.timeline import NOBODY
from mlplanner.exchange.timeline_csv import TIMELINE_COLUMNS
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.timeline.simulation import simulate
from tests.support.builders import project_data, scenario_data

FASHION = str(EXAMPLES_DIR / "fashion_retailer.json")
QUARTER_KEYS = {
    "quarter",
    "headcount",
    "hires",
    "leavers",
    "effective_fte",
    "demand_fte",
    "cost_usd",
    "cumulative_cost_usd",
}


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_json_has_exactly_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run_ok(capsys, "timeline", FASHION, "--format", "json", "--quarters", "6"))
    assert set(data) == {"start", "quarters", "target", "fully_staffed", "projects", "budget_plan"}
    assert len(data["quarters"]) == 6
    for quarter in data["quarters"]:
        assert set(quarter) == QUARTER_KEYS
        for key in ("headcount", "hires", "leavers", "effective_fte", "demand_fte"):
            assert list(quarter[key]) == list(ROLES)
    assert list(data["target"]) == list(ROLES)
    timeline = simulate(load_scenario(FASHION), quarters=6)
    assert data["fully_staffed"] == timeline.fully_staffed
    assert data["projects"] == [
        {
            "name": "Size recommendation",
            "staffed": timeline.projects[0].staffed,
            "left_out": False,
            "part_percent": None,
            "build_percent": None,
        }
    ]
    assert data["budget_plan"] is None


def test_table_says_when_the_plan_is_staffed_and_what_the_first_year_costs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_ok(capsys, "timeline", FASHION, "--setup", "mature")
    assert "mature setup" in out
    assert "Fully staffed in" in out
    assert "The first year" in out
    assert "derived from 800 employees" in out


def test_csv_is_the_timeline_export(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_ok(capsys, "timeline", FASHION, "--format", "csv", "--quarters", "2").splitlines()
    assert lines[0] == ",".join(TIMELINE_COLUMNS)
    assert len(lines) == 1 + 2 * len(ROLES)


@pytest.mark.parametrize("quarters", ["0", "41", "two"])
def test_a_bad_number_of_quarters_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], quarters: str
) -> None:
    assert main(["timeline", FASHION, "--quarters", quarters]) == 2
    assert "--quarters" in capsys.readouterr().err


def test_a_timeline_with_nobody_says_so_instead_of_an_empty_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A 45-person company (no analytics baseline), nobody employed, a budget of $1,000: the
    headcount table printed pandas' "Empty DataFrame" and its columns, and the summary said
    "The team the budget buys is in place from 2027-Q1" of a team of nobody."""
    path = tmp_path / "tiny.json"
    data = scenario_data(project_data("Lead scoring"), employees=45, budget=1_000)
    data["company"]["plan_start"] = "2027-Q1"
    path.write_text(json.dumps(data))
    assert not any(simulate(load_scenario(path)).target.values())
    text = run_ok(capsys, "timeline", str(path))
    assert "Empty DataFrame" not in text and "is in place from" not in text
    assert f"Headcount by role\n{NOBODY}\n" in text


def test_the_projects_table_says_how_much_of_the_work_before_go_live_was_covered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = scenario_data(project_data("Shop", "recommender", live_from="2027-Q3"))
    data["company"]["plan_start"] = "2027-Q1"
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(data))
    out = run_ok(capsys, "timeline", str(path), "--quarters", "4").splitlines()
    header = out.index(next(line for line in out if line.strip().startswith("project")))
    assert out[header].split() == ["project", "start", "live", "staffed", "built_before_live"]
    [project] = simulate(load_scenario(path), quarters=4).projects
    assert project.build_percent is not None
    assert out[header + 1].split()[-1] == f"{project.build_percent}%"
    assert out[header + 1].split()[2] == "2027-Q3"


def test_the_header_gives_the_limit_that_binds_and_projects_on_hold_are_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's bank read "80 hires a quarter" where its team absorbed far fewer a year,
    and a project on hold left the projects table without a word."""
    path = tmp_path / "held.json"
    held = project_data("Podcast search", "speech", on_hold=True)
    data = scenario_data(project_data("Churn"), held, employees=8000, existing={"data_analyst": 3})
    path.write_text(json.dumps(data))
    assert main(["timeline", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(
        "80 hires a quarter, derived from 8,000 employees (one per 100 employees, at least 2); "
        "at most 6 hires in the first year (what the 3-person team at the start absorbs)"
    )
    assert lines[-1] == "On hold, so not in the timeline: Podcast search."
