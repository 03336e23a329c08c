"""Staffing: the rounding rule, absorption per setup, leads by span, existing staff, auto setup;
the same rules on arrays of demand (one plan per element) as on one plan's numbers."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import SETUPS, Company, Setup, SetupChoice
from mlplanner.model.staffing import (
    DEPLOYERS,
    choose_setup,
    deployer,
    individual_contributors,
    managers,
    must_deploy,
    round_people,
    staff,
    staff_counts,
)
from tests.support import strategies
from tests.support.builders import assumptions_with

# Every number the hand-computed cases below depend on, pinned (not the shipped data).
PINNED = assumptions_with(
    setups={
        "startup": {
            "absorb_below_fte": 1.0,
            "generalists_absorb_data_science": True,
            "round_up_from": 0.5,
        },
        "scaleup": {
            "absorb_below_fte": 1.0,
            "generalists_absorb_data_science": False,
            "round_up_from": 0.3,
        },
        "mature": {
            "absorb_below_fte": 0.0,
            "generalists_absorb_data_science": False,
            "round_up_from": 0.15,
        },
    },
    generalist_capacity_fte=0.8,
    lead_span=4,
    lead_from_contributors=3,
    head_from_leads=3,
)
DEMAND = {
    "data_analyst": 0.4,
    "data_engineer": 1.2,
    "data_scientist": 1.6,
    "research_scientist": 0.0,
    "ml_engineer": 0.6,
    "developer": 0.9,
    "annotator": 0.3,
}
# No specialist work, keyed by role name as staff() takes its demand: the cases below add theirs.
NO_WORK: dict[str, float] = dict.fromkeys(SPECIALIST_ROLES, 0.0)


def people(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


@pytest.mark.parametrize(
    ("fte", "cut", "expected"),
    [
        (0.0, 0.5, 0),
        (0.49, 0.5, 0),
        (0.5, 0.5, 1),
        (1.29, 0.3, 1),
        (1.3, 0.3, 2),
        (0.7 + 0.6, 0.3, 2),  # 1.2999999999999998: float noise does not lose a person
        (2.0, 0.15, 2),
        (2.14, 0.15, 2),
        (2.15, 0.15, 3),
        (3.999999999999, 0.5, 4),
    ],
)
def test_round_people_rounds_up_once_the_remainder_reaches_the_cut(
    fte: float, cut: float, expected: int
) -> None:
    assert round_people(fte, cut) == expected


@given(st.floats(0, 1000), st.floats(0, 10), st.floats(0.01, 1), st.floats(0.01, 1))
def test_round_people_grows_with_demand_and_with_a_lower_cut(
    fte: float, more: float, cut: float, other_cut: float
) -> None:
    people_ = round_people(fte, cut)
    assert math.floor(fte) <= people_ <= math.ceil(fte)
    assert round_people(fte + more, cut) >= people_
    assert round_people(fte, min(cut, other_cut)) >= round_people(fte, max(cut, other_cut))


@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1),
    st.integers(1, 60),
    st.integers(2, 50),
)
def test_managers_of_many_team_sizes_at_once_are_each_teams_managers(
    sizes: list[int], first: int, span: int
) -> None:
    """On an array (the frontier's and the quality score's teams) as on each whole number:
    none below ``first`` (at most ``span``), then ``ceil(n / span)``."""
    expected = [math.ceil(n / span) if n >= min(first, span) else 0 for n in sizes]
    assert managers(np.array(sizes), first, span).tolist() == expected
    assert [managers(n, first, span) for n in sizes] == expected


@pytest.mark.parametrize(
    ("people_", "leads"),
    [(0, 0), (5, 0), (6, 1), (8, 1), (9, 2), (16, 2), (17, 3)],
)
def test_planned_leads_start_at_six_then_one_per_team_of_eight(people_: int, leads: int) -> None:
    assert managers(people_, 6, 8) == leads


def test_leads_and_annotators_are_not_individual_contributors() -> None:
    allocation = people(data_scientist=3, annotator=5, team_lead=2, full_stack_data_scientist=1)
    assert individual_contributors(allocation) == 4


def test_startup_generalists_carry_the_first_person_of_each_role_and_all_data_science() -> None:
    staffing = staff(DEMAND, {}, "startup", PINNED, deploys=False)
    # carried 0.4 + 1.0 (of 1.2) + 1.6 + 0.6 + 0.9 = 4.5 FTE / 0.8 = 5.625 -> 6; the other
    # 0.2 data engineering is below the cut of 0.5: uncovered; the 0.3 of annotation, below
    # it too, gets its annotator (nobody else labels). 6 contributors (annotators are not
    # counted; at least 3): teams of up to 4 -> 2 leads.
    assert staffing.allocation == people(full_stack_data_scientist=6, annotator=1, team_lead=2)
    assert staffing.absorbed_fte == pytest.approx(4.5)
    assert staffing.uncovered_fte == pytest.approx({"data_engineer": 0.2})
    assert "carry all 1.6 FTE" in staffing.rules["data_scientist"]
    assert "carry 1.0 of 1.2 FTE" in staffing.rules["data_engineer"]
    assert "0.2 FTE below that gets no specialist of its own" in staffing.rules["data_engineer"]
    assert "6 people the work needs make 2 teams of up to 4" in staffing.rules[LEAD]


def test_scaleup_hires_specialists_for_the_work_past_the_first_person() -> None:
    staffing = staff(DEMAND, {}, "scaleup", PINNED, deploys=False)
    # carried 0.4 + 1.0 + 1.0 + 0.6 + 0.9 = 3.9 FTE / 0.8 = 4.875 -> 5; data science 0.6 left
    # -> 1 (0.6 >= 0.3); data engineering 0.2 left -> 0, uncovered; annotator 0.3 -> 1.
    # 6 contributors -> 2 leads.
    assert staffing.allocation == people(
        data_scientist=1, annotator=1, full_stack_data_scientist=5, team_lead=2
    )
    assert staffing.absorbed_fte == pytest.approx(3.9)
    assert staffing.uncovered_fte == pytest.approx({"data_engineer": 0.2})


def test_mature_staffs_a_specialist_for_every_role_with_demand() -> None:
    staffing = staff(DEMAND, {}, "mature", PINNED, deploys=False)
    assert staffing.allocation == people(
        data_analyst=1,
        data_engineer=2,
        data_scientist=2,
        ml_engineer=1,
        developer=1,
        annotator=1,
        team_lead=2,  # 7 contributors: two teams of up to 4
    )
    assert staffing.allocation[HEAD] == 0  # 2 leads, fewer than 3
    assert staffing.absorbed_fte == 0
    assert staffing.rules["research_scientist"] == "no project demands this role"


def test_work_left_below_the_cut_is_shown_below_it() -> None:
    """A mature role with 2.49 FTE: two people, and the 0.49 left (below the cut of 0.50 in
    these numbers) read "0.5 FTE below that gets no specialist of its own"."""
    cut = assumptions_with(
        setups=PINNED.setups
        | {"mature": PINNED.setups["mature"].model_copy(update={"round_up_from": 0.5})}
    )
    staffing = staff(NO_WORK | {"data_engineer": 2.49}, {}, "mature", cut, deploys=False)
    assert staffing.allocation["data_engineer"] == 2
    assert "0.49 FTE below that gets no specialist of its own" in staffing.rules["data_engineer"]


def test_work_rounded_up_at_the_cut_is_shown_at_it() -> None:
    """A mature role with 0.15 FTE, exactly the cut: one person, and the rule read "0.1 FTE
    becomes 1 (rounded up when the part beyond a whole person reaches 0.15)"."""
    staffing = staff(NO_WORK | {"ml_engineer": 0.15}, {}, "mature", PINNED, deploys=False)
    assert PINNED.setups["mature"].round_up_from == 0.15
    assert staffing.allocation["ml_engineer"] == 1
    assert "0.15 FTE becomes 1 (rounded up" in staffing.rules["ml_engineer"]
    staffing = staff(NO_WORK | {"ml_engineer": 1.3}, {}, "mature", PINNED, deploys=False)
    assert "1.3 FTE becomes 2 (rounded up" in staffing.rules["ml_engineer"]


