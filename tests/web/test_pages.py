"""The HTML pages, over HTTP against a real ``kg serve`` of the demo store (``server``).

Entities are found the way a reader finds them — through search and the links on the pages —
not by hard-coded hub IRIs (their hashes are the linker's business).  Expected figures are read
from the index of the demo store, independently of the server.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest

from kg.web import i18n, pages  # noqa: F401 - importing the pages registers their messages

HTML = {"Accept": "text/html"}
LIBRARIES = {"NLV": "Thư viện Quốc gia Việt Nam", "VNU": "Trung tâm Thư viện và Tri thức số",
             "TVHN": "Thư viện Hà Nội"}


def page(http, url: str, **params):
    r = http.get(url, params=params or None, headers=HTML, timeout=60)
    assert r.status_code == 200, (url, r.status_code, r.text[:500])
    assert r.headers["Content-Type"].startswith("text/html")
    assert "charset=utf-8" in r.headers["Content-Type"].lower()
    return r, lxml.html.fromstring(r.text)


def text(node) -> str:
    return " ".join(node.text_content().split())


def section(doc, ident: str):
    found = doc.xpath(f"//*[@id='{ident}']")
    assert found, f"no #{ident}"
    return found[0]


def results(doc) -> list[tuple[str, str, list[str]]]:
    """(title, link, library codes) of the search results."""
    out = []
    for li in doc.xpath("//ol[contains(@class,'results')]/li"):
        a = li.xpath(".//a[contains(@class,'title')]")[0]
        out.append((text(a), a.get("href"), [text(x) for x in li.xpath(".//a[contains(@class,'lib')]")]))
    return out


def facet(doc, name: str) -> dict[str, tuple[str, int, bool]]:
    """{label: (link, count, selected)} of one facet."""
    heading = i18n.MESSAGES[f"facet.{name}"]["vi"]
    boxes = [s for s in doc.xpath("//section[contains(@class,'facet')]") if text(s.xpath("h2")[0]) == heading]
    if not boxes:
        return {}
    out = {}
    for li in boxes[0].xpath(".//li"):
        a = li.xpath("a")[0]
        count = int(text(li.xpath(".//span[@class='count']")[0]))
        out[text(a)] = (a.get("href"), count, "selected" in (li.get("class") or ""))
    return out


def index(demo_store):
    """The demo store's label index, read-only (the server has the store open beside it)."""
    directory, _base, _port = demo_store
    return closing(sqlite3.connect(f"file:{directory / 'index.sqlite'}?mode=ro", uri=True))


def find(http, server, q: str, kind: str, prefix: str) -> str:
    """The URL of the first search result of ``kind`` whose link starts with ``prefix``."""
    _r, doc = page(http, server + "search", q=q, type=kind)
    for title, link, _libs in results(doc):
        if link.startswith(prefix):
            return urljoin(server, link)
    raise AssertionError(f"no {prefix} result for {q!r}: {results(doc)}")


@pytest.fixture(scope="module")
def nguyen_du(server, http_module):
    return find(http_module, server, "nguyen du", "agent", "/agent/hub/")


@pytest.fixture(scope="module")
def truyen_kieu(server, http_module):
    return find(http_module, server, "truyen kieu", "work", "/work/hub/")


@pytest.fixture(scope="module")
def http_module():
    import requests

    with requests.Session() as s:
        yield s


# -- home, libraries ----------------------------------------------------------------------------

def test_home_lists_the_libraries_with_their_counts(server, http, demo_store):
    with index(demo_store) as db:
        counts = dict(db.execute("SELECT library, COUNT(*) FROM records WHERE kind != 'authority' GROUP BY library"))
        items = dict(db.execute("SELECT library, SUM(items) FROM records GROUP BY library"))
    r, doc = page(http, server)
    assert doc.get("lang") == "vi"
    rows = {text(tr.xpath("td[1]")[0]): [text(td) for td in tr.xpath("td")]
            for tr in section(doc, "libraries").xpath(".//tbody/tr")}
    assert set(rows) == set(LIBRARIES)
    for code, name in LIBRARIES.items():
        assert name in rows[code][1]
        assert rows[code][4] == str(counts[code]) and rows[code][5] == str(items[code])
    totals = text(section(doc, "totals"))
    assert f"{sum(counts.values())} biểu ghi thư mục" in totals
    # examples: the work held by the most libraries is a cluster page on this server
    first = section(doc, "widest-works").xpath(".//li/a")[0]
    assert first.get("href").startswith("/work/hub/")
    assert doc.xpath("//form[@action='/search']//input[@name='q']")


