"""Saved plans: the schema (``models``), the engine and migrations (``database``), and the
data layer of plain functions taking a session (``plans``, ``revisions``, ``sharing``,
``status``, ``comments``, ``assumption_sets``), each checking the rights of the session's actor
(``access``). No Streamlit here."""
