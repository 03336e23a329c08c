"""Download and upload controls (AppTest): the files each page offers, and uploads that
replace the scenario or save a plan all or nothing."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.runtime.memory_media_file_storage import MemoryFile
from streamlit.testing.v1 import AppTest

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.plan_export import WORKBOOK_MIME, table_csv
from mlplanner.exchange.plan_workbook import SHEETS, ExportContext
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import frontier_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import SETUPS
from mlplanner.reports.tables import comparison_frame
from mlplanner.search.frontier import frontier
from mlplanner.storage import plans
from mlplanner.ui.downloads import plan_files
from mlplanner.ui.state import LOADED_PLAN, OVERRIDE, SCENARIO, LoadedPlan, Override
from mlplanner.ui.uploads import read_upload
from tests.app.apptest import (
    APP,
    COMPARE_PAGE,
    PLAN_PAGE,
    PLANS_PAGE,
    SCENARIO_PAGE,
    TIMEOUT_S,
    TRADEOFFS_PAGE,
    current_scenario,
    go_to,
    open_app,
    open_plan_tab,
    open_scenario_files,
    run,
    texts,
)
from tests.app.downloads import Builder, built_on_click, deferred_downloads, downloads, offered
from tests.storage.support import fashion, save_new, seed_startup

__all__ = ["deferred_downloads", "downloads"]  # the fixtures, imported for the tests below

CORPUS = Path(__file__).parents[1] / "exchange" / "corpus"


def download(at: AppTest, label: str) -> Any:
    return next(b for b in at.download_button if b.label == label)


def plan_count(engine: Engine) -> int:
    with Session(engine) as session:
        return plans.count_plans(session=session) + plans.count_plans(session=session, trash=True)


def test_plan_page_offers_allocation_scenario_and_workbook(
    deferred_downloads: dict[str, Builder],
) -> None:
    at = go_to(open_app(fashion()), PLAN_PAGE)
    plan = recommend(fashion())
    # Every file is built only on click (deferred data), so no page run pays for it.
    for label in ("Allocation (CSV)", "Scenario (CSV)", "Workbook (.xlsx)"):
        button = download(at, label)
        assert button.proto.ignore_rerun, label  # on_click="ignore"
        assert button.help
        assert button.proto.deferred_file_id and not button.proto.url, label
    assert built_on_click(download(at, "Allocation (CSV)"), deferred_downloads) == table_csv(
        plan, "allocation"
    )
    assert built_on_click(download(at, "Scenario (CSV)"), deferred_downloads) == table_csv(
        plan, "scenario"
    )
    workbook = built_on_click(download(at, "Workbook (.xlsx)"), deferred_downloads)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == list(SHEETS)
    assert book["Summary"]["B2"].value == fashion().name
    stem = "fashion-retailer-size-recommendation"
    context = ExportContext(fashion().name, "Shipped defaults", date(2026, 12, 3))
    files = plan_files(plan, Assumptions.defaults(), context)
    assert [(file.file_name, file.mime) for file in files] == [
        (f"{stem}-allocation.csv", "text/csv"),
        (f"{stem}-scenario.csv", "text/csv"),
        (f"{stem}.xlsx", WORKBOOK_MIME),
    ]


def test_the_plan_page_s_files_say_which_saved_plan_and_allocation_they_are(
    engine: Engine, deferred_downloads: dict[str, Builder]
) -> None:
    # A finance partner exported revision 2 of a saved plan, with "lean" adopted, and got a
    # file named and titled after the scenario: no plan, no revision, no adopted allocation.
    saved = save_new(engine, "Acme VP plan", note="First cut")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state[SCENARIO] = fashion()
    at.session_state[LOADED_PLAN] = LoadedPlan(saved.id, "Acme VP plan", 1, 1)
    go_to(run(at), PLAN_PAGE)
    book = openpyxl.load_workbook(
        io.BytesIO(built_on_click(download(at, "Workbook (.xlsx)"), deferred_downloads))
    )
    assert book["Summary"]["B2"].value == "Acme VP plan, revision 1"
    assert book["Summary"]["B3"].value == "First cut"  # the revision's note
    # The files are named after the same title (plan_files): acme-vp-plan-revision-1.xlsx.
    at.session_state[OVERRIDE] = Override({"data_scientist": 4, "data_analyst": 3}, "Lean plan")
    run(at)
    book = openpyxl.load_workbook(
        io.BytesIO(built_on_click(download(at, "Workbook (.xlsx)"), deferred_downloads))
    )
    title = "Acme VP plan, revision 1, unsaved changes, adopted allocation: Lean plan"
    assert book["Summary"]["B2"].value == title
    assert book["Summary"]["A3"].value != "Revision note"  # not the saved revision's any more


def test_compare_page_offers_the_comparison(downloads: dict[str, MemoryFile]) -> None:
    at = go_to(open_app(fashion()), COMPARE_PAGE)
    button = download(at, "Download the comparison (CSV)")
    assert button.proto.ignore_rerun
    file = offered(button, downloads)
    assert file.filename == "fashion-retailer-size-recommendation-comparison.csv"
    plans_by_setup = [recommend(fashion(), setup=setup) for setup in SETUPS]
    assert file.content == csv_bytes(comparison_frame(plans_by_setup))


def test_tradeoffs_page_frontier_download_goes_through_the_safe_writer(
    downloads: dict[str, MemoryFile],
) -> None:
    at = go_to(open_app(fashion()), TRADEOFFS_PAGE)
    button = download(at, "Download the frontier as CSV")
    assert button.proto.ignore_rerun
    file = offered(button, downloads)
    assert file.filename == "frontier.csv"
    assert file.content == csv_bytes(frontier_table(frontier(fashion())))
    assert file.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: the export dialect


def test_scenario_page_opens_an_exported_csv(deferred_downloads: dict[str, Builder]) -> None:
    at = open_scenario_files(go_to(open_app(fashion()), SCENARIO_PAGE))
    content = built_on_click(download(at, "Download scenario (CSV)"), deferred_downloads)
    assert content == csv_bytes(scenario_frame(fashion()))
    at = open_scenario_files(go_to(open_app(seed_startup()), SCENARIO_PAGE))
    at.file_uploader[0].set_value(("fashion.csv", content, "text/csv"))
    run(at)
    assert current_scenario(at) == fashion()
    assert not at.error


def test_scenario_page_refuses_a_bad_csv_and_keeps_the_scenario() -> None:
    at = open_scenario_files(go_to(open_app(fashion()), SCENARIO_PAGE))
    assert at.file_uploader[0].allowed_type == [".csv", ".json"]
    at.file_uploader[0].set_value(
        ("bad.csv", (CORPUS / "wrong_types.csv").read_bytes(), "text/csv")
    )
    run(at)
    assert current_scenario(at) == fashion()
    [error] = texts(at.error)
    assert error.startswith("bad.csv was not opened:")
    assert "- row 2, count: must be a whole number (got 'two')" in error
    assert "- row 3, count: must be a whole number (got '1.5')" in error


def test_upload_reading_rewords_json_problems_and_keeps_csv_rows() -> None:
    json_upload = read_upload((CORPUS / "unknown_enum.json").read_bytes(), "x.json")
    assert json_upload.scenario is None
    assert any(p.startswith("Project ") for p in json_upload.problems), json_upload.problems
    csv_upload = read_upload((CORPUS / "unknown_enum.csv").read_bytes(), "x.csv")
    assert csv_upload.scenario is None
    assert csv_upload.problems[0].startswith("row 7, domain: 'vision' is not one of")
    assert read_upload(csv_bytes(scenario_frame(fashion())), "f.csv").scenario == fashion()


def test_plans_page_imports_a_file_as_a_new_plan(engine: Engine) -> None:
    at = go_to(open_app(), PLANS_PAGE)
    data = csv_bytes(scenario_frame(seed_startup()))
    at.file_uploader[0].set_value(("seed.csv", data, "text/csv"))
    run(at)
    with Session(engine) as session:
        [saved] = plans.list_plans(session=session)
        opened = plans.open_revision(session=session, plan_id=saved.id)
    assert opened.scenario == seed_startup()
    assert any("as the new plan **Seed" in s for s in texts(at.success)), at.success
    assert at.selectbox(key="mlp.plans.selected").value == saved.id


def test_plans_page_import_takes_the_name_given(engine: Engine) -> None:
    at = go_to(open_app(), PLANS_PAGE)
    [name] = [box for box in at.text_input if box.label == "Name for the imported plan"]
    name.set_value("Finance import, March")
    run(at)
    data = csv_bytes(scenario_frame(seed_startup()))
    at.file_uploader[0].set_value(("seed.csv", data, "text/csv"))
    run(at)
    with Session(engine) as session:
        [saved] = plans.list_plans(session=session)
    assert saved.name == "Finance import, March"
    assert any("as the new plan **Finance import, March**" in s for s in texts(at.success))


@pytest.mark.parametrize("name", ["wrong_types.csv", "binary.csv", "unknown_enum.json"])
def test_plans_page_refused_import_saves_nothing(name: str, engine: Engine) -> None:
    save_new(engine)
    before = plan_count(engine)
    at = go_to(open_app(), PLANS_PAGE)
    at.file_uploader[0].set_value((name, (CORPUS / name).read_bytes(), "text/plain"))
    run(at)
    assert plan_count(engine) == before
    [error] = texts(at.error)
    assert "was not imported; nothing was saved" in error


def test_plans_page_exports_the_selected_revision(
    engine: Engine, deferred_downloads: dict[str, Builder]
) -> None:
    save_new(engine)
    at = open_plan_tab(go_to(open_app(), PLANS_PAGE))
    button = download(at, "Scenario (CSV)")
    assert built_on_click(button, deferred_downloads) == csv_bytes(scenario_frame(fashion()))
    assert download(at, "Workbook (.xlsx)").proto.ignore_rerun