def test_libraries_page(server, http):
    _r, doc = page(http, server + "libraries")
    links = {a.get("href").split("?")[0] for a in doc.xpath("//table//a")}
    assert links == {f"/library/{code}" for code in LIBRARIES}


# -- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize("q", ["nguyen du", "Nguyễn Du", "NGUYEN DU", "nguyễn du"])
def test_search_ignores_tone_marks_and_case(server, http, q):
    _r, doc = page(http, server + "search", q=q)
    found = results(doc)
    titles = [t for t, _l, _c in found]
    assert titles[0] == "Nguyễn Du, 1765-1820"
    link, libs = found[0][1], found[0][2]
    assert link.startswith("/agent/hub/") and set(libs) == set(LIBRARIES)  # one result for three libraries
    assert sum(t.startswith("Nguyễn Du, 1765-1820") and l.startswith("/agent/") for t, l, _c in found) == 1
    # the other man whose name folds the same is found too, and kept apart
    assert any(t.startswith("Nguyễn Dữ") for t in titles)


def test_search_facets_filter(server, http):
    _r, doc = page(http, server + "search", q="truyen kieu")
    everything = results(doc)
    libraries = facet(doc, "library")
    assert {LIBRARIES[c].split(",")[0] in " ".join(libraries) for c in LIBRARIES} == {True}
    # by library: every result is from TVHN
    tvhn = next(link for label, (link, _n, _s) in libraries.items() if label.startswith("Thư viện Hà Nội"))
    _r, doc = page(http, urljoin(server, tvhn))
    only = results(doc)
    assert only and all("TVHN" in libs for _t, _l, libs in only) and len(only) < len(everything)
    assert facet(doc, "library")["Thư viện Hà Nội"][2]  # shown as selected, with a link that removes it
    assert "library" not in parse_qs(urlsplit(facet(doc, "library")["Thư viện Hà Nội"][0]).query)
    # by type
    types = facet(doc, "type")
    _r, doc = page(http, urljoin(server, types["Tác phẩm"][0]))
    assert all(link.startswith("/work/") for _t, link, _l in results(doc))
    # by decade: the translation of 1983
    _r, doc = page(http, server + "search", q="truyen kieu")
    decades = facet(doc, "year")
    assert "1980-1989" in decades
    _r, doc = page(http, urljoin(server, decades["1980-1989"][0]))
    assert results(doc) and len(results(doc)) == decades["1980-1989"][1]
    # by language and subject: each narrows the list and keeps the query
    for name in ("language", "subject"):
        _r, doc = page(http, server + "search", q="truyen kieu")
        label, (link, count, _sel) = next(iter(facet(doc, name).items()))
        assert parse_qs(urlsplit(link).query)["q"] == ["truyen kieu"]
        _r, narrowed = page(http, urljoin(server, link))
        assert 0 < len(results(narrowed)) <= len(everything)


def test_search_without_query_and_nonsense(server, http):
    _r, doc = page(http, server + "search")
    assert not results(doc) and doc.xpath("//input[@name='q']")
    _r, doc = page(http, server + "search", q="zzqqxxyy")
    assert not results(doc)
    _r, doc = page(http, server + "search", q='" * NEAR( ) : ^', page="x")  # FTS syntax is never passed through
    assert not results(doc)


# -- entity pages -------------------------------------------------------------------------------

def rdf_links(r, doc) -> set[str]:
    alternates = {(x.get("type"), x.get("href")) for x in doc.xpath("//head/link[@rel='alternate']")}
    path = urlsplit(r.url).path
    assert alternates == {("text/turtle", f"{path}.ttl"), ("application/ld+json", f"{path}.jsonld"),
                          ("application/rdf+xml", f"{path}.rdf"), ("application/n-triples", f"{path}.nt")}
    return {href for _t, href in alternates}


