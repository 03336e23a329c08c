"""Concurrency: 8 processes saving 50 plans each into one database (SQLite file, PostgreSQL),
all starting on a database that does not exist yet; then all 8 save a revision of the same
plan on the same base revision at once, and exactly one may win."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from mlplanner.storage import plans
from mlplanner.storage.database import open_database
from tests.storage.conftest import BACKENDS
from tests.storage.support import fashion, postgres_database, recommended, seed_startup
from tests.storage.workers import CONTESTED, save_many

WORKERS = 8
SAVES = 50
TIMEOUT_S = 180


@pytest.fixture(params=BACKENDS)
def new_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nobody has opened yet: the workers race to create its schema too."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'plans.db'}"
        return
    with postgres_database(request.getfixturevalue("postgres_url")) as url:
        yield url


def run_workers(url: str) -> list[tuple[int, list[int], str, str]]:
    # A fork server that imported the worker code once forks each worker ready to run; it is
    # single-threaded, unlike the test process, so forking it is safe.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.storage.workers"])
    barrier = context.Barrier(WORKERS)
    results: Any = context.Queue()
    workers = [
        context.Process(target=save_many, args=(url, worker, SAVES, barrier, results))
        for worker in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    try:
        return [results.get(timeout=TIMEOUT_S) for _ in workers]
    except queue.Empty:
        pytest.fail(f"workers did not finish within {TIMEOUT_S} s")
    finally:
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


@pytest.mark.slow
def test_eight_processes_saving_at_once_lose_nothing(new_database_url: str) -> None:
    outcomes = run_workers(new_database_url)

    errors = [error for *_, error in outcomes if error]
    assert errors == []
    ids = [plan_id for _, saved, _, _ in outcomes for plan_id in saved]
    assert len(ids) == len(set(ids)) == WORKERS * SAVES
    race = sorted(outcome for _, _, outcome, _ in outcomes)
    assert race == ["conflict"] * (WORKERS - 1) + ["saved"]

    engine = open_database(new_database_url)
    try:
        with Session(engine) as session:
            assert plans.count_plans(session=session) == WORKERS * SAVES
            listed = plans.list_plans(session=session, sort="name", limit=500)
            expected = {f"worker {w} plan {i}" for w in range(WORKERS) for i in range(SAVES)}
            assert {plan.name for plan in listed} == expected
            assert {plan.id for plan in listed} == set(ids)
            expected_figures = {
                evaluation.scenario.name: (evaluation.total_headcount, evaluation.annual_cost_usd)
                for evaluation in (recommended(fashion()), recommended(seed_startup()))
            }
            for plan in listed:
                opened = plans.open_revision(session=session, plan_id=plan.id)
                figures = (opened.revision.total_headcount, opened.revision.annual_cost_usd)
                assert figures == expected_figures[opened.scenario.name]
                assert plan.latest_revision == (2 if plan.name == CONTESTED else 1)
            contested = next(plan for plan in listed if plan.name == CONTESTED)
            history = plans.list_revisions(session=session, plan_id=contested.id)
            assert [revision.number for revision in history] == [2, 1]
    finally:
        engine.dispose()
