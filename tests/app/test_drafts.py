"""Nothing is lost (AppTest): the scenario being edited and an adopted allocation come back in
a new session of the same browser (a reload, a browser restart) or of the same signed-in user;
"New scenario" starts blank; the Example box shows what is on screen.

A new AppTest is a new session, as a reload is; what it seeds is the browser's cookie (the
browser id, :data:`~mlplanner.ui.drafts.BROWSER_ID`). AppTest runs ``app.py`` (where the draft
is restored and autosaved) on a session's first run only, so the state to keep is seeded before
that run; tests/browser/test_drafts_flow.py edits, reloads and restarts a real browser.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.examples import NEW_SCENARIO_NAME, example_scenarios
from mlplanner.model.scenario import Scenario
from mlplanner.storage.drafts import Draft, browser_owner, load_draft
from mlplanner.storage.errors import StorageError
from mlplanner.ui import drafts
from mlplanner.ui.drafts import BROWSER_ID, COOKIE
from mlplanner.ui.state import IN_FORCE, OVERRIDE, SCENARIO, InForce, Override
from tests.app.apptest import APP, TIMEOUT_S, button, current_scenario, run, texts
from tests.app.test_team_mode import ANN, AUTH, BOB
from tests.support.builders import assumptions_with

SEED = "seed_startup.json"
FASHION = "fashion_retailer.json"


def session_of(
    browser: str,
    scenario: Scenario | None = None,
    override: Override | None = None,
    user: dict[str, Any] | None = None,
) -> AppTest:
    """A new session of the browser whose cookie holds ``browser`` (signed in as ``user``),
    with ``scenario`` and ``override`` put in force before its first run."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state[BROWSER_ID.key] = browser
    if scenario is not None:
        at.session_state[SCENARIO] = scenario
    if override is not None:
        at.session_state[OVERRIDE] = override
    if user is not None:
        at.secrets["auth"] = AUTH
        at.user = user
    return run(at)


def example_box(at: AppTest) -> str | None:
    value: str | None = next(b for b in at.selectbox if b.label == "Example scenario").value
    return value


def test_the_first_visit_opens_on_the_default_example_and_the_box_shows_it() -> None:
    at = session_of("a" * 32)
    assert current_scenario(at) == example_scenarios()[FASHION]
    assert example_box(at) == FASHION


def stored_draft(engine: Engine, browser: str) -> Draft | None:
    drafts.flush()  # the runs hand their writes to a background thread
    with Session(engine) as session:
        return load_draft(session=session, owner=browser_owner(browser))


def test_a_first_visit_that_changes_nothing_stores_no_draft(engine: Engine) -> None:
    session_of("9" * 32)
    assert stored_draft(engine, "9" * 32) is None  # a reload opens on the same example
    session_of("8" * 32, edited_seed())  # one that has changed something
    stored = stored_draft(engine, "8" * 32)
    assert stored is not None and stored.scenario == edited_seed()


def edited_seed() -> Scenario:
    seed = example_scenarios()[SEED]
    company = seed.company.model_copy(update={"employees": 321})
    return seed.model_copy(update={"company": company})


def test_the_scenario_and_an_adopted_allocation_come_back_in_a_new_session() -> None:
    lean = Override({"data_scientist": 1, "ml_engineer": 1}, "lean plan (Trade-offs page)")
    session_of("b" * 32, edited_seed(), lean)

    again = session_of("b" * 32)
    assert current_scenario(again) == edited_seed()
    assert again.session_state[OVERRIDE] == lean
    assert example_box(again) == SEED  # the example the scenario came from
    assert "Adopted allocation: lean plan (Trade-offs page)" in texts(again.sidebar.caption)

    other = session_of("c" * 32)  # another browser: its own first visit
    assert current_scenario(other) == example_scenarios()[FASHION]


def test_edited_assumptions_come_back_in_a_new_session() -> None:
    # Reviewed as a user would: the loaded cost multiplier changed to 1.6, then a reload put
    # the shipped defaults back without a word.
    edited = assumptions_with(loaded_cost_multiplier=1.6)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state[BROWSER_ID.key] = "f" * 32
    at.session_state[IN_FORCE] = InForce(edited, "Shipped defaults (edited)")
    run(at)

    again = session_of("f" * 32)
    assert again.session_state[IN_FORCE] == InForce(edited, "Shipped defaults (edited)")
    assert "Assumptions: Shipped defaults (edited)" in texts(again.sidebar.caption)
    assert current_scenario(again) == example_scenarios()[FASHION]  # nothing else changed


def test_new_scenario_starts_blank() -> None:
    at = session_of("d" * 32)
    button(at, "New scenario").click()
    run(at)
    blank = current_scenario(at)
    assert (blank.name, blank.projects, blank.company.existing_team) == (NEW_SCENARIO_NAME, [], {})
    assert blank.company.annual_budget_usd is None
    assert example_box(at) is None  # "Choose an example…": no example is on screen
    assert at.text_input[0].value == NEW_SCENARIO_NAME


def test_a_signed_in_user_finds_their_draft_in_any_browser() -> None:
    session_of("e" * 32, edited_seed(), user=ANN)
    assert current_scenario(session_of("f" * 32, user=ANN)) == edited_seed()
    assert current_scenario(session_of("e" * 32, user=BOB)) == example_scenarios()[FASHION]


def cookie_scripts(at: AppTest) -> list[str]:
    """The sidebar's scripts that set this browser's id cookie."""
    return [e.proto.body for e in at.sidebar.get("html") if COOKIE in e.proto.body]


def test_the_cookie_is_set_by_the_run_that_first_stores_a_draft() -> None:
    at = session_of("7" * 32)
    assert cookie_scripts(at) == []  # nothing to keep yet: no script on a first visit
    at = session_of("6" * 32, edited_seed())  # this run stores the draft
    [script] = cookie_scripts(at)
    assert f"{COOKIE}={'6' * 32};" in script


def _autosaving_script() -> None:
    """What app.py does around the page on every run, as far as the draft goes."""
    from mlplanner.ui.drafts import autosave, render_draft_status

    render_draft_status()
    autosave()


def test_a_failed_write_is_shown_and_written_again_by_the_next_run(
    engine: Engine, monkeypatch: Any
) -> None:
    """The write runs after the run that hands it over: the next run shows its failure, and
    writes the draft again (AppTest reruns only the page of an app, so this runs a script
    that autosaves on every run)."""

    def refuse(**_: Any) -> None:
        raise StorageError("the database is read-only")

    at = AppTest.from_function(_autosaving_script, default_timeout=TIMEOUT_S)
    at.session_state[BROWSER_ID.key] = "5" * 32
    at.session_state[SCENARIO] = edited_seed()
    writes = drafts.save_draft
    monkeypatch.setattr(drafts, "save_draft", refuse)
    run(at)  # hands over a write that fails
    assert texts(at.caption) == []
    run(at)
    assert texts(at.caption) == ["Your work is not autosaved: the database is read-only"]
    assert stored_draft(engine, "5" * 32) is None

    monkeypatch.setattr(drafts, "save_draft", writes)
    run(at)  # nothing has changed, but the draft was not stored: written again
    run(at)
    assert texts(at.caption) == []
    stored = stored_draft(engine, "5" * 32)
    assert stored is not None and stored.scenario == edited_seed()
