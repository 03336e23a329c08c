"""Team use end to end: two app servers on one PostgreSQL database, a real OpenID Connect
provider (oidc-provider-mock, on a free localhost port) and three users in real browsers.

Both servers share the cookie secret, as replicas behind one proxy do; each has its own
redirect URI (and is its own origin here, so a user signs in on each server they use). Ann
works on server A, Bob and Cat on server B. The test walks the issue's story: sign in; a
private plan is invisible to others; shared as viewer it opens read-only; shared as editor
Bob saves a revision on B that Ann sees on A after a refresh; a stale save is refused across
servers; a link opens the plan for Bob but not for Cat; sign-out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import oidc_provider_mock
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.storage.support import postgres_database
from tests.support.browser import (
    TIMEOUT_MS,
    VIEWPORT,
    app_run,
    open_tab,
    wait_until_idle,
    whole_page_screenshot,
)
from tests.support.ports import free_port
from tests.support.server import AppServer, start_app_server

USERS = {
    "ann": ("ann@example.com", "Ann Owner"),
    "bob": ("bob@example.com", "Bob Editor"),
    "cat": ("cat@example.com", "Cat Outsider"),
}
COOKIE_SECRET = "team-servers-test-cookie-secret-0123456789"
PLAN = "Q3 hiring plan"
NOT_SHARED = "does not exist or is not shared with you"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The OpenID Connect provider's issuer URL, with the three users' claims."""
    claims = [
        oidc_provider_mock.User(sub=sub, claims={"email": email, "name": name})
        for sub, (email, name) in USERS.items()
    ]
    with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=claims) as server:
        yield f"http://localhost:{server.server_port}"


def secrets_args(tmp: Path, issuer: str) -> Callable[[int], list[str]]:
    """Streamlit options for a server on ``port``: its own secrets file with ``[auth]``."""

    def args(port: int) -> list[str]:
        path = tmp / f"secrets-{port}.toml"
        path.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{COOKIE_SECRET}"\n'
            'client_id = "ml-team-planner"\n'
            'client_secret = "test-client-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        return ["--secrets.files", str(path)]

    return args


@pytest.fixture(scope="module")
def servers(
    postgres_url: str, provider: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """Base URLs of two app servers sharing one fresh PostgreSQL database."""
    tmp = tmp_path_factory.mktemp("team-servers")
    with postgres_database(postgres_url) as database:
        started: list[AppServer] = []
        try:
            for _ in range(2):
                started.append(
                    start_app_server(
                        "app.py",
                        env={"MLPLANNER_DATABASE_URL": database},
                        log_dir=tmp,
                        extra_args=secrets_args(tmp, provider),
                    )
                )
            yield started[0].url, started[1].url
        finally:
            for server in started:
                server.stop()


def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=VIEWPORT)
    return context, context.new_page()


def sign_in(page: Page, server: str, sub: str) -> None:
    """Sign in through the provider's form, as the user with subject ``sub``."""
    with app_run(page):
        page.goto(server)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").fill(sub)
    with app_run(page):  # the provider redirects back to the app: its first run
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(re.compile(re.escape(server)))
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {USERS[sub][1]}")


def plans_page(page: Page, server: str) -> None:
    """The Plans page loaded afresh (a new app session, as after a browser refresh)."""
    with app_run(page):
        page.goto(f"{server}/plans")
    expect(page.get_by_role("heading", name="Plans", exact=True)).to_be_visible()


def go_to_plans(page: Page) -> None:
    """The Plans page through the sidebar, in the same app session."""
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plans").click()
    expect(page.get_by_role("heading", name="Plans", exact=True)).to_be_visible(timeout=TIMEOUT_MS)


