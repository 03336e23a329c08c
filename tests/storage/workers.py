"""Code run in worker processes by the concurrency test (preloaded by its fork server)."""

from __future__ import annotations

import traceback
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlmodel import Session

from mlplanner.model.plan import recommend
from mlplanner.storage import plans
from mlplanner.storage.database import open_database
from mlplanner.storage.errors import ConflictError
from tests.storage.support import fashion, seed_startup

CONTESTED = "worker 0 plan 0"


def save_many(url: str, worker: int, count: int, barrier: Barrier, results: Queue[Any]) -> None:
    """Open the database (all workers at once), save ``count`` plans, then all workers try
    to save a revision of the same plan on the same base revision at the same moment.

    Puts ``(worker, saved_ids, race_outcome, error)`` on ``results``.
    """
    ids: list[int] = []
    outcome = ""
    try:
        evaluations = [recommend(fashion()), recommend(seed_startup())]
        barrier.wait()
        engine = open_database(url)
        for i in range(count):
            with Session(engine) as session:
                plan = plans.create_plan(
                    session=session, evaluation=evaluations[i % 2], name=f"worker {worker} plan {i}"
                )
            ids.append(plan.id)
        barrier.wait()
        with Session(engine) as session:
            contested = plans.list_plans(session=session, search=CONTESTED)
            assert [plan.name for plan in contested] == [CONTESTED]
            try:
                plans.save_revision(
                    session=session,
                    plan_id=contested[0].id,
                    evaluation=evaluations[1],
                    base_revision=1,
                )
                outcome = "saved"
            except ConflictError:
                outcome = "conflict"
        engine.dispose()
        results.put((worker, ids, outcome, ""))
    except BaseException:
        results.put((worker, ids, outcome, traceback.format_exc()))
