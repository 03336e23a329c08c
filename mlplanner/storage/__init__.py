"""Saved plans: the schema (``models``), the engine and migrations (``database``), and the
data layer of plain functions taking a session (``plans``, ``revisions``, ``sharing``,
``status``, ``comments``, ``assumption_sets``, ``snapshots``), each checking the rights of the
session's actor (``access``). No Streamlit here.

May import: ``mlplanner.model``, ``mlplanner.search``, ``mlplanner.reports`` and the top-level
modules. Nothing from exchange, CLI or UI.
"""
