"""MARC 21 -> BIBFRAME 2 (LC's conversion specifications v2.10, with holdings added).

The code follows the sections of LC's specification so that the handling of a tag is found in
seconds: ``ldr_00x`` (leader, 001-008), ``tag_0xx`` (identifiers, classification), ``tag_1xx``,
``tag_2xx`` (titles, edition, imprint), ``tag_3xx``, ``tag_4xx``, ``tag_5xx`` (notes),
``tag_6xx`` (subjects), ``tag_7xx`` (added and linking entries), ``tag_8xx`` (series, holdings,
856), ``tag_9xx`` (Koha 952).  Cross-cutting passes live once: ``agents`` (names in any
heading), ``works`` (titles, hubs), ``series``, ``items`` (holdings), ``linkage`` (880).  What a
table can say lives in ``mappings/`` (``tables`` loads it).

Entry point: :func:`convert_bibliographic`.
"""

from .bibliographic import Converted, convert_bibliographic
from .iris import Minter

__all__ = ["Converted", "Minter", "convert_bibliographic"]
