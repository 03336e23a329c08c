"""What every run does after its page: the shared sidebar (as the page's edits left the
scenario), the draft's autosave and the next pages' data prefetched. ``app.py`` runs it after
the page; a page that ends early (nothing to show) ends with :func:`end_page`, so that it
keeps the sidebar's summary and "Save as new plan…" (the Trade-offs page of a scenario
without projects had shown the page links alone)."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from mlplanner.ui.drafts import autosave
from mlplanner.ui.prefetch import prefetch
from mlplanner.ui.sidebar import render_sidebar
from mlplanner.ui.state import current_plan, get_assumptions, get_scenario


def after_page() -> None:
    render_sidebar()
    autosave()
    prefetch(get_scenario(), get_assumptions(), current_plan())


def end_page() -> NoReturn:
    """Stop the run here, after what every run does after its page."""
    after_page()
    st.stop()
