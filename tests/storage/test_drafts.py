"""Autosaved drafts: one per owner, overwritten, read back whole; a draft that no longer reads
is ignored (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from mlplanner.storage.drafts import (
    Draft,
    DraftPlan,
    browser_owner,
    load_draft,
    save_draft,
    user_owner,
)
from tests.storage.support import fashion, renamed, seed_startup
from tests.support.builders import assumptions_with

BROWSER = browser_owner("4f1c")
USER = user_owner("subject-1")


def test_no_draft_until_one_is_saved(session: Session) -> None:
    assert load_draft(session=session, owner=BROWSER) is None


def test_a_draft_reads_back_whole(session: Session) -> None:
    draft = Draft(
        scenario=renamed(fashion(), "Acme — draft"),
        allocation={"data_scientist": 4, "data_analyst": 3},
        allocation_label="lean plan (Trade-offs page)",
        plan=DraftPlan(plan_id=7, name="Acme lean", opened_revision=2, base_revision=3),
    )
    save_draft(session=session, owner=BROWSER, draft=draft)
    assert load_draft(session=session, owner=BROWSER) == draft


def test_saving_again_replaces_the_owners_draft_only(session: Session) -> None:
    save_draft(session=session, owner=BROWSER, draft=Draft(fashion(), {"data_scientist": 2}, "x"))
    save_draft(session=session, owner=USER, draft=Draft(seed_startup()))
    save_draft(session=session, owner=BROWSER, draft=Draft(seed_startup()))
    assert load_draft(session=session, owner=BROWSER) == Draft(seed_startup())
    assert load_draft(session=session, owner=USER) == Draft(seed_startup())
    count = session.exec(text("SELECT count(*) FROM scenario_draft")).one()  # type: ignore[call-overload]
    assert count[0] == 2


def test_a_draft_that_no_longer_reads_is_ignored(session: Session) -> None:
    save_draft(session=session, owner=BROWSER, draft=Draft(fashion()))
    with session.begin():
        session.exec(text("UPDATE scenario_draft SET scenario_json = '{\"name\": 3}'"))  # type: ignore[call-overload]
    assert load_draft(session=session, owner=BROWSER) is None


def test_an_unreadable_allocation_falls_back_to_the_recommendation(session: Session) -> None:
    save_draft(session=session, owner=BROWSER, draft=Draft(fashion(), {"data_scientist": 2}))
    with session.begin():
        session.exec(text("UPDATE scenario_draft SET allocation_json = '{\"wizard\": 2}'"))  # type: ignore[call-overload]
    assert load_draft(session=session, owner=BROWSER) == Draft(fashion())


def test_edited_assumptions_and_their_name_read_back(session: Session) -> None:
    edited = assumptions_with(loaded_cost_multiplier=1.6)
    draft = Draft(fashion(), assumptions=edited, assumption_set_name="Shipped defaults (edited)")
    save_draft(session=session, owner=BROWSER, draft=draft)
    loaded = load_draft(session=session, owner=BROWSER)
    assert loaded == draft
    assert loaded is not None and loaded.assumptions is not None
    assert loaded.assumptions.loaded_cost_multiplier == 1.6
    save_draft(session=session, owner=BROWSER, draft=Draft(fashion()))  # back to the defaults
    assert load_draft(session=session, owner=BROWSER) == Draft(fashion())


def test_unreadable_assumptions_fall_back_to_the_shipped_defaults(session: Session) -> None:
    edited = assumptions_with(loaded_cost_multiplier=1.6)
    save_draft(session=session, owner=BROWSER, draft=Draft(fashion(), assumptions=edited))
    for stored in ('\'{"loaded_cost_multiplier": "lots"}\'', "'not json'"):
        with session.begin():
            session.exec(text(f"UPDATE scenario_draft SET assumptions_json = {stored}"))  # type: ignore[call-overload]
        assert load_draft(session=session, owner=BROWSER) == Draft(fashion())
