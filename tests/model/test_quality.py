"""Quality: delivery by hand (curve, weakest link, weights), the factors, and its bounds."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import BASELINE_SOURCE, compute_demand
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.quality import COMPONENTS, Portfolio, assess, delivered_share, portfolio
from mlplanner.model.roles import PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from tests.support import strategies
from tests.support.builders import assumptions_with, project_data, scenario

# The numbers of the quality formula, pinned so the hand computations below hold.
PINNED = assumptions_with(
    generalist_capacity_fte=0.5,
    generalist_depth={
        "data_analyst": 0.8,
        "data_engineer": 0.6,
        "data_scientist": 0.95,
        "research_scientist": 0.4,
        "ml_engineer": 0.6,
        "developer": 0.7,
    },
    delivery_headroom=0.1,
    resilience_weight=0.15,
    lead_gap_penalty=0.5,
    lead_span=8,
)
DS, DE, MLE = (
    SPECIALIST_ROLES.index(r) for r in ("data_scientist", "data_engineer", "ml_engineer")
)


def only(**shares: float) -> tuple[float, ...]:
    """A demand share per specialist role: ``only(data_scientist=1.0)``."""
    return tuple(shares.get(role, 0.0) for role in SPECIALIST_ROLES)


@dataclass(frozen=True)
class Unit:
    """A unit of delivery written by hand: its weight, demand share per role, links
    ``(strength, the phase's share per role)``, one per phase at most, and the share of the
    generalists' depth gap its stage feels."""

    name: str
    weight: float
    average: tuple[float, ...]
    links: tuple[tuple[float, tuple[float, ...]], ...]
    need: float = 1.0


def work(*units: Unit, teams: int = 0, **fte: float) -> Portfolio:
    strength = np.zeros((len(units), len(PHASES)))
    mix = np.zeros((len(units), len(PHASES), len(SPECIALIST_ROLES)))
    for u, unit in enumerate(units):
        for p, (k, row) in enumerate(unit.links):
            strength[u, p], mix[u, p] = k, row
    return Portfolio(
        demand=only(**fte),
        names=tuple(unit.name for unit in units),
        depth_work=tuple("" for _ in units),
        weight=np.array([unit.weight for unit in units]),
        average=np.array([unit.average for unit in units]).reshape((len(units), -1)),
        strength=strength,
        mix=mix,
        teams=teams,
        need=np.array([unit.need for unit in units]),
    )


def people(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


def score(portfolio: Portfolio, **counts: int) -> dict[str, float]:
    quality = assess(
        portfolio, np.zeros((len(PHASES), len(SPECIALIST_ROLES))), people(**counts), PINNED
    )
    return {"score": quality.score, **quality.components}


def test_the_curve_is_linear_to_demand_and_concave_past_it() -> None:
    assert delivered_share(1.0, 2.0, 0.1) == pytest.approx(0.45)
    assert delivered_share(2.0, 2.0, 0.1) == pytest.approx(0.9)
    past = [delivered_share(c, 2.0, 0.1) for c in (2.0, 3.0, 4.0, 5.0)]
    gains = np.diff(past)
    assert (gains > 0).all() and (np.diff(gains) < 0).all() and past[-1] < 1


def test_a_project_delivers_at_most_its_weakest_link() -> None:
    """Half model work, half deployment; nobody deploys: the average is 0.45, the weakest
    link (deployment, strength 1) caps the project at 0."""
    project = Unit(
        "P", 1.0, only(data_scientist=0.5, ml_engineer=0.5), ((1.0, only(ml_engineer=1.0)),)
    )
    portfolio = work(project, data_scientist=1.0, ml_engineer=1.0)
    assert score(portfolio, data_scientist=1)["delivery"] == 0
    # With a weaker link (0.5) the cap is 1 - 0.5 x (1 - 0) = 0.5, above the average 0.45.
    softer = work(
        Unit("P", 1.0, project.average, ((0.5, only(ml_engineer=1.0)),)),
        data_scientist=1.0,
        ml_engineer=1.0,
    )
    assert score(softer, data_scientist=1)["delivery"] == pytest.approx(45.0)


def test_units_weigh_by_their_weight() -> None:
    a = Unit("A", 0.75, only(data_scientist=1.0), ())
    b = Unit("B", 0.25, only(data_engineer=1.0), ())
    portfolio = work(a, b, data_scientist=1.0, data_engineer=1.0)
    assert score(portfolio, data_scientist=1)["delivery"] == pytest.approx(0.75 * 90)


def test_generalists_deliver_at_their_depth() -> None:
    """One generalist (0.5 FTE) on 1 FTE of data science: 0.5 x 0.95 of it at depth."""
    portfolio = work(Unit("P", 1.0, only(data_scientist=1.0), ()), data_scientist=1.0)
    assert score(portfolio, full_stack_data_scientist=1)["delivery"] == pytest.approx(
        100 * 0.9 * 0.5 * 0.95
    )


def test_a_prototype_feels_part_of_the_depth_gap() -> None:
    """The same generalist on a prototype feeling half the gap: data engineering at 0.6
    counts 1 - 0.5 x 0.4 = 0.8; beside it a unit feeling all of it keeps 0.6, each from its
    own share of the role's capacity."""
    lab = Unit("Lab", 0.5, only(data_engineer=1.0), ((1.0, only(data_engineer=1.0)),), need=0.5)
    line = Unit("Line", 0.5, only(data_engineer=1.0), ((1.0, only(data_engineer=1.0)),))
    portfolio = work(lab, line, data_engineer=1.0)
    quality = assess(
        portfolio,
        np.zeros((len(PHASES), len(SPECIALIST_ROLES))),
        people(full_stack_data_scientist=1),
        PINNED,
    )
    assert quality.delivery_by_unit["Lab"] == pytest.approx(100 * 0.9 * 0.5 * 0.8)
    assert quality.delivery_by_unit["Line"] == pytest.approx(100 * 0.9 * 0.5 * 0.6)


def test_resilience_and_coordination_scale_the_delivery() -> None:
    """Two data scientists on 2 FTE: delivery 90, resilient, one team needs no lead."""
    portfolio = work(Unit("P", 1.0, only(data_scientist=1.0), ()), data_scientist=2.0)
    both = score(portfolio, data_scientist=2)
    assert both["score"] == pytest.approx(90.0)
    alone = score(
        work(Unit("P", 1.0, only(data_scientist=1.0), ()), data_scientist=1.0), data_scientist=1
    )
    assert alone["resilience"] == 0
    assert alone["score"] == pytest.approx(90 * (1 - 0.15))
    led = work(Unit("P", 1.0, only(data_scientist=1.0), ()), teams=2, data_scientist=2.0)
    assert score(led, data_scientist=2)["coordination"] == pytest.approx(50.0)
    assert score(led, data_scientist=2, team_lead=1)["coordination"] == pytest.approx(75.0)
    assert score(led, data_scientist=2, team_lead=1)["score"] == pytest.approx(90 * 0.75)


def test_an_empty_team_scores_zero() -> None:
    portfolio = work(Unit("P", 1.0, only(data_scientist=1.0), ()), data_scientist=1.0)
    assert score(portfolio)["score"] == 0


def test_annotators_are_not_covered_by_generalists() -> None:
    portfolio = work(Unit("P", 1.0, only(annotator=1.0), ()), annotator=1.0)
    assert score(portfolio, full_stack_data_scientist=3)["delivery"] == 0


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations())
def test_quality_and_every_component_stay_between_0_and_100(
    s: Scenario, allocation: dict[str, int]
) -> None:
    for evaluation in (
        evaluate(s, allocation),
        *(recommend(s, setup) for setup in ("startup", "scaleup", "mature")),
    ):
        detail = evaluation.quality_detail
        assert 0 <= evaluation.quality <= 100
        for value in (
            *detail.components.values(),
            *detail.coverage_by_role.values(),
            *detail.coverage_by_phase.values(),
            *detail.delivery_by_unit.values(),
        ):
            assert 0 <= value <= 100
        assert set(detail.components) == set(COMPONENTS)


def test_each_unit_feels_its_kind_of_works_share_of_the_depth_gap() -> None:
    """A batch-scored model at medium scale and a prototype feel half of the gap, an online
    model and the analytics baseline all of it, and shared platform work what the most
    demanding project feels."""
    a = Assumptions.defaults()
    mixed = scenario(
        project_data("Churn"),
        project_data("Search", deployment="online"),
        project_data("Lab", stage="prototype"),
        employees=500,
    )
    needs = dict(zip(*_units_and_needs(mixed, a), strict=True))
    assert (needs["Churn"], needs["Lab"]) == (0.5, 0.5)
    assert needs["Search"] == needs[BASELINE_SOURCE] == 1.0
    assert all(needs[name] == 1.0 for name in needs if name.startswith("Shared platform"))
    light = scenario(project_data("Churn", scale="small"), project_data("Lab", stage="prototype"))
    names, need = _units_and_needs(light, a)
    shared = [n for name, n in zip(names, need, strict=True) if name.startswith("Shared")]
    assert shared and all(n == 0.5 for n in shared)


def _units_and_needs(s: Scenario, a: Assumptions) -> tuple[tuple[str, ...], list[float]]:
    work = portfolio(compute_demand(s, a), a)
    return work.names, [float(n) for n in work.need]
