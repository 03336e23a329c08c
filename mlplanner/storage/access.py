"""Who may do what with a plan, decided here, in the data layer, for the app and the CLI alike.

Every data-layer call acts as the :class:`Actor` its session was opened for
(:func:`session_for`); a session without one acts as :data:`LOCAL_USER`, the single user of
an installation without sign-in, who is an administrator: every plan is theirs to use.

Rights grow with the role: a **viewer** sees the plan, its revisions and comments, comments and
copies it; an **editor** also saves revisions, restores old ones, renames it and moves its
status; only the **owner** (or an administrator) deletes, restores from the trash, purges,
shares and hands it over. A plan someone may not see reads exactly as a plan that does not
exist ("… does not exist or is not shared with you"), so an id or a link leaks nothing; a plan
in the trash is visible to its owner only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, and_, exists, or_, true
from sqlmodel import Session, col, select

from mlplanner.storage.errors import PlanNotFoundError, StorageError
from mlplanner.storage.models import Plan, PlanShare

EVERYONE: Final = "*"
LOCAL_SUBJECT: Final = "local"
ROLE_RANK: Final = {"viewer": 1, "editor": 2, "owner": 3, "administrator": 3}
_ACTOR_KEY: Final = "mlplanner.actor"
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+")


@dataclass(frozen=True)
class Actor:
    """Who is acting: the OIDC subject and e-mail (lower case) of a signed-in user, the
    local single user (``admin``: may act on every plan), or a user named by e-mail alone
    (``subject`` None: the CLI's ``--as EMAIL``, matched as owner by e-mail)."""

    subject: str | None
    email: str
    admin: bool = False


LOCAL_USER: Final = Actor(subject=LOCAL_SUBJECT, email=LOCAL_SUBJECT, admin=True)


class AccessDeniedError(StorageError):
    """The actor may see the plan but lacks the right the action needs."""


def signed_in(subject: str | None, email: str) -> Actor:
    """The actor for a signed-in user; the e-mail is required (shares name people by it)."""
    return Actor(subject=subject, email=checked_email(email, "e-mail"))


def checked_email(email: str, field: str) -> str:
    """An e-mail address in lower case, or a :class:`StorageError` naming ``field``."""
    address = email.strip().lower()
    if not _EMAIL.fullmatch(address):
        raise StorageError(f"{field}: {email.strip()!r} is not an e-mail address")
    return address


def session_for(session: Session, actor: Actor) -> Session:
    """Make ``session`` act as ``actor`` (returned for use in a ``with`` statement)."""
    session.info[_ACTOR_KEY] = actor
    return session


def actor_of(session: Session) -> Actor:
    """The actor ``session`` acts as (the local user unless :func:`session_for` said else)."""
    actor: Actor = session.info.get(_ACTOR_KEY, LOCAL_USER)
    return actor


def owned_by(actor: Actor) -> ColumnElement[bool]:
    """SQL: the plan's owner is ``actor`` (by subject, or by e-mail after a hand-over or for
    an actor known by e-mail alone)."""
    if actor.subject is None:
        return col(Plan.owner_email) == actor.email
    return or_(
        col(Plan.owner_subject) == actor.subject,
        and_(col(Plan.owner_subject).is_(None), col(Plan.owner_email) == actor.email),
    )


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """SQL: ``actor`` may see the plan (owns it, or it is shared with them or everyone)."""
    if actor.admin:
        return true()
    shared = exists().where(
        col(PlanShare.plan_id) == Plan.id,
        col(PlanShare.grantee).in_([actor.email, EVERYONE]),
    )
    return or_(owned_by(actor), shared)


def owns(actor: Actor, owner_subject: str | None, owner_email: str) -> bool:
    """Python twin of :func:`owned_by`, for one plan's owner columns."""
    if owner_subject is not None and actor.subject is not None:
        return owner_subject == actor.subject
    return owner_email == actor.email


def role_on(session: Session, actor: Actor, plan: Plan) -> str | None:
    """``owner``, ``administrator``, ``editor``, ``viewer``, or None when not shared."""
    if owns(actor, plan.owner_subject, plan.owner_email):
        return "owner"
    if actor.admin:
        return "administrator"
    assert plan.id is not None
    return shared_role(session, actor, [plan.id]).get(plan.id)


def shared_role(session: Session, actor: Actor, plan_ids: list[int]) -> dict[int, str]:
    """The best role the plans are shared with ``actor`` by (by e-mail or with everyone)."""
    statement = select(PlanShare.plan_id, PlanShare.role).where(
        col(PlanShare.plan_id).in_(plan_ids), col(PlanShare.grantee).in_([actor.email, EVERYONE])
    )
    roles: dict[int, str] = {}
    for plan_id, role in session.exec(statement).all():
        if ROLE_RANK[role] > ROLE_RANK.get(roles.get(plan_id, ""), 0):
            roles[plan_id] = role
    return roles


def not_found(actor: Actor, plan_id: int) -> PlanNotFoundError:
    """The one message for a plan that is missing or that ``actor`` may not see."""
    if actor.admin:
        return PlanNotFoundError(f"plan {plan_id} does not exist")
    return PlanNotFoundError(f"plan {plan_id} does not exist or is not shared with you")


def checked_plan(
    session: Session, plan_id: int, need: str, action: str, *, trash: bool | None = False
) -> Plan:
    """The plan, if the session's actor holds role ``need`` (viewer, editor or owner) on it.

    ``trash``: False for a plan that must not be in the trash, True for one that must be,
    None for either. A plan the actor may not see, or a trashed plan they do not own, is
    :func:`not_found`; a missing right is :class:`AccessDeniedError` naming it and ``action``.
    """
    actor = actor_of(session)
    plan = session.get(Plan, plan_id)
    role = None if plan is None else role_on(session, actor, plan)
    if plan is None or role is None:
        raise not_found(actor, plan_id)
    in_trash = plan.deleted_at is not None
    if in_trash and ROLE_RANK[role] < ROLE_RANK["owner"]:
        raise not_found(actor, plan_id)
    if ROLE_RANK[role] < ROLE_RANK[need]:
        raise AccessDeniedError(
            f"plan {plan_id} ({plan.name!r}): {action} needs the {need} right; you are a "
            f"{role} of this plan (its owner, {plan.owner_email}, can change that)"
        )
    if trash is False and in_trash:
        raise PlanNotFoundError(f"plan {plan_id} ({plan.name!r}) is in the trash; restore it first")
    if trash is True and not in_trash:
        raise PlanNotFoundError(f"plan {plan_id} ({plan.name!r}) is not in the trash")
    return plan
