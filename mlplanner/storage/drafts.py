"""Autosaved drafts: the scenario someone is working on (with the adopted allocation and the
assumptions in force), so a reload loses nothing.

One draft per **owner**, a string the app chooses: ``browser:<id>`` for a browser without
sign-in (the id lives in a cookie), ``user:<subject>`` for a signed-in user (the same draft on
every browser they use). Saving overwrites the owner's draft in one upsert. A draft that no
longer reads as a scenario (written by an older version, edited by hand) is ignored, never an
error: the app then starts as on a first visit; assumptions that no longer read as an
assumption set are dropped alike (the draft opens on the shipped defaults).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from mlplanner.errors import ScenarioError
from mlplanner.model.assumptions import AssumptionError, Assumptions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario, scenario_from_json
from mlplanner.storage.database import reading, writing
from mlplanner.storage.models import ScenarioDraft, utc_now
from mlplanner.storage.snapshots import canonical


@dataclass(frozen=True)
class DraftPlan:
    """The saved plan a draft was opened from (or saved as): which revision it showed and the
    plan's newest revision then (what a next save builds on)."""

    plan_id: int
    name: str
    opened_revision: int
    base_revision: int


@dataclass(frozen=True)
class Draft:
    """What is autosaved: the scenario, an adopted allocation (None: the recommendation) with
    its label, the saved plan it belongs to, if any, and the assumptions in force with their
    name (None: the shipped defaults)."""

    scenario: Scenario
    allocation: Mapping[str, int] | None = None
    allocation_label: str = ""
    plan: DraftPlan | None = field(default=None)
    assumptions: Assumptions | None = None
    assumption_set_name: str = ""


def browser_owner(browser_id: str) -> str:
    """The owner key of a browser without sign-in."""
    return f"browser:{browser_id}"


def user_owner(subject: str) -> str:
    """The owner key of a signed-in user (their OIDC subject)."""
    return f"user:{subject}"


def save_draft(*, session: Session, owner: str, draft: Draft) -> None:
    """Store ``draft`` as ``owner``'s, replacing the one before."""
    plan = draft.plan
    values = {
        "owner": owner,
        "scenario_json": draft.scenario.model_dump_json(),
        "allocation_json": None if draft.allocation is None else json.dumps(dict(draft.allocation)),
        "allocation_label": draft.allocation_label or None,
        "assumptions_json": None
        if draft.assumptions is None
        else canonical(draft.assumptions).values_json,
        "assumption_set_name": draft.assumption_set_name or None,
        "plan_id": None if plan is None else plan.plan_id,
        "plan_name": None if plan is None else plan.name,
        "opened_revision": None if plan is None else plan.opened_revision,
        "base_revision": None if plan is None else plan.base_revision,
        "updated_at": utc_now(),
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    changed = {key: value for key, value in values.items() if key != "owner"}
    with writing(session):
        session.exec(
            dialect.insert(ScenarioDraft)
            .values(values)
            .on_conflict_do_update(index_elements=["owner"], set_=changed)
        )


def load_draft(*, session: Session, owner: str) -> Draft | None:
    """``owner``'s draft, or None if there is none or it no longer reads as a scenario."""
    with reading(session):  # the row is read whole inside (its attributes expire after)
        row = session.exec(select(ScenarioDraft).where(ScenarioDraft.owner == owner)).first()
        if row is None:
            return None
        try:
            scenario = scenario_from_json(row.scenario_json)
        except ScenarioError:
            return None
        return Draft(
            scenario=scenario,
            allocation=_allocation(row.allocation_json),
            allocation_label=row.allocation_label or "",
            plan=_plan(row),
            **_assumptions(row),
        )


def _assumptions(row: ScenarioDraft) -> dict[str, Any]:
    """The stored assumptions and their name, or none (the shipped defaults) if they are
    missing or no longer read as an assumption set."""
    if row.assumptions_json is None:
        return {}
    try:
        assumptions = Assumptions.from_dict(json.loads(row.assumptions_json))
    except (ValueError, AssumptionError):
        return {}
    return {"assumptions": assumptions, "assumption_set_name": row.assumption_set_name or ""}


def _allocation(text: str | None) -> dict[str, int] | None:
    """The stored allocation, or None (the recommendation) if it is missing or unreadable."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not set(data) <= set(ROLES):
        return None
    if not all(isinstance(n, int) and n >= 0 for n in data.values()):
        return None
    return {str(role): int(n) for role, n in data.items()}


def _plan(row: ScenarioDraft) -> DraftPlan | None:
    if row.plan_id is None or row.opened_revision is None or row.base_revision is None:
        return None
    return DraftPlan(row.plan_id, row.plan_name or "", row.opened_revision, row.base_revision)
