"""Every revision of every live plan, as choices for comparing plans (one query).

The query selects five columns, past the four SQLModel's typed ``select`` knows, so it uses
SQLAlchemy's ``select`` and reads rows as mappings.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import label, select
from sqlmodel import Session, col

from mlplanner.storage.access import actor_of, visible_to
from mlplanner.storage.models import Plan, Revision, StorageModel
from mlplanner.storage.plans import PREVIOUS_QUALITY

MAX_CHOICES: Final = 1_000


class RevisionChoice(StorageModel):
    """One revision a user can pick: its plan, number and the assumption set it was saved with."""

    plan_id: int
    plan_name: str
    number: int
    latest_revision: int
    assumption_set_name: str
    quality: float  # as saved
    previous_quality: bool  # scored by the previous quality definition

    @property
    def is_latest(self) -> bool:
        return self.number == self.latest_revision


def revision_choices(*, session: Session, limit: int = MAX_CHOICES) -> list[RevisionChoice]:
    """Revisions of plans not in the trash that the session's actor may see: last saved plan
    first, newest revision first."""
    statement = (
        select(
            col(Revision.plan_id),
            label("plan_name", col(Plan.name)),
            col(Revision.number),
            col(Plan.latest_revision),
            col(Revision.assumption_set_name),
            col(Revision.quality),
            PREVIOUS_QUALITY,
        )
        .join(Revision, col(Revision.plan_id) == Plan.id)
        .where(col(Plan.deleted_at).is_(None), visible_to(actor_of(session)))
        .order_by(col(Plan.updated_at).desc(), col(Plan.id).desc(), col(Revision.number).desc())
        .limit(limit)
    )
    started = not session.in_transaction()
    try:
        rows = session.execute(statement).mappings().all()
    finally:
        if started:
            session.rollback()
    return [RevisionChoice.model_validate(row) for row in rows]
