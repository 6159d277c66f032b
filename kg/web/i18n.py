"""Vietnamese (default) and English: the message table and the choice of language.

The language of a request: ``?lang=vi|en`` (remembered in a cookie by the page that sets it),
else the ``lang`` cookie, else Vietnamese — the hub's users are Vietnamese libraries; English
is one click away on every page.  ``Accept-Language`` is deliberately not used: a shared link
must show the same page to everyone.

Templates call ``_("key")``; a key missing from the table is a bug that the tests catch
(every template key must be in :data:`MESSAGES` in both languages).
"""

from __future__ import annotations

from flask import g, request

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

MESSAGES: dict[str, dict[str, str]] = {
    # filled per page by kg.web.pages; a key: {"vi": ..., "en": ...}
    "site.name": {"vi": "Thư viện Liên thông", "en": "Interconnected Libraries"},
    "site.tagline": {"vi": "Mục lục các thư viện Việt Nam — một đồ thị tri thức",
                     "en": "Catalogues of Vietnam's libraries as one knowledge graph"},
    "nav.home": {"vi": "Trang chủ", "en": "Home"},
    "nav.search": {"vi": "Tìm kiếm", "en": "Search"},
    "nav.sparql": {"vi": "SPARQL", "en": "SPARQL"},
    "nav.libraries": {"vi": "Thư viện", "en": "Libraries"},
    "error.not_found": {"vi": "Không tìm thấy", "en": "Not found"},
    "error.not_found.text": {"vi": "Không có thực thể nào với địa chỉ này.", "en": "There is no entity at this address."},
    "error.not_acceptable": {"vi": "Không có định dạng phù hợp", "en": "Not acceptable"},
    "error.server": {"vi": "Lỗi máy chủ", "en": "Server error"},
}


def language() -> str:
    lang = getattr(g, "lang", None)
    if lang:
        return lang
    asked = request.args.get("lang") or request.cookies.get("lang") or DEFAULT
    g.lang = asked if asked in LANGUAGES else DEFAULT
    return g.lang


def translate(key: str, **values) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(language()) or entry[DEFAULT]
    return text.format(**values) if values else text


def add(messages: dict[str, dict[str, str]]) -> None:
    """Register a module's messages (each key in both languages)."""
    for key, entry in messages.items():
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        MESSAGES[key] = entry
