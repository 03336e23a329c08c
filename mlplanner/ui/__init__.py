"""The only Streamlit-aware part of the package: shared state and widgets for the pages.

``state`` holds the app's session state as typed values (the scenario, the assumptions in
force, an adopted allocation, the saved plan being worked on) and :class:`~mlplanner.ui.state.Slot`
for a page's own state; ``widgets`` is the one place widgets are reset or given values from
code; ``messages`` is the one way to tell the user what an action did (``flash``).

May import: every other sub-package but the CLI, and the top-level modules.
"""
