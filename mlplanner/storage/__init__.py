"""Saved plans: the schema (``models``), the engine and migrations (``database``), and the
data layer of plain functions taking a session (``plans``, ``revisions``, ``assumption_sets``,
``snapshots``). No Streamlit here.

May import: ``mlplanner.model``, ``mlplanner.search``, ``mlplanner.reports`` and the top-level
modules. Nothing from exchange, CLI or UI.
"""
