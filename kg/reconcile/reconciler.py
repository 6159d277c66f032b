"""The one object the command line and the reconciliation service talk to.

    with Reconciler(hub) as r:                       # a kg.store.Hub, or kg.web.data.Data
        r.match({"q0": {"query": "Nguyễn Du, 1765-1820", "type": "Person"}})
        r.suggest("nguyen nh", type="Person")
        r.describe("http://…/agent/hub/nguyen-du-1765-1820-…")
        r.extend(["http://…/agent/hub/…"], ["dates", "variants", "works"])

Everything a route of the Reconciliation API needs is a method here, returning plain values in
the protocol's shapes (``Candidate.as_json``, ``Description.as_json``, the extension dict), so
that the HTTP layer only parses requests and serialises answers.  Safe to share between
threads (see :mod:`kg.reconcile.entities`).
"""

from __future__ import annotations

from ..text.heading import heading_key
from ..text.vietnamese import fold
from . import engine, extend as extension
from .entities import Catalog
from .query import Query, identifier
from .scoring import folded_tokens
from .vocab import KINDS, TYPES, Property, Type, properties as vocab_properties, resolve_type, type_of_class

SUGGEST_MAX = 100


class Reconciler:
    def __init__(self, source, refresh_seconds: float = 5.0, lang: str = "vi"):
        """``source``: a :class:`kg.store.Hub`, or anything with a ``hub`` attribute (the web's
        ``Data``).  ``refresh_seconds``: how often to look whether the store changed."""
        hub = getattr(source, "hub", source)
        self.catalog = Catalog(hub, refresh_seconds)
        self.matcher = engine.Matcher(self.catalog, lang)
        self.facts = extension.Facts(self.catalog)
        self.lang = lang

    def close(self) -> None:
        self.catalog.close()

    def __enter__(self) -> "Reconciler":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def refresh(self) -> None:
        """Re-read the links graph and identifiers now (after ``kg link`` in the same process)."""
        self.catalog.snapshot(force=True)

    # -- matching -----------------------------------------------------------------------------

    def match(self, queries: dict[str, Query | dict | str],
              lang: str | None = None) -> dict[str, list[engine.Candidate]]:
        """A batch keyed like the protocol's (q0, q1…); each query a :class:`Query`, its JSON
        object or a bare string; descriptions in ``lang`` (vi, en; default: the reconciler's).
        Raises :class:`~kg.reconcile.query.QueryError` for a malformed query."""
        return self.matcher.match(queries, lang)

    def match_one(self, query: Query | dict | str, lang: str | None = None) -> list[engine.Candidate]:
        return self.match({"q": query}, lang)["q"]

    # -- suggest ------------------------------------------------------------------------------

    def suggest(self, prefix: str, type: str | None = None, cursor: int = 0, limit: int = 10,
                lang: str | None = None) -> list[dict]:
        """Entities whose name begins with ``prefix`` (folded: "nguyen nh" finds "Nguyễn Nhật
        Ánh"), names typed with the same marks first, then by use; ``{id, name, description,
        notable}`` each.  An identifier or one of our IRIs as prefix gives that entity."""
        prefix = (prefix or "").strip()
        cursor, limit = max(0, int(cursor)), max(1, min(int(limit), SUGGEST_MAX))
        if len(prefix) < 2:
            return []  # one letter says nothing yet, and would read every word it begins
        t = resolve_type(type) if type else None
        kinds = (t.kind,) if t else KINDS
        snap = self.catalog.snapshot()
        hits: list[str] = []
        ident = identifier(prefix)
        if ident is not None:
            if ident[0] == "uri":
                found = self.catalog.known(ident[1])
                hits = [found] if found else []
            else:
                hits = self.catalog.by_identifier(*ident)
        words = folded_tokens(prefix)
        if words and not hits:
            want = min(300, (cursor + limit) * 3 + 10)
            head = [f'"{w}"' for w in words[:-1]]
            last = f'"{words[-1]}"*'  # the word being typed
            hits = self.matcher.fts("^ " + " + ".join(head + [last]), kinds, want)
            if len(dict.fromkeys(snap.answer(h) for h in hits)) < cursor + limit:
                hits += self.matcher.fts(" ".join(head + [last]), kinds, want)
        entities = self.catalog.entities(hits, snap)
        key, folded = heading_key(prefix), fold(prefix)

        def rank(e) -> tuple:
            names = [e.name] + [label.text for label in e.labels]
            exact = any(heading_key(n).startswith(key) for n in names)
            begins = any(fold(n).startswith(folded) for n in names)
            return (not exact, not begins, -e.records, e.name, e.id)

        found = [e for e in entities.values() if t is None or e.cls in t.classes or e.cls in ("Agent", "")]
        found.sort(key=rank)
        lang = lang or self.lang
        return [{"id": e.id, "name": e.name, "description": engine.describe(e, lang),
                 "notable": [type_of_class(e.cls, e.kind).as_json(lang)]}
                for e in found[cursor : cursor + limit]]

    # -- preview and data extension -----------------------------------------------------------

    def describe(self, ident: str) -> extension.Description | None:
        """Facts of one entity (ours: a hub or an entity IRI), None when we do not know it."""
        return self.describe_many([ident]).get(ident)

    def describe_many(self, idents: list[str]) -> dict[str, extension.Description | None]:
        snap = self.catalog.snapshot()
        answers = {i: self.catalog.known(i.strip().strip("<>")) for i in idents}
        entities = self.catalog.entities([a for a in answers.values() if a], snap)
        return {i: (self.facts.describe(entities[a], snap) if a in entities else None) for i, a in answers.items()}

    def extend(self, ids: list[str], property_ids: list[str], lang: str | None = None) -> dict:
        """The data-extension response for ``ids`` and ``property_ids`` (protocol shape)."""
        return extension.extension(self.describe_many(list(ids)), list(property_ids), lang or self.lang)

    @staticmethod
    def suggest_types(prefix: str, lang: str = "vi") -> list[dict]:
        """Types whose name (Vietnamese or English, marks ignored) has a word beginning with
        ``prefix``: the ``suggest/type`` service."""
        want = fold(prefix or "")
        return [{"id": t.id, "name": t.name_vi if lang == "vi" else t.name} for t in TYPES
                if _begins(want, t.name, t.name_vi)]

    @staticmethod
    def suggest_properties(prefix: str, type: str | None = None, lang: str = "vi") -> list[dict]:
        """Match properties (for a type, or all) whose id or name has a word beginning with
        ``prefix``: the ``suggest/property`` service."""
        want = fold(prefix or "")
        return [p.as_json(lang) for p in vocab_properties(type, extend=False) if _begins(want, p.id, p.name, p.name_vi)]

    # -- authority records ---------------------------------------------------------------------

    def duplicates(self, library: str | None = None) -> list:
        """Likely duplicate authority records involving ``library`` (all when None), best first
        (:func:`kg.reconcile.duplicates.pairs`).  Reads every authority record: seconds for a
        library's file, minutes for a million labels — a page should compute it ahead."""
        from .duplicates import pairs

        return pairs(self.catalog, library)

    # -- what the service publishes -------------------------------------------------------------

    @staticmethod
    def types() -> tuple[Type, ...]:
        return TYPES

    @staticmethod
    def properties(type: str | None = None, extend: bool = True) -> list[Property]:
        """Properties a type offers for data extension (``extend``) or for matching."""
        return vocab_properties(type, extend=extend)


def _begins(folded_prefix: str, *names: str) -> bool:
    """Does one of ``names``, or one of its words onwards, begin with the folded prefix?"""
    if not folded_prefix:
        return True
    for name in names:
        words = fold(name).split()
        if any(" ".join(words[i:]).startswith(folded_prefix) for i in range(len(words))):
            return True
    return False
