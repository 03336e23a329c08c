"""Benchmark of the ranges (issue 15): 1,000 draws of the recommended plan's figures.

Run from the repository root: ``python bench/ranges.py``. Prints, per case, the number of
timed runs, the median and 90th-percentile time, the target and the ratio median / target
(below 1 meets the target), then the ranges themselves. Cases: the fashion retailer example
(target 300 ms) and a generated 200-project portfolio (target 3 s), each
``plan_ranges(draws=1000)``; also, untargeted, the sensitivity (one engine run of 31 rows)
and the timeline's bands (40 simulations) of the fashion example.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import portfolio, print_targets, timings_ms

from mlplanner.model.plan import recommend
from mlplanner.model.scenario import load_scenario
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.ranges.plan_ranges import plan_ranges
from mlplanner.ranges.sensitivity import sensitivity
from mlplanner.ranges.timeline_ranges import timeline_ranges
from mlplanner.reports.range_texts import ranges_sentence

DRAWS = 1000
PORTFOLIO_SIZE = 200


def main() -> int:
    fashion = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    generated = portfolio(PORTFOLIO_SIZE)
    cases: list[tuple[str, Callable[[], object], float]] = [
        (
            "fashion example: plan_ranges(1,000 draws)",
            lambda: plan_ranges(fashion, draws=DRAWS),
            300.0,
        ),
        (
            f"{PORTFOLIO_SIZE}-project portfolio: plan_ranges(1,000 draws)",
            lambda: plan_ranges(generated, draws=DRAWS),
            3000.0,
        ),
    ]
    missed = print_targets(cases, min_runs=5)
    for label, untargeted in (
        ("fashion example: sensitivity()", lambda: sensitivity(fashion)),
        ("fashion example: timeline_ranges(40 draws)", lambda: timeline_ranges(fashion)),
    ):
        times = timings_ms(untargeted, min_runs=3, min_seconds=1.0)
        print(f"{label:<52} {len(times):>5} {statistics.median(times):>10.1f}")
    print("all targets met" if not missed else f"{missed} target(s) missed")
    print()
    for name, scenario in (("Fashion example", fashion), ("Portfolio", generated)):
        plan = recommend(scenario)
        print(
            f"{name}: point {plan.total_headcount:,} people, {format_usd(plan.annual_cost_usd)}. "
            + ranges_sentence(plan_ranges(scenario, draws=DRAWS))
        )
        print(f"  {sensitivity(scenario).headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
