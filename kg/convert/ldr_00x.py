"""Leader and control fields 001-008 (LC ConvSpec-LDR, ConvSpec-rdfType, ConvSpec-001-007,
ConvSpec-006-008).

- leader/06-07 -> Work classes (``mappings/record_types.csv``, ``mappings/issuance.csv``),
  Instance issuance, default content type when there is no 336;
- leader/05, /17, /18, 001, 003, 005, 008/00-05, 040 -> ``bf:adminMetadata`` with the
  contributing library as ``bf:assigner`` (the provenance that survives an N-Triples dump);
- 007/00 and 008 form of item -> Instance subclasses (Print, Electronic, Microform, Tactile,
  Manuscript);
- 008 -> publication date (EDTF) and country, language, audience and genre
  (``mappings/fixed_008.csv``).
"""

from __future__ import annotations

import re

from pyoxigraph import Literal

from .context import Context
from .registry import handles
from .tables import TABLES
from .terms import DATE_EDTF, LABEL, TYPE, VALUE, bf, bflc, vocab, xsd

_STATUS = {"a": "c", "c": "c", "d": "d", "n": "n", "p": "p"}
_ENCODING = {" ": "f", "1": "1", "2": "7", "3": "3", "4": "4", "5": "5", "7": "7", "8": "8"}
_CONVENTIONS = {"a": "aacr", "c": "isbd", "i": "isbd", "p": "aacr", "r": "aacr"}
_FORM_ELECTRONIC = frozenset("oqs")
_FORM_MICRO = frozenset("abc")
_CAT_007 = {"c": "Electronic", "h": "Microform", "t": "Print", "f": "Tactile"}
_DATE = re.compile(r"^[0-9u|]{4}$")


def material(leader: str) -> str:
    rt = TABLES.record_types.get(leader[6])
    if rt is None:
        return "BK"
    if rt.material == "BK" and leader[7] in "bis":
        return "CR"
    return rt.material


def convert_leader(ctx: Context) -> None:
    """Types, issuance and administrative metadata; runs before any field handler."""
    leader = ctx.record.leader
    work, instance = ctx.work, ctx.instance
    ctx.add(work, TYPE, bf.Work)
    ctx.add(instance, TYPE, bf.Instance)
    ctx.add(instance, bf.instanceOf, work)
    ctx.add(work, bf.hasInstance, instance)
    rt = TABLES.record_types.get(leader[6])
    ctx.material = material(leader)
    if rt is not None:
        ctx.add(work, TYPE, bf[rt.work_class])
        if rt.manuscript:
            ctx.add(instance, TYPE, bf.Manuscript)
    issuance = TABLES.issuance.get(leader[7])
    if issuance is not None:
        work_class, code = issuance
        ctx.add(work, TYPE, bf[work_class])
        ctx.add(instance, bf.issuance, vocab("issuance", code))
    _admin_metadata(ctx, leader)


def _admin_metadata(ctx: Context, leader: str) -> None:
    admin = admin_metadata(ctx, (ctx.instance, ctx.work))
    level = _ENCODING.get(leader[17])
    if level:
        ctx.add(admin, bflc.encodingLevel, vocab("menclvl", level))
    conv = _CONVENTIONS.get(leader[18])
    if conv:
        ctx.add(admin, bf.descriptionConventions, vocab("descriptionConventions", conv))


def admin_metadata(ctx: Context, subjects: tuple):
    """The ``bf:AdminMetadata`` node shared by bibliographic and authority records: the library
    as assigner, record status (leader/05), 001/003, 005, 008/00-05 and 040; returns the node
    so the caller adds what its format codes differently (encoding level, conventions)."""
    record = ctx.record
    leader = record.leader
    admin = ctx.bnode()
    for subject in subjects:
        ctx.add(subject, bf.adminMetadata, admin)
    ctx.add(admin, TYPE, bf.AdminMetadata)
    ctx.add(admin, bf.assigner, ctx.library)
    status = _STATUS.get(leader[5])
    if status:
        ctx.add(admin, bf.status, vocab("mstatus", status))
    if ctx.control_number:
        ident = ctx.thing(admin, bf.identifiedBy, bf.Local)
        ctx.add(ident, VALUE, Literal(ctx.control_number))
        source = record.control("003")
        if source and source.strip():
            agency = ctx.thing(ident, bf.assigner, bf.Organization)
            ctx.add(agency, bf.code, Literal(source.strip()))
    else:
        ctx.repaired("001", f"no control number (001): identifier {ctx.rid} derived from the record's content")
    changed = record.control("005")
    if changed:
        stamp = _datetime_005(changed)
        if stamp:
            ctx.add(admin, bf.changeDate, Literal(stamp, datatype=xsd.dateTime))
        else:
            ctx.dropped("005", f"005 {changed!r} is not a yyyymmddhhmmss.f timestamp")
    f008 = record.control("008")
    if f008 and len(f008) >= 6 and f008[:6].isascii() and f008[:6].isdigit():
        yy, mm, dd = int(f008[0:2]), f008[2:4], f008[4:6]
        if "01" <= mm <= "12" and "01" <= dd <= "31":
            century = "19" if yy >= 50 else "20"
            ctx.add(admin, bf.creationDate, Literal(f"{century}{f008[0:2]}-{mm}-{dd}", datatype=xsd.date))
    f040 = record.first("040")
    if f040 is not None and not f040.is_control:
        lang = f040.get("b")
        if lang and lang.strip().lower() in TABLES.languages:
            ctx.add(admin, bf.descriptionLanguage, vocab("languages", lang.strip().lower()))
        for code in f040.get_all("e"):
            code = code.strip().lower()
            if code in ("rda", "aacr", "isbd"):
                ctx.add(admin, bf.descriptionConventions, vocab("descriptionConventions", code))
        origin = f040.get("a")
        if origin and origin.strip():
            agency = ctx.thing(admin, bf.source, bf.Source)
            ctx.add(agency, bf.code, Literal(origin.strip()))
    return admin


