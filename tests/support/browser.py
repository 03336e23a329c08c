"""Playwright helpers for driving the Streamlit app in Debian's headless Chromium."""

import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mlplanner.ui.charts import TITLE_CHARS
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
# An upper bound on waiting for the app, not a sleep: generous, because CI runs two test
# workers on two cores beside several app servers, a database and browsers.
TIMEOUT_MS = 60_000
# The pages of the sidebar's navigation, in its order (app.py), by title.
PAGE_TITLES = (
    "Scenario",
    "Plan",
    "Timeline",
    "Compare",
    "Trade-offs",
    "Plans",
    "Assumptions",
    "Role guide",
)
# Per page: frames its websockets received (see _listen).
_RECEIVED: WeakKeyDictionary[Page, list[int]] = WeakKeyDictionary()


def drawn_title(text: str) -> str:
    """A chart title as its chart's text reads it: drawn in lines of ``TITLE_CHARS``, which
    the text joins without the spaces between them."""
    return "".join(textwrap.wrap(text, TITLE_CHARS))


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian Chromium (Playwright cannot download its own browsers here)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


# Counts the app's script runs on the root element's data-test-script-state (Streamlit's e2e
# hook: "rerunRequested" as soon as a widget asks for a run, then "running", then "notRunning"):
# `started` counts requests (a change to "rerunRequested", also from "running": a widget changed
# during a run, which stops that run and starts another) and runs the server starts by itself (a
# change to "running" from neither). Each document has its own counter, told apart by
# `document` (a navigation starts a new one); installed once per document.
_RUN_COUNTER = """
(() => {
    if (window.__mlplannerRuns) return;
    const runs = { started: 0, document: Math.random() };
    window.__mlplannerRuns = runs;
    const starts = (value, old) => value === "rerunRequested"
        ? old !== "rerunRequested"
        : value === "running" && old !== "running" && old !== "rerunRequested";
    new MutationObserver((records) => {
        for (const [i, record] of records.entries()) {
            const next = records[i + 1];
            const value = next && next.target === record.target
                ? next.oldValue
                : record.target.getAttribute("data-test-script-state");
            if (starts(value, record.oldValue)) runs.started += 1;
        }
    }).observe(document, {
        subtree: true,
        attributes: true,
        attributeOldValue: true,
        attributeFilter: ["data-test-script-state"],
    });
})();
"""
# The current document's counter, or null where it is not installed (a page opened before
# app_run first saw it, e.g. a new page's blank document).
_COUNT = "() => window.__mlplannerRuns ? { ...window.__mlplannerRuns } : null"
# A run started since `before` (in the same document: more runs than `before.started`; in a
# new document, as after a navigation: any run; `before.started` -1: none needed).
_RAN_SINCE = """
(before) => {
    const runs = window.__mlplannerRuns;
    if (!runs) return false;
    const floor = runs.document === before.document
        ? before.started
        : Math.min(before.started, 0);
    return runs.started > floor;
}
"""
# The app is connected, no run is under way and no element of the run before is left stale
# (waiting to be replaced or removed).
_IDLE = """
() => {
    const app = document.querySelector("[data-testid='stApp']");
    return Boolean(app)
        && app.getAttribute("data-test-script-state") === "notRunning"
        && app.getAttribute("data-test-connection-state") === "CONNECTED"
        && !document.querySelector("[data-testid='stElementContainer'][data-stale='true']");
}
"""
# No run under way, and none started during the next two frames (a run the script itself
# starts, such as st.switch_page's, follows the end of the one before within that time).
_STILL_IDLE = """
() => new Promise((resolve) => {
    const before = window.__mlplannerRuns.started;
    requestAnimationFrame(() => requestAnimationFrame(() => {
        const app = document.querySelector("[data-testid='stApp']");
        resolve(app.getAttribute("data-test-script-state") === "notRunning"
            && window.__mlplannerRuns.started === before);
    }));
})
"""
_MAX_STRETCHES = 20
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
    with app_run(page):
        page.goto(url)


