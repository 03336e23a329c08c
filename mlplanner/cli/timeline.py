"""``python -m mlplanner timeline FILE [--setup S] [--quarters N] [--format table|json|csv]``.

The hiring timeline of a scenario (see :mod:`mlplanner.timeline.simulation`): a table per
quarter with the headcount by role and when the plan and each project are staffed; JSON with
``start``, ``quarters``, ``target``, ``fully_staffed`` and ``projects``; or the timeline CSV.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Final

import pandas as pd

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.timeline_csv import timeline_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import MAX_HORIZON_QUARTERS, SETUPS, load_scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.timeline_texts import (
    built_before_live,
    capacity_text,
    first_year_limit_text,
    first_year_text,
    held_text,
    project_staffed,
    staffed_headline,
)
from mlplanner.timeline.simulation import Timeline, simulate

FORMATS: Final = ("table", "json", "csv")

# The headcount table of a timeline with nobody in any quarter and nobody planned (pandas
# printed "Empty DataFrame" and its columns).
NOBODY = "Nobody: no one is employed, hired or planned in any quarter."


def quarters_count(text: str) -> int:
    """``--quarters``: a whole number of quarters from 1 to the longest horizon."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r})") from None
    if not 1 <= value <= MAX_HORIZON_QUARTERS:
        raise argparse.ArgumentTypeError(
            f"must be from 1 to {MAX_HORIZON_QUARTERS} quarters (got {value})"
        )
    return value


def add_timeline_command(commands: Any) -> None:
    """Register ``timeline`` on the top-level subparsers."""
    sub = commands.add_parser(
        "timeline", help="who joins when, what each quarter costs, when projects are staffed"
    )
    sub.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    sub.add_argument("--setup", choices=SETUPS, help="override the scenario's setup")
    sub.add_argument(
        "--quarters",
        type=quarters_count,
        metavar="N",
        help="quarters to plan (default: the scenario's horizon_quarters, 8 unless set)",
    )
    sub.add_argument("--format", choices=FORMATS, default="table")
    sub.set_defaults(handler=_timeline)


def timeline_text(timeline: Timeline) -> str:
    """The timeline for a terminal: totals per quarter, headcount by role, projects."""
    totals = pd.DataFrame(
        [
            {
                "quarter": q.quarter,
                "people": q.headcount,
                "hires": q.hires,
                "leavers": q.leavers,
                "effective_fte": round(q.capacity_fte, 1),
                "demand_fte": round(q.demand_fte, 1),
                "cost": format_usd(q.cost_usd),
                "cumulative": format_usd(q.cumulative_cost_usd),
            }
            for q in timeline.quarters
        ]
    )
    shown = [
        r
        for r in ROLES
        if timeline.target[r] or any(q.by_role("headcount")[r] for q in timeline.quarters)
    ]
    by_role = pd.DataFrame(
        {
            "role": [role_label(r) for r in shown],
            **{q.quarter: [q.by_role("headcount")[r] for r in shown] for q in timeline.quarters},
            "plan": [timeline.target[r] for r in shown],
        }
    )
    projects = pd.DataFrame(
        [
            {
                "project": p.name,
                "start": p.start,
                "live": p.live_from or "—",
                "staffed": project_staffed(p) if p.staffed else project_staffed(p).lower(),
                "built_before_live": built_before_live(p),
            }
            for p in timeline.projects
        ],
        columns=["project", "start", "live", "staffed", "built_before_live"],
    )
    lines = [
        f"{timeline.scenario.name} — {timeline.setup} setup, from {timeline.start}, "
        f"{capacity_text(timeline, Assumptions.defaults())}; "
        f"{first_year_limit_text(timeline, Assumptions.defaults())}",
        totals.to_string(index=False),
        "",
        "Headcount by role",
        by_role.to_string(index=False) if shown else NOBODY,
        "",
        staffed_headline(timeline),
        first_year_text(timeline),
    ]
    if len(projects):
        lines += ["", projects.to_string(index=False)]
    held = held_text(timeline)
    if held is not None:
        lines.append(held)
    return "\n".join(lines)


def _timeline(args: argparse.Namespace) -> str:
    timeline = simulate(load_scenario(args.file), setup=args.setup, quarters=args.quarters)
    if args.format == "json":
        return json.dumps(timeline.to_dict(), indent=2)
    if args.format == "csv":
        return csv_text(timeline_table(timeline))
    return timeline_text(timeline)