def _datetime_005(value: str) -> str | None:
    v = value.strip()
    if re.match(r"^\d{8}$", v):
        v += "000000"  # date only: seen in Koha exports ("20121203        ")
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d)?$", v)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    if not ("01" <= mo <= "12" and "01" <= d <= "31" and h <= "23" and mi <= "59" and s <= "59"):
        return None
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}"


@handles("001", "003", "005")
def control_numbers(ctx: Context, field) -> None:
    """Consumed by :func:`convert_leader` (administrative metadata)."""


@handles("006")
def additional_material(ctx: Context, field) -> None:
    """006 repeats 008/18-34 for another aspect; LC converts it like 008.  Electronic aspect
    (006/00 = m) makes the Instance an Electronic one."""
    data = field.data or ""
    if data[:1] == "m":
        ctx.add(ctx.instance, TYPE, bf.Electronic)


@handles("007")
def physical_description(ctx: Context, field) -> None:
    cls = _CAT_007.get((field.data or " ")[:1])
    if cls:
        ctx.add(ctx.instance, TYPE, bf[cls])


@handles("008")
def fixed_length(ctx: Context, field) -> None:
    data = field.data or ""
    if len(data) < 40:
        if len(data.strip()) == 0:
            return
        if len(data) < 38:  # losing 38-39 (modified record, source) loses nothing we convert
            ctx.repaired("008", f"008 has {len(data)} characters, not 40; positions beyond the end read as blank")
        data = data.ljust(40)
    ctx.facts["date_type"] = data[6]
    date = _edtf(data[6], data[7:11], data[11:15])
    if date:
        ctx.facts["date"] = date
    raw_country = data[15:18]
    if raw_country.strip(" |"):
        country = TABLES.country(raw_country)
        if country:
            ctx.facts["country"] = country
        else:
            ctx.dropped("008", f"008/15-17 {raw_country!r} is not a MARC country code")
    if ctx.language:
        ctx.add(ctx.work, bf.language, vocab("languages", ctx.language))
        ctx.facts["language_added"] = {ctx.language}
    # form of item (BK/CR/MU/MX: 23, MP/VM: 29)
    form = data[29] if ctx.material in ("MP", "VM") else data[23]
    if form in _FORM_ELECTRONIC:
        ctx.add(ctx.instance, TYPE, bf.Electronic)
    elif form in _FORM_MICRO:
        ctx.add(ctx.instance, TYPE, bf.Microform)
    elif form == "f":
        ctx.add(ctx.instance, TYPE, bf.Tactile)
    elif form in " r" and ctx.material in ("BK", "CR", "MU") and ctx.record.leader[6] in "acd":
        ctx.add(ctx.instance, TYPE, bf.Print)
    seen = set()
    for pos in range(18, 35):
        value = data[pos]
        if value in " |":
            continue
        for positions, prop, scheme, code in TABLES.fixed_008.get((ctx.material, value), ()):
            if pos in positions and (prop, code) not in seen:
                seen.add((prop, code))
                ctx.add(ctx.work, bf[prop], vocab(scheme, code))


def _edtf(kind: str, d1: str, d2: str) -> str | None:
    """008/06-14 as an EDTF date: 's' one year, 'm'/'i'/'k' a range, 'q' an uncertain range,
    'c'/'d'/'u' a serial's span, 't' the publication year; ``u`` digits become ``X``."""
    def clean(d: str) -> str | None:
        if not _DATE.match(d) or "|" in d or d == "uuuu":
            return None
        return d.replace("u", "X")

    a, b = clean(d1), clean(d2)
    if a is None:
        return None
    if kind == "q":  # LC: <07-10>~/<11-14>~
        return f"{a}~/{b}~" if b and b != a else f"{a}~"
    if kind in "mik" and b and b != a:
        return f"{a}/{b}"
    if kind in "cdu":
        if b in (None, "9999"):
            return f"{a}/.."
        return f"{a}/{b}"
    return a


def publication_facts(ctx: Context, publication) -> None:
    """Add 008's date and country to the primary Publication (called once per record)."""
    date = ctx.facts.get("date")
    if date:
        ctx.add(publication, bf.date, Literal(date, datatype=DATE_EDTF))
    country = ctx.facts.get("country")
    if country:
        ctx.add(publication, bf.place, vocab("countries", country))


def default_content(ctx: Context) -> None:
    rt = TABLES.record_types.get(ctx.record.leader[6])
    if rt is not None and not ctx.facts.get("content"):
        ctx.add(ctx.work, bf.content, vocab("contentTypes", rt.content_code))