def test_agent_page_of_nguyen_du_across_three_libraries(server, http, nguyen_du):
    r, doc = page(http, nguyen_du)
    assert text(doc.xpath("//h1")[0]) == "Nguyễn Du, 1765-1820"
    holdings = text(section(doc, "holdings"))
    for name in LIBRARIES.values():
        assert name in holdings
    names = text(doc.xpath("//ul[@class='names']")[0])
    for variant in ("Tố Như", "Nguyễn, Du", "阮攸"):
        assert variant in names
    facts = text(doc.xpath("//dl[@class='facts']")[0])
    assert "1765" in facts and "1820" in facts and "Thăng Long" in facts
    members = section(doc, "members")
    assert {text(a) for a in members.xpath(".//a[@class='lib']")} == set(LIBRARIES)
    # works by role: Truyện Kiều, a cluster with records in all three libraries
    works = section(doc, "works")
    entry = next(li for li in works.xpath(".//li")
                 if "Truyện Kiều" in text(li) and li.xpath(".//span[@class='members']"))
    assert entry.xpath("a")[0].get("href").startswith("/work/hub/")
    assert {text(a).split(" ")[0] for a in entry.xpath(".//a[@class='lib']")} == set(LIBRARIES)
    for link in rdf_links(r, doc):
        assert http.get(urljoin(server, link), timeout=60).status_code == 200


def test_library_agent_page_links_to_its_cluster(server, http, nguyen_du):
    _r, doc = page(http, nguyen_du)
    tvhn = next(a.get("href") for a in section(doc, "members").xpath(".//tbody//td[2]/a")
                if "/agent/TVHN/" in a.get("href"))
    _r, member = page(http, urljoin(server, tvhn))
    assert urlsplit(nguyen_du).path in [a.get("href") for a in member.xpath("//p[@class='cluster']/a")]
    assert "Thư viện Hà Nội" in text(section(member, "holdings"))


def test_work_page_lists_instances_of_every_library_and_the_translation(server, http, truyen_kieu):
    _r, doc = page(http, truyen_kieu)
    assert "Truyện Kiều" in text(doc.xpath("//h1")[0])
    instances = section(doc, "instances")
    tables = instances.xpath(".//table")
    assert len(tables) == 2  # editions, translations
    libraries = {text(row.xpath("td[1]")[0]) for row in tables[0].xpath(".//tbody/tr")}
    assert {"Thư viện Quốc gia Việt Nam", "Thư viện Hà Nội"} <= libraries
    assert any(name.startswith(LIBRARIES["VNU"]) for name in libraries)
    translations = text(tables[1])
    assert "The tale of Kiều" in translations and "1983" in translations and "Yale" in translations
    assert "Nguyễn Du" in text(doc.xpath("//dl[@class='facts']")[0])  # the creator, linked to the agent cluster
    assert doc.xpath("//dl[@class='facts']//a[starts-with(@href, '/agent/hub/')]")


def test_instance_page_has_the_holdings_table(server, http, truyen_kieu):
    _r, doc = page(http, truyen_kieu)
    row = next(tr for tr in section(doc, "instances").xpath(".//tbody/tr") if "Thư viện Hà Nội" in text(tr))
    instance = urljoin(server, row.xpath("td[2]/a")[0].get("href"))
    r, doc = page(http, instance)
    rdf_links(r, doc)
    facts = text(doc.xpath("//dl[@class='facts']")[0])
    assert "Kim Vân Kiều" in facts and "Văn học" in facts and "2015" in facts and "263" in facts
    table = section(doc, "holdings").xpath(".//table")[0]
    headers = [text(th) for th in table.xpath(".//thead//th")]
    assert headers[:5] == ["Thư viện", "Ký hiệu xếp giá", "Mã vạch / số ĐKCB", "Kho / vị trí", "Tình trạng"]
    rows = [[text(td) for td in tr.xpath("td")] for tr in table.xpath(".//tbody/tr")]
    assert len(rows) == 2
    assert all(r[0] == "Thư viện Hà Nội" and r[1] == "895.9221 TR527K" for r in rows)
    by_barcode = {r[2]: r for r in rows}
    assert set(by_barcode) == {"2015004412", "2015004413"}
    assert by_barcode["2015004413"][4] == "Không cho mượn về nhà"
    assert by_barcode["2015004412"][4] == "Không ghi hạn chế"
    # the item page
    item = table.xpath(".//tbody/tr/td[3]/a")[0].get("href")
    _r, doc = page(http, urljoin(server, item))
    assert "895.9221 TR527K" in text(doc.xpath("//dl[@class='facts']")[0])
    assert doc.xpath("//dl[@class='facts']//a[contains(@href, '/instance/TVHN/')]")


