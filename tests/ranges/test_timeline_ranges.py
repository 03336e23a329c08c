"""Bands around the hiring timeline: ordered, and the timeline itself when nothing is uncertain."""

from __future__ import annotations

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.ranges.timeline_ranges import timeline_ranges
from mlplanner.timeline.simulation import simulate


def test_bands_are_ordered_and_cover_every_quarter(fashion: Scenario) -> None:
    ranges = timeline_ranges(fashion, draws=10)
    assert ranges.quarters == tuple(q.quarter for q in simulate(fashion).quarters)
    for b in (*ranges.headcount, *ranges.cumulative_cost_usd):
        assert b.p10 <= b.p50 <= b.p90
    assert ranges.cumulative_cost_usd[-1].p10 < ranges.cumulative_cost_usd[-1].p90


def test_no_uncertainty_gives_the_timeline(fashion: Scenario) -> None:
    certain = Assumptions.from_dict({**Assumptions.defaults().model_dump(), "uncertainty": {}})
    ranges = timeline_ranges(fashion, certain, draws=3)
    timeline = simulate(fashion)
    assert [b.p10 for b in ranges.headcount] == [q.headcount for q in timeline.quarters]
    assert [b.p90 for b in ranges.cumulative_cost_usd] == [
        q.cumulative_cost_usd for q in timeline.quarters
    ]
