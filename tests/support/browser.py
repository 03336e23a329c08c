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


# Counts the app's finished script runs: every change of the root element's
# data-test-script-state to "notRunning" (Streamlit's e2e hook: initial -> running ->
# notRunning on every run; "rerunRequested" as soon as a widget asks for one). Installed in
# every document of the page before the app's own scripts run.
_RUN_COUNTER = """
(() => {
    const runs = { finished: 0, seen: 0 };
    window.__mlplannerRuns = runs;
    new MutationObserver((records) => {
        for (const [i, record] of records.entries()) {
            const next = records[i + 1];
            const value = next && next.target === record.target
                ? next.oldValue
                : record.target.getAttribute("data-test-script-state");
            if (value === "notRunning" && record.oldValue !== "notRunning") runs.finished += 1;
        }
    }).observe(document, {
        subtree: true,
        attributes: true,
        attributeOldValue: true,
        attributeFilter: ["data-test-script-state"],
    });
})();
"""
# A run the page has not waited for yet has finished, and the app is connected and idle.
_NEW_RUN_FINISHED = """
() => {
    const runs = window.__mlplannerRuns;
    const app = document.querySelector("[data-testid='stApp']");
    return Boolean(runs && app && runs.finished > runs.seen
        && app.getAttribute("data-test-script-state") === "notRunning"
        && app.getAttribute("data-test-connection-state") === "CONNECTED");
}
"""
# Still idle, with no further run, after two frames (a run the script itself starts, such as
# st.switch_page's, follows the end of the one before within that time).
_STILL_IDLE = """
() => new Promise((resolve) => {
    const before = window.__mlplannerRuns.finished;
    requestAnimationFrame(() => requestAnimationFrame(() => {
        const app = document.querySelector("[data-testid='stApp']");
        const runs = window.__mlplannerRuns;
        const idle = app.getAttribute("data-test-script-state") === "notRunning";
        if (idle && runs.finished === before) runs.seen = runs.finished;
        resolve(idle && runs.finished === before);
    }));
})
"""
_NEXT_FRAME = """
() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
"""
_MAIN_FITS = """
() => {
    const main = document.querySelector("[data-testid='stMain']");
    return main.scrollHeight <= main.clientHeight;
}
"""


def open_app(page: Page, url: str) -> None:
    """Load the app at `url` and wait until its first script run has finished."""
    page.add_init_script(_RUN_COUNTER)
    page.goto(url)
    wait_for_app(page)


def wait_for_app(page: Page) -> None:
    """Wait until the script run that the last interaction caused has finished.

    Call it after an interaction that reruns the script (a changed widget, a button, a page
    link), once per interaction: it waits for a run that finished after the previous wait, on
    the run counter `open_app` installs, so a run that starts late (a debounced widget) is
    waited for too, and an interaction that reruns nothing fails with a timeout. Then no
    skeleton (a placeholder for an element still loading) may be left.
    """
    while True:
        page.wait_for_function(_NEW_RUN_FINISHED, timeout=TIMEOUT_MS)
        if page.evaluate(_STILL_IDLE):
            break
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT_MS)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def whole_page_screenshot(page: Page, name: str) -> Path:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, not the window,
    so the viewport is stretched to the content's height first (and restored afterwards)."""
    page.mouse.move(0, 0)  # no tooltip left open under the pointer
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
    # Laid out to the new size (the main block no longer scrolls), then painted.
    page.wait_for_function(_MAIN_FITS, timeout=TIMEOUT_MS)
    page.evaluate(_NEXT_FRAME)
    path = screenshot(page, name)
    page.set_viewport_size(VIEWPORT)
    return path
