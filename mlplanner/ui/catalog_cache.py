"""The assumption catalog (every number in editable tables) built once per assumption set,
and what in it differs from the shipped defaults.

Building it reads the rate card and lays out some twenty tables, a few hundred milliseconds;
listing the changes reads every cell of them, about a hundred milliseconds; the Assumptions
page needs both on every run. Keyed by the assumptions' JSON, so any edit builds them anew.
The catalog is kept as one shared object, not copied out of the cache on every read (its
tables are only read: the editors start from them, edits are applied to copies): copying
took some 12 ms of every opening of the page.
"""

from __future__ import annotations

import streamlit as st

from mlplanner.model.assumption_catalog import Change, Group, catalog, changes
from mlplanner.model.assumptions import Assumptions


@st.cache_resource(max_entries=16, show_spinner=False)
def _catalog(assumptions_json: str) -> tuple[Group, ...]:
    return catalog(Assumptions.model_validate_json(assumptions_json))


def cached_catalog(assumptions: Assumptions) -> tuple[Group, ...]:
    """:func:`~mlplanner.model.assumption_catalog.catalog` of ``assumptions``, cached."""
    return _catalog(assumptions.model_dump_json())


@st.cache_data(max_entries=16, show_spinner=False)
def _changes(assumptions_json: str) -> list[Change]:
    return changes(_catalog(assumptions_json))


def cached_changes(assumptions: Assumptions) -> list[Change]:
    """:func:`~mlplanner.model.assumption_catalog.changes` of ``assumptions``' catalog, cached."""
    return _changes(assumptions.model_dump_json())
