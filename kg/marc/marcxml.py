"""MARCXML (MARC 21 slim), with or without the namespace, one record at a time.

The file is cut into ``<record>…</record>`` chunks by a byte-level scan rather than parsed as
one document, for two reasons seen in real files:

- one record that is not well-formed XML (``ruby-marc_three-records-second-bad.xml``) would
  otherwise stop the parser and lose every record after it; cut first, each chunk parses alone
  and only the broken one is rejected;
- chunks are plain bytes, so worker processes can parse them in parallel.

A chunk is parsed inside a wrapper element that re-declares the namespaces of the document
element, so ``marc:record`` chunks keep their prefix bindings.  Elements are matched by local
name, which accepts the MARC namespace, no namespace, and odd prefixes (``ns0:``) alike.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from lxml import etree

from ..errors import RecordError
from .chunk import MARCXML, Chunk
from .problems import DROPPED, REPAIRED, Problem, cleaned
from .record import Field, Record

BLOCK = 1 << 20
_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?record(?=[\s>/])")
_XMLNS = re.compile(rb"""xmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"]*"|'[^']*')""")
_XMLDECL = re.compile(rb"^\s*(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
_TAG_OK = re.compile(r"^[0-9A-Za-z]{3}$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def split(stream: BinaryIO, path: str) -> Iterator[Chunk]:
    """Yield each ``record`` element of a MARCXML stream as a raw chunk."""
    buf = b""
    pos = 0  # where to look for the next record inside buf
    base = 0  # file offset of buf[0]
    number = 0
    context = None
    eof = False
    while True:
        m = _START.search(buf, pos)
        if m is not None and context is None:
            prolog = buf[: m.start()]
            decl = _XMLDECL.match(prolog)
            context = (decl.group(0) if decl else b"") + b"\x00" + b" ".join(_XMLNS.findall(prolog))
        end = _find_end(buf, m) if m is not None else -1
        if end < 0:
            if eof:
                if m is not None:  # the file ends inside a record: let the parser say so
                    number += 1
                    yield Chunk(path, number, base + m.start(), buf[m.start() :], MARCXML, context or b"")
                return
            if m is not None:
                keep = m.start()
            elif context is None:
                keep = 0  # still in the prolog: keep it to read its declarations
            else:
                keep = max(pos, len(buf) - 64)  # a start tag may straddle two blocks
            more = stream.read(BLOCK)
            if not more:
                eof = True
            buf, base, pos = buf[keep:] + more, base + keep, 0
            continue
        number += 1
        yield Chunk(path, number, base + m.start(), buf[m.start() : end], MARCXML, context)
        pos = end


_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?record\s*>")


def _find_end(buf: bytes, start: re.Match) -> int:
    gt = buf.find(b">", start.end())
    if gt < 0:
        return -1
    if buf[gt - 1 : gt] == b"/":  # <record/>
        return gt + 1
    m = _CLOSE.search(buf, gt)
    return -1 if m is None else m.end()


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rsplit("}", 1)[-1]


def parse(chunk: Chunk) -> Record:
    decl, _, namespaces = chunk.context.partition(b"\x00")
    document = decl + b"<kg-wrap " + namespaces + b">" + chunk.data + b"</kg-wrap>"
    try:
        wrapper = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError as err:
        raise RecordError(f"not well-formed XML: {err.msg} (line {err.lineno} of the record)", None) from None
    record_el = next(iter(wrapper), None)
    if record_el is None:
        raise RecordError("empty <record> element", None)
    problems: list[Problem] = []
    leader = None
    fields: list[Field] = []

    def value(text: str | None, tag: str) -> str:
        return cleaned(text or "", tag, problems)

    for el in record_el:
        name = _local(el.tag)
        if name == "leader":
            leader = el.text or ""
        elif name == "controlfield":
            tag = (el.get("tag") or "").strip()
            if not _TAG_OK.match(tag):
                problems.append(Problem(f"controlfield without a valid tag ({tag!r}): dropped", DROPPED, tag or None))
                continue
            fields.append(Field(tag, data=value(el.text, tag)))
        elif name == "datafield":
            tag = (el.get("tag") or "").strip()
            if not _TAG_OK.match(tag):
                problems.append(Problem(f"datafield without a valid tag ({tag!r}): dropped", DROPPED, tag or None))
                continue
            ind1 = (el.get("ind1") or " ")[:1]
            ind2 = (el.get("ind2") or " ")[:1]
            subfields = []
            for sf in el:
                if _local(sf.tag) != "subfield":
                    continue
                code = sf.get("code")
                if not code:
                    problems.append(Problem("subfield without a code: dropped", DROPPED, tag))
                    continue
                subfields.append((code[0], value(sf.text, tag)))
            fields.append(Field(tag, ind1, ind2, subfields))
    if leader is None:
        # LC's own test records come without one; the record type is then decided from content
        problems.append(Problem("record has no leader; a blank leader is assumed", REPAIRED, "LDR"))
        leader = "     nam  22        4500".replace("nam", "   ")
    if len(leader) != 24 or not leader.isascii():
        fixed = "".join(c if c.isascii() and c.isprintable() else " " for c in leader)
        fixed = (fixed + " " * 24)[:24]
        problems.append(Problem(f"leader is {len(leader)} characters, not 24: padded or cut", REPAIRED, "LDR"))
        leader = fixed
    return Record(leader, fields, chunk.path, chunk.number, chunk.offset, problems)