def test_concept_page(server, http):
    link = find(http, server, "van hoc viet nam", "concept", "/concept/NLV/")
    _r, doc = page(http, link)
    facts = text(doc.xpath("//dl[@class='facts']")[0])
    assert "Văn học" in facts  # broader term
    same = doc.xpath("//dl[@class='facts']//a[contains(@href, '/concept/TVHN/') or contains(@href, '/concept/VNU/')]")
    assert same  # the same heading in the other libraries


def test_library_page(server, http, demo_store):
    with index(demo_store) as db:
        records = db.execute("SELECT COUNT(*) FROM records WHERE library = 'NLV' AND kind != 'authority'").fetchone()[0]
        newest = db.execute("SELECT MAX(year) FROM records WHERE library = 'NLV'").fetchone()[0]
    r, doc = page(http, server + "library/NLV")
    rdf_links(r, doc)
    assert text(doc.xpath("//h1")[0]) == "Thư viện Quốc gia Việt Nam"
    stats = {text(tr.xpath("th")[0]): text(tr.xpath("td")[0]) for tr in section(doc, "statistics").xpath(".//tr")}
    assert stats["biểu ghi thư mục"] == str(records)
    assert str(newest) in text(section(doc, "holds"))
    unlinked = section(doc, "unlinked")
    assert unlinked.xpath(".//tbody/tr")  # the demo's headings without an authority of their own


def test_a_library_work_links_to_its_cluster_and_to_what_it_translates(server, http, truyen_kieu):
    _r, doc = page(http, truyen_kieu)
    member = next(a.get("href") for a in section(doc, "members").xpath(".//a[starts-with(@href, '/work/NLV/')]")
                  if "The tale of Kiều" in text(a))
    _r, work = page(http, urljoin(server, member))
    assert urlsplit(truyen_kieu).path in [a.get("href") for a in work.xpath("//p[@class='cluster']/a")]
    facts = text(work.xpath("//dl[@class='facts']")[0])
    assert "là bản dịch của" in facts and "Huỳnh Sanh Thông" in facts and "Dịch giả" in facts
    assert "The tale of Kiều" in text(section(work, "instances"))


def test_uniform_title_page_lists_the_expressions(server, http, nguyen_du):
    _r, doc = page(http, nguyen_du)
    uniform = next(a.get("href") for a in section(doc, "works").xpath(".//a[starts-with(@href, '/work/NLV/hub/')]"))
    _r, hub = page(http, urljoin(server, uniform))
    rows = section(hub, "instances").xpath(".//tbody/tr")
    assert rows and all("Thư viện Quốc gia Việt Nam" in text(tr) for tr in rows)


def test_publication_page(extra_server, http):
    base, _instance = extra_server
    r, doc = page(http, base + "instance/TVHN/PUB1")
    same = section(doc, "same")
    hub = same.xpath(".//a[starts-with(@href, '/instance/hub/isbn-')]")[0].get("href")
    assert [a.get("href") for a in same.xpath(".//li/a[not(@class)]")] == ["/instance/VNU/PUB2"]
    r, doc = page(http, urljoin(base, hub))
    rdf_links(r, doc)
    assert "9786041234567" in text(doc.xpath("//dl[@class='facts']")[0])
    members = {a.get("href") for a in section(doc, "members").xpath(".//a[not(@class)]")}
    assert members == {"/instance/TVHN/PUB1", "/instance/VNU/PUB2"}
    # its ISBN and price on the instance page
    _r, doc = page(http, base + "instance/VNU/PUB2")
    assert "9786041234567" in text(doc.xpath("//dl[@class='facts']")[0])


