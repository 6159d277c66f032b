"""MARC 21 -> BIBFRAME 2 (LC's conversion specifications v2.10, with holdings added).

The code follows the sections of LC's specification so that the handling of a tag is found in
seconds: ``ldr_00x`` (leader, 001-008), ``tag_0xx`` (identifiers, classification), ``tag_1xx``,
``tag_2xx`` (titles, edition, imprint), ``tag_3xx``, ``tag_4xx``, ``tag_5xx`` (notes),
``tag_6xx`` (subjects), ``tag_7xx`` (added and linking entries), ``tag_8xx`` (series, holdings,
856), ``tag_9xx`` (Koha 952).  Cross-cutting passes live once: ``agents`` (names in any
heading), ``works`` (titles, hubs), ``series``, ``items`` (holdings), ``linkage`` (880).  What a
table can say lives in ``mappings/`` (``tables`` loads it).

Authority records (leader/06 = z) are converted by :mod:`kg.convert.authority` (heading,
MADS/RDF) and :mod:`kg.convert.auth_fields` (every other field).

Entry points: :func:`convert_record` (either kind), :func:`record_id` (the record's path segment
and graph name: ``authority/`` + 001 for authorities, 001 for bibliographic records).
"""

from ..marc.record import Record
from .authority import RID_PREFIX, NotAnAuthority, convert_authority
from .bibliographic import Converted, convert_bibliographic
from .context import record_content
from .iris import Minter

CONVERTED_KINDS = ("bibliographic", "authority")


def record_id(kind: str, record: Record, minter: Minter) -> str:
    rid = minter.record_id(record.control_number, record_content, record)
    return RID_PREFIX + rid if kind == "authority" else rid


def convert_record(kind: str, record: Record, minter: Minter, as_quads: bool = False) -> Converted:
    """Convert a bibliographic or authority record (``kind`` as :func:`kg.batch.classify` says);
    an authority record that establishes no heading raises :class:`NotAnAuthority`."""
    if kind == "authority":
        return convert_authority(record, minter, as_quads)
    return convert_bibliographic(record, minter, as_quads)


__all__ = ["CONVERTED_KINDS", "Converted", "Minter", "NotAnAuthority", "convert_bibliographic", "convert_record",
           "record_id"]
