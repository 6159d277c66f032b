"""A reconciliation query, as OpenRefine sends it, and what its text says.

The W3C Reconciliation API 0.2 query is ``{"query": text, "type": T or [T…], "limit": n,
"properties": [{"pid": id, "v": value}], "type_strict": "any" | "all" | "should"}``; a value is a
string, a number, a boolean, ``{"id", "name"}`` or a list of those.  :meth:`Query.from_json` reads
that shape leniently (unknown keys ignored: clients add their own) and strictly where a wrong
shape would silently change the answer (a ``limit`` that is not a number is an error).

The text itself may be an identifier rather than a name — one of our IRIs, a VIAF, ISNI,
Wikidata or id.loc.gov IRI, or a bare number with its scheme ("viaf:96990355", "Q1382",
"0000 0001 2145 8567", "n 79021164") — see :func:`identifier`; for those the answer is the
entity holding it, not a name search.

>>> identifier("http://viaf.org/viaf/96990355/"), identifier("Q312"), identifier("n  79-21164")
(('viaf', '96990355'), ('wikidata', 'Q312'), ('lcnaf', 'n79021164'))
>>> identifier("Nguyễn Du, 1765-1820") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import KgError
from ..text.identifiers import isni_key, normalise_lccn, uri_key
from .vocab import Type, resolve_type

MAX_LIMIT = 100
DEFAULT_LIMIT = 10
STRICT = ("any", "all", "should")


class QueryError(KgError):
    """A query (or a batch) that cannot be read: the message says which part and why."""

    exit_status = 2


@dataclass
class Query:
    query: str = ""
    types: tuple[Type, ...] = ()
    limit: int = DEFAULT_LIMIT
    properties: list[tuple[str, list[str]]] = field(default_factory=list)  # (pid, values as text)
    type_strict: str = "should"
    unknown_types: tuple[str, ...] = ()  # named types we do not have: nothing can match them

    @classmethod
    def from_json(cls, obj) -> "Query":
        if isinstance(obj, str):
            return cls(query=obj)
        if not isinstance(obj, dict):
            raise QueryError("a query must be an object with a 'query' string")
        text = obj.get("query", "")
        if text is None:
            text = ""
        if not isinstance(text, (str, int, float)) or isinstance(text, bool):
            raise QueryError("'query' must be a string")
        raw_types = obj.get("type") or []
        if isinstance(raw_types, (str, dict)):
            raw_types = [raw_types]
        if not isinstance(raw_types, list):
            raise QueryError("'type' must be a string or a list of strings")
        types, unknown = [], []
        for t in raw_types:
            name = t.get("id", "") if isinstance(t, dict) else t
            if not isinstance(name, str):
                raise QueryError("'type' must be a string or a list of strings")
            found = resolve_type(name)
            if found is None:
                unknown.append(name)
            elif found not in types:
                types.append(found)
        limit = obj.get("limit", DEFAULT_LIMIT)
        if limit is None:
            limit = DEFAULT_LIMIT
        if isinstance(limit, str) and limit.strip().isdigit():
            limit = int(limit)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise QueryError("'limit' must be a non-negative integer")
        strict = obj.get("type_strict") or "should"
        if strict not in STRICT:
            raise QueryError(f"'type_strict' must be one of {', '.join(STRICT)}")
        props = []
        raw_props = obj.get("properties") or []
        if not isinstance(raw_props, list):
            raise QueryError("'properties' must be a list of {pid, v} objects")
        for p in raw_props:
            if not isinstance(p, dict) or not isinstance(p.get("pid", p.get("p")), str):
                raise QueryError("each property must be an object with a 'pid' string and a value 'v'")
            props.append((p.get("pid", p.get("p")), values(p.get("v"))))
        return cls(str(text), tuple(types), min(limit, MAX_LIMIT) or DEFAULT_LIMIT, props, strict, tuple(unknown))

    def values(self, pid: str) -> list[str]:
        """Every value given for property ``pid`` (or one of its aliases)."""
        from .vocab import resolve_property

        want = resolve_property(pid)
        out: list[str] = []
        for p, vs in self.properties:
            prop = resolve_property(p)
            if prop is not None and want is not None and prop.id == want.id:
                out.extend(vs)
        return out


def values(v) -> list[str]:
    """A property value of the protocol as a list of strings (``{id, name}``: the id when it is
    an IRI or a code, else the name)."""
    if v is None:
        return []
    if isinstance(v, list):
        return [x for item in v for x in values(item)]
    if isinstance(v, dict):
        ident, name = v.get("id"), v.get("name")
        return [str(x) for x in (ident, name) if isinstance(x, (str, int, float)) and str(x).strip()][:1] or []
    if isinstance(v, bool):
        return [str(v).lower()]
    if isinstance(v, (int, float)):
        return [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)]
    if isinstance(v, str):
        return [v] if v.strip() else []
    raise QueryError("a property value must be a string, a number, a boolean, {id, name} or a list of those")


# --- identifiers ------------------------------------------------------------------------------

_PREFIXED = re.compile(r"^\s*(viaf|isni|wikidata|wd|lccn|lcnaf|lcsh|orcid|gnd)\s*[:=]?\s*(\S.*?)\s*$", re.I)
_WIKIDATA = re.compile(r"^Q[1-9]\d*$", re.I)
_LCCN = re.compile(r"^(n|nb|nr|no|ns|sh|sj|gf)\s*\d{2}[\d\s-]{2,}$")
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_LCCN_SCHEME = {"sh": "lcsh", "sj": "lcsh", "gf": "lcgft"}


def identifier(text: str, scheme_hint: str | None = None) -> tuple[str, str] | None:
    """``(scheme, value)`` as the index keeps identifiers (:mod:`kg.store.extract`), or None if
    ``text`` is not recognisably one.  An IRI that is none of the known authorities comes back
    as ``("uri", iri)``: it may be one of ours."""
    text = (text or "").strip().strip("<>")
    if not text or len(text) > 300:
        return None
    if text.startswith(("http://", "https://")):
        return uri_key(text)
    hint = (scheme_hint or "").lower() or None
    m = _PREFIXED.match(text)
    if m:
        hint, text = m.group(1).lower(), m.group(2)
    hint = {"wd": "wikidata", "lcnaf": "lccn"}.get(hint or "", hint)
    if hint == "viaf":
        return ("viaf", text) if text.isdigit() else None
    if hint == "wikidata":
        return ("wikidata", text.upper()) if _WIKIDATA.match(text) else None
    if hint == "isni" or (hint is None and re.fullmatch(r"[\d\s]{15,22}[\dXx]", text)):
        key = isni_key(text)
        return ("isni", key) if key else None
    if hint in ("lccn", "lcsh") or (hint is None and _LCCN.match(text)):
        lccn = normalise_lccn(text.replace(" ", "") if "-" not in text else text)
        prefix = re.match(r"^[a-z]*", lccn).group(0)
        return (_LCCN_SCHEME.get(prefix, "lcnaf"), lccn) if prefix and lccn[len(prefix):].isdigit() else None
    if hint == "orcid" or (hint is None and _ORCID.match(text)):
        return ("orcid", text.upper()) if _ORCID.match(text.upper()) else None
    if hint == "gnd":
        return "gnd", text
    if hint is None and _WIKIDATA.match(text):
        return "wikidata", text.upper()
    return None
