"""Union-find with the constraints that keep clustering honest.

A wrong merge is worse than a missed one, so a union is refused when the merged cluster would
hold two members a cataloguer said are different (``kg link --different``), two dated identities
whose dates disagree (two Hoàng Cầm: 1922-2010 and 1920-2013), or agents of incompatible
classes (a Person and an Organization; ``bf:Agent``, the class of names whose kind the record
does not say, is compatible with any).  ``kg link --same`` merges regardless, except across a
``--different`` pin.

Every accepted union is also recorded as ``exact`` (an identifier, matching dates, a shared work,
a pin) or ``close`` (the name alone).  :meth:`Clusters.exact_with` tells whether a member is tied
to another by exact evidence alone: the links graph says ``owl:sameAs`` for the members exactly
tied to the cluster's preferred member and ``madsrdf:hasCloseExternalAuthority`` for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.names import Dates, compatible

EXACT, CLOSE = "exact", "close"
_CLASS_GROUP = {"Jurisdiction": "Organization"}


@dataclass
class _Root:
    members: list[str]
    dates: list[Dates] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    forbidden: set[str] = field(default_factory=set)


class Clusters:
    def __init__(self, different: dict[str, set[str]] | None = None):
        self.parent: dict[str, str] = {}
        self.roots: dict[str, _Root] = {}
        self.exact_parent: dict[str, str] = {}
        self.different = different or {}
        self.refused = 0

    def add(self, member: str, dates: Dates | None = None, cls: str = "") -> None:
        if member in self.parent:
            return
        self.parent[member] = member
        root = _Root([member], [dates] if dates else [], {_CLASS_GROUP.get(cls, cls)} - {"", "Agent"},
                     set(self.different.get(member, ())))
        self.roots[member] = root

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def same(self, a: str, b: str) -> bool:
        return self.find(a) == self.find(b)

    def allowed(self, a: str, b: str, forced: bool = False) -> bool:
        ra, rb = self.roots[self.find(a)], self.roots[self.find(b)]
        small, big = (ra, rb) if len(ra.forbidden) <= len(rb.forbidden) else (rb, ra)
        if small.forbidden:
            members = set(big.members)
            if small.forbidden & members:
                return False
        if big.forbidden and big.forbidden & set(small.members):
            return False
        if forced:
            return True
        if len(ra.classes | rb.classes) > 1:
            return False
        return all(compatible(x, y) for x in ra.dates for y in rb.dates)

    def union(self, a: str, b: str, how: str = EXACT, forced: bool = False) -> bool:
        """Merge the clusters of ``a`` and ``b`` if allowed; True when they are (now) one."""
        x, y = self.find(a), self.find(b)
        if x == y:
            self._mark(a, b, how)
            return True
        if not self.allowed(a, b, forced):
            self.refused += 1
            return False
        rx, ry = self.roots[x], self.roots[y]
        if len(rx.members) < len(ry.members) or (len(rx.members) == len(ry.members) and y < x):
            x, y, rx, ry = y, x, ry, rx
        self.parent[y] = x
        rx.members.extend(ry.members)
        rx.dates.extend(d for d in ry.dates if d not in rx.dates)
        rx.classes |= ry.classes
        rx.forbidden |= ry.forbidden
        del self.roots[y]
        self._mark(a, b, how)
        return True

    def _mark(self, a: str, b: str, how: str) -> None:
        if how == EXACT:
            x, y = self._exact_root(a), self._exact_root(b)
            if x != y:
                self.exact_parent[max(x, y)] = min(x, y)

    def _exact_root(self, x: str) -> str:
        parent = self.exact_parent
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    def exact_with(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` are tied by exact evidence (not the name alone)."""
        return self._exact_root(a) == self._exact_root(b)

    def groups(self) -> list[list[str]]:
        """Clusters of two or more members, each sorted, in a stable order."""
        out = [sorted(r.members) for r in self.roots.values() if len(r.members) > 1]
        out.sort()
        return out