def test_existing_staff_cover_their_role_first_and_generalists_the_rest() -> None:
    """One data scientist employed in a startup, for 1.6 FTE of data science: the full-stack
    data scientists carry the other 0.6 and no data scientist is hired (until December 2026 an
    employed role was never absorbed, and the startup hired a second data scientist). One data
    engineer employed in a scale-up, for 1.2 FTE: generalists carry the 0.2 beyond him, as
    they carry the first 1.0 where nobody is employed."""
    startup = staff(DEMAND, {"data_scientist": 1}, "startup", PINNED, deploys=False)
    assert startup.allocation["data_scientist"] == 1
    assert startup.absorbed_fte == pytest.approx(4.5 - 1.0)
    assert startup.rules["data_scientist"].startswith(
        "startup: full-stack data scientists carry 0.6 of 1.6 FTE (the work beyond the 1 "
        "already employed); the other 1.0 FTE becomes 1"
    )
    scaleup = staff(DEMAND, {"data_engineer": 1}, "scaleup", PINNED, deploys=False)
    assert scaleup.allocation["data_engineer"] == 1
    assert scaleup.absorbed_fte == pytest.approx(3.9 - 1.0 + 0.2)


@given(
    st.floats(0.0, 30.0),
    st.integers(0, 12),
    st.integers(0, 12),
    st.sampled_from(["data_scientist", "data_engineer", "developer"]),
    st.sampled_from(SETUPS),
)
def test_more_staff_employed_never_means_more_hires(
    fte: float, have: int, more: int, role: str, setup: Setup
) -> None:
    """Employing more people of a role never raises its hires, and a startup hires no data
    scientist whatever it employs."""
    demand = NO_WORK | {role: fte}

    def hired(employed: int) -> int:
        staffing = staff(demand, {role: employed}, setup, PINNED, deploys=False)
        return staffing.allocation[role] - employed

    assert hired(have + more) <= hired(have)
    if setup == "startup" and role == "data_scientist":
        assert hired(have) == 0


