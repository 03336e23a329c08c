"""Calibration: for a scenario matching each public rule of thumb, the plan the setup's rules
size and the recommended plan (that plan reshaped) both stay inside the rule
(tests/support/calibration.py), and data/SOURCES.md shows the true answers."""

from __future__ import annotations

import pytest

from mlplanner.model.demand import SHARED_SOURCES
from mlplanner.paths import DATA_DIR
from tests.support.calibration import RULES, Rule, calibration_table


@pytest.mark.parametrize("rule", RULES, ids=[rule.rule for rule in RULES])
def test_the_planner_stays_inside_the_rule_of_thumb(rule: Rule) -> None:
    for plan in (rule.rules_plan(), rule.plan()):
        assert rule.holds(plan), f"{rule.rule}: {rule.answer(plan)}, outside {rule.figure}"


def test_sources_md_shows_the_planners_current_answers() -> None:
    """Regenerate with ``python -m tests.support.calibration`` and paste into SOURCES.md."""
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert calibration_table() in sources


def test_the_scale_up_shapes_match_the_issue_targets() -> None:
    """The plans a sceptical head of ML reviewed: sizes within the public ranges."""
    by_name = {rule.rule: rule.plan() for rule in RULES}
    assert by_name["Prototype team"].total_headcount == 2
    first = by_name["First production model"]
    assert 2 <= first.total_headcount <= 4
    bank = by_name["Span of control"]
    assert bank.allocation["head_of_data"] >= 1
    # Research work comes from the research project (and its share of the shared platform),
    # not from the production NLP and generative-AI projects.
    sources = {source for source, _, _ in bank.demand.lines("research_scientist")}
    assert sources <= {"LLM risk research", *SHARED_SOURCES.values()}
