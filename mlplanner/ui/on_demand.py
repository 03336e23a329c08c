"""Parts of a page drawn on demand: an expander whose content is drawn only while it is open.

Opening or closing it reruns the page (or the fragment it is in). While it is closed its
content costs the run nothing to compute and the browser nothing to draw: the pages put behind
one what lies below the fold or is read now and then (charts, help, the scenario file
controls, each role's explanation; ``docs/benchmarks.md`` measures what that saves).
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def opened(label: str, key: str) -> DeltaGenerator | None:
    """An expander drawn only on demand: the expander to draw into while it is open, ``None``
    while it is closed."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None
