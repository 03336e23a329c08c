"""Sharing a plan: with named people (by e-mail) or everyone signed in, as viewer or editor;
handing it over to a new owner. Only the owner (or an administrator) shares; anyone who may
see a plan sees who has access to it."""

from __future__ import annotations

from sqlalchemy import delete as delete_rows
from sqlmodel import Session, col, select

from mlplanner.storage.access import EVERYONE, checked_email, checked_plan
from mlplanner.storage.database import reading, writing
from mlplanner.storage.errors import StorageError
from mlplanner.storage.models import SHARE_ROLES, PlanShare, ShareSummary, utc_now


def grantee_of(text: str) -> str:
    """``*`` for ``everyone`` (or ``*``), else the e-mail in lower case."""
    if text.strip().lower() in ("everyone", EVERYONE):
        return EVERYONE
    return checked_email(text, "share with")


def share(*, session: Session, plan_id: int, grantee: str, role: str) -> ShareSummary:
    """Give ``grantee`` (an e-mail, or ``everyone``) ``role`` on the plan (replacing any
    role they had)."""
    if role not in SHARE_ROLES:
        raise StorageError(f"role: {role!r} is not one of {', '.join(SHARE_ROLES)}")
    who = grantee_of(grantee)
    with writing(session):
        plan = checked_plan(session, plan_id, "owner", "sharing")
        if who == plan.owner_email:
            raise StorageError(f"share with: {who} owns plan {plan_id} already")
        existing = session.exec(
            select(PlanShare).where(PlanShare.plan_id == plan_id, PlanShare.grantee == who)
        ).first()
        if existing is None:
            session.add(PlanShare(plan_id=plan_id, grantee=who, role=role, created_at=utc_now()))
        else:
            existing.role = role
    return ShareSummary(grantee=who, role=role)


def unshare(*, session: Session, plan_id: int, grantee: str) -> ShareSummary:
    """Take back what the plan was shared with ``grantee``; returns what was removed."""
    who = grantee_of(grantee)
    with writing(session):
        checked_plan(session, plan_id, "owner", "sharing")
        existing = session.exec(
            select(PlanShare).where(PlanShare.plan_id == plan_id, PlanShare.grantee == who)
        ).first()
        if existing is None:
            raise StorageError(f"plan {plan_id} is not shared with {describe(who)}")
        removed = ShareSummary(grantee=who, role=existing.role)
        session.delete(existing)
    return removed


def hand_over(*, session: Session, plan_id: int, email: str) -> str:
    """Make ``email`` the plan's owner; the previous owner keeps editor access (unless that
    is the local user). Returns the new owner's e-mail."""
    new_owner = checked_email(email, "new owner")
    with writing(session):
        plan = checked_plan(session, plan_id, "owner", "handing it over")
        if plan.owner_subject is None and plan.owner_email == new_owner:
            raise StorageError(f"new owner: {new_owner} owns plan {plan_id} already")
        previous = plan.owner_email
        session.exec(
            delete_rows(PlanShare).where(
                col(PlanShare.plan_id) == plan_id,
                col(PlanShare.grantee).in_([new_owner, previous]),
            )
        )
        if "@" in previous:
            session.add(
                PlanShare(plan_id=plan_id, grantee=previous, role="editor", created_at=utc_now())
            )
        plan.owner_subject = None
        plan.owner_email = new_owner
        plan.updated_at = utc_now()
    return new_owner


def list_access(*, session: Session, plan_id: int) -> list[ShareSummary]:
    """Who the plan is shared with (everyone first, then by e-mail); its owner is in its
    summary."""
    with reading(session):
        checked_plan(session, plan_id, "viewer", "seeing who has access", trash=None)
        rows = session.exec(
            select(PlanShare.grantee, PlanShare.role)
            .where(PlanShare.plan_id == plan_id)
            .order_by(col(PlanShare.grantee) != EVERYONE, col(PlanShare.grantee))
        ).all()
    return [ShareSummary(grantee=grantee, role=role) for grantee, role in rows]


def describe(grantee: str) -> str:
    """``everyone signed in`` for ``*``, else the e-mail."""
    return "everyone signed in" if grantee == EVERYONE else grantee
