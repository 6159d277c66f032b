"""880 alternate graphic representation: pairing with the partner field and the language tag
(LC ConvSpec-Process0-9, "Process 0.1 880 fields"; MARC 21 Appendix A, subfield $6).

An 880's $6 reads ``245-01/$1``: partner tag 245, occurrence 01, script ``$1`` (CJK).  The
partner carries ``$6 880-01``.  Occurrence 00 means "no partner": the 880 is converted on its
own, like a field with the tag in its $6.  The converter runs the partner tag's handler on the
880 with:

- the 880 registered as parallel to its partner, so the handler adds the values to the *same*
  nodes (title, agent, note…) instead of describing a second resource;
- literals tagged with the resource language plus the ISO 15924 script of
  ``mappings/scripts.csv`` — ``vi-Hani`` for Chữ Hán/Nôm in a Vietnamese record, ``zh-Hani``,
  ``ru`` (no ``-Cyrl``: the script a language is written in by default is suppressed, per the
  IANA registry's Suppress-Script, column ``suppress_script`` of ``mappings/languages.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..marc.record import Field, Record
from .tables import TABLES

_LINK = re.compile(r"^\s*(\d{3})-(\d{2,})(?:/([^/]*))?(?:/(\w))?")


@dataclass
class Parallel:
    view: Field  # the 880's content under its partner's tag, $6 removed
    partner: Field | None
    script: str | None  # the MARC script code of $6 ("$1", "(3"…)


def parse_link(value: str) -> tuple[str, str, str | None] | None:
    m = _LINK.match(value or "")
    if not m:
        return None
    return m.group(1), m.group(2), (m.group(3) or None)


def pair(record: Record) -> tuple[list[Parallel], list[str]]:
    """Every 880 of the record with its partner; also the problems found (unlinkable 880s)."""
    partners: dict[tuple[str, str], Field] = {}
    for f in record.fields:
        if f.tag != "880" and not f.is_control:
            link = f.get("6")
            if link and link.startswith("880-"):
                partners[(f.tag, link[4:6])] = f
    out: list[Parallel] = []
    problems: list[str] = []
    for f in record.fields:
        if f.tag != "880" or f.is_control:
            continue
        parsed = parse_link(f.get("6") or "")
        if parsed is None:
            problems.append(f"880 without a readable $6 ({(f.get('6') or '')!r}): dropped")
            continue
        tag, occ, script_code = parsed
        view = Field(tag, f.ind1, f.ind2, [(c, v) for c, v in f.subfields if c != "6"])
        partner = partners.get((tag, occ)) if occ.strip("0") else None
        if occ.strip("0") and partner is None:
            problems.append(f"880 $6 {f.get('6')!r} has no partner field {tag} with $6 880-{occ}; converted on its own")
        if not script_code and partner is not None:
            # Princeton writes the script on the partner's side ("100 $6 880-01/$1")
            theirs = parse_link(partner.get("6") or "")
            script_code = theirs[2] if theirs else None
        out.append(Parallel(view, partner, script_code.strip() if script_code else None))
    return out, problems


def language_tag(resource_lang: str | None, resource_marc: str | None, script_code: str | None) -> str | None:
    """BCP 47 tag of an 880's literals: the resource language plus the script, unless that
    script is the language's default.

    >>> language_tag("vi", "vie", "$1")
    'vi-Hani'
    >>> language_tag("ja", "jpn", "$1")
    'ja'
    >>> language_tag("ar", "ara", "(3")
    'ar'
    """
    entry = TABLES.scripts.get(script_code) if script_code else None
    if entry is None:
        return resource_lang
    script, by_language = entry
    script = by_language.get(resource_marc or "", script)
    suppressed = TABLES.languages.get(resource_marc or "", ("", ""))[1]
    if script == suppressed:
        return resource_lang or "und"
    return f"{resource_lang or 'und'}-{script}"
