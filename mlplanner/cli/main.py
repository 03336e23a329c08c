"""Command line: ``python -m mlplanner recommend|compare|frontier|timeline|sensitivity FILE``,
``plans …`` (saved plans).

Bad input of any kind exits with status 2 and one ``error: …`` line on stderr (``plans import``:
one line per problem in the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from mlplanner.cli.frontier import (
    add_frontier_command,
    best_dict,
    best_point,
    budget_lines,
    budget_usd,
    plan_under_budget,
    with_step_note,
)
from mlplanner.cli.plans import ImportRefusedError, add_plans_commands
from mlplanner.cli.ranges import (
    add_ranges_options,
    add_sensitivity_command,
    recommend_with_ranges,
)
from mlplanner.cli.timeline import add_timeline_command
from mlplanner.errors import PlannerInputError
from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import allocation_table
from mlplanner.model.plan import NO_QUALITY, Evaluation, Plan, recommend
from mlplanner.model.roles import role_label
from mlplanner.model.scenario import SETUPS, load_scenario
from mlplanner.model.wording import format_usd, people
from mlplanner.reports.comparison import better_setup
from mlplanner.reports.quality_limits import quality_limits
from mlplanner.reports.raise_quality import raise_quality, style_note
from mlplanner.reports.tables import allocation_frame, comparison_frame
from mlplanner.search.budget_plan import fund_projects

FORMATS = ("table", "json", "csv")


class UsageError(Exception):
    """A command line that does not parse."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m mlplanner", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rec = commands.add_parser("recommend", help="recommend a staffing plan for a scenario file")
    rec.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    rec.add_argument("--setup", choices=SETUPS, help="override the scenario's setup")
    rec.add_argument("--format", choices=FORMATS, default="table")
    rec.add_argument(
        "--budget",
        type=budget_usd,
        metavar="USD",
        help="instead of the setup's recommendation, what this yearly budget buys by whole "
        "projects (the Plan page's 'Within your budget')",
    )
    add_ranges_options(rec)
    rec.set_defaults(handler=_recommend)
    cmp_ = commands.add_parser("compare", help="the scenario as startup, scaleup and mature")
    cmp_.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    cmp_.add_argument("--format", choices=FORMATS, default="table")
    cmp_.set_defaults(handler=_compare)
    add_plans_commands(commands)
    add_frontier_command(commands)
    add_timeline_command(commands)
    add_sensitivity_command(commands)
    return parser


def plan_table(plan: Evaluation) -> str:
    """A plan as plain text for a terminal; a recommended plan with a quality score adds how
    it was shaped from the rules' plan (:attr:`mlplanner.model.shaping.Shaping.summary`)."""
    frame = allocation_frame(plan)
    # the demand each role's people are planned for, as the Plan page's table shows it: a
    # full-stack data scientist's is the other roles' work it carries
    frame = frame.assign(fte_work=(frame["fte_demand"] + frame["fte_carried"]).round(2))
    frame = frame[frame["headcount"] + frame["existing"] + frame["fte_work"] > 0]
    shown = frame.assign(role=frame["role"].map(role_label))[
        ["role", "fte_work", "headcount", "existing", "hires", "annual_cost_usd"]
    ]
    lines = [
        f"{plan.scenario.name} — {plan.setup} setup ({plan.setup_reason})",
        shown.to_string(index=False),
        f"Total: {people(plan.total_headcount)} "
        f"({plan.total_hires} to hire), "
        f"{format_usd(plan.annual_cost_usd)} a year, "
        + (f"quality {plan.quality:.1f}/100" if plan.scored else "no quality score"),
    ]
    better = better_setup(plan) if isinstance(plan, Plan) else None
    if better is not None:
        lines.insert(1, better)  # under the line naming the setup
    if not plan.scored:
        lines.append(NO_QUALITY)
    else:
        lines.append(
            "Quality components: "
            + ", ".join(f"{k} {v:.0f}" for k, v in plan.quality_components.items())
        )
        lines.extend(quality_limits(plan).sentences)  # what holds quality back
        lines.extend(_raise_quality_lines(plan))
        if isinstance(plan, Plan) and plan.shaping is not None:
            lines.append(plan.shaping.summary)  # how the rules' plan was reshaped
    if plan.vendor_cost_usd:
        lines.append(f"Includes vendor annotation: {format_usd(plan.vendor_cost_usd)}")
    lines.extend(plan.messages)
    return "\n".join(lines)


def _raise_quality_lines(plan: Evaluation) -> list[str]:
    """What would raise quality most, as the Plan page says it: a heading line, then one line
    per person (or that no single person more raises it by a tenth of a point)."""
    suggestions = raise_quality(plan)
    if not suggestions:
        return ["What would raise quality most: no single person more raises it by 0.1 points."]
    lines = ["What would raise quality most, each person added to those above:"]
    lines += [f"  {s.sentence()}" for s in suggestions]
    note = style_note(suggestions, plan)
    return lines + ([note] if note else [])


def _render_recommend(plan: Evaluation, fmt: str, extra: dict[str, Any] | None = None) -> str:
    """The plan in a format; ``extra`` keys are added to the JSON object."""
    if fmt == "json":
        data = plan.to_dict() | {
            "quality_limits": quality_limits(plan).to_dict(),
            "raise_quality": [s.to_dict() for s in raise_quality(plan)],
            "better_setup": better_setup(plan) if isinstance(plan, Plan) else None,
        }
        return json.dumps(data | (extra or {}), indent=2)
    if fmt == "csv":
        return csv_text(allocation_table(plan))
    return plan_table(plan)


def _render_compare(plans: list[Plan], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.to_dict() for p in plans], indent=2)
    if fmt == "csv":
        return csv_text(comparison_frame(plans))
    frame = comparison_frame(plans)
    table = frame.astype(object).where(frame.notna(), "-").to_string(index=False)
    return table if all(p.scored for p in plans) else f"{table}\n{NO_QUALITY}"


def _recommend(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.file)
    if args.budget is not None and args.ranges:
        raise ValueError("--ranges: ranges are of the recommended plan; leave out --budget")
    if args.ranges:
        recommended = recommend(scenario, setup=args.setup)
        text = recommend_with_ranges(recommended, args)
        return plan_table(recommended) + "\n" + text if args.format == "table" else text
    if args.budget is not None:
        advice = fund_projects(scenario, args.budget, args.setup)
        plan = plan_under_budget(scenario, advice, args.budget, args.setup)
        best = best_point(scenario, args.budget, args.setup)
        extra = {"budget_advice": advice.to_dict(), "best_under_budget": best_dict(best)}
        text = _render_recommend(plan, args.format, extra)
        if args.format != "table":
            return text
        return with_step_note(
            text + "\n" + budget_lines(advice, best, scenario, args.budget, args.setup), scenario
        )
    return _render_recommend(recommend(scenario, setup=args.setup), args.format)


def _compare(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.file)
    plans = [recommend(scenario, setup=setup) for setup in SETUPS]
    return _render_compare(plans, args.format)


def run(argv: Sequence[str]) -> str:
    """Execute a command line and return what it prints; raises on bad input.

    Every command's parser sets ``handler`` (``set_defaults(handler=...)``): a function of
    the parsed arguments returning the text to print.
    """
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], str] = args.handler
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        output = run(sys.argv[1:] if argv is None else argv)
    except (UsageError, PlannerInputError, ValueError, OSError) as exc:
        problems = exc.problems if isinstance(exc, ImportRefusedError) else [exc]
        for problem in problems:
            print(f"error: {' '.join(str(problem).split())}", file=sys.stderr)
        return 2
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0
