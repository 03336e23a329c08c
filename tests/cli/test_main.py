"""The command line: output formats, the setup override and the error contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mlplanner.cli.main import main
from mlplanner.model.plan import NO_QUALITY, recommend
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import SETUPS, load_scenario
from mlplanner.paths import EXAMPLES_DIR, REPO_ROOT
from mlplanner.reports.comparison import better_setup
from mlplanner.reports.quality_limits import quality_limits
from mlplanner.reports.raise_quality import raise_quality
from mlplanner.reports.tables import ALLOCATION_COLUMNS
from tests.support.builders import drone_vision_startup

FASHION = EXAMPLES_DIR / "fashion_retailer.json"
RECOMMEND_KEYS = {
    "setup",
    "roles",
    "total_headcount",
    "total_hires",
    "annual_cost_usd",
    "quality",
    "quality_note",
    "quality_components",
    "explanations",
    "shaping",
}
ROLE_KEYS = {
    "role",
    "fte_demand",
    "fte_carried",
    "headcount",
    "existing",
    "hires",
    "annual_cost_usd",
    "coverage",
}


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def assert_recommend_shape(data: dict[str, Any]) -> None:
    assert set(data) >= RECOMMEND_KEYS
    roles = data["roles"]
    assert isinstance(roles, list)
    assert [role["role"] for role in roles] == list(ROLES)
    for role in roles:
        assert set(role) >= ROLE_KEYS
    assert set(data["quality_components"]) == {
        "delivery",
        "depth",
        "resilience",
        "coordination",
    }


def test_recommend_table_shows_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    plan = recommend(load_scenario(FASHION))
    out = run_ok(capsys, "recommend", str(FASHION))
    lines = out.splitlines()
    assert lines[0].startswith(f"{plan.scenario.name} — {plan.setup} setup (")
    assert f"Total: {plan.total_headcount} people ({plan.total_hires} to hire)" in out
    assert f"quality {plan.quality:.1f}/100" in out
    # What holds quality back, what would raise it most (as the Plan page says it), then how
    # the rules' plan was reshaped, after the components.
    assert plan.shaping is not None and plan.shaping.moves
    components = lines.index(next(line for line in lines if line.startswith("Quality comp")))
    held_back = quality_limits(plan).sentences
    assert len(held_back) == 2 and held_back[0].startswith("The most delivery is lost on Size")
    assert lines[components + 1 : components + 3] == held_back
    suggestions = raise_quality(plan)
    assert len(suggestions) == 2  # three people, two of them a pair
    raised = components + 3
    assert lines[raised] == "What would raise quality most, each person added to those above:"
    assert lines[raised + 1 : raised + 3] == [f"  {s.sentence()}" for s in suggestions]
    assert lines[raised + 3] == plan.shaping.summary
    assert lines[raised + 3].startswith("The setup's rules size this team at 8 people")
    total = next(i for i, line in enumerate(lines) if line.startswith("Total:"))
    shown_roles = {row.strip().rsplit(maxsplit=5)[0] for row in lines[2:total]}
    expected = {
        role_label(line.role)
        for line in plan.roles
        if line.headcount or line.existing or line.fte_demand
    }
    assert shown_roles == expected


def test_recommend_table_shows_the_work_generalists_carry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The table's demand is the Plan page's: a full-stack data scientist's row shows the other
    roles' work it carries, not 0.00 (which read as a hire for no work)."""
    plan = recommend(load_scenario(FASHION), "startup")
    carrier = next(line for line in plan.roles if line.role == "full_stack_data_scientist")
    assert carrier.headcount and carrier.fte_carried > 0 and carrier.fte_demand == 0
    out = run_ok(capsys, "recommend", str(FASHION), "--setup", "startup")
    row = next(r for r in out.splitlines() if r.strip().startswith("Full-Stack Data Scientist"))
    assert row.split()[3] == f"{carrier.fte_work:.2f}"
    assert "fte_work" in out.splitlines()[1]


