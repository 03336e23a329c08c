"""Shared fixtures. Servers start only when a test asks for them, once per xdist worker.

- `postgres_url`: a throwaway PostgreSQL server (skips, with the cause, if none can start).
- `app_server`: `streamlit run` of the app (MLPLANNER_TEST_APP, default app.py) on a fresh
  SQLite database; yields its base URL.
- `browser` / `page`: headless Debian Chromium through Playwright; see tests/support/browser.py
  for `open_app`, `app_run` (wait for the run an interaction causes) and `screenshot`.
"""

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.browser import CHROMIUM, VIEWPORT, launch_chromium
from tests.support.postgres import PostgresUnavailableError, start_postgres
from tests.support.server import app_with_own_database

# Hypothesis draws the same examples on every run ("repeatable"): a red run can be replayed,
# and CI does not fail on a draw nobody can reproduce. HYPOTHESIS_PROFILE=explore draws new
# examples each run, to look for counterexamples before committing.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of an empty database `mlplanner_test` on a server of our own."""
    try:
        server = start_postgres()
    except PostgresUnavailableError as exc:
        pytest.skip(f"PostgreSQL test server could not be started: {exc}")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (http://127.0.0.1:PORT) of the running app, storing plans in a fresh SQLite."""
    with app_with_own_database(tmp_path_factory.mktemp("app-server")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install the Debian package chromium)")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies, no session) with a 1400x1000 viewport."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()
