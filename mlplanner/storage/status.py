"""A plan's status: draft, proposed, approved.

The owner proposes a draft; an editor other than the owner approves a proposal (four eyes);
an editor or the owner sends a proposed or approved plan back to draft. Saving a new
revision makes a plan a draft again (:mod:`mlplanner.storage.plans`), and the approved
revision stays recorded in ``approved_revision`` (with who approved it, and when).
"""

from __future__ import annotations

from sqlmodel import Session

from mlplanner.storage.access import actor_of, checked_plan, owns
from mlplanner.storage.database import writing
from mlplanner.storage.errors import StorageError
from mlplanner.storage.models import STATUSES, PlanSummary, utc_now
from mlplanner.storage.plans import get_plan

_NEEDS: dict[str, tuple[str, str]] = {
    "proposed": ("owner", "proposing"),
    "approved": ("editor", "approving"),
    "draft": ("editor", "sending back to draft"),
}
_FROM: dict[str, tuple[str, ...]] = {
    "proposed": ("draft",),
    "approved": ("proposed",),
    "draft": ("proposed", "approved"),
}


def set_status(*, session: Session, plan_id: int, status: str) -> PlanSummary:
    """Move the plan to ``status`` if the session's actor may, from where it is."""
    if status not in STATUSES:
        raise StorageError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    need, action = _NEEDS[status]
    actor = actor_of(session)
    with writing(session):
        plan = checked_plan(session, plan_id, need, action)
        if plan.status not in _FROM[status]:
            raise StorageError(
                f"status: plan {plan_id} is {plan.status}; only a "
                f"{' or '.join(_FROM[status])} plan can become {status}"
            )
        if status == "approved":
            if owns(actor, plan.owner_subject, plan.owner_email):
                raise StorageError(
                    f"status: plan {plan_id} is yours; an editor other than the owner approves it"
                )
            plan.approved_revision = plan.latest_revision
            plan.approved_by = actor.email
            plan.approved_at = utc_now()
        plan.status = status
        plan.updated_at = utc_now()
    return get_plan(session=session, plan_id=plan_id)
