"""Crash safety on SQLite: a process saving plans is killed with SIGKILL at random moments,
forty times over. The database must pass SQLite's integrity check, every acknowledged save
must be there, and every plan must open completely, each of its revisions."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from mlplanner.paths import REPO_ROOT
from mlplanner.storage import plans
from mlplanner.storage.database import open_database

ROUNDS = 40
SEED = 7


@pytest.mark.slow
def test_killing_a_saving_process_at_random_moments_loses_and_corrupts_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plans.db"
    url = f"sqlite:///{path}"
    run = subprocess.run(
        [sys.executable, "-m", "tests.storage.crash_loop", url, str(ROUNDS), str(SEED)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["failed"] == 0, run.stderr
    assert report["writes"] > ROUNDS  # every child was killed after at least one save

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []

    engine = open_database(url)
    try:
        with Session(engine) as session:
            # A child killed between delete and restore leaves its plan in the trash.
            for trashed in plans.list_plans(session=session, trash=True, limit=500):
                plans.restore(session=session, plan_id=trashed.id)
            listed = plans.list_plans(session=session, limit=500)
            assert len(listed) == plans.count_plans(session=session) < 500
            latest = {plan.id: plan.latest_revision for plan in listed}
            for plan_id, revision in report["plans"].items():
                assert latest[int(plan_id)] >= revision, f"plan {plan_id} lost a saved revision"
            for plan in listed:
                history = plans.list_revisions(session=session, plan_id=plan.id)
                assert [r.number for r in history] == list(range(plan.latest_revision, 0, -1))
                for revision in history:
                    opened = plans.open_revision(
                        session=session, plan_id=plan.id, number=revision.number
                    )
                    assert opened.evaluate().annual_cost_usd == revision.annual_cost_usd
    finally:
        engine.dispose()
