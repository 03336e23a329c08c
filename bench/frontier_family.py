"""Benchmark of the search over every shape of team (issue 13): a generated family of 100
scenarios (``bench/scenario_family.py``: 1 to 60 FTE of coverable demand, every domain,
setup, region and existing team size, fixed seed).

Run from the repository root: ``python bench/frontier_family.py [--gaps]``.

Prints, in one run, for the whole frontier (target: 95th percentile under 200 ms) and for
``best_under_budget`` at the middle of each frontier's cost range (target: 95th percentile
under 20 ms): the median, the 95th percentile and the worst case with its scenario; the time
is the fastest of three runs of each scenario, wall-clock and CPU time (on a shared machine
the wall-clock time stretches with the load, printed first). Then how many
of the budgets it tries (``BUDGET_SHARES`` of each frontier's cost range, and each scenario's
own budget) ``best_under_budget`` answers with another cost or quality than the frontier's
point (``affordable``), each such mismatch named.

With ``--gaps`` it also compares, where the space is climbed (past ``ENUMERATE_LIMIT``) and
the proof finishes within a minute (space up to ``GAP_SPACE_LIMIT``), the frontier with the
one proven exact by branch and bound (``proven_frontier``): how many such scenarios, how many
differ, and the largest quality gap at equal cost (the exact frontier's best quality at a
cost minus the searched frontier's best quality at that cost).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_family import family

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import forget_plans
from mlplanner.model.scenario import Scenario
from mlplanner.search.frontier import (
    ENUMERATE_LIMIT,
    FrontierPoint,
    affordable,
    best_under_budget,
    frontier,
    proven_frontier,
)
from mlplanner.search.pareto import QUALITY_TOLERANCE
from mlplanner.search.problem import search_problem

RUNS = 3
FRONTIER_TARGET_MS = 200.0
BUDGET_TARGET_MS = 20.0
BUDGET_SHARES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.5)
# Spaces (leads aside) the gap check proves: larger proofs take tens of seconds each.
GAP_SPACE_LIMIT = 3e8


def fastest_ms(call: Callable[[], object]) -> tuple[float, float]:
    """The fastest of ``RUNS`` calls: wall-clock and CPU time of this process (ms). On a
    machine shared with other work the CPU time varies less: a loaded machine stretches wall
    time, not the work done."""
    wall, cpu = [], []
    for _ in range(RUNS):
        forget_plans()  # each run recommends anew (recommend remembers its last plans)
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return min(wall), min(cpu)


def report(name: str, times: list[tuple[float, float]], names: list[str], target: float) -> None:
    for clock, column in (("wall", 0), ("CPU", 1)):
        values = [t[column] for t in times]
        worst = int(np.argmax(values))
        p95 = float(np.percentile(values, 95))
        print(
            f"{name}, {clock}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms "
            f"(target {target:.0f} ms, ratio {p95 / target:.2f}), worst {values[worst]:.1f} ms "
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


def mismatches(cases: list[tuple[float, Scenario]]) -> None:
    """Budgets where the budget point differs from the frontier's (module docstring)."""
    tried, found = 0, []
    for fte, scenario in cases:
        points = frontier(scenario)
        low, high = points[0].annual_cost_usd, points[-1].annual_cost_usd
        budgets = [low + share * (high - low) for share in BUDGET_SHARES]
        if scenario.company.annual_budget_usd is not None:
            budgets.append(scenario.company.annual_budget_usd)
        for budget in budgets:
            tried += 1
            best, bought = best_under_budget(scenario, budget), affordable(points, budget)
            same = (best is None and bought is None) or (
                best is not None
                and bought is not None
                and best.annual_cost_usd == bought.annual_cost_usd
                and abs(best.quality - bought.quality) <= QUALITY_TOLERANCE
            )
            if not same:
                found.append(f"{scenario.name} ({fte:.1f} FTE) at ${budget:,.0f}")
    print(f"best_under_budget against the frontier: {tried} budgets, {len(found)} mismatches")
    for mismatch in found:
        print(f"  mismatch: {mismatch}")


def main() -> None:
    print(f"Load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    cases = family()
    names = [f"{scenario.name}, {fte:.1f} FTE" for fte, scenario in cases]
    whole, budget = [], []
    for _, scenario in cases:
        whole.append(fastest_ms(partial(frontier, scenario)))
        points = frontier(scenario)
        middle = (points[0].annual_cost_usd + points[-1].annual_cost_usd) / 2
        budget.append(fastest_ms(partial(best_under_budget, scenario, middle)))
    print(
        f"{len(cases)} generated scenarios, {min(f for f, _ in cases):.1f}-"
        f"{max(f for f, _ in cases):.1f} FTE of coverable demand"
    )
    report("Whole frontier", whole, names, FRONTIER_TARGET_MS)
    report("best_under_budget (middle of the range)", budget, names, BUDGET_TARGET_MS)
    mismatches(cases)
    if "--gaps" in sys.argv[1:]:
        gaps(cases)


if __name__ == "__main__":
    main()
