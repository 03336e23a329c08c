"""Why each head of an adopted allocation: each role's people against the demand they meet.

An adopted allocation (a frontier plan, a named alternative) is not rounded from demand by the
staffing rules, so its explanation says, per role, how many people it has against the
recommendation's, and who covers the role's demand in the adopted allocation (the role
table's coverage, :func:`mlplanner.model.plan.coverage_note`); the demand behind a role is the
recommended plan's (the scenario decides it), except the full-stack data scientists', which is
what the adopted ones carry.
"""

from __future__ import annotations

from dataclasses import replace

from mlplanner.model.plan import Evaluation, Explanation, Plan, carried_lines, coverage_note
from mlplanner.model.roles import GENERALIST
from mlplanner.model.wording import count as count_of
from mlplanner.model.wording import people


def adopted_explanations(adopted: Evaluation, recommended: Plan) -> dict[str, Explanation]:
    """The recommended plan's explanations, rewritten for the adopted allocation."""
    result: dict[str, Explanation] = {}
    for role, explanation in recommended.explanations.items():
        count = adopted.allocation[role]
        result[role] = replace(
            explanation,
            headcount=count,
            rule=_rule(role, count, explanation),
            coverage=coverage_note(adopted, role),
            demand=carried_lines(adopted) if role == GENERALIST else explanation.demand,
            work={} if role == GENERALIST else explanation.work,
        )
    return result


def _rule(role: str, count: int, recommended: Explanation) -> str:
    same = (
        "as the recommendation has"
        if count == recommended.headcount
        else (f"where the recommendation has {count_of(recommended.headcount)}")
    )
    return f"The adopted allocation has {people(count, role)}, {same}."
