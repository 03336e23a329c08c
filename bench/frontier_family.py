"""Benchmark of the search over every shape of team (issue 13): a generated family of 100
scenarios (``bench/scenario_family.py``: 1 to 60 FTE of coverable demand, every domain,
setup, region and existing team size, fixed seed).

Run from the repository root: ``python bench/frontier_family.py [--gaps]``.

Prints, in one run, for the whole frontier (target: 95th percentile under 200 ms) and for
``best_under_budget`` at the middle of each frontier's cost range (target: 95th percentile
under 20 ms): the median, the 95th percentile and the worst case with its scenario; the time
is the fastest of three runs of each scenario (a shared machine's timings vary).

With ``--gaps`` it also compares, where the space is climbed (past ``ENUMERATE_LIMIT``) and
the proof finishes within a minute (space up to ``GAP_SPACE_LIMIT``), the frontier with the
one proven exact by branch and bound (``proven_frontier``): how many such scenarios, how many
differ, and the largest quality gap at equal cost (the exact frontier's best quality at a
cost minus the searched frontier's best quality at that cost).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_family import family

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.search.frontier import (
    ENUMERATE_LIMIT,
    FrontierPoint,
    best_under_budget,
    frontier,
    proven_frontier,
)
from mlplanner.search.problem import search_problem

RUNS = 3
FRONTIER_TARGET_MS = 200.0
BUDGET_TARGET_MS = 20.0
# Spaces (leads aside) the gap check proves: larger proofs take tens of seconds each.
GAP_SPACE_LIMIT = 3e8


def fastest_ms(call: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def report(name: str, times: list[float], names: list[str], target: float) -> None:
    worst = int(np.argmax(times))
    p95 = float(np.percentile(times, 95))
    print(
        f"{name}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
        f"(target {target:.0f} ms, ratio {p95 / target:.2f}), worst {times[worst]:.1f} ms "
        f"({names[worst]})"
    )


def best_at(points: list[FrontierPoint], cost: int) -> float:
    qualities = [p.quality for p in points if p.annual_cost_usd <= cost]
    return max(qualities) if qualities else float("-inf")


def gaps(cases: list[tuple[float, Scenario]]) -> None:
    assumptions = Assumptions.defaults()
    checked = differ = 0
    largest, where = 0.0, ""
    for fte, scenario in cases:
        problem = search_problem(scenario, assumptions)
        size = problem.space.size / problem.space.count("team_lead")
        if not ENUMERATE_LIMIT < size <= GAP_SPACE_LIMIT:
            continue
        searched = frontier(scenario)
        exact = proven_frontier(scenario)
        checked += 1
        gap = max(p.quality - best_at(searched, p.annual_cost_usd) for p in exact)
        differ += gap > 1e-9
        if gap > largest:
            largest, where = gap, f"{scenario.name}, {fte:.1f} FTE"
    print(
        f"Gap to the exact frontier: {checked} scenarios checked (space up to "
        f"{GAP_SPACE_LIMIT:.0e}), {differ} differ; largest gap {largest:.4f} quality points"
        + (f" ({where})" if where else "")
    )


def main() -> None:
    cases = family()
    names = [f"{scenario.name}, {fte:.1f} FTE" for fte, scenario in cases]
    whole, budget = [], []
    for _, scenario in cases:
        whole.append(fastest_ms(lambda s=scenario: frontier(s)))
        points = frontier(scenario)
        middle = (points[0].annual_cost_usd + points[-1].annual_cost_usd) / 2
        budget.append(fastest_ms(lambda s=scenario, b=middle: best_under_budget(s, b)))
    print(
        f"{len(cases)} generated scenarios, {min(f for f, _ in cases):.1f}-"
        f"{max(f for f, _ in cases):.1f} FTE of coverable demand"
    )
    report("Whole frontier", whole, names, FRONTIER_TARGET_MS)
    report("best_under_budget (middle of the range)", budget, names, BUDGET_TARGET_MS)
    if "--gaps" in sys.argv[1:]:
        gaps(cases)


if __name__ == "__main__":
    main()
