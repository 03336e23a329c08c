"""The browser tests and bench/browser.py open every page of the app's navigation: their list
of pages (``tests.support.browser.PAGE_TITLES``) is the navigation's, in its order (the
benchmark once left a page out for months)."""

from __future__ import annotations

import re

from tests.support.browser import PAGE_TITLES
from tests.support.server import REPO_ROOT


def test_the_page_list_of_the_browser_tests_is_the_navigations() -> None:
    app = (REPO_ROOT / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'st\.Page\("pages/[a-z_]+\.py", title="([^"]+)"', app)
    assert titles, "app.py declares its pages with st.Page(..., title=...)"
    assert tuple(titles) == PAGE_TITLES
