"""Revision notes, on SQLite and PostgreSQL: what the person saving says about a revision is
stored as plain text (stripped, empty is none, at most 500 characters), shown in the history,
and not carried over by a restore or a duplicate."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mlplanner.storage import plans
from mlplanner.storage.errors import RevisionNoteError
from mlplanner.storage.models import NOTE_MAX
from tests.storage.support import recommended, save_new, save_second_revision, seed_startup
from tests.storage.test_bad_input import snapshot

HOSTILE_NOTE = "**bold** [x](http://evil.example) <script>alert(1)</script> =SUM(A1) 数据 🚀"
BAD_NOTES = [
    ("x" * (NOTE_MAX + 1), rf"note: must be at most {NOTE_MAX} characters \(this one has 501\)"),
    ("x" * 10_000, r"note: must be at most 500 characters \(this one has 10,000\)"),
    ("line\nbreak", "note: must not contain control characters"),
    ("tab\there", "note: must not contain control characters"),
    ("nul\x00byte", "note: must not contain control characters"),
]


def notes(engine: Engine, plan_id: int) -> list[str | None]:
    """The plan's revision notes, newest first."""
    with Session(engine) as session:
        return [r.note for r in plans.list_revisions(session=session, plan_id=plan_id)]


def test_a_new_plan_and_a_revision_carry_their_notes(engine: Engine) -> None:
    plan = save_new(engine, "Acme lean", note="  First cut for the board  ")
    save_second_revision(engine, plan, note="Budget from 2.5 M to 3 M USD")
    assert notes(engine, plan.id) == ["Budget from 2.5 M to 3 M USD", "First cut for the board"]
    with Session(engine) as session:
        opened = plans.open_revision(session=session, plan_id=plan.id, number=1)
    assert opened.revision.note == "First cut for the board"


@pytest.mark.parametrize("empty", [None, "", "   \u00a0 "])
def test_an_empty_note_is_no_note(engine: Engine, empty: str | None) -> None:
    plan = save_new(engine, "Acme lean", note=empty)
    save_second_revision(engine, plan, note=empty)
    assert notes(engine, plan.id) == [None, None]


def test_a_note_of_exactly_the_limit_is_kept_whole(engine: Engine) -> None:
    longest = "é" * NOTE_MAX
    plan = save_new(engine, "Acme lean", note=longest)
    assert notes(engine, plan.id) == [longest]


def test_markup_in_a_note_is_stored_as_typed(engine: Engine) -> None:
    plan = save_new(engine, "Acme lean", note=HOSTILE_NOTE)
    assert notes(engine, plan.id) == [HOSTILE_NOTE]


@pytest.mark.parametrize(("note", "message"), BAD_NOTES)
def test_a_bad_note_is_refused_by_name_and_nothing_is_stored(
    engine: Engine, note: str, message: str
) -> None:
    plan = save_new(engine, "Existing plan")
    before = snapshot(engine)
    with Session(engine) as session:
        with pytest.raises(RevisionNoteError, match=message):
            plans.create_plan(session=session, evaluation=recommended(), note=note)
        with pytest.raises(RevisionNoteError, match=message):
            plans.save_revision(
                session=session,
                plan_id=plan.id,
                evaluation=recommended(seed_startup()),
                base_revision=1,
                note=note,
            )
    assert snapshot(engine) == before


def test_a_restore_or_a_duplicate_does_not_repeat_the_note(engine: Engine) -> None:
    plan = save_new(engine, "Acme lean", note="Lean setup")
    save_second_revision(engine, plan, note="Seed startup instead")
    with Session(engine) as session:
        plans.restore_revision(session=session, plan_id=plan.id, number=1, base_revision=2)
        copy = plans.duplicate(session=session, plan_id=plan.id)
        history = plans.list_revisions(session=session, plan_id=plan.id)
    assert [(r.number, r.restored_from, r.note) for r in history] == [
        (3, 1, None),
        (2, None, "Seed startup instead"),
        (1, None, "Lean setup"),
    ]
    assert notes(engine, copy.id) == [None]
