"""Save plans in a child process and kill it with SIGKILL at random moments, many times.

``python -m tests.storage.crash_loop SQLITE_URL ROUNDS SEED`` forks one child per round, lets
it write (a random mix of saves, renames, deletes and restores) until its first write is
acknowledged and then for a random 0-60 ms more, kills it with SIGKILL and reaps it. The
children inherit computed plans and a warmed-up engine (no open connection crosses a fork),
so each starts writing within milliseconds. Every write the database acknowledged (commit
returned) is reported on a pipe. At the end this prints, as JSON: the acknowledged plan ids
with the highest revision acknowledged for each (a committed save must survive any crash),
the number of acknowledged writes, and how many children stopped by themselves instead of
being killed (a write raised; its traceback is on stderr).
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time
import traceback
from collections import Counter

from sqlalchemy import Engine
from sqlmodel import Session

from mlplanner.model.plan import Plan, recommend
from mlplanner.storage import plans
from mlplanner.storage.database import open_database
from tests.storage.support import fashion, seed_startup

WARM_UP_WRITES = 12
FIRST_ACK_TIMEOUT_S = 30


def write(
    engine: Engine, rng: random.Random, evaluations: list[Plan], ack_fd: int, limit: int = 0
) -> None:
    """Random writes (forever, or ``limit`` of them), each acknowledged write reported as a
    ``plan ID REVISION`` line on ``ack_fd``."""

    def ack(plan_id: int, revision: int) -> None:
        os.write(ack_fd, f"plan {plan_id} {revision}\n".encode())

    done = 0
    while not limit or done < limit:
        done += 1
        with Session(engine) as session:
            live = plans.list_plans(session=session, limit=20)
            op = rng.choice(["create", "create", "revise", "revise", "rename", "trash"])
            if op == "create" or not live:
                made = plans.create_plan(
                    session=session,
                    evaluation=rng.choice(evaluations),
                    name=f"crash {rng.random():.6f}",
                )
                ack(made.id, 1)
            elif op == "revise":
                target = rng.choice(live)
                saved = plans.save_revision(
                    session=session,
                    plan_id=target.id,
                    evaluation=rng.choice(evaluations),
                    base_revision=target.latest_revision,
                )
                ack(saved.id, saved.latest_revision)
            elif op == "rename":
                plans.rename(session=session, plan_id=rng.choice(live).id, name=f"r{rng.random()}")
            else:
                target = rng.choice(live)
                plans.delete(session=session, plan_id=target.id)
                plans.restore(session=session, plan_id=target.id)


def wait_for_first_ack(read_fd: int) -> bytes:
    """Block until the child acknowledged its first write (or died): the kill then lands in
    the middle of its write loop however slow the machine is. Returns what was read."""
    received = b""
    ready, _, _ = select.select([read_fd], [], [], FIRST_ACK_TIMEOUT_S)
    while ready and not received.endswith(b"\n"):
        chunk = os.read(read_fd, 4096)
        if not chunk:
            break
        received += chunk
    return received


def read_acks(read_fd: int, acknowledged: Counter[int], received: bytes = b"") -> int:
    """Record the acknowledged revisions from a pipe; return how many there were."""
    with os.fdopen(read_fd, "rb") as pipe:
        lines = (received + pipe.read()).decode().splitlines()
    for line in lines:
        _, plan_id, revision = line.split()
        acknowledged[int(plan_id)] = max(acknowledged[int(plan_id)], int(revision))
    return len(lines)


def main(url: str, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    evaluations = [recommend(fashion()), recommend(seed_startup())]
    engine = open_database(url)
    acknowledged: Counter[int] = Counter()
    read_fd, write_fd = os.pipe()
    write(engine, rng, evaluations, write_fd, limit=WARM_UP_WRITES)
    engine.dispose()  # no open connection may cross a fork
    os.close(write_fd)
    writes = read_acks(read_fd, acknowledged)
    failed = 0
    for _ in range(rounds):
        read_fd, write_fd = os.pipe()
        child_rng = random.Random(rng.random())
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                write(engine, child_rng, evaluations, write_fd)
            finally:
                traceback.print_exc()
                os._exit(1)
        os.close(write_fd)
        first = wait_for_first_ack(read_fd)
        time.sleep(rng.uniform(0, 0.06))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            failed += 1
        writes += read_acks(read_fd, acknowledged, first)
    json.dump({"writes": writes, "failed": failed, "plans": acknowledged}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
