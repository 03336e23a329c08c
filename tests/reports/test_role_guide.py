"""The role guide: an entry for every role, hand-offs between real roles, phases that agree
with the model's shipped demand."""

from __future__ import annotations

import pytest

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import COVERABLE
from mlplanner.model.roles import GENERALIST, LEAD, PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.reports.role_guide import (
    HANDOFFS,
    SOURCES,
    hands_to,
    profile,
    profiles,
    receives_from,
)


def model_phases(role: str) -> set[str]:
    """Phases in which the shipped effort table or an adjustment gives ``role`` demand."""
    a = Assumptions.defaults()
    found = {
        phase
        for by_phase in a.effort.values()
        for phase, by_role in by_phase.items()
        if by_role.get(role, 0) > 0
    }
    for adj in a.adjustments:
        if adj.add_fte > 0 and adj.role in ("*", role):
            found |= set(PHASES) if adj.phase == "*" else {adj.phase}
    return found


def test_every_role_has_a_full_entry_in_lifecycle_order() -> None:
    assert [p.role for p in profiles()] == list(ROLES)
    for entry in profiles():
        assert entry.does and entry.startup and entry.mature, entry.role
        assert len(entry.skills) >= 3 and len(entry.tools) >= 3, entry.role
        assert entry.sources and set(entry.sources) <= set(SOURCES), entry.role
        assert set(entry.carries) <= set(PHASES) and set(entry.contributes) <= set(PHASES)
        assert not set(entry.carries) & set(entry.contributes), entry.role


@pytest.mark.parametrize("role", SPECIALIST_ROLES)
def test_specialist_phases_agree_with_the_shipped_demand(role: str) -> None:
    entry = profile(role)
    demanded = model_phases(role)
    assert demanded, role
    assert set(entry.carries) <= demanded, "carries a phase the model gives it no demand in"
    assert demanded <= set(entry.carries) | set(entry.contributes), "misses a demanded phase"


def test_generalists_are_listed_in_every_phase_they_can_absorb() -> None:
    entry = profile(GENERALIST)
    absorbable = set().union(*(model_phases(role) for role in COVERABLE))
    assert absorbable <= set(entry.carries) | set(entry.contributes)
    assert entry.carries


def test_leads_carry_no_phase_of_their_own() -> None:
    assert profile(LEAD).carries == ()


def test_handoffs_join_two_different_real_roles_and_reach_everyone() -> None:
    for handoff in HANDOFFS:
        assert handoff.giver in ROLES and handoff.taker in ROLES
        assert handoff.giver != handoff.taker
        assert handoff.work
    pairs = [(h.giver, h.taker) for h in HANDOFFS]
    assert len(pairs) == len(set(pairs)), "one hand-off per pair of roles"
    for role in ROLES:
        assert hands_to(role), f"{role} hands nothing on"
        assert receives_from(role), f"{role} receives nothing"


def test_handoffs_read_both_ways_in_lifecycle_order() -> None:
    given = hands_to("data_engineer")
    assert [h.taker for h in given] == sorted((h.taker for h in given), key=ROLES.index)
    for handoff in given:
        assert handoff in receives_from(handoff.taker)
