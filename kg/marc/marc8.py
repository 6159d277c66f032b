"""MARC-8 to Unicode, with the mapping tables of pymarc and an account of what failed.

pymarc's own decoder writes unmappable characters to stderr and replaces them with a space;
a batch converter must instead *report* them (file, record, field) and keep going, so this
module walks the bytes itself and only borrows pymarc's tables (``pymarc.marc8_mapping``), which
are LC's code tables.

Rules followed (MARC 21 Specifications, "Character Sets and Encoding Options", part 2):

- every variable field starts with G0 = Basic Latin (ASCII, ``0x42``) and G1 = ANSEL (``0x45``);
- escape sequences ``ESC ( F``, ``ESC , F``, ``ESC $ F``, ``ESC $ , F`` designate G0,
  ``ESC ) F``, ``ESC - F``, ``ESC $ ) F``, ``ESC $ - F`` designate G1, and the technique-1
  shortcuts ``ESC g``, ``ESC b``, ``ESC p``, ``ESC s`` switch G0 to Greek symbols,
  subscripts, superscripts and back to ASCII;
- ``0x31`` (EACC) is the only multibyte set: three bytes per character;
- combining diacritics *precede* their base character in MARC-8 and follow it in Unicode.

Control characters (the subfield delimiter ``0x1F`` among them) pass through unchanged so the
caller can split subfields after decoding.

>>> decode(b"Bront\\xe8e")[0]
'Brontë'
>>> decode(b"caf\\xe2e")[0]
'café'
"""

from __future__ import annotations

import unicodedata

from pymarc import marc8_mapping

BASIC_LATIN = 0x42
ANSEL = 0x45
EACC = 0x31
_CODESETS = marc8_mapping.CODESETS
_ODD = marc8_mapping.ODD_MAP
_TECHNIQUE1 = {0x67: 0x67, 0x62: 0x62, 0x70: 0x70, 0x73: BASIC_LATIN}
REPLACEMENT = "\ufffd"


def _lookup(charset: int, code: int):
    table = _CODESETS.get(charset)
    if table is None:
        return None
    hit = table.get(code)
    if hit is None:
        # A set may be designated into the "other" half (e.g. Cyrillic as G1): its table is keyed
        # by its native positions, so try the code with the high bit flipped.
        hit = table.get(code ^ 0x80)
    return hit


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode one field's MARC-8 bytes; return the NFC text and a list of error messages."""
    if data.isascii() and b"\x1b" not in data:
        return data.decode("ascii"), []
    errors: list[str] = []
    out: list[str] = []
    combining: list[str] = []
    g0, g1 = BASIC_LATIN, ANSEL
    pos, n = 0, len(data)
    while pos < n:
        b = data[pos]
        if b == 0x1B:
            nxt = data[pos + 1] if pos + 1 < n else None
            if nxt in (0x28, 0x2C, 0x24, 0x29, 0x2D):  # ( , $ ) -
                multibyte = nxt == 0x24
                p = pos + 1
                if multibyte:
                    p += 1
                    if p < n and data[p] in (0x2C, 0x29, 0x2D):
                        target_g1 = data[p] in (0x29, 0x2D)
                        p += 1
                    else:
                        target_g1 = False
                else:
                    target_g1 = nxt in (0x29, 0x2D)
                    p += 1
                if p >= n:
                    errors.append("incomplete MARC-8 escape sequence at end of field")
                    break
                final = data[p]
                if final not in _CODESETS:
                    errors.append(f"unknown MARC-8 character set 0x{final:02x} in escape sequence")
                if target_g1:
                    g1 = final
                else:
                    g0 = final
                pos = p + 1
                continue
            if nxt in _TECHNIQUE1:
                g0 = _TECHNIQUE1[nxt]
                pos += 2
                continue
            errors.append("stray ESC byte in MARC-8 data")
            pos += 1
            continue
        if b < 0x20 or b == 0x7F:
            out.append(chr(b))
            pos += 1
            continue
        if b == 0x20:
            out.append(" ")
            out.extend(combining)
            combining.clear()
            pos += 1
            continue
        charset = g1 if b >= 0x80 else g0
        if charset == EACC:
            if pos + 3 > n:
                errors.append("truncated EACC (CJK) character at end of field")
                break
            code = (data[pos] << 16) | (data[pos + 1] << 8) | data[pos + 2]
            pos += 3
            hit = _CODESETS[EACC].get(code & 0x7F7F7F) or _CODESETS[EACC].get(code)
            if hit is None:
                odd = _ODD.get(code)
                if odd is not None:
                    out.append(chr(odd))
                    continue
                errors.append(f"EACC character 0x{code:06x} not in the MARC-8 tables")
                out.append(REPLACEMENT)
                continue
        else:
            pos += 1
            hit = _lookup(charset, b)
            if hit is None and 0x80 < b < 0xA0:
                # C1 range: not graphic in MARC-8 (0x88/0x89 non-sort marks are in ANSEL)
                errors.append(f"control byte 0x{b:02x} in MARC-8 data")
                continue
            if hit is None:
                odd = _ODD.get(b)
                if odd is not None:
                    out.append(chr(odd))
                    continue
                if b < 0x80:
                    # A non-Latin G0 set was never switched back (marc4j's
                    # greekmissingcharsetchange.mrc): ASCII punctuation is the only sane reading.
                    errors.append(f"0x{b:02x} not in MARC-8 set 0x{charset:02x} (missing escape back to ASCII?); read as ASCII")
                    out.append(chr(b))
                    continue
                errors.append(f"byte 0x{b:02x} not defined in MARC-8 set 0x{charset:02x}")
                out.append(REPLACEMENT)
                continue
        uni, is_combining = hit
        if is_combining:
            combining.append(chr(uni))
        else:
            out.append(chr(uni))
            if combining:
                out.extend(combining)
                combining.clear()
    if combining:
        out.extend(combining)
    text = unicodedata.normalize("NFC", "".join(out))
    return text, errors
