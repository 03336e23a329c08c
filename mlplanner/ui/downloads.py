"""Download buttons for the files a page's plan, comparison or frontier exports.

Every file goes through :mod:`mlplanner.exchange` (UTF-8 with BOM, formula cells neutralised);
every button uses ``on_click="ignore"`` so a download does not rerun the page. A plan's files
and the Scenario page's CSV are built only when the user clicks their button (deferred data):
the workbook's frontier sheet takes up to a few hundred milliseconds on a large team and each
CSV file milliseconds to tens of them, which no rerun of the Plan page or edit of the scenario
should pay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import streamlit as st

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.plan_export import (
    CSV_MIME,
    WORKBOOK_MIME,
    WORKBOOK_SUFFIX,
    file_stem,
    table_csv,
)
from mlplanner.exchange.plan_workbook import ExportContext, plan_workbook
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation
from mlplanner.model.scenario import Scenario
from mlplanner.reports.tables import comparison_frame


@dataclass(frozen=True)
class DownloadFile:
    """One file a download button offers."""

    label: str
    file_name: str
    data: bytes | Callable[[], bytes]
    mime: str
    help: str


def plan_files(
    evaluation: Evaluation, assumptions: Assumptions, context: ExportContext
) -> list[DownloadFile]:
    """A plan's allocation CSV, scenario CSV and workbook (each built on click), named after
    ``context.name``."""
    stem = file_stem(context.name)
    return [
        DownloadFile(
            "Allocation (CSV)",
            f"{stem}-allocation.csv",
            partial(table_csv, evaluation, "allocation"),
            CSV_MIME,
            "One row per role: demand, headcount, existing, hires, rates and yearly cost in "
            "whole dollars, then vendor annotation lines. Opens in Excel and LibreOffice.",
        ),
        DownloadFile(
            "Scenario (CSV)",
            f"{stem}-scenario.csv",
            partial(table_csv, evaluation, "scenario"),
            CSV_MIME,
            "One row per project with the company columns; upload it on the Scenario or "
            "Plans page to get this scenario back.",
        ),
        DownloadFile(
            "Workbook (.xlsx)",
            f"{stem}{WORKBOOK_SUFFIX}",
            partial(plan_workbook, evaluation, assumptions, context),
            WORKBOOK_MIME,
            "For finance: a summary sheet (people, hires, yearly cost and its parts, budget, "
            "quality, what the timeline staffs), then the allocation with totals, the setups "
            "compared, the cost/quality frontier, the hiring timeline, the scenario and the "
            "rates and hiring figures the costs rest on.",
        ),
    ]


def scenario_csv_file(scenario: Scenario) -> DownloadFile:
    """The scenario as a CSV file (one row per project), as the Scenario page offers it;
    built on click, not on every edit of the scenario."""
    return DownloadFile(
        "Download scenario (CSV)",
        f"{file_stem(scenario.name)}-scenario.csv",
        lambda: csv_bytes(scenario_frame(scenario)),
        CSV_MIME,
        "One row per project with the company columns, for a spreadsheet; edit it there and "
        "open it here again.",
    )


def comparison_file(name: str, evaluations: Sequence[Evaluation]) -> DownloadFile:
    """Plans side by side (one column each, as :func:`~mlplanner.reports.tables.comparison_frame`)
    as a CSV file named after the scenario ``name``."""
    return DownloadFile(
        "Download the comparison (CSV)",
        f"{file_stem(name)}-comparison.csv",
        csv_bytes(comparison_frame(evaluations)),
        CSV_MIME,
        "One row per role, team total, cost (whole dollars) and quality figure; one column "
        "per setup.",
    )


def download_button(file: DownloadFile, key: str) -> None:
    """A button offering ``file``; clicking it does not rerun the page."""
    st.download_button(
        file.label,
        data=file.data,
        file_name=file.file_name,
        mime=file.mime,
        key=key,
        on_click="ignore",
        help=file.help,
    )


def render_plan_downloads(
    evaluation: Evaluation, assumptions: Assumptions, context: ExportContext, key: str
) -> None:
    """The plan's three files side by side, in one row (one element, not a column each)."""
    with st.container(horizontal=True):
        for file in plan_files(evaluation, assumptions, context):
            download_button(file, key=f"mlp.{key}.download.{file.label}")
