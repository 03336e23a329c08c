"""Why each head of an adopted allocation: each role's people against the demand they meet.

An adopted allocation (a frontier plan, a named alternative) is not rounded from demand by the
staffing rules, so its explanation says, per role, how many people it has against the
recommendation's, the share of the role's demand they cover and the demand left uncovered; the
demand behind the role is the same as the recommended plan's (the scenario decides it).
"""

from __future__ import annotations

from dataclasses import replace

from mlplanner.model.plan import Evaluation, Explanation, Plan
from mlplanner.model.wording import count as count_of
from mlplanner.model.wording import people


def adopted_explanations(adopted: Evaluation, recommended: Plan) -> dict[str, Explanation]:
    """The recommended plan's explanations, rewritten for the adopted allocation."""
    lines = {line.role: line for line in adopted.roles}
    result: dict[str, Explanation] = {}
    for role, explanation in recommended.explanations.items():
        count = adopted.allocation[role]
        line = lines[role]
        result[role] = replace(
            explanation,
            headcount=count,
            rule=_rule(role, count, explanation, line.fte_demand, line.coverage),
        )
    return result


def _rule(
    role: str, count: int, recommended: Explanation, demand: float, coverage: float | None
) -> str:
    same = (
        "as the recommendation has"
        if count == recommended.headcount
        else (f"where the recommendation has {count_of(recommended.headcount)}")
    )
    text = f"The adopted allocation has {people(count, role)}, {same}."
    if coverage is None or demand <= 0:
        return text
    uncovered = demand * max(0.0, 100.0 - coverage) / 100.0
    text += f" It covers {coverage:.0f}% of the role's {demand:,.1f} FTE of demand"
    if uncovered >= 0.05:
        text += f"; {uncovered:,.1f} FTE is left uncovered"
    return text + "."
