"""``recommend FILE --ranges [--draws N] [--seed S]`` and
``python -m mlplanner sensitivity FILE [--setup S] [--format table|json|csv]``.

``--ranges`` adds to ``recommend``'s JSON a ``ranges`` object (``total_headcount``,
``annual_cost_usd``, ``quality``, each ``p10``/``p50``/``p90``, and ``roles`` per role id),
to its CSV the columns ``headcount_p10`` and ``headcount_p90``, to its table one sentence.
``sensitivity`` prints the tornado's rows (``assumption``, ``cost_at_low_usd``,
``cost_at_high_usd``, ``headcount_at_low``, ``headcount_at_high``), largest cost swing first.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Final

import pandas as pd

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import allocation_table
from mlplanner.model.plan import Plan
from mlplanner.model.scenario import SETUPS, load_scenario
from mlplanner.ranges.draws import DEFAULT_DRAWS, DEFAULT_SEED
from mlplanner.ranges.plan_ranges import PlanRanges, plan_ranges
from mlplanner.ranges.sensitivity import sensitivity
from mlplanner.reports.range_texts import ranges_sentence

FORMATS: Final = ("table", "json", "csv")
SENSITIVITY_COLUMNS: Final = (
    "assumption",
    "cost_at_low_usd",
    "cost_at_high_usd",
    "headcount_at_low",
    "headcount_at_high",
)


def add_ranges_options(parser: argparse.ArgumentParser) -> None:
    """``--ranges``, ``--draws``, ``--seed`` on ``recommend``."""
    parser.add_argument(
        "--ranges",
        action="store_true",
        help="add P10/P50/P90 of headcount, cost and quality over uncertain assumptions",
    )
    parser.add_argument(
        "--draws", type=int, default=DEFAULT_DRAWS, metavar="N", help="draws for --ranges"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="S", help="random seed for --ranges"
    )


def recommend_with_ranges(plan: Plan, args: argparse.Namespace) -> str:
    """``recommend``'s output in ``args.format`` with the plan's ranges added."""
    ranges = plan_ranges(
        plan.scenario, plan.assumptions, plan.setup, draws=args.draws, seed=args.seed
    )
    if args.format == "json":
        return json.dumps({**plan.to_dict(), "ranges": ranges.to_dict()}, indent=2)
    if args.format == "csv":
        return csv_text(_with_range_columns(allocation_table(plan), ranges))
    return ranges_sentence(ranges)


def _with_range_columns(frame: pd.DataFrame, ranges: PlanRanges) -> pd.DataFrame:
    """The allocation table with each role's P10 and P90 headcount (vendor lines: empty)."""
    p10 = {role: int(b.p10) for role, b in ranges.roles.items()}
    p90 = {role: int(b.p90) for role, b in ranges.roles.items()}
    return frame.assign(
        headcount_p10=frame["role"].map(p10).astype("Int64"),
        headcount_p90=frame["role"].map(p90).astype("Int64"),
    )


def add_sensitivity_command(commands: Any) -> None:
    """Register ``sensitivity`` on the top-level subparsers."""
    sub = commands.add_parser(
        "sensitivity", help="which uncertain assumption moves the yearly cost most"
    )
    sub.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    sub.add_argument("--setup", choices=SETUPS, help="override the scenario's setup")
    sub.add_argument("--format", choices=FORMATS, default="table")
    sub.set_defaults(handler=_sensitivity)


def _sensitivity(args: argparse.Namespace) -> str:
    result = sensitivity(load_scenario(args.file), setup=args.setup)
    rows = [swing.to_dict() for swing in result.swings]
    if args.format == "json":
        return json.dumps(rows, indent=2)
    frame = pd.DataFrame(rows, columns=list(SENSITIVITY_COLUMNS))
    if args.format == "csv":
        return csv_text(frame)
    return result.headline + "\n" + frame.to_string(index=False)