def test_recommend_json_holds_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run_ok(capsys, "recommend", str(FASHION), "--format", "json"))
    assert_recommend_shape(data)
    plan = recommend(load_scenario(FASHION))
    assert data["setup"] == plan.setup
    assert data["annual_cost_usd"] == plan.annual_cost_usd
    assert data["total_headcount"] == plan.total_headcount
    assert data["annual_cost_usd"] == sum(r["annual_cost_usd"] for r in data["roles"])
    assert data["budget_usd"] == 2_500_000 and isinstance(data["budget_usd"], int)
    explanation = data["explanations"]["data_engineer"]
    assert explanation["headcount"] == plan.allocation["data_engineer"]
    assert explanation["demand"][0].keys() == {"project", "phase", "fte"}
    assert plan.shaping is not None
    shaping = data["shaping"]
    assert shaping["summary"] == plan.shaping.summary
    assert shaping["rules_plan"] == plan.shaping.rules_plan
    assert shaping["rules_annual_cost_usd"] == plan.shaping.rules_cost_usd
    # Reshaped for the rules' cost, then three changes worth their cost (an ML engineer for
    # the backend developer, the developer back for a generalist, a data engineer more).
    assert shaping["rules_annual_cost_usd"] >= shaping["moves"][-1]["annual_cost_usd"]
    first, _, last = shaping["additions"]
    assert first["added"] == {"ml_engineer": 1} and first["removed"] == {"developer": 1}
    assert first["added_annual_cost_usd"] == 13_095
    assert (first["annual_cost_usd"], first["quality"]) == (1_515_915, 78.32)
    assert last["added"] == {"data_engineer": 1} and last["removed"] == {}
    assert (last["annual_cost_usd"], last["quality"]) == (data["annual_cost_usd"], data["quality"])
    assert last["moves"] == []
    suggestions = data["raise_quality"]
    assert [s.to_dict() for s in raise_quality(plan)] == suggestions
    assert data["quality_limits"] == quality_limits(plan).to_dict()
    assert data["quality_limits"]["delivery"]["reason"] == "to plan"
    first = suggestions[0]
    keys = {
        "role",
        "partner",
        "alone",
        "annual_cost_usd",
        "points",
        "quality_after",
        "project",
        "heads_added",
        "beyond_setup",
    }
    assert first.keys() == keys
    assert first["points"] > 0 and first["quality_after"] > plan.quality


def test_recommend_csv_is_the_allocation_table(capsys: pytest.CaptureFixture[str]) -> None:
    frame = pd.read_csv(io.StringIO(run_ok(capsys, "recommend", str(FASHION), "--format", "csv")))
    assert list(frame.columns) == list(ALLOCATION_COLUMNS)
    assert list(frame["role"]) == list(ROLES)
    plan = recommend(load_scenario(FASHION))
    assert frame["annual_cost_usd"].sum() == plan.staff_cost_usd
    assert frame["headcount"].tolist() == list(plan.allocation.values())


def test_setup_option_overrides_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    for setup in SETUPS:
        data = json.loads(
            run_ok(capsys, "recommend", str(FASHION), "--setup", setup, "--format", "json")
        )
        assert data["setup"] == setup
        assert data["setup_reason"] == f"{setup} setup chosen by the user"


def test_compare_json_is_three_plans_of_the_recommend_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(run_ok(capsys, "compare", str(FASHION), "--format", "json"))
    assert isinstance(data, list) and len(data) == 3
    assert [plan["setup"] for plan in data] == list(SETUPS)
    for plan in data:
        assert_recommend_shape(plan)
    single = json.loads(
        run_ok(capsys, "recommend", str(FASHION), "--setup", "mature", "--format", "json")
    )
    del single["raise_quality"]  # recommend adds what would raise quality most
    del single["quality_limits"]  # and what holds it back
    del single["better_setup"]  # and whether another setup is the better buy
    assert data[2] == single


def test_compare_table_and_csv_put_setups_side_by_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    table = run_ok(capsys, "compare", str(FASHION))
    assert table.splitlines()[0].split() == ["item", *SETUPS]
    frame = pd.read_csv(io.StringIO(run_ok(capsys, "compare", str(FASHION), "--format", "csv")))
    assert list(frame.columns) == ["item", *SETUPS]
    plans = [recommend(load_scenario(FASHION), setup) for setup in SETUPS]
    costs = frame.set_index("item").loc["Annual cost (USD)"]
    assert [int(cost) for cost in costs] == [plan.annual_cost_usd for plan in plans]


def test_an_empty_portfolio_still_prints_a_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"name": "Nothing yet", "company": {"employees": 4000}}))
    out = run_ok(capsys, "recommend", str(path))
    assert "Add a project to see a full plan." in out
    assert "a year, no quality score\n" in out and NO_QUALITY in out
    assert "Quality components" not in out
    assert "The setup's rules size this team" not in out  # no score, nothing to reshape for


def test_an_empty_portfolio_has_no_quality_score_in_json_but_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"name": "Nothing yet", "company": {"employees": 4000}}))
    data = json.loads(run_ok(capsys, "recommend", str(path), "--format", "json"))
    assert data["quality"] is None and data["quality_components"] is None
    assert data["quality_note"] == NO_QUALITY
    assert data["raise_quality"] == []
    assert data["quality_limits"] == {"delivery": None, "single_person": None}
    assert data["total_headcount"] > 0  # the analytics baseline is still staffed
    fashion = json.loads(run_ok(capsys, "recommend", str(FASHION), "--format", "json"))
    assert fashion["quality_note"] is None and fashion["quality"] > 0


