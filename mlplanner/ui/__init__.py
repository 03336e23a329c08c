"""The only Streamlit-aware part of the package: shared state and widgets for the pages.

May import: every other sub-package but the CLI, and the top-level modules.
"""
