"""What a user's SPARQL text may not do, and what the endpoint must know about it before it runs.

pyoxigraph gives no access to a parsed query, so this module reads the text itself:

- **SSRF** (server-side request forgery): pyoxigraph's ``SERVICE`` and Update's ``LOAD`` fetch
  over HTTP from the server's network position (checked: both really connect).  Every
  ``SERVICE`` and ``LOAD`` target must be an ``http(s)`` IRI whose host — or ``host:port`` — is on
  the allow-list (``KG_SERVICE_ALLOW``; empty by default, so federation is off); a variable
  target (``SERVICE ?endpoint``) is refused, as is anything the reader cannot resolve.  Two
  readers look, and the union of what they find is checked: rdflib's SPARQL parser and algebra
  (which resolves prefixes and ``BASE`` exactly), and a lexer of our own that skips strings,
  comments and IRIs and resolves ``PREFIX``/``BASE`` and escapes itself — the lexer alone
  decides when rdflib cannot parse what pyoxigraph accepts (SPARQL 1.2 syntax).  Both run only
  when the word ``service`` (``load``) occurs in the text at all, so ordinary queries pay a
  substring test.  pyoxigraph does not expand ``\\u`` escapes outside strings and IRIs
  (checked), so a keyword cannot hide behind one; inside IRIs the lexer expands them.
  ``FROM``/``FROM NAMED`` name graphs of the store: pyoxigraph never fetches them (checked).
- **The dataset**: pyoxigraph's ``use_default_graph_as_union`` overrides a query's own ``FROM``
  (checked), so the endpoint asks for the union default graph only when the query has no
  dataset clause (:func:`has_dataset_clause`).
- **The protocol dataset of an update** (``using-graph-uri``, ``using-named-graph-uri``):
  pyoxigraph's ``Store.update`` takes no dataset, so :func:`apply_using` writes the equivalent
  ``USING``/``USING NAMED`` clauses (IRIs written by pyoxigraph) before the ``WHERE`` of every
  ``DELETE``/``INSERT … WHERE`` operation; an update that has its own ``USING``/``WITH`` is refused,
  as the protocol requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from pyoxigraph import NamedNode


class Refused(Exception):
    """The text asks for something the endpoint does not do; the message says what (HTTP 400)."""


# SPARQL 1.1 grammar, terminals [139]-[173], reduced to what tells tokens apart
_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f" \
                 "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040\\-"
_TOKEN = re.compile(rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<var>[?$][{_PN_CHARS}]+)
  | (?P<bnode>_:[{_PN_CHARS}.]*)
  | (?P<pname>(?:[{_PN_CHARS_BASE}][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:%]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
""", re.X | re.S)

_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # braces around the token

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of a query or update (no spaces, no comments)."""
    out: list[Token] = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        value = m.group()
        if kind == "other" and value == "}":
            depth = max(depth - 1, 0)
        out.append(Token(kind, value, m.start(), depth))
        if kind == "other" and value == "{":
            depth += 1
    return out


def _iri_value(token_text: str) -> str:
    inner = token_text[1:-1]
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), inner)


class _Names:
    """``PREFIX`` and ``BASE`` declarations met so far, to resolve IRIs as the parser would."""

    def __init__(self, base: str | None):
        self.base = base
        self.prefixes: dict[str, str] = {}

    def iri(self, token: Token) -> str | None:
        if token.kind == "iri":
            value = _iri_value(token.text)
            return urljoin(self.base, value) if self.base else value
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            namespace = self.prefixes.get(prefix)
            if namespace is None:
                return None
            return namespace + _LOCAL_ESCAPE.sub(r"\1", local.rstrip("."))
        return None


def _walk(toks: list[Token], base: str | None):
    """(keyword, resolved target or None, token) for every SERVICE and LOAD in ``toks``, and
    ("FROM", None, token) for dataset clauses."""
    names = _Names(base)
    i = 0
    while i < len(toks):
        t = toks[i]
        kw = t.keyword
        if kw == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            names.base = names.iri(toks[i + 1])
            i += 2
            continue
        if kw == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            names.prefixes[toks[i + 1].text[:-1]] = names.iri(toks[i + 2]) or ""
            i += 3
            continue
        if kw in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(toks) and toks[j].keyword == "SILENT":
                j += 1
            target = names.iri(toks[j]) if j < len(toks) else None
            yield kw, target, (toks[j] if j < len(toks) else t)
            i = j + 1
            continue
        if kw == "FROM":
            yield "FROM", None, t
        i += 1


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset (``FROM`` / ``FROM NAMED``).

    >>> has_dataset_clause("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT ?from WHERE { ?from ?p "FROM <x>" } # FROM <y>')
    False
    """
    return _uses(text, "FROM")


