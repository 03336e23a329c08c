"""Property: whatever plans three users own and however they are shared, each user lists
exactly the plans they own or that are shared with them (or everyone), with the best role
they were given, and is refused every plan they may not see with the same words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete
from sqlmodel import Session

from mlplanner.storage import plans, sharing
from mlplanner.storage.access import EVERYONE, ROLE_RANK, Actor, session_for, signed_in
from mlplanner.storage.database import open_database
from mlplanner.storage.errors import PlanNotFoundError
from mlplanner.storage.models import Plan, PlanShare, Revision
from tests.storage.support import recommended

USERS = [signed_in(f"sub-{name}", f"{name}@example.com") for name in ("ann", "bob", "cat")]
GRANTEES = [user.email for user in USERS] + [EVERYONE]
EVALUATION = recommended()

plan_specs = st.lists(
    st.tuples(
        st.sampled_from(range(len(USERS))),
        st.dictionaries(st.sampled_from(GRANTEES), st.sampled_from(["viewer", "editor"])),
    ),
    max_size=5,
)


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('access') / 'plans.db'}")
    yield engine
    engine.dispose()


def as_(engine: Engine, actor: Actor) -> Session:
    return session_for(Session(engine), actor)


def expected_access(actor: Actor, owner: Actor, grants: dict[str, str]) -> str | None:
    if actor == owner:
        return "owner"
    roles = [role for who, role in grants.items() if who in (actor.email, EVERYONE)]
    return max(roles, key=ROLE_RANK.__getitem__, default=None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=plan_specs)
def test_everyone_sees_exactly_what_is_theirs_or_shared_with_them(
    shared_engine: Engine, specs: list[tuple[int, dict[str, str]]]
) -> None:
    with Session(shared_engine) as session:
        for table in (PlanShare, Revision, Plan):
            session.exec(delete(table))
        session.commit()
    saved: list[tuple[int, Actor, dict[str, str]]] = []
    for index, (owner_index, grants) in enumerate(specs):
        owner = USERS[owner_index]
        plan = plans.create_plan(
            session=as_(shared_engine, owner), evaluation=EVALUATION, name=f"Plan {index}"
        )
        for grantee, role in grants.items():
            if grantee == owner.email:
                continue  # an owner cannot be given a role on their own plan
            sharing.share(
                session=as_(shared_engine, owner), plan_id=plan.id, grantee=grantee, role=role
            )
        saved.append((plan.id, owner, {g: r for g, r in grants.items() if g != owner.email}))

    for user in USERS:
        expected = {
            plan_id: access
            for plan_id, owner, grants in saved
            if (access := expected_access(user, owner, grants)) is not None
        }
        listed = plans.list_plans(session=as_(shared_engine, user), limit=500)
        assert {plan.id: plan.access for plan in listed} == expected
        mine = plans.list_plans(session=as_(shared_engine, user), scope="mine")
        assert {plan.id for plan in mine} == {p for p, a in expected.items() if a == "owner"}
        for plan_id, _, _ in saved:
            if plan_id not in expected:
                with pytest.raises(PlanNotFoundError) as refused:
                    plans.get_plan(session=as_(shared_engine, user), plan_id=plan_id)
                assert str(refused.value) == (
                    f"plan {plan_id} does not exist or is not shared with you"
                )