def open_plan(page: Page) -> None:
    """Open the selected plan from the Plans page and wait until the Plan page has finished
    drawing: "Open" runs the Plans page, which then switches pages in a second run that may
    start later than the first run's end on a loaded machine; a click in between is lost."""
    open_tab(page, "Open and manage")
    click(page, "Open")
    expect(page.get_by_role("heading", name="Plan", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    wait_until_idle(page)


def edit_employees(page: Page, employees: int) -> None:
    """Change the scenario's Employees on the Scenario page (something to save a revision
    of: the Save buttons are disabled while nothing changed), then back to the Plans page."""
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Scenario").click()
    field = page.get_by_test_id("stNumberInput").filter(has_text="Employees").locator("input")
    field.fill(str(employees))
    with app_run(page):
        field.press("Enter")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"{employees:,} employees")
    go_to_plans(page)


def click(page: Page, name: str) -> None:
    with app_run(page):
        page.get_by_test_id("stButton").get_by_role("button", name=name, exact=True).first.click()


def share_with(page: Page, email: str, role: str) -> None:
    """Share the open plan: the address committed by Enter (its own run), the role chosen
    only when another one is (clicking the chosen one reruns nothing), then Share."""
    open_tab(page, "Sharing")
    box = page.get_by_role("textbox", name="Share with")
    box.fill(email)
    with app_run(page):
        box.press("Enter")
    radio = page.get_by_test_id("stRadio").filter(has_text="As")
    choice = radio.get_by_role("radio", name=role)  # the input itself is hidden
    if not choice.is_checked():
        with app_run(page):
            radio.get_by_text(role, exact=True).click()
    expect(choice).to_be_checked()
    click(page, "Share")
    assert f"Shared with {email} as {role}" in success(page)


def success(page: Page) -> str:
    """The success message as read (without the word joiners ``plain`` puts after an @)."""
    return page.get_by_test_id("stAlertContentSuccess").inner_text().replace("\u2060", "")


@pytest.mark.browser
@pytest.mark.postgres
@pytest.mark.slow
def test_two_users_on_two_servers_share_a_plan(servers: tuple[str, str], browser: Browser) -> None:
    server_a, server_b = servers
    ann_context, ann = new_page(browser)
    bob_context, bob = new_page(browser)
    cat_context, cat = new_page(browser)
    try:
        sign_in(ann, server_a, "ann")
        sign_in(bob, server_b, "bob")
        sign_in(cat, server_b, "cat")

        # Ann saves a private plan on server A; Bob, on server B, does not see it.
        plans_page(ann, server_a)
        name_box = ann.get_by_role("textbox", name="Name for a new plan")
        name_box.fill(PLAN)
        with app_run(ann):
            name_box.press("Enter")
        click(ann, "Save as a new plan")
        expect(ann.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"Saved {PLAN}")
        open_tab(ann, "Sharing")  # the plan's link, with whom it is shared
        link = ann.get_by_test_id("stCode").first.inner_text().strip()
        assert re.fullmatch(re.escape(server_a) + r"/plan\?plan=\d+", link), link
        whole_page_screenshot(ann, "team-ann-private-plan")
        plans_page(bob, server_b)
        expect(bob.get_by_text("No saved plans yet")).to_be_visible()

        # Shared as viewer: Bob sees it and it opens read-only.
        share_with(ann, "bob@example.com", "viewer")
        plans_page(bob, server_b)
        expect(bob.get_by_test_id("stDataFrame").first).to_contain_text(PLAN)
        expect(bob.get_by_role("button", name="Delete")).to_be_disabled()
        open_plan(bob)
        expect(bob.get_by_text("You can view this plan")).to_be_visible()
        whole_page_screenshot(bob, "team-bob-viewer-plan-page")
        go_to_plans(bob)
        expect(bob.get_by_role("button", name="Save as revision 2")).to_be_disabled()

        # Shared as editor: Bob saves revision 2 on B; Ann sees it on A after a refresh.
        share_with(ann, "bob@example.com", "editor")
        plans_page(bob, server_b)
        open_plan(bob)
        edit_employees(bob, 1201)
        click(bob, "Save as revision 2")
        assert "as revision 2" in success(bob)
        plans_page(ann, server_a)
        expect(ann.get_by_text("Revision 2 · saved")).to_be_visible()
        open_tab(ann, "History and export")
        expect(ann.get_by_test_id("stDataFrame").nth(1)).to_contain_text("bob@example.com")

        # A stale save is refused across servers: Ann opens revision 2, Bob saves 3 on B.
        open_plan(ann)
        edit_employees(ann, 1203)
        edit_employees(bob, 1202)
        click(bob, "Save as revision 3")
        assert "as revision 3" in success(bob)
        click(ann, "Save as revision 3")
        expect(ann.get_by_text("was saved elsewhere since you opened it")).to_be_visible()
        expect(ann.get_by_role("button", name="Save as a copy")).to_be_visible()
        whole_page_screenshot(ann, "team-ann-conflict")

        # The link opens the plan for Bob, not for Cat. (Each server here is its own origin,
        # which a sign-in cookie is bound to, so the link is opened on the server they signed
        # in on; behind one proxy, as in compose.yaml, there is one origin.)
        link_b = link.replace(server_a, server_b)
        with app_run(bob):
            bob.goto(link_b)
        expect(bob.get_by_text(f"Saved plan: {PLAN}")).to_be_visible()
        whole_page_screenshot(bob, "team-bob-link-opened")
        with app_run(cat):
            cat.goto(link_b)
        expect(cat.get_by_test_id("stAlertContentError")).to_contain_text(NOT_SHARED)
        whole_page_screenshot(cat, "team-cat-link-refused")

        # Sign-out: through the provider's end-session page, back to the sign-in button.
        bob.get_by_test_id("stButton").get_by_role("button", name="Sign out").click()
        end_session = bob.get_by_role("button", name="End session")  # the provider's page
        expect(end_session).to_be_visible()
        with app_run(bob):  # the provider redirects back to the app: its first run
            end_session.click()
            bob.wait_for_url(re.compile(re.escape(server_b)))
        expect(bob.get_by_role("button", name="Sign in")).to_be_visible()
        whole_page_screenshot(bob, "team-bob-signed-out")
    finally:
        for context in (ann_context, bob_context, cat_context):
            context.close()