def test_one_head_is_one_person(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    project = {
        "name": "Study",
        "domain": "tabular",
        "scale": "small",
        "stage": "research",
        "data_readiness": "ready",
    }
    path.write_text(
        json.dumps({"name": "Tiny", "company": {"employees": 10}, "projects": [project]})
    )
    plan = recommend(load_scenario(path))
    assert plan.total_headcount == 1
    assert "Total: 1 person (1 to hire)" in run_ok(capsys, "recommend", str(path))


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


BAD_INPUTS = {
    "missing file": (lambda d: ["recommend", str(d / "nope.json")], "no such file"),
    "directory": (lambda d: ["compare", str(d)], "is a directory"),
    "invalid JSON": (
        lambda d: ["recommend", str(_write(d / "bad.json", b'{"name": '))],
        "invalid JSON: Expecting value (line 1, column 10)",
    ),
    "invalid scenario": (
        lambda d: [
            "recommend",
            str(
                _write(
                    d / "s.json",
                    json.dumps(
                        {
                            "name": "x",
                            "company": {"employees": 0},
                            "projects": [{"name": "p", "domain": "vision"}],
                        }
                    ).encode(),
                )
            ),
        ],
        "company.employees: must be at least 1 (got 0); projects[0].domain: 'vision' is not one of",
    ),
    "non-UTF-8 file": (
        lambda d: [
            "recommend",
            str(_write(d / "latin1.json", '{"name": "Café"}'.encode("latin-1"))),
        ],
        "not UTF-8 text",
    ),
    "deeply nested JSON": (
        lambda d: ["recommend", str(_write(d / "deep.json", b"[" * 100_000))],
        "invalid JSON",
    ),
    "bad format": (lambda d: ["recommend", str(FASHION), "--format", "xml"], "--format"),
    "bad setup": (lambda d: ["recommend", str(FASHION), "--setup", "auto"], "--setup"),
    "unknown command": (lambda d: ["plan", str(FASHION)], "invalid choice: 'plan'"),
    "no command": (lambda d: [], "required: command"),
    "missing file argument": (lambda d: ["compare"], "required: file"),
    "setup on compare": (lambda d: ["compare", str(FASHION), "--setup", "mature"], "unrecognized"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_error_line(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_argv, problem = BAD_INPUTS[case]
    assert main(make_argv(tmp_path)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith("error: ")
    assert problem in err
    assert "Traceback" not in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    assert "recommend" in capsys.readouterr().out


def test_python_m_mlplanner_keeps_the_error_contract(tmp_path: Path) -> None:
    bad = tmp_path / "scenario.json"
    bad.write_text('{"name": "x", "company": {"employees": 5, "region": "mars"}}')
    result = subprocess.run(
        [sys.executable, "-m", "mlplanner", "recommend", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: company.region: 'mars' is not one of us, ")
    assert result.stderr.count("\n") == 1


def _synopses(path: Path) -> dict[str, str]:
    """The command-line synopsis of a Markdown file: per command (``recommend``, ``plans
    save``), its synopsis lines joined (a line indented under one continues it)."""
    found: dict[str, str] = {}
    command = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("python -m mlplanner "):
            words = line.removeprefix("python -m mlplanner ").split()
            command = " ".join(words[:2] if words[0] == "plans" else words[:1])
            found[command] = found.get(command, "") + " " + line
        elif command and line.startswith(" ") and line.strip().startswith("["):
            found[command] += " " + line
        else:
            command = ""
    return found


def _commands() -> dict[str, set[str]]:
    """Every command of the parser (``plans`` by its subcommands) and its options."""
    import argparse

    from mlplanner.cli.main import build_parser

    def options(parser: argparse.ArgumentParser) -> set[str]:
        return {
            option
            for action in parser._actions
            for option in action.option_strings
            if option.startswith("--") and option not in ("--help", "--as")
        }

    def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    commands: dict[str, set[str]] = {}
    for name, parser in subparsers(build_parser()).items():
        nested = subparsers(parser)
        for sub, subparser in nested.items():
            commands[f"{name} {sub}"] = options(subparser)
        if not nested:
            commands[name] = options(parser)
    return commands


@pytest.mark.parametrize("document", ["README.md", "docs/cli.md"])
def test_synopsis_lists_every_command_and_option(document: str) -> None:
    """The README's and the command-line page's synopses name every command the parser has
    and each of its options (``--as``, which every ``plans`` command takes, is said once)."""
    synopses = _synopses(REPO_ROOT / document)
    for command, options in _commands().items():
        assert command in synopses, f"{document}: no synopsis of {command!r}"
        missing = sorted(o for o in options if o not in synopses[command])
        assert not missing, f"{document}: {command!r} lacks {missing}"


def test_recommend_says_when_another_setup_is_the_better_buy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The table's second line (under the setup's) and the JSON's ``better_setup`` carry the
    Compare page's sentence where another setup's plan beats the recommendation for cost and
    quality; null otherwise."""
    s = drone_vision_startup()
    path = tmp_path / "drone.json"
    path.write_text(s.to_json(), encoding="utf-8")
    sentence = better_setup(recommend(s))
    assert sentence is not None
    assert run_ok(capsys, "recommend", str(path)).splitlines()[1] == sentence
    data = json.loads(run_ok(capsys, "recommend", str(path), "--format", "json"))
    assert data["better_setup"] == sentence
    fashion = json.loads(run_ok(capsys, "recommend", str(FASHION), "--format", "json"))
    assert fashion["better_setup"] is None
    assert sentence not in run_ok(capsys, "recommend", str(path), "--setup", "scaleup")
