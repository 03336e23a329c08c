"""The floor for ``bench/browser.py``: the least a Streamlit app can do on this machine.

Two pages with one number input each, in the same navigation the planner uses. Every time the
benchmark measures on the planner has its counterpart here: a first load, opening a page, a
widget edit. Nothing in it computes anything.
"""

import streamlit as st


def first() -> None:
    st.number_input("Value", value=1, key="value.first")


def second() -> None:
    st.number_input("Value", value=1, key="value.second")


st.navigation([st.Page(first, title="First", default=True), st.Page(second, title="Second")]).run()