def test_existing_staff_beyond_a_small_demand_is_kept_as_specialists() -> None:
    existing: dict[str, int] = {"ml_engineer": 1, GENERALIST: 5, LEAD: 3}
    staffing = staff(DEMAND, existing, "scaleup", PINNED, deploys=False)
    # ML engineer stays a specialist; carried 0.4 + 1.0 + 1.0 + 0.9 = 3.3 / 0.8 = 4.125 -> 4,
    # but 5 are kept.
    assert staffing.allocation["ml_engineer"] == 1
    assert staffing.absorbed_fte == pytest.approx(3.3)
    assert staffing.allocation[GENERALIST] == 5
    assert "5 already employed are kept (1 more than demand needs)" in staffing.rules[GENERALIST]
    # Leads count the people the work needs: 1 + 1 + 4 = 6 -> 2 leads; 3 are kept.
    assert staffing.needed[LEAD] == 2
    assert staffing.allocation[LEAD] == 3


def test_no_lead_is_planned_for_surplus_staff() -> None:
    """25 data scientists for 2 FTE of work: the lead count follows the 2, not the 25."""
    demand = NO_WORK | {"data_scientist": 2.0}
    staffing = staff(
        demand, {"data_scientist": 25}, "mature", Assumptions.defaults(), deploys=False
    )
    assert staffing.allocation["data_scientist"] == 25
    assert staffing.allocation[LEAD] == 0
    assert staffing.allocation[HEAD] == 0


