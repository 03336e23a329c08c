"""The floor for ``bench/browser.py``: the least a Streamlit app can do on this machine.

Three pages with one widget each, in the same navigation the planner uses: a number input, a
select box and a select slider, the kinds of widget the benchmark edits on the planner. Every
time the benchmark measures on the planner has its counterpart here: a first load, opening a
page, an edit of the same kind of widget. Nothing in it computes anything.
"""

import streamlit as st

CHOICES = ("One", "Two")
STEPS = tuple(range(21))


def first() -> None:
    st.number_input("Value", value=1, key="value.first")


def second() -> None:
    st.selectbox("Choice", CHOICES, key="choice.second")


def third() -> None:
    st.select_slider("Step", STEPS, value=STEPS[len(STEPS) // 2], key="step.third")


st.navigation(
    [
        st.Page(first, title="First", default=True),
        st.Page(second, title="Second"),
        st.Page(third, title="Third"),
    ]
).run()
