"""``python -m mlplanner plans …``: every command, its output, and the error contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import load_scenario
from mlplanner.paths import EXAMPLES_DIR, REPO_ROOT
from mlplanner.storage.database import DATABASE_URL_ENV

FASHION = EXAMPLES_DIR / "fashion_retailer.json"
SEED = EXAMPLES_DIR / "seed_startup.json"
PLAN_KEYS = [
    "id",
    "name",
    "created_at",
    "updated_at",
    "deleted_at",
    "latest_revision",
    "setup",
    "total_headcount",
    "total_hires",
    "annual_cost_usd",
    "quality",
    "owner_email",
    "status",
    "approved_revision",
    "comments",
    "access",
]


@pytest.fixture
def cli_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "plans.db"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    return path


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["plans", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one ``error: …`` line of a refused command (exit status 2, nothing on stdout)."""
    assert main(["plans", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0].removeprefix("error: ")


def saved_id(output: str) -> int:
    return int(output.splitlines()[-1])


@pytest.mark.usefixtures("cli_database")
def test_save_prints_the_plan_id_alone_on_its_last_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = ok(capsys, "save", str(FASHION))
    second = ok(capsys, "save", str(SEED), "--name", "Seed <b>plan</b>")
    assert saved_id(first) == 1 and saved_id(second) == 2
    assert "Saved plan 1 ('Fashion retailer: size recommendation') revision 1" in first
    listed = json.loads(ok(capsys, "list", "--format", "json"))
    assert [plan["name"] for plan in listed] == ["Seed <b>plan</b>", load_scenario(FASHION).name]
    assert list(listed[0]) == PLAN_KEYS
    expected = recommend(load_scenario(SEED))
    assert listed[0]["annual_cost_usd"] == expected.annual_cost_usd
    assert listed[0]["total_headcount"] == expected.total_headcount
    assert listed[0]["updated_at"].endswith("Z")


@pytest.mark.usefixtures("cli_database")
def test_list_searches_pages_and_shows_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Alpha", "Beta", "Alphabet"):
        ok(capsys, "save", str(FASHION), "--name", name)
    found = json.loads(ok(capsys, "list", "--search", "alpha", "--format", "json"))
    assert [plan["name"] for plan in found] == ["Alphabet", "Alpha"]
    page = json.loads(
        ok(capsys, "list", "--sort", "name", "--limit", "1", "--offset", "1", "--format", "json")
    )
    assert [plan["name"] for plan in page] == ["Alphabet"]
    table = ok(capsys, "list").splitlines()
    assert table[0].split() == [
        "id",
        "saved",
        "(UTC)",
        "people",
        "cost/yr",
        "quality",
        "setup",
        "name",
    ]
    assert table[1].endswith("Alphabet") and "$1.73M" in table[1]
    assert table[-1] == "Showing 1-3 of 3"
    assert ok(capsys, "list", "--search", "zzz") == "No plans match 'zzz'.\n"
    assert ok(capsys, "list", "--trash") == "The trash is empty.\n"
    assert fails(capsys, "list", "--limit", "0") == "limit: must be from 1 to 500 (got 0)"


@pytest.mark.usefixtures("cli_database")
def test_an_empty_database_says_how_to_save_a_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert "plans save" in ok(capsys, "list")
    assert json.loads(ok(capsys, "list", "--format", "json")) == []


@pytest.mark.usefixtures("cli_database")
def test_show_gives_the_scenario_revision_and_figures(capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1")
    shown = json.loads(ok(capsys, "show", str(plan_id), "--format", "json"))
    assert shown["revision"] == 2 and shown["latest_revision"] == 2
    assert shown["scenario"] == load_scenario(SEED).to_dict()
    assert shown["total_headcount"] == recommend(load_scenario(SEED)).total_headcount
    old = json.loads(ok(capsys, "show", str(plan_id), "--revision", "1", "--format", "json"))
    assert old["revision"] == 1
    assert old["scenario"] == load_scenario(FASHION).to_dict()
    assert old["allocation"] == recommend(load_scenario(FASHION)).allocation
    text = ok(capsys, "show", str(plan_id), "--revision", "1")
    assert text.startswith(f"Plan {plan_id}: Fashion retailer: size recommendation\n")
    assert "Revision 1 of 2" in text and "$1.73M a year" in text


@pytest.mark.usefixtures("cli_database")
def test_a_save_on_a_stale_revision_is_refused_and_overwrites_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1")
    message = fails(capsys, "save", str(FASHION), "--plan", str(plan_id), "--base-revision", "1")
    assert "saved elsewhere since you opened it" in message and "as a copy" in message
    history = json.loads(ok(capsys, "revisions", str(plan_id), "--format", "json"))
    assert [revision["number"] for revision in history] == [2, 1]
    assert "--plan and --base-revision go together" in fails(
        capsys, "save", str(FASHION), "--plan", str(plan_id)
    )


@pytest.mark.usefixtures("cli_database")
def test_rename_duplicate_delete_restore_and_purge(capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))
    assert ok(capsys, "rename", str(plan_id), "Q3") == f"Renamed plan {plan_id} to 'Q3'\n"
    copy_id = saved_id(ok(capsys, "duplicate", str(plan_id)))
    assert copy_id != plan_id
    assert "Moved plan" in ok(capsys, "delete", str(copy_id))
    trash = json.loads(ok(capsys, "list", "--trash", "--format", "json"))
    assert [plan["name"] for plan in trash] == ["Copy of Q3"]
    assert "in the trash" in fails(capsys, "show", str(copy_id))
    assert "Restored" in ok(capsys, "restore", str(copy_id))
    ok(capsys, "delete", str(copy_id))
    assert "add --yes to confirm" in fails(capsys, "purge", str(copy_id))
    assert "Purged" in ok(capsys, "purge", str(copy_id), "--yes")
    assert fails(capsys, "show", str(copy_id)) == f"plan {copy_id} does not exist"
    assert [p["id"] for p in json.loads(ok(capsys, "list", "--format", "json"))] == [plan_id]


@pytest.mark.usefixtures("cli_database")
def test_restoring_a_revision_makes_a_copy_of_it_the_newest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1")
    assert "revision 1 restored as revision 3" in ok(
        capsys, "restore", str(plan_id), "--revision", "1"
    )
    history = ok(capsys, "revisions", str(plan_id)).splitlines()
    assert history[1].split()[0] == "3" and history[1].endswith("restored from revision 1")
    shown = json.loads(ok(capsys, "show", str(plan_id), "--format", "json"))
    assert shown["scenario"] == load_scenario(FASHION).to_dict()


@pytest.mark.usefixtures("cli_database")
def test_a_note_is_saved_with_a_revision_and_shown_in_its_history(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION), "--note", " First cut "))
    note = "Budget **3 M** [x](http://evil.example)"
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1", "--note", note)
    ok(capsys, "restore", str(plan_id), "--revision", "1")
    table = ok(capsys, "revisions", str(plan_id)).splitlines()
    assert table[0].split()[-2:] == ["details", "note"]
    assert table[1].split()[0] == "3" and table[1].endswith("restored from revision 1")
    assert table[2].split()[0] == "2" and table[2].endswith(f"  {note}")
    assert table[3].split()[0] == "1" and table[3].endswith("  First cut")
    history = json.loads(ok(capsys, "revisions", str(plan_id), "--format", "json"))
    assert [(revision["number"], revision["note"]) for revision in history] == [
        (3, None),
        (2, note),
        (1, "First cut"),
    ]
    shown = ok(capsys, "show", str(plan_id), "--revision", "2")
    assert f"\nNote: {note}\n" in shown
    assert "Note:" not in ok(capsys, "show", str(plan_id))
    shown_json = json.loads(ok(capsys, "show", str(plan_id), "--revision", "1", "--format", "json"))
    assert shown_json["note"] == "First cut"