def test_existing_staff_beyond_demand_is_kept() -> None:
    staffing = staff(DEMAND, {"data_analyst": 4}, "mature", PINNED, deploys=False)
    assert staffing.allocation["data_analyst"] == 4
    assert (
        "4 already employed are kept (3 more than demand needs)" in staffing.rules["data_analyst"]
    )


def test_annotation_is_never_absorbed() -> None:
    demand = NO_WORK | {"annotator": 0.6}
    staffing = staff(demand, {}, "startup", PINNED, deploys=False)
    assert staffing.allocation["annotator"] == 1
    assert staffing.allocation[GENERALIST] == 0


def test_no_lead_for_a_single_team() -> None:
    staffing = staff(
        DEMAND, {}, "mature", assumptions_with(lead_from_contributors=8), deploys=False
    )
    assert staffing.allocation[LEAD] == 0
    assert "7 people are fewer than 8: a senior contributor leads them" in staffing.rules[LEAD]


def test_every_role_has_a_rule() -> None:
    for setup in ("startup", "scaleup", "mature"):
        assert set(staff(DEMAND, {}, setup, PINNED, deploys=False).rules) == set(ROLES)


def company(employees: int, setup: SetupChoice = "auto") -> Company:
    return Company(employees=employees, setup=setup)


def test_auto_setup_follows_the_size_thresholds() -> None:
    a = Assumptions.defaults()
    small, medium = a.auto_startup_max_employees, a.auto_scaleup_max_employees
    assert choose_setup(company(1), a, None).setup == "startup"
    assert choose_setup(company(small), a, None).setup == "startup"
    assert choose_setup(company(small + 1), a, None).setup == "scaleup"
    assert choose_setup(company(medium), a, None).setup == "scaleup"
    assert choose_setup(company(medium + 1), a, "auto").setup == "mature"
    assert (
        choose_setup(company(small), a, None).reason
        == f"auto: {small:,} employees is at most {small:,}"
    )


def test_an_explicit_setup_beats_the_companys_which_beats_auto() -> None:
    a = Assumptions.defaults()
    assert choose_setup(company(10, "mature"), a, None).setup == "mature"
    assert choose_setup(company(10, "mature"), a, "startup").setup == "startup"
    assert choose_setup(company(10, "mature"), a, "startup").reason == (
        "startup setup chosen by the user"
    )


def test_an_unknown_setup_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="setup: 'huge' is not one of auto, startup"):
        choose_setup(company(10), Assumptions.defaults(), "huge")


demands = st.fixed_dictionaries({role: st.floats(0, 12) for role in SPECIALIST_ROLES})


@given(demands, strategies.existing_teams(), strategies.setups, st.booleans())
def test_headcount_is_never_below_existing_staff(
    demand: dict[str, float], existing: dict[str, int], setup: str, deploys: bool
) -> None:
    a = Assumptions.defaults()
    allocation = staff(demand, existing, setup, a, deploys=deploys).allocation  # type: ignore[arg-type]
    assert list(allocation) == list(ROLES)
    for role in ROLES:
        assert allocation[role] >= existing.get(role, 0)


@given(demands, strategies.setups)
def test_staffed_specialists_are_their_rounded_demand(demand: dict[str, float], setup: str) -> None:
    a = Assumptions.defaults()
    staffing = staff(demand, {}, setup, a, deploys=False)  # type: ignore[arg-type]
    rule = a.setups[setup]  # type: ignore[index]
    for role in SPECIALIST_ROLES:
        headcount = staffing.allocation[role]
        if role == "annotator":  # any annotation work gets its annotator
            rounded = round_people(demand[role], rule.round_up_from)
            assert headcount == (max(rounded, 1) if demand[role] > 1e-9 else rounded)
        elif setup == "mature":
            assert headcount == round_people(demand[role], rule.round_up_from)
        elif headcount:
            rest = demand[role] - rule.absorb_below_fte
            assert headcount == round_people(rest, rule.round_up_from)


