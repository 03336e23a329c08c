"""Playwright helpers for driving the Streamlit app in Debian's headless Chromium."""

from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect

from tests.support.server import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 25_000


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian Chromium (Playwright cannot download its own browsers here)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def open_app(page: Page, url: str) -> None:
    """Load the app at `url` and wait until its first script run has finished."""
    page.goto(url)
    page.get_by_test_id("stAppViewContainer").wait_for(state="attached", timeout=TIMEOUT_MS)
    wait_for_app(page)


def wait_for_app(page: Page, initial_wait_ms: int = 210, settle_ms: int = 100) -> None:
    """Wait until Streamlit has finished running the script (after a load or an interaction).

    Follows Streamlit's own e2e suite (e2e_playwright/conftest.py, `wait_for_app_run`): the
    root element carries data-test-connection-state and data-test-script-state, the latter
    going initial -> running -> notRunning on every run. The initial wait lets a rerun that
    an interaction triggers (some widgets debounce ~200 ms) start before we look.
    """
    page.wait_for_timeout(initial_wait_ms)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT_MS)
    page.wait_for_timeout(settle_ms)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def whole_page_screenshot(page: Page, name: str) -> Path:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, not the window,
    so the viewport is stretched to the content's height first (and restored afterwards); its
    width stays."""
    page.mouse.move(0, 0)  # no tooltip left open under the pointer
    viewport = page.viewport_size or VIEWPORT
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.wait_for_timeout(500)  # charts and tables re-layout to the new size
    path = screenshot(page, name)
    page.set_viewport_size(viewport)
    return path