@contextmanager
def app_run(page: Page) -> Iterator[None]:
    """The script run an interaction causes: ``with app_run(page): button.click()``.

    Counts the runs started before the block (and the messages the server has sent) and, after
    it, waits until a run started since has finished and the app stays idle: a run that starts
    late (a debounced widget) is waited for, one already under way when the block began is not
    mistaken for it, and an interaction that reruns nothing fails with a timeout. A run so
    quick that the root element's script state never changes between two renders (a fast page
    switch) is known by the messages it sent. A navigation in the block (``page.goto``, a
    sign-in redirect) waits for the new page's first run. Works on any page: the run counter
    is installed on first use.
    """
    before = _run_count(page)
    yield
    _wait_for_run(page, before)


def open_tab(page: Page, name: str) -> None:
    """Open the tab ``name`` unless it is open: choosing another tab reruns the page, which
    draws only the open tab; clicking the open one reruns nothing."""
    tab = page.get_by_role("tab", name=name, exact=True)
    if tab.get_attribute("aria-selected") != "true":
        with app_run(page):
            tab.click()


def wait_until_idle(page: Page) -> None:
    """Wait until no script run is under way, e.g. after ``expect()`` has seen a run's first
    output when the interaction may or may not have caused a run."""
    _wait_for_run(page, {**_run_count(page), "started": -1, "frames": -1})


def _run_count(page: Page) -> dict[str, float]:
    """The current document's run counter, installing it on the page (for every document it
    loads from now on, and the current one) where it is missing."""
    _listen(page)
    count = page.evaluate(_COUNT)
    if count is None:
        page.add_init_script(_RUN_COUNTER)
        page.evaluate(_RUN_COUNTER)
        count = page.evaluate(_COUNT)
    return {**count, "frames": _frames(page)}


def _wait_for_run(page: Page, before: dict[str, float]) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        left_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        page.wait_for_function(_IDLE, timeout=left_ms)
        ran = page.evaluate(_RAN_SINCE, before) or _frames(page) > before["frames"]
        if ran and page.evaluate(_STILL_IDLE):
            break
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"no script run finished within {TIMEOUT_MS} ms")
        page.wait_for_timeout(50)
    # No skeleton (a placeholder for an element still loading) is left.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT_MS)


def _frames(page: Page) -> int:
    """Messages the app's server has sent this page so far (0 until :func:`_listen` runs)."""
    return _RECEIVED.get(page, [0])[0]


def _listen(page: Page) -> None:
    """Count the frames every websocket of ``page`` receives from now on: a run too quick for
    the root element's script state to change between two renders still sends its messages."""
    if page in _RECEIVED:
        return
    received = _RECEIVED[page] = [0]

    def count(_: object) -> None:
        received[0] += 1

    page.on("websocket", lambda socket: socket.on("framereceived", count))


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def whole_page_screenshot(page: Page, name: str) -> Path:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, not the window,
    so the viewport is stretched to the content's height first (and restored afterwards); its
    width stays (a phone's screenshot stays a phone's).

    Content laid out anew at the new size may grow (a table sized to its rows), so the viewport
    is stretched again until the main block no longer scrolls.
    """
    page.mouse.move(0, 0)  # no tooltip left open under the pointer
    viewport = page.viewport_size or VIEWPORT
    main = page.get_by_test_id("stMain")
    for _ in range(_MAX_STRETCHES):
        height = max(main.evaluate("main => main.scrollHeight"), viewport["height"])
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.evaluate(_NEXT_FRAME)  # laid out and painted at the new size
        if page.evaluate(_MAIN_FITS):
            break
    else:
        raise AssertionError(f"{name}: the page kept growing past the viewport")
    path = screenshot(page, name)
    page.set_viewport_size(viewport)
    return path


def upload_scenario_file(page: Page, path: Path) -> None:
    """Upload ``path`` on the Scenario page (its file expander is drawn when opened)."""
    with app_run(page):
        page.get_by_text("Scenario file (CSV or JSON)").click()
    with app_run(page):
        page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(path)