def test_a_first_lead_threshold_above_the_span_counts_as_the_span() -> None:
    """One person more never adds two leads, whatever the user enters."""
    counts = [managers(n, 12, 5) for n in range(40)]
    assert counts[4] == 0 and counts[5] == 1
    assert all(0 <= b - a <= 1 for a, b in itertools.pairwise(counts))


LIVE_MODEL = NO_WORK | {
    "data_analyst": 3.0,
    "data_engineer": 0.3,
    "data_scientist": 0.3,
    "ml_engineer": 0.1,
    "developer": 0.06,
}


def test_a_production_model_gets_someone_to_deploy_it_below_the_cut() -> None:
    """0.1 FTE of deployment work is below the mature cut (0.15): without the rule nobody
    could run the model; with it, one ML engineer, and the rule says why."""
    without = staff(LIVE_MODEL, {}, "mature", PINNED, deploys=False)
    assert not any(without.allocation[role] for role in DEPLOYERS)
    staffing = staff(LIVE_MODEL, {}, "mature", PINNED, deploys=True)
    assert staffing.allocation == without.allocation | {"ml_engineer": 1}
    assert staffing.needed["ml_engineer"] == 1
    assert "ml_engineer" not in staffing.uncovered_fte
    assert staffing.rules["ml_engineer"] == (
        "mature: a production model needs someone to deploy it, and its 0.1 FTE is below the "
        "cut a specialist starts from; so 1"
    )


@pytest.mark.parametrize("setup", SETUPS)
def test_annotation_below_the_cut_gets_its_annotator(setup: Setup) -> None:
    """Nobody else labels (generalists never carry annotation): 0.1 FTE of in-house annotation
    is below every setup's cut, and still gets one annotator, the rule saying why."""
    labelling = NO_WORK | {"annotator": 0.1}
    staffing = staff(labelling, {}, setup, PINNED, deploys=False)
    assert staffing.allocation == people(annotator=1)
    assert staffing.needed["annotator"] == 1 and staffing.uncovered_fte == {}
    assert staffing.annotator_added and staffing.must_have == ("annotator",)
    assert staffing.rules["annotator"] == (
        f"{setup}: in-house annotation needs someone to label it, and nobody else does; its "
        "0.1 FTE is below the cut a specialist starts from, so 1"
    )
    kept = staff(labelling, {"annotator": 2}, setup, PINNED, deploys=False)
    assert kept.allocation["annotator"] == 2 and kept.needed["annotator"] == 1
    assert not kept.annotator_added and kept.must_have == ("annotator",)
    # Rounding gives the annotator of a whole person's labelling; the shaping keeps one all
    # the same (the score alone would trade a small project's labelling for work elsewhere).
    rounded = staff(labelling | {"annotator": 0.9}, {}, setup, PINNED, deploys=False)
    assert not rounded.annotator_added and rounded.must_have == ("annotator",)
    none = staff(NO_WORK, {}, setup, PINNED, deploys=False)
    assert none.allocation["annotator"] == 0 and none.must_have == ()


def test_the_setups_deployer_is_a_generalist_where_the_setup_uses_them() -> None:
    tiny = NO_WORK | {"ml_engineer": 0.1}  # below every minimum
    assert deployer("startup", PINNED) == deployer("scaleup", PINNED) == GENERALIST
    assert deployer("mature", PINNED) == "ml_engineer"
    for setup in ("startup", "scaleup"):
        staffing = staff(tiny, {}, setup, PINNED, deploys=True)
        assert staffing.allocation[GENERALIST] == 1
        assert staffing.uncovered_fte == {}
        assert "needs someone to deploy it" in staffing.rules[GENERALIST]


def test_someone_employed_who_can_deploy_needs_no_deployer() -> None:
    for employed in DEPLOYERS:
        assert not must_deploy(True, {employed: 1})
        staffing = staff(LIVE_MODEL, {employed: 1}, "mature", PINNED, deploys=True)
        assert staffing.allocation["ml_engineer"] == (employed == "ml_engineer")
    assert must_deploy(True, {"data_analyst": 2}) and not must_deploy(False, {})


