"""The pages in a real browser: Debian's Chromium driven by Playwright, over `dateline serve`'s app on loopback.

Chromium comes from apt (`make test` and `.ci/run` install it where they can, see
.ci/chromium); `playwright install` cannot download here, so Playwright launches the system
binary. Without Chromium the tests skip with the reason, except in CI (CI=true), where they fail.
Screenshots go to test-artifacts/screenshots/ (not committed).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from dateline.web import create_app
from web_store import HOSTILE_EVENT_TITLE, HOSTILE_TITLE, build_web_store

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.browser


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    reason = f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/chromium does)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " — CI must have it")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a SQLite store of the web test articles, served by uvicorn on a free loopback port."""
    target = str(tmp_path_factory.mktemp("web") / "web.db")
    build_web_store(target).close()
    port = _free_port()
    config = uvicorn.Config(create_app(target), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium_or_skip()
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    yield opened
    context.close()
    assert not errors, errors


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_event_evidence_actor(page) -> None:  # type: ignore[no-untyped-def]
    expect = playwright_api.expect
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Dateline")
    page.fill("header input[name=q]", "coastal shipping")
    page.click("header button[type=submit]")
    expect(page.locator("li.hit")).to_have_count(3)
    expect(page.locator("li.hit mark").first).to_be_visible()
    shot(page, "search")
    page.locator("a.hit-title").first.click()
    expect(page.locator("article.text")).to_contain_text("Council of Harbour Ministers")
    page.locator("a[href='/events/ev-0001']").first.click()
    expect(page.locator("h1")).to_have_text(HOSTILE_EVENT_TITLE)  # shown as text, not run
    expect(page.locator("tr.conflict")).to_have_count(1)
    row = page.locator("tr.fact[data-field=type]")
    row.click()
    expect(row).to_have_class("fact selected")
    shot(page, "event")
    evidence = row.locator("a.evidence-link").first
    quoted = evidence.get_attribute("title") or ""
    evidence.click()
    focus = page.locator("#focus")
    expect(focus).to_be_visible()
    expect(page.locator(".focus").first).to_have_css("background-color", "rgb(255, 229, 138)")
    assert quoted.split(" (")[0].startswith(focus.inner_text().strip()[:10])
    shot(page, "evidence")
    page.go_back()
    page.locator("a.actor-link", has_text="Ivan Petrov").click()
    expect(page.locator("h1")).to_have_text("Ivan Petrov")
    expect(page.locator("table.aliases")).to_contain_text("Petrov")
    expect(page.locator("svg.timeline")).to_be_visible()
    shot(page, "actor")


def test_hostile_article_shows_markup_as_text(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/documents/doc_evil")
    expect = playwright_api.expect
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    expect(page.locator("article.text")).to_contain_text('<img src="x" onerror="window.pwned=2">')
    assert page.locator("article.text img").count() == 0
    assert page.evaluate("window.pwned") is None
    page.goto("/")
    expect(page.locator("a.event-link").first).to_have_text(HOSTILE_EVENT_TITLE)
    assert page.evaluate("window.pwned") is None
    page.goto("/search?q=margin")
    expect(page.locator("a.hit-title")).to_have_text(HOSTILE_TITLE)
    assert page.evaluate("window.pwned") is None


def test_series_page_and_errors(page) -> None:  # type: ignore[no-untyped-def]
    expect = playwright_api.expect
    page.goto("/series")
    page.locator("a", has_text="Council of Harbour Ministers").click()
    expect(page.locator("table.matrix td.present").first).to_contain_text("Ivan Petrov")
    expect(page.locator("svg.timeline")).to_be_visible()
    shot(page, "series")
    response = page.goto("/events/no-such-event")
    assert response is not None and response.status == 404
    expect(page.locator("p.error")).to_contain_text("no-such-event")
