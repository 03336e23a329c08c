"""Benchmark of the planning engine: time of ``recommend()`` against the targets of issue 2.

Run from the repository root: ``python bench/engine.py`` (or ``.venv/bin/python ...``).
Prints, per case, the number of timed runs, the median and 90th-percentile time, the target
and the ratio median / target (below 1 meets the target). Cases: the fashion retailer example
(target 5 ms) and a generated 500-project portfolio (fixed seed, mixed domains and attributes,
counts 1-5; target 50 ms). Each case is also timed with the explanations the Plan page shows.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import forget_plans, recommend
from mlplanner.model.scenario import (
    ANNOTATIONS,
    DATA_READINESS,
    DEPLOYMENTS,
    DOMAINS,
    SCALES,
    STAGES,
    Scenario,
    load_scenario,
    parse_scenario,
)
from mlplanner.paths import EXAMPLES_DIR

SEED = 20240601
PORTFOLIO_SIZE = 500
MIN_SECONDS = 2.0
MIN_RUNS = 50


def random_project(rng: random.Random, index: int) -> dict[str, str]:
    """Project ``index`` (from 0) with every attribute drawn from ``rng``."""
    return {
        "name": f"Project {index + 1}",
        "domain": rng.choice(DOMAINS),
        "scale": rng.choice(SCALES),
        "stage": rng.choice(STAGES),
        "data_readiness": rng.choice(DATA_READINESS),
        "annotation": rng.choice(ANNOTATIONS),
        "deployment": rng.choice(DEPLOYMENTS),
    }


def portfolio(size: int = PORTFOLIO_SIZE, seed: int = SEED) -> Scenario:
    """A large company with ``size`` projects of random (but reproducible) profiles."""
    rng = random.Random(seed)
    projects = [{**random_project(rng, i), "count": rng.randint(1, 5)} for i in range(size)]
    return parse_scenario(
        {
            "name": f"Generated portfolio of {size} projects (seed {seed})",
            "company": {
                "employees": 50_000,
                "setup": "auto",
                "region": "us",
                "existing_team": {"data_scientist": 40, "data_engineer": 25, "team_lead": 5},
            },
            "projects": projects,
        }
    )


def timings_ms(
    call: Callable[[], object], min_runs: int = MIN_RUNS, min_seconds: float = MIN_SECONDS
) -> list[float]:
    """Times of repeated calls (after one warm-up call), at least ``min_runs`` of them and
    ``min_seconds`` in all; each computes its plans anew (``recommend`` remembers its last
    plans, :func:`~mlplanner.model.plan.forget_plans` empties that memory first)."""
    call()
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        forget_plans()
        t0 = time.perf_counter_ns()
        call()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def print_targets(
    cases: list[tuple[str, Callable[[], object], float]], min_runs: int, width: int = 52
) -> int:
    """Time each ``(label, call, target_ms)``, print a row per case (runs, median, p90, target,
    ratio) under a header, and return how many medians missed their target."""
    header = (
        f"{'case':<{width}} {'runs':>5} {'median ms':>10} {'p90 ms':>8} {'target':>8} {'ratio':>6}"
    )
    print(f"Python {sys.version.split()[0]}")
    print(header)
    print("-" * len(header))
    missed = 0
    for label, call, target in cases:
        times = timings_ms(call, min_runs=min_runs, min_seconds=2.0)
        median = statistics.median(times)
        missed += median >= target
        print(
            f"{label:<{width}} {len(times):>5} {median:>10.3f} {p90(times):>8.3f} "
            f"{target:>6.0f}ms {median / target:>6.3f}"
        )
    return missed


def main() -> int:
    t0 = time.perf_counter()
    Assumptions.defaults()
    load_ms = (time.perf_counter() - t0) * 1e3
    fashion = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    generated = portfolio()
    t0 = time.perf_counter()
    recommend(generated)
    first_ms = (time.perf_counter() - t0) * 1e3

    cases = [
        ("fashion example: recommend()", fashion, False, 5.0),
        ("fashion example: recommend() + explanations", fashion, True, 5.0),
        ("500-project portfolio: recommend()", generated, False, 50.0),
        ("500-project portfolio: recommend() + explanations", generated, True, 50.0),
    ]
    print(f"Python {sys.version.split()[0]}; reading data/*.csv once: {load_ms:.1f} ms")
    print(f"500-project portfolio, first call (profile cache cold): {first_ms:.2f} ms")
    header = f"{'case':<52} {'runs':>6} {'median ms':>10} {'p90 ms':>8} {'target':>7} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    missed = 0
    for label, scenario, explain, target in cases:

        def call(scenario: Scenario = scenario, explain: bool = explain) -> object:
            plan = recommend(scenario)
            return plan.explanations if explain else plan

        times = timings_ms(call)
        median = statistics.median(times)
        ratio = median / target
        missed += ratio >= 1
        print(
            f"{label:<52} {len(times):>6} {median:>10.3f} {p90(times):>8.3f} "
            f"{target:>5.0f}ms {ratio:>6.3f}"
        )
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