@given(demands, demands, strategies.setups, st.booleans())
def test_more_demand_never_staffs_fewer_people_in_any_role(
    low: dict[str, float], extra: dict[str, float], setup: str, deploys: bool
) -> None:
    """The deployer rule looks at the deployer role alone: a developer arriving with more
    integration work never takes the ML engineer away."""
    high = {role: low[role] + extra[role] for role in SPECIALIST_ROLES}
    before = staff(low, {}, setup, PINNED, deploys=deploys).allocation  # type: ignore[arg-type]
    after = staff(high, {}, setup, PINNED, deploys=deploys).allocation  # type: ignore[arg-type]
    assert all(after[role] >= before[role] for role in ROLES)


# Demands near the edges the rules turn on: nothing, below _EPS, whole people, a remainder
# at a setup's cut, below a setup's absorb_below_fte.
edge_fte = st.one_of(
    st.just(0.0),
    st.floats(0, 1e-8),
    st.floats(0, 40),
    st.builds(lambda n, cut: n + cut, st.integers(0, 20), st.sampled_from([0.15, 0.3, 0.5, 1.0])),
)
demand_rows = st.lists(
    st.fixed_dictionaries({role: edge_fte for role in SPECIALIST_ROLES}), min_size=1, max_size=8
)


@given(
    demand_rows,
    strategies.existing_teams(),
    strategies.setups,
    st.sampled_from([0, 1]),
    st.booleans(),
)
def test_staffing_arrays_of_demand_gives_each_plans_numbers_exactly(
    rows: list[dict[str, float]], existing: dict[str, int], setup: str, pinned: int, deploys: bool
) -> None:
    """The ranges staff a thousand draws at once: every element of the array results equals,
    to the last bit, what ``staff`` gives that element's demand on its own."""
    a = PINNED if pinned else Assumptions.defaults()
    arrays = {role: np.array([row[role] for row in rows]) for role in SPECIALIST_ROLES}
    counts = staff_counts(arrays, existing, setup, a, deploys=deploys)  # type: ignore[arg-type]
    for i, row in enumerate(rows):
        one = staff(row, existing, setup, a, deploys=deploys)  # type: ignore[arg-type]
        for role in ROLES:
            assert np.broadcast_to(counts.allocation[role], len(rows))[i] == one.allocation[role]
            assert np.broadcast_to(counts.needed[role], len(rows))[i] == one.needed[role]
        assert np.broadcast_to(counts.absorbed, len(rows))[i] == one.absorbed_fte
        uncovered = {
            role: float(np.broadcast_to(counts.uncovered[role], len(rows))[i])
            for role in SPECIALIST_ROLES
        }
        assert {role: fte for role, fte in uncovered.items() if fte > 1e-9} == one.uncovered_fte
        added = np.broadcast_to(counts.deployer_added, len(rows))[i]
        assert (one.deployer is not None) == added
        labeller = np.broadcast_to(counts.annotator_added, len(rows))[i]
        assert one.annotator_added == labeller


def test_work_too_small_to_show_is_not_named_as_getting_no_specialist() -> None:
    # As a mature company (cut 0.15): 2.04 FTE make two people, and "0.0 FTE below that gets
    # no specialist" was printed; 2.1 FTE make two too, leaving 0.1 FTE, which is said.
    small = staff(NO_WORK | {"data_engineer": 2.04}, {}, "mature", PINNED, deploys=False)
    assert small.allocation["data_engineer"] == 2
    assert "gets no specialist" not in small.rules["data_engineer"]
    larger = staff(NO_WORK | {"data_engineer": 2.1}, {}, "mature", PINNED, deploys=False)
    assert larger.allocation["data_engineer"] == 2
    assert "0.1 FTE below that gets no specialist" in larger.rules["data_engineer"]
