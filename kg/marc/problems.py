"""A problem found while reading or converting one record: what the ``--report`` file prints.

Actions:

- ``repaired``  the record was converted after a safe repair (the problem says which)
- ``rejected``  the record could not be read or converted; nothing of it was written
- ``skipped``   a readable record of a kind this converter does not handle (authority,
                holdings, UNIMARC); nothing of it was written
- ``dropped``   one field or subfield was left out, the rest of the record was converted
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..text.repair import clean

REPAIRED = "repaired"
REJECTED = "rejected"
SKIPPED = "skipped"
DROPPED = "dropped"


@dataclass
class Problem:
    problem: str
    action: str = REPAIRED
    tag: str | None = None
    file: str = ""
    record: int = 0
    offset: int = 0
    control_number: str | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        # Report column order: where, then what.
        return {
            "file": d["file"],
            "record": d["record"],
            "offset": d["offset"],
            "control_number": d["control_number"],
            "tag": d["tag"],
            "problem": d["problem"],
            "action": d["action"],
        }

    def located(self, file: str, record: int, offset: int, control_number: str | None) -> "Problem":
        self.file, self.record, self.offset = file, record, offset
        if self.control_number is None:
            self.control_number = control_number
        return self


def cleaned(value: str, tag: str | None, problems: list[Problem]) -> str:
    """``value`` through :func:`kg.text.repair.clean`, each repair recorded as a problem of
    ``tag`` — what every reader does to every value it reads."""
    if value.isascii() and value.isprintable():
        return value
    value, repairs = clean(value)
    for r in repairs:
        problems.append(Problem(r, REPAIRED, tag))
    return value