def test_unknown_entities_are_404(server, http):
    for path in ("agent/NLV/khong-co-ai-000000000000", "work/hub/khong-co-000000", "library/NOPE",
                 "instance/NLV/NOPE", "item/NLV/NOPE/1", "concept/VNU/khong-co-000000000000"):
        r = http.get(server + path, headers=HTML, timeout=60)
        assert r.status_code == 404, path
        assert "text/html" in r.headers["Content-Type"]


# -- language -----------------------------------------------------------------------------------

def test_english_switch_keeps_the_query_and_is_remembered(server):
    import requests

    with requests.Session() as s:
        r, doc = page(s, server + "search", q="nguyen du", library="NLV")
        switch = doc.xpath("//a[@hreflang='en']")[0].get("href")
        query = parse_qs(urlsplit(switch).query)
        assert query == {"q": ["nguyen du"], "library": ["NLV"], "lang": ["en"]}
        r, doc = page(s, urljoin(server, switch))
        assert doc.get("lang") == "en" and "Search" in text(doc.xpath("//h1")[0])
        assert "lang=en" in r.headers.get("Set-Cookie", "")
        r, doc = page(s, server)  # no parameter: the cookie decides
        assert doc.get("lang") == "en" and "Interconnected Libraries" in text(doc.xpath("//title")[0])
        assert "The libraries" in text(doc)
        r, doc = page(s, server + "?lang=vi")
        assert doc.get("lang") == "vi"


def test_every_message_of_the_pages_exists_in_both_languages():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "web" / "templates"
    keys = set()
    for name in ("base.html", "_macros.html", "_search_form.html", "_libraries_table.html", "entity.html",
                 "home.html", "search.html", "libraries.html", "agent.html", "work.html", "instance.html",
                 "item.html", "concept.html", "library.html", "publication.html", "error.html"):
        keys |= set(re.findall(r"""_\(\s*["']([a-z_.]+)["']\s*[,)]""", (templates / name).read_text(encoding="utf-8")))
    # keys built at run time: every value the code can produce
    from kg.web.pages import agents, concepts, instances

    keys |= {f"class.{c}" for c in agents.CLASSES + concepts.CLASSES}
    keys |= {f"kind.{k}" for k in ("work", "work_hub", "agent", "concept", "instance", "item", "library", "publication")}
    keys |= {f"form.{f}" for f in ("authorised", "heading", "variant")} | {"link.exact", "link.close"}
    keys |= {f"title.{t}" for t in ("title", "parallel", "variant", "abbreviated", "key")}
    keys |= {f"facet.{f}" for f in ("library", "type", "language", "year", "subject")}
    keys |= {key for _p, key in agents.FACTS} | set(instances.ITEM_NOTES.values())
    keys |= {f"library.kind.{k}" for k in ("national", "public", "university", "special", "school")}
    assert len(keys) > 100
    for key in keys:
        assert set(i18n.MESSAGES[key]) >= set(i18n.LANGUAGES), key


# -- record text is text --------------------------------------------------------------------------

def test_markup_in_records_is_shown_as_text(extra_server, http):
    base, instance = extra_server
    r, doc = page(http, instance)
    body = r.text
    assert "<script>alert" not in body and "<b>độc</b>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script> Nhan đề <b>độc</b>" in text(doc.xpath("//h1")[0])
    assert "<script>alert(3)</script> ghi chú \"có ngoặc\" & <u>thẻ</u>" in text(doc)
    assert not doc.xpath("//script") and not doc.xpath("//*[@onerror or @onload]")
    assert not [a for a in doc.xpath("//a[@href]") if a.get("href").strip().lower().startswith("javascript:")]
    # the copy's link (952 $u, kept by the converter as an IRI): shown as text, not followed
    item = section(doc, "holdings").xpath(".//tbody/tr/td[3]/a")[0].get("href")
    r, idoc = page(http, urljoin(base, item))
    assert "javascript:alert(5)" in text(idoc.xpath("//dl[@class='facts']")[0])
    assert not [a for a in idoc.xpath("//a[@href]") if "javascript" in a.get("href").lower()]
    assert "<script>alert(8)</script>" in text(idoc) and "<script>" not in r.text
    # the agent and the search results
    agent = doc.xpath("//dl[@class='facts']//a[starts-with(@href, '/agent/TVHN/')]")[0].get("href")
    r, adoc = page(http, urljoin(base, agent))
    assert "<script>" not in r.text and "<script>alert('agent')</script>" in text(adoc.xpath("//h1")[0])
    r, sdoc = page(http, base + "search", q="alert")
    assert "<script>" not in r.text and not sdoc.xpath("//script")
    assert any("<script>alert(1)</script>" in t for t, _l, _c in results(sdoc))


