"""A real server for the web tests: the demo store built once per session, ``kg serve`` started
as a subprocess on a free port of 127.0.0.1 (base IRI = that address, so every IRI the store
mints dereferences on it), stopped at the end.

Fixtures:
- ``demo_store``: (directory, base IRI) of the built demo store — read-only for tests;
- ``server``: the base URL of the running server (same as the base IRI);
- ``http``: a ``requests.Session``.
"""

from __future__ import annotations

import pytest
import requests
from webhelp import ROOT, build_demo, free_port, start_server, stop_server  # noqa: F401


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    directory = tmp_path_factory.mktemp("web") / "store"
    build_demo(directory, base)
    return directory, base, port


@pytest.fixture(scope="session")
def server(demo_store):
    directory, base, port = demo_store
    proc = start_server(directory, port)
    yield base
    stop_server(proc)


@pytest.fixture()
def http():
    with requests.Session() as s:
        yield s


#: a record whose text is markup and script (titles, notes, names, links), ingested into TVHN
#: beside the demo: the pages must show it as text and never run it
HOSTILE = r"""
=LDR  00000nam a2200000 a 4500
=001  XSS1
=008  200101s2020    vm            000 0 vie d
=020  \\$a9786040000001$q<script>alert(20)</script> bìa mềm
=100  1\$6880-02$a<script>alert('agent')</script> Kẻ Gian,$d1900-1990.
=245  10$6880-01$a<script>alert(1)</script> Nhan đề <b>độc</b> /$c<img src=x onerror=alert(2)>
=246  3\$a<iframe src=javascript:alert(21)> nhan đề khác
=250  \\$a<script>alert(22)</script> Tái bản lần 2
=260  \\$aH. :$b<i>NXB</i> "Trẻ" & Co,$c2020.
=300  \\$a<script>alert(23)</script> 200 tr. ;$c21 cm
=490  0\$a<script>alert(24)</script> Tủ sách độc
=500  \\$a<script>alert(3)</script> ghi chú "có ngoặc" & <u>thẻ</u>
=505  0\$a<script>alert(25)</script> Phần một -- <b>Phần hai</b>
=520  \\$a<script>alert(26)</script> tóm tắt <img src=x onerror=alert(27)>
=600  10$a<script>alert(28)</script> Nhân Vật,$d1800-1850$xTiểu sử
=650  \7$a<svg onload=alert(6)>Chủ đề$2tvqg
=700  1\$a<img src=x onerror=alert(29)> Đồng Tác Giả$edịch
=856  40$ujavascript:alert(4)$zBấm vào đây <script>alert(7)</script>
=880  10$6245-01/{dollar}1$a<script>alert(30)</script> 斷腸 <b>新聲</b>
=880  1\$6100-02/{dollar}1$a<script>alert(31)</script> 阮 <i>攸</i>
=952  \\$aTVHN$bTVHN$cPM$o<script>alert(8)</script>$p999001$ujavascript:alert(5)$70
"""

#: the hostile record's author as an authority record of TVHN: its variants (4XX), sources
#: (670), biography (678) and scope note (680) reach the agent page and the reconciliation preview
HOSTILE_AUTHORITY = r"""
=LDR  00000nz  a2200000n  4500
=001  XSSA1
=008  260101n| azannaabn          |a aaa
=100  1\$a<script>alert('agent')</script> Kẻ Gian,$d1900-1990.
=400  1\$a<img src=x onerror=alert(40)> Gian, Kẻ
=400  0\$a<script>alert(41)</script> Bút Danh
=670  \\$a<script>alert(42)</script> Nguồn tư liệu$b<b>tr. 5</b>
=678  0\$a<script>alert(43)</script> Tiểu sử <img src=x onerror=alert(44)> nhà văn.
=680  \\$i<script>alert(45)</script> Ghi chú phạm vi
"""

#: a library whose names, city and record are markup (the home, libraries and library pages)
HOSTILE_LIBRARY = ("XSSL", "<script>alert('thư viện')</script> Thư viện <b>Lạ</b>",
                   "<img src=x onerror=alert('library')> Strange Library", "<svg onload=alert('city')>Hà Nội")
HOSTILE_LIBRARY_RECORD = r"""
=LDR  00000nam a2200000 a 4500
=001  XSSL1
=008  200101s2020    vm            000 0 vie d
=245  10$aSách của thư viện lạ
=852  \\$aXSSL$jXSSL-0001
"""

#: one printing (one ISBN) catalogued by two libraries: a publication across libraries
#: (``instance/hub/isbn-…``), which the demo has none of (it gives no ISBN)
PUBLICATION = r"""
=LDR  00000nam a2200000 a 4500
=001  {rid}
=008  200101s2020    vm            000 0 vie d
=020  \\$a9786041234567$c50000đ
=100  1\$aNguyễn, Văn Mẫu.
=245  10$aSách mẫu có ISBN /$cNguyễn Văn Mẫu.
=260  \\$aH. :$bKim Đồng,$c2020.
=852  \\$a{lib}$j{lib}-0001
"""


@pytest.fixture(scope="session")
def extra_server(tmp_path_factory):
    """A second server: the demo plus :data:`HOSTILE` and :data:`HOSTILE_AUTHORITY` in TVHN,
    :data:`PUBLICATION` in TVHN and VNU, and :data:`HOSTILE_LIBRARY` with its record, linked.
    Yields (base URL, the hostile record's instance IRI)."""
    from kg.link.run import run as link
    from kg.store import Hub, registry
    from kg.store.ingest import IngestOptions, run as ingest_run

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    directory = tmp_path_factory.mktemp("web-extra") / "store"
    build_demo(directory, base)
    files = {"TVHN": HOSTILE + PUBLICATION.format(rid="PUB1", lib="TVHN") + HOSTILE_AUTHORITY,
             "VNU": PUBLICATION.format(rid="PUB2", lib="VNU"), "XSSL": HOSTILE_LIBRARY_RECORD}
    with Hub(str(directory), base_uri=base) as hub:
        registry.add(hub.backend, hub.names, registry.Library(*HOSTILE_LIBRARY, kind="public"))
        for lib, text in files.items():
            mrk = directory.parent / f"extra-{lib}.mrk"
            mrk.write_text(text.strip() + "\n", encoding="utf-8")
            problems: list = []
            ingest_run([str(mrk)], IngestOptions(lib, base, jobs=1), hub.backend, hub.index, hub.names,
                       problems.append)
            assert not [p for p in problems if p.action == "rejected"], problems
        link(hub)
    proc = start_server(directory, port)
    yield base, f"{base}instance/TVHN/XSS1"
    stop_server(proc)
