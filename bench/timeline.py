"""Benchmark of the hiring timeline: time of ``simulate()`` against the targets of issue 14.

Run from the repository root: ``python bench/timeline.py``. Prints, per case, the number of
timed runs, the median and 90th-percentile time, the target and the ratio median / target
(below 1 meets the target). Cases: the fashion retailer example over 8 quarters (target
20 ms) and a generated 200-project portfolio over 8 quarters (target 200 ms) whose projects
start in every quarter and half of which go live during the horizon, so that every quarter
has a scenario of its own (the worst case: one staffing per quarter).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import portfolio, print_targets

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quarters import shift
from mlplanner.model.scenario import Scenario, load_scenario, parse_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.timeline.simulation import simulate

SEED = 20261203
PORTFOLIO_SIZE = 200
QUARTERS = 8
START = "2027-Q1"


def dated_portfolio(size: int = PORTFOLIO_SIZE, seed: int = SEED) -> Scenario:
    """The engine benchmark's portfolio with starts spread over the horizon and go-live dates
    for half the projects."""
    rng = random.Random(seed)
    data = portfolio(size, seed).to_dict()
    data["company"].update({"plan_start": START, "horizon_quarters": QUARTERS})
    for project in data["projects"]:
        start = shift(START, rng.randrange(QUARTERS))
        project["start"] = start
        if rng.random() < 0.5:
            project["live_from"] = shift(start, rng.randint(1, 4))
    return parse_scenario(data)


def main() -> int:
    Assumptions.defaults()
    fashion = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    generated = dated_portfolio()
    cases: list[tuple[str, Callable[[], object], float]] = [
        (
            f"fashion example, {QUARTERS} quarters",
            lambda: simulate(fashion, quarters=QUARTERS),
            20.0,
        ),
        (
            f"{PORTFOLIO_SIZE}-project portfolio, {QUARTERS} quarters",
            lambda: simulate(generated, quarters=QUARTERS),
            200.0,
        ),
    ]
    missed = print_targets(cases, min_runs=20, width=40)
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
