"""The fixed vocabulary: role ids, lifecycle order, labels and colours."""

from __future__ import annotations

from mlplanner.model.roles import (
    GENERALIST,
    HEAD,
    LEAD,
    PHASE_LABELS,
    PHASES,
    ROLE_COLORS,
    ROLE_LABELS,
    ROLES,
    SPECIALIST_ROLES,
    role_label,
    role_sort_key,
)


def test_roles_are_the_ten_design_ids_in_lifecycle_order() -> None:
    assert ROLES == (
        "data_analyst",
        "data_engineer",
        "data_scientist",
        "research_scientist",
        "ml_engineer",
        "developer",
        "annotator",
        "full_stack_data_scientist",
        "team_lead",
        "head_of_data",
    )
    assert (*SPECIALIST_ROLES, GENERALIST, LEAD, HEAD) == ROLES
    assert role_label(HEAD) == "Head of Data & ML"


def test_every_role_has_a_label_and_its_own_colour() -> None:
    assert set(ROLE_LABELS) == set(ROLE_COLORS) == set(ROLES)
    assert len(set(ROLE_COLORS.values())) == len(ROLES)
    assert role_label("developer") == "Backend Developer"


def test_every_phase_has_a_label() -> None:
    assert len(PHASES) == 8 and set(PHASE_LABELS) == set(PHASES)


def test_sorting_by_role_follows_the_lifecycle_not_the_alphabet() -> None:
    assert sorted(["team_lead", "annotator", "data_analyst"], key=role_sort_key) == [
        "data_analyst",
        "annotator",
        "team_lead",
    ]
