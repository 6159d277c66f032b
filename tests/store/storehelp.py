"""Helpers for the store tests: demo and small mnemonic exports, a registered store, kg as a
real process, canonical dumps for comparing stores."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph
from kgtest import ROOT

DEMO = ROOT / "kg" / "demo" / "data"
BASE = "http://example.org/"

V1 = """
=LDR  00000nam a2200000 a 4500
=001  A1
=041  \\\\$avie
=100  0\\$aNguyễn Du,$d1765-1820.
=245  10$aTruyện Kiều /$cNguyễn Du.
=852  \\\\$aTVHN$pB001

=LDR  00000nam a2200000 a 4500
=001  A2
=245  10$aSố đỏ /$cVũ Trọng Phụng.

=LDR  00000nam a2200000 a 4500
=001  A3
=245  10$aChí Phèo /$cNam Cao.
"""

V2 = """
=LDR  00000nam a2200000 a 4500
=001  A1
=041  \\\\$avie
=100  0\\$aNguyễn Du,$d1765-1820.
=245  10$aTruyện Kiều /$cNguyễn Du.
=852  \\\\$aTVHN$pB001

=LDR  00000cam a2200000 a 4500
=001  A2
=245  10$aSố đỏ : tiểu thuyết /$cVũ Trọng Phụng.

=LDR  00000dam a2200000 a 4500
=001  A3
=245  10$aChí Phèo /$cNam Cao.

=LDR  00000nam a2200000 a 4500
=001  A4
=245  10$aDế Mèn phiêu lưu ký /$cTô Hoài.
"""


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return path


def kg(*args, check=True, env=None):
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def canonical(nquads: bytes) -> set:
    """Quads with blank nodes renamed canonically: two stores holding the same data compare equal
    even though each store named its blank nodes itself."""
    ds = pyoxigraph.Dataset(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))
    ds.canonicalize(pyoxigraph.CanonicalizationAlgorithm.UNSTABLE)
    return set(ds)


def dump(hub) -> bytes:
    out = io.BytesIO()
    hub.backend.dump(out)
    return out.getvalue()
