"""The only Streamlit-aware part of the package: shared state and widgets for the pages."""
