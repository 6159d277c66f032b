"""Which kind of MARC file is this?  Decided from the first bytes, never from the extension.

>>> sniff(b"<?xml version='1.0'?><collection><record>")
'marcxml'
>>> sniff(b"Ldr 00000naa a22        4500\\n#001 X")
'libol-text'
>>> sniff(b"00891nam a2200241 a 4500001001300000")
'iso2709'
>>> sniff(b"=LDR  00000nam a2200000 a 4500")
'mnemonic'
>>> sniff(b"hello") is None
True
"""

from __future__ import annotations

from .chunk import ISO2709, ISO2709_HASH, LIBOL_TEXT, MARCXML, MNEMONIC

_BOM = b"\xef\xbb\xbf"


def sniff(head: bytes) -> str | None:
    text = head.lstrip(b"\r\n\t \x00")
    if text.startswith(_BOM):
        text = text[3:].lstrip(b"\r\n\t \x00")
    if text.startswith(b"<"):
        return MARCXML if b"record" in text or b"leader" in text or len(text) < 200 else None
    if text[:3].lower() == b"ldr":
        return LIBOL_TEXT
    if text[:4].upper() == b"=LDR":
        return MNEMONIC
    if len(text) >= 24 and text[:5].isdigit():
        if b"\x1e" in text or b"\x1d" in text:
            return ISO2709
        base = text[12:17]
        if base.isdigit() and 24 < int(base) <= len(text) and text[int(base) - 1 : int(base)] == b"#":
            return ISO2709_HASH
        return ISO2709
    return None
