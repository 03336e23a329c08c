"""Saved plans: the schema (``models``), the engine and migrations (``database``), and the
data layer of plain functions taking a session (``plans``). No Streamlit here."""
