"""Benchmark of the recommended plan over every shape of team (issue 13): is it on its own
setup's frontier, and how long does ``recommend`` take?

Run from the repository root: ``python bench/recommend_family.py [--every N]``.

Over the three examples and the generated family of 100 scenarios
(``bench/scenario_family.py``; ``--every N`` keeps every N-th), under each of the three
setups, it computes ``recommend`` (the rules' plan reshaped for the rules' cost and changed
beyond it where a change is worth its cost, ``mlplanner/model/shaping.py``) and the frontier
of that setup's space of plans (``mlplanner/search/frontier.py``), and prints:

- how many recommended plans a frontier point beats on both cost and quality (costing no
  more and scoring more than 1e-6 points higher), with the largest gap and its case;
- how much the reshaping raised quality over the rules' plan (median and largest) and how
  many plans it changed, and how many it changed beyond the rules' cost;
- ``recommend``'s time: median, 95th percentile and worst (the fastest of three runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_family import family

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import Plan, forget_plans, recommend
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.search.frontier import frontier

RUNS = 3
_BEATEN = 1e-6  # quality points: less is floating-point noise


def timed(scenario: Scenario, setup: str) -> tuple[Plan, float]:
    """The recommended plan and the fastest of RUNS calls, in milliseconds (each computing
    the plan anew, not the plan ``recommend`` remembers)."""
    times = []
    for _ in range(RUNS):
        forget_plans()
        start = time.perf_counter()
        plan = recommend(scenario, setup)
        times.append((time.perf_counter() - start) * 1000)
    return plan, min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="keep every N-th generated scenario")
    every = parser.parse_args().every
    cases = list(example_scenarios().items())
    cases += [(scenario.name, scenario) for _, scenario in family()[::every]]
    times: list[float] = []
    worst = (0.0, "")
    gains: list[float] = []
    beaten: list[tuple[float, str]] = []
    grown: list[int] = []  # people worth their cost added, per plan that has any
    for name, scenario in cases:
        for setup in SETUPS:
            plan, ms = timed(scenario, setup)
            times.append(ms)
            worst = max(
                worst,
                (ms, f"{name}, {setup}, {len(plan.shaping.moves) if plan.shaping else 0} moves"),
            )
            assert plan.shaping is not None
            gains.append(plan.quality - plan.shaping.rules_quality)
            if plan.shaping.additions:
                grown.append(len(plan.shaping.additions))
            better = [
                point.quality - plan.quality
                for point in frontier(scenario, setup)
                if point.annual_cost_usd <= plan.annual_cost_usd
                and point.quality > plan.quality + _BEATEN
            ]
            if better:
                beaten.append((max(better), f"{name}, {setup}"))
    pairs = len(times)
    print(f"{len(cases)} scenarios x {len(SETUPS)} setups = {pairs} recommended plans")
    if beaten:
        gap, case = max(beaten)
        print(
            f"beaten by a point of their setup's frontier: {len(beaten)}, largest gap "
            f"{gap:.2f} points ({case})"
        )
    else:
        print("beaten by a point of their setup's frontier: none")
    changed = sum(gain > _BEATEN for gain in gains)
    print(
        f"reshaped (quality above the rules' plan): {changed} of {pairs}; gain median "
        f"{statistics.median(gains):.1f}, largest {max(gains):.1f} points"
    )
    print(
        f"changed beyond the rules' cost (changes worth their cost): {len(grown)} of {pairs} "
        f"({sum(n == 1 for n in grown)} by one person, {sum(n > 1 for n in grown)} by more)"
    )
    p95 = float(np.percentile(times, 95))
    print(
        f"recommend: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"worst {max(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