def calls_service(text: str) -> bool:
    """Whether the query federates (``SERVICE``), so that a failure while it runs may be the
    remote endpoint's.

    >>> calls_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> calls_service('SELECT * WHERE { ?s ?p "SERVICE <x>" }')
    False
    """
    return _uses(text, "SERVICE")


def _uses(text: str, keyword: str) -> bool:
    """Whether ``keyword`` (FROM, SERVICE or LOAD) stands in the text as a keyword, not in a
    string, an IRI or a comment."""
    if keyword.lower() not in text.lower():
        return False
    return any(kw == keyword for kw, _, _ in _walk(tokens(text), None))


def _allowed(iri: str | None, allow: tuple[str, ...]) -> bool:
    if not iri:
        return False
    try:
        parts = urlsplit(iri)
        host = (parts.hostname or "").lower()
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    return host in allow or f"{host}:{port}" in allow


def _rdflib_targets(text: str, update: bool, base: str | None) -> list[str | None] | None:
    """SERVICE (and LOAD) targets by rdflib's parser, None when rdflib cannot parse the text."""
    try:
        from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
        from rdflib.plugins.sparql.parserutils import CompValue
        from rdflib.term import URIRef

        if update:
            roots = list(translateUpdate(parseUpdate(text), base=base).algebra)
        else:
            roots = [translateQuery(parseQuery(text), base=base).algebra]
    except Exception:  # noqa: BLE001 - any failure means "rdflib cannot tell"; the lexer decides
        return None
    found: list[str | None] = []
    seen: set[int] = set()

    def iri(term) -> str | None:
        # rdflib 7 keeps the escapes of a prefixed name's local part (ex:a\/b); an IRI has no "\\"
        return _LOCAL_ESCAPE.sub(r"\1", str(term)) if isinstance(term, URIRef) else None

    def visit(node) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.append(iri(node.get("term")))
            elif node.name == "Load":
                found.append(iri(node.get("iri")))
            for value in node.values():
                visit(value)
        elif isinstance(node, (list, tuple, set)):
            for value in node:
                visit(value)
        elif isinstance(node, dict):
            for value in node.values():
                visit(value)

    visit(roots)
    return found


#: how deep brackets may nest, and how many operators and group keywords a text may hold.
#: pyoxigraph parses and evaluates recursively and its process dies (SIGSEGV, stack overflow) on
#: texts well within the body limit: 3,000 nested ``{``, 10,000 ``||``, ``+`` or ``UNION``, 5,000
#: ``BIND`` (measured with pyoxigraph 0.5, 8 MB stack).  Real queries stay far below these limits.
MAX_NESTING = 128
MAX_OPERATORS = 2000
_OPERATOR_CHARS = frozenset("|&+-*/!=<>")  # not ^: "1"^^xsd:int is no operator
_GROUP_WORDS = frozenset(("UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH", "SERVICE", "SELECT", "EXISTS"))
_CHEAP = re.compile(r"[(\[{|&+*/!=<>-]|union|optional|minus|bind|filter|graph|service|select|exists", re.I)


