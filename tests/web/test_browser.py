"""Headless Chromium over the real server: the pages a reader goes through — home, search, the
agent page of Nguyễn Du, a work across libraries, an instance with its copies — followed by
clicking, as a reader would, with assertions on what is *visible*, and screenshots kept in the
pytest temporary directory (``{basetemp}/screenshots``, a CI artefact).

Every page is checked for what a browser reports: console errors (a Content-Security-Policy
violation is one), uncaught script errors, failed requests, and — on a page whose record holds
``<script>`` — any JavaScript dialog at all.

The system Chromium is used (Debian package ``chromium``, installed by ``.ci/run``); no browser
is downloaded.  Without it, or without the ``playwright`` package, the module is skipped, saying
why.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                                           "(pip install '.[test]')")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: install the Debian package "
                                                              "chromium (.ci/run does)")

LIBRARIES = ("Thư viện Quốc gia Việt Nam", "Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội",
             "Thư viện Hà Nội")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    directory = tmp_path_factory.getbasetemp() / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class Watched:
    """A page with everything the browser complains about recorded."""

    def __init__(self, browser, shots: Path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        self.page = self.context.new_page()
        self.shots = shots
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)

    def check(self) -> None:
        assert not self.problems, self.problems
        assert not self.dialogs, self.dialogs

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def watched(browser, shots):
    w = Watched(browser, shots)
    yield w
    w.close()


def test_from_home_to_an_instance_through_search(server, watched):
    page = watched.page
    page.goto(server)
    assert page.locator("h1").inner_text() == "Thư viện Liên thông"
    table = page.locator("#libraries table")
    for name in LIBRARIES:
        assert table.get_by_text(name, exact=True).is_visible()
    watched.shot("home")

    # search without tone marks, by typing and pressing Enter (a plain form: no script needed)
    page.get_by_role("searchbox").fill("nguyen du")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=nguyen\+du"))
    first = page.locator("ol.results > li").first
    assert first.locator("a.title").inner_text() == "Nguyễn Du, 1765-1820"
    assert sorted(first.locator("a.lib").all_inner_texts()) == ["NLV", "TVHN", "VNU"]
    assert page.get_by_text("Nguyễn Dữ, thế kỷ 16").first.is_visible()
    watched.shot("search")

    # the agent page: holdings in three libraries
    first.locator("a.title").click()
    page.wait_for_url(re.compile(r"/agent/hub/"))
    assert page.locator("h1").inner_text() == "Nguyễn Du, 1765-1820"
    holdings = page.locator("#holdings")
    assert holdings.is_visible()
    for name in LIBRARIES:
        assert holdings.get_by_text(name, exact=True).is_visible()
    assert page.get_by_text("Tố Như, 1765-1820").is_visible()
    watched.shot("agent-nguyen-du")

    # the work across libraries, with the translation
    page.locator("#works a[href^='/work/hub/']").first.click()
    page.wait_for_url(re.compile(r"/work/hub/"))
    assert "Truyện Kiều" in page.locator("h1").inner_text()
    instances = page.locator("#instances")
    for name in LIBRARIES:
        assert instances.get_by_text(name, exact=True).first.is_visible()
    assert instances.get_by_text("The tale of Kiều").first.is_visible()
    watched.shot("work-truyen-kieu")

    # an instance of the Hanoi Library, with its copies
    row = instances.locator("tbody tr").filter(has_text="Thư viện Hà Nội").first
    row.locator("td:nth-child(2) a").click()
    page.wait_for_url(re.compile(r"/instance/TVHN/"))
    copies = page.locator("#holdings table")
    assert copies.is_visible()
    assert copies.get_by_text("2015004413").is_visible()
    assert copies.get_by_text("Không cho mượn về nhà").is_visible()
    watched.shot("instance-tvhn")

    # the RDF formats are offered on the page
    assert page.get_by_role("link", name="Turtle").get_attribute("href").endswith(".ttl")
    watched.check()


def test_facets_and_english(server, watched):
    page = watched.page
    page.goto(server + "search?q=truyen+kieu")
    before = page.locator("ol.results > li").count()
    page.locator("section.facet").filter(has_text="Thư viện").get_by_role("link", name="Thư viện Hà Nội").click()
    page.wait_for_url(re.compile(r"library=TVHN"))
    after = page.locator("ol.results > li")
    assert 0 < after.count() < before
    for i in range(after.count()):
        assert "TVHN" in after.nth(i).locator("a.lib").all_inner_texts()
    watched.shot("search-facet")
    page.get_by_role("link", name="en", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert "library=TVHN" in page.url and "q=truyen+kieu" in page.url
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("section.facet h2").first.inner_text() == "Library"
    watched.shot("search-en")
    watched.check()


def test_other_pages_render_cleanly(server, watched):
    page = watched.page
    for path, name, visible in (("library/NLV", "library-nlv", "Thư viện Quốc gia Việt Nam"),
                                ("libraries", "libraries", "Thư viện Hà Nội"),
                                ("search?q=van+hoc+viet+nam&type=concept", "search-concepts", "Văn học Việt Nam")):
        page.goto(server + path)
        assert page.get_by_text(visible, exact=True).first.is_visible()
        watched.shot(name)
    page.locator("ol.results a.title").first.click()
    page.wait_for_url(re.compile(r"/concept/"))
    watched.shot("concept")
    watched.check()


def test_script_in_a_record_never_runs(extra_server, watched):
    base, instance = extra_server
    page = watched.page
    page.goto(instance)
    page.wait_for_load_state("networkidle")
    assert "<script>alert(1)</script> Nhan đề <b>độc</b>" in page.locator("h1").inner_text()
    assert page.get_by_text("<script>alert(3)</script> ghi chú", exact=False).is_visible()
    watched.shot("hostile-instance")
    page.goto(base + "search?q=alert")
    page.wait_for_load_state("networkidle")
    assert page.locator("ol.results > li").count() > 0
    watched.shot("hostile-search")
    watched.check()


def test_script_in_any_field_never_runs(extra_server, watched):
    """The pages showing the other hostile fields (880, 520, 505, 600, 700, the authority's 4XX
    and 678, a library's names and city) and the reconciliation preview: no dialog, no error."""
    base, instance = extra_server
    page = watched.page
    page.goto(instance)
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("<script>alert(26)</script> tóm tắt", exact=False).first.is_visible()
    agent = page.locator("a[href^='/agent/TVHN/script-alert-agent']").first.get_attribute("href")
    for path in (agent, "/work/TVHN/XSS1", "/", "/libraries", "/library/XSSL", "/library/XSSL?lang=en",
                 "/search?q=alert"):
        page.goto(base.rstrip("/") + path)
        page.wait_for_load_state("networkidle")
    page.goto(base.rstrip("/") + agent)
    assert page.get_by_text("<script>alert(43)</script> Tiểu sử", exact=False).first.is_visible()
    watched.shot("hostile-authority")
    page.goto(base + "reconcile/preview?id=" + base.rstrip("/") + agent)
    page.wait_for_load_state("networkidle")
    assert "<script>alert('agent')</script>" in page.inner_text("body")
    watched.check()  # opened on its own, the preview names its icon (no /favicon.ico 404)