def test_slow_summaries_do_not_hold_a_page_back():
    """A summary still being computed is None for the page (shown later), then its value."""
    import threading

    from kg.web.pages.common import Memo

    release = threading.Event()
    calls = []

    def compute():
        calls.append(1)
        release.wait(10)
        return "ready"

    memo = Memo(ttl=float("inf"))
    assert memo.get("k", compute, wait=0.05) is None
    assert memo.get("k", compute, wait=0.05) is None and len(calls) == 1  # one computation at a time
    release.set()
    assert memo.get("k", compute, wait=5) == "ready"
    assert memo.get("k", compute, wait=0) == "ready" and len(calls) == 1


def inert(r, doc) -> None:
    """Nothing in the page can run: no script but the site's own files, no event handler, no
    ``javascript:`` link or frame, no markup element from record text."""
    assert all(s.get("src", "").startswith("/static/") for s in doc.xpath("//script")), r.url
    assert not doc.xpath("//@*[starts-with(name(), 'on')]"), r.url
    assert not doc.xpath("//iframe | //svg | //object | //embed"), r.url
    assert not [a for a in doc.xpath("//@href | //@src | //@action") if "javascript:" in a.lower()], r.url
    assert "<script>" not in r.text and "<img src=x" not in r.text and "<b>" not in r.text, r.url


def alerts(doc) -> set[str]:
    """The ``alert(…)`` payloads the page shows as text."""
    return set(re.findall(r"alert\(([^)]*)\)", text(doc)))


def test_every_field_that_reaches_a_page_is_text(extra_server, http):
    """Every field of the hostile records (``tests/web/conftest.py``) that a page shows — 020 $q,
    246, 250, 300, 490, 505, 520, 600, 700, 880 (parallel script), the authority's 4XX variants
    and 678 biography, a library's names and city — is shown as text, and nothing can run."""
    base, instance = extra_server
    r, doc = page(http, instance)
    inert(r, doc)
    assert {"20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30"} <= alerts(doc)
    assert "<script>alert(30)</script> 斷腸 <b>新聲</b>" in text(doc)  # 880, in its own script
    agent = doc.xpath("//a[starts-with(@href, '/agent/TVHN/script-alert-agent')]")[0].get("href")
    r, adoc = page(http, urljoin(base, agent))
    inert(r, adoc)
    assert {"40", "41", "43", "44"} <= alerts(adoc)  # 4XX variants, 678 biography
    assert "<script>alert(43)</script> Tiểu sử <img src=x onerror=alert(44)> nhà văn" in text(adoc)
    r, wdoc = page(http, base + "work/TVHN/XSS1")
    inert(r, wdoc)
    assert {"26", "28", "29"} <= alerts(wdoc)
    for path in ("", "libraries", "library/XSSL", "library/TVHN", "search?q=alert"):
        r, ldoc = page(http, base + path)
        inert(r, ldoc)
        if path in ("", "libraries", "library/XSSL"):
            assert {"'thư viện'", "'city'"} <= alerts(ldoc), path
    r, edoc = page(http, base + "library/XSSL", lang="en")
    inert(r, edoc)
    assert "<img src=x onerror=alert('library')> Strange Library" in text(edoc)
    found = http.get(base + "reconcile/suggest/entity", params={"prefix": "Kẻ Gian"}, timeout=60).json()["result"]
    r = http.get(base + "reconcile/preview", params={"id": found[0]["id"]}, timeout=60)
    pdoc = lxml.html.fromstring(r.text)
    inert(r, pdoc)
    assert {"'agent'", "40", "41"} <= alerts(pdoc)
