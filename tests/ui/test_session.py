"""The app's session machinery: typed state, one-off messages, widget scopes that reset."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from mlplanner.model.plan import recommend
from mlplanner.ui.state import IN_FORCE, OVERRIDE, InForce, Override
from tests.support.builders import assumptions_with, project_data, scenario

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 30


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _messages_script() -> None:
    import streamlit as st

    from mlplanner.ui.messages import flash, render_flash

    def try_twice() -> None:
        flash("success", "Saved **it**.")
        flash("error", "Could not save.")

    render_flash()
    st.button("Succeed", on_click=flash, args=("success", "Saved **it**."))
    st.button("Try twice", on_click=try_twice)


def test_a_flashed_message_shows_once_on_the_next_run() -> None:
    at = _run(AppTest.from_function(_messages_script, default_timeout=TIMEOUT_S))
    assert not at.success
    at.button[0].click()
    _run(at)
    assert [m.value for m in at.success] == ["Saved **it**."]
    _run(at)
    assert not at.success


def test_a_newer_message_replaces_an_older_one() -> None:
    at = _run(AppTest.from_function(_messages_script, default_timeout=TIMEOUT_S))
    at.button[1].click()
    _run(at)
    assert not at.success
    assert [m.value for m in at.error] == ["Could not save."]


def _scope_script() -> None:
    import streamlit as st

    from mlplanner.ui import widgets

    st.text_input("Name", value="start", key=widgets.scoped_key("demo", "name"))
    st.text_input("Other", value="other", key=widgets.scoped_key("kept", "name"))
    st.button("Reset", on_click=widgets.reset, args=("demo",))


def test_resetting_a_scope_starts_its_widgets_afresh_and_only_its_own() -> None:
    at = _run(AppTest.from_function(_scope_script, default_timeout=TIMEOUT_S))
    assert at.text_input[0].key == "mlp.demo.0.name"
    at.text_input[0].set_value("typed")
    at.text_input[1].set_value("typed too")
    _run(at)
    at.button[0].click()
    _run(at)
    assert at.text_input[0].key == "mlp.demo.1.name"
    assert at.text_input[0].value == "start"
    assert at.text_input[1].value == "typed too"


def _state_script() -> None:
    import streamlit as st

    from mlplanner.ui.state import current_plan, get_assumption_set_name, get_override

    override = get_override()
    st.text(f"{get_assumption_set_name()} · {current_plan().total_headcount}")
    st.text("none" if override is None else override.label)


def test_the_plan_in_force_comes_from_the_typed_state() -> None:
    s = scenario(project_data("Churn"))
    at = AppTest.from_function(_state_script, default_timeout=TIMEOUT_S)
    at.session_state["mlp.scenario"] = s
    at.session_state[IN_FORCE] = InForce(assumptions_with(lead_span=3), "Narrow leads")
    at.session_state[OVERRIDE] = Override({"data_scientist": 2}, "Two")
    _run(at)
    assert [t.value for t in at.text] == ["Narrow leads · 2", "Two"]
    del at.session_state[OVERRIDE]
    _run(at)
    expected = recommend(s, assumptions=assumptions_with(lead_span=3)).total_headcount
    assert [t.value for t in at.text] == [f"Narrow leads · {expected}", "none"]


def test_pages_reach_the_session_only_through_the_ui_package() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    raw = [path.name for path in sources if re.search(r"session_state", path.read_text())]
    assert raw == []