def check_complexity(text: str) -> None:
    """Raise :class:`Refused` when the text nests deeper than :data:`MAX_NESTING` or chains more
    than :data:`MAX_OPERATORS` operators — what would crash the engine rather than be answered."""
    if len(_CHEAP.findall(text)) <= min(MAX_NESTING, MAX_OPERATORS):  # the usual case: nothing to count
        return
    depth = deepest = operators = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "other":
            c = m.group()
            if c in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif c in ")]}":
                depth = max(depth - 1, 0)
            elif c in _OPERATOR_CHARS:
                operators += 1
        elif kind == "word" and m.group().upper() in _GROUP_WORDS:
            operators += 2
        if deepest > MAX_NESTING:
            raise Refused(f"the text nests brackets more than {MAX_NESTING} deep: too complex to run")
        if operators > MAX_OPERATORS:
            raise Refused(f"the text chains more than {MAX_OPERATORS} operators and group keywords: "
                          "too complex to run (split it into several queries)")


def _check(text: str, allow: tuple[str, ...], base: str | None, update: bool) -> None:
    check_complexity(text)
    lowered = text.lower()
    if "service" not in lowered and not (update and "load" in lowered):
        return
    targets: list[tuple[str, str | None]] = []
    for kw, target, _ in _walk(tokens(text), base):
        if kw in ("SERVICE", "LOAD"):
            targets.append((kw, target))
    by_rdflib = _rdflib_targets(text, update, base)
    if by_rdflib:
        targets.extend(("SERVICE or LOAD", t) for t in by_rdflib)
    for kw, target in targets:
        if _allowed(target, allow):
            continue
        if target is None:
            raise Refused(f"{kw} needs a fixed http(s) IRI on this server's allow-list; "
                          "a variable or unresolvable target is not allowed")
        allowed = ", ".join(allow) if allow else "none: federation is off"
        raise Refused(f"{kw} to <{target}> is not allowed on this server (allowed hosts: {allowed})")


def check_query(text: str, allow: tuple[str, ...], base: str | None = None) -> None:
    """Raise :class:`Refused` when the query calls a SERVICE whose host is not allowed."""
    _check(text, allow, base, update=False)


def check_update(text: str, allow: tuple[str, ...], base: str | None = None) -> None:
    """Raise :class:`Refused` when the update LOADs from, or calls a SERVICE on, a host that is
    not allowed."""
    _check(text, allow, base, update=True)


def apply_using(text: str, using: list[str], using_named: list[str]) -> str:
    """The update with the protocol's ``using-graph-uri``/``using-named-graph-uri`` written as
    ``USING``/``USING NAMED`` clauses into every ``DELETE``/``INSERT … WHERE`` operation.

    Raises :class:`Refused` when the update already has ``USING`` or ``WITH`` (the protocol forbids
    both at once), or when an operation is a ``DELETE WHERE`` (its grammar has no ``USING``)."""
    if not using and not using_named:
        return text
    clause = " " + " ".join([f"USING {NamedNode(g)}" for g in using] +
                            [f"USING NAMED {NamedNode(g)}" for g in using_named]) + " "
    toks = tokens(text)
    inserts: list[int] = []
    operation: list[Token] = []

    def finish(op: list[Token]) -> None:
        words = [t for t in op if t.depth == 0 and t.kind == "word"]
        # skip the prologue of the operation
        keywords = [t.keyword for t in words if t.keyword not in ("PREFIX", "BASE")]
        if not keywords:
            return
        if keywords[0] not in ("DELETE", "INSERT", "WITH"):
            return  # LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY: no WHERE to scope
        if "USING" in keywords or "WITH" in keywords:
            raise Refused("the update has its own USING or WITH clause; it cannot be combined with "
                          "using-graph-uri or using-named-graph-uri")
        if keywords[:2] == ["DELETE", "WHERE"]:
            raise Refused("using-graph-uri and using-named-graph-uri cannot apply to DELETE WHERE; "
                          "write DELETE { … } WHERE { … } instead")
        if keywords[1:2] == ["DATA"]:
            return
        where = next((t for t in words if t.keyword == "WHERE"), None)
        if where is not None:
            inserts.append(where.start)

    for t in toks:
        if t.depth == 0 and t.kind == "other" and t.text == ";":
            finish(operation)
            operation = []
        else:
            operation.append(t)
    finish(operation)
    for at in reversed(inserts):
        text = text[:at] + clause + text[at:]
    return text