@pytest.mark.usefixtures("cli_database")
def test_a_note_too_long_is_refused_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str],
) -> None:
    message = fails(capsys, "save", str(FASHION), "--note", "x" * 501)
    assert message == "note: must be at most 500 characters (this one has 501)"
    assert json.loads(ok(capsys, "list", "--format", "json")) == []


@pytest.mark.usefixtures("cli_database")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["save", "missing.json"], "missing.json: no such file"),
        (["save", str(FASHION), "--name", ""], "name: must not be empty"),
        (["save", str(FASHION), "--name", "x" * 10_000], "name: must be at most 120 characters"),
        (["save", str(FASHION), "--name", "a\tb"], "name: must not contain control characters"),
        (["show", "42"], "plan 42 does not exist"),
        (["show", "x"], "argument id: invalid int value: 'x'"),
        (["rename", "42", "New"], "plan 42 does not exist"),
        (["list", "--sort", "size"], "argument --sort: invalid choice: 'size'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert fails(capsys, *argv).startswith(message)


def test_an_invalid_scenario_file_saves_nothing(
    capsys: pytest.CaptureFixture[str], cli_database: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "Bad", "company": {"employees": -1}, "projects": []}))
    assert fails(capsys, "save", str(bad)).startswith("company.employees:")
    assert json.loads(ok(capsys, "list", "--format", "json")) == []


def test_a_database_that_cannot_be_reached_is_one_error_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql+psycopg://me:secret@127.0.0.1:1/plans")
    message = fails(capsys, "list")
    assert message.startswith("database postgresql+psycopg://me:***@127.0.0.1:1/plans: ")


def test_the_commands_work_against_each_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, database_url)
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1")
    assert json.loads(ok(capsys, "show", str(plan_id), "--format", "json"))["revision"] == 2
    assert [p["id"] for p in json.loads(ok(capsys, "list", "--format", "json"))] == [plan_id]


def test_python_dash_m_runs_the_plans_commands(tmp_path: Path) -> None:
    env = {**os.environ, DATABASE_URL_ENV: f"sqlite:///{tmp_path / 'plans.db'}"}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mlplanner", "plans", *argv],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    saved = run("save", str(FASHION))
    assert saved.returncode == 0 and saved.stdout.splitlines()[-1] == "1"
    refused = run("rename", "1", "")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "error: name: must not be empty\n"
