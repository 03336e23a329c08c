"""Exchange with spreadsheets: CSV and workbook exports, scenario import.

Modules:
- ``spreadsheet_safety``: neutralising text a spreadsheet would run as a formula;
- ``csv_dialect``: the one CSV dialect every export is written in, and decoding of uploads;
- ``scenario_csv``: a scenario as CSV (one row per project) and back;
- ``tables_csv``: allocation, comparison and frontier tables for export;
- ``timeline_csv``: the hiring timeline (per quarter and role) and its positions for export;
- ``workbook``: every table in one ``.xlsx`` file;
- ``scenario_import``: reading an uploaded scenario file (CSV or JSON), all or nothing.

May import: ``mlplanner.model``, ``mlplanner.search``, ``mlplanner.reports`` and the top-level
modules. Nothing from storage, CLI or UI.
"""
