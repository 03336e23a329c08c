"""Comments on a plan: plain text with its author and time. Anyone who may see a plan may
comment on it; comments are kept until the plan is deleted for good."""

from __future__ import annotations

import unicodedata

from sqlmodel import Session, col, select

from mlplanner.storage.access import actor_of, checked_plan
from mlplanner.storage.database import reading, writing
from mlplanner.storage.errors import StorageError
from mlplanner.storage.models import COMMENT_MAX, CommentSummary, PlanComment, utc_now

_LINE_BREAKS = ("\n", "\r")


def checked_comment(text: str) -> str:
    """The comment stripped of surrounding space; :class:`StorageError` naming the problem
    when it is empty, too long, or has control characters other than line breaks."""
    body = text.strip().replace("\r\n", "\n")
    if not body:
        raise StorageError("comment: must not be empty")
    if len(body) > COMMENT_MAX:
        raise StorageError(
            f"comment: must be at most {COMMENT_MAX:,} characters (this one has {len(body):,})"
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in _LINE_BREAKS for ch in body):
        raise StorageError("comment: must not contain control characters (tabs, …)")
    return body


def add_comment(*, session: Session, plan_id: int, text: str) -> CommentSummary:
    body = checked_comment(text)
    with writing(session):
        checked_plan(session, plan_id, "viewer", "commenting")
        comment = PlanComment(
            plan_id=plan_id, author=actor_of(session).email, body=body, created_at=utc_now()
        )
        session.add(comment)
        session.flush()
        summary = CommentSummary.model_validate(comment, from_attributes=True)
    return summary


def list_comments(*, session: Session, plan_id: int) -> list[CommentSummary]:
    """The plan's comments, oldest first."""
    with reading(session):
        checked_plan(session, plan_id, "viewer", "reading comments")
        rows = session.exec(
            select(PlanComment)
            .where(PlanComment.plan_id == plan_id)
            .order_by(col(PlanComment.created_at), col(PlanComment.id))
        ).all()
        return [CommentSummary.model_validate(row, from_attributes=True) for row in rows]
