"""Holdings -> ``bf:Item``: 852, 876-878 and Koha's 952, driven by ``mappings/holdings.csv``.

LC's converter makes no items from holdings; a union catalogue lives on them.  Each holdings
field becomes one Item, ``bf:heldBy`` the contributing library and ``bf:itemOf`` the Instance;
an 876-878 that names an 852 through $8 adds to that 852's item instead of making a new one.

- shelfmarks: 852 $k $h $i $m joined into one ``bf:ShelfMark`` typed by ind1 (0 LCC, 1 DDC,
  2 NLM, 6/7/8 other); 852 $j and 952 $o are shelfmarks of their own;
- barcodes ($p) become ``bf:Barcode`` identifiers and name the Item IRI (else the copy number,
  else the field's position), so an item keeps its IRI when other copies are added or removed;
- Koha status subfields ($0 withdrawn, $1 lost, $4 damaged, $7 not for loan) become
  ``bf:usageAndAccessPolicy`` statements with English and Vietnamese labels
  (``mappings/item_status.csv``); 0 means "no restriction" and gives nothing;
- non-public notes ($x) and acquisition data (prices, dates) are left out on purpose.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim
from .context import CATALOGUE, Context
from .tables import TABLES
from .terms import LABEL, TYPE, VALUE, bf

_SHELF_CLASS = {"0": "ShelfMarkLcc", "1": "ShelfMarkDdc", "2": "ShelfMarkNlm"}


def item_for(ctx: Context, field: Field) -> NamedNode:
    link = field.get("8")
    if field.tag in ("876", "877", "878") and link:
        existing = ctx.facts.get("items_by_link", {}).get(link.split(".")[0].strip())
        if existing is not None:
            return existing
    barcode = trim(field.get("p") or "")
    copy = trim(field.get("t") or "")
    ctx.items += 1
    key = barcode or (f"c{copy}" if copy else f"{ctx.items}")
    used = ctx.facts.setdefault("item_keys", set())
    if key in used:
        key = f"{key}-{ctx.items}"
    used.add(key)
    item = ctx.minter.item(ctx.rid, key)
    ctx.add(item, TYPE, bf.Item)
    ctx.add(item, bf.itemOf, ctx.instance)
    ctx.add(ctx.instance, bf.hasItem, item)
    ctx.add(item, bf.heldBy, ctx.library)
    if field.tag == "852" and link:
        ctx.facts.setdefault("items_by_link", {})[link.split(".")[0].strip()] = item
    return item


def holdings(ctx: Context, field: Field) -> None:
    table = TABLES.holdings.get(field.tag, {})
    if not any(code in table for code, _ in field.subfields):
        ctx.dropped(field.tag, "holdings field without any subfield this converter reads")
        return
    item = item_for(ctx, field)
    if field.tag == "852":
        parts = [trim(v) for c, v in field.subfields if c in "khim" and trim(v)]
        if parts:
            node = ctx.thing(item, bf.shelfMark, bf[_SHELF_CLASS.get(field.ind1, "ShelfMark")])
            ctx.add(node, LABEL, Literal(" ".join(parts)))
            if field.ind1 in "78" and field.get("2"):
                src = ctx.thing(node, bf.source, bf.Source)
                ctx.add(src, bf.code, Literal(field.get("2").strip()))
    for code, value in field.subfields:
        row = table.get(code)
        value = trim(value)
        if row is None or not value:
            continue
        prop = row["property"]
        if prop == "shelfMark":
            if field.tag == "852" and code in "khim":
                continue
            node = ctx.thing(item, bf.shelfMark, bf[row["class"] or "ShelfMark"])
            ctx.add(node, LABEL, Literal(value))
        elif prop == "physicalLocation":
            ctx.add(item, bf.physicalLocation, Literal(value))
        elif prop == "sublocation":
            if field.tag == "952" and code == "b" and value == (field.get("a") or "").strip():
                continue  # holding branch = home branch
            node = ctx.thing(item, bf.sublocation, bf.Sublocation)
            ctx.add(node, LABEL, Literal(value))
        elif prop == "identifiedBy":
            node = ctx.thing(item, bf.identifiedBy, bf[row["class"]])
            ctx.add(node, VALUE, Literal(value))
        elif prop == "note":
            node = ctx.thing(item, bf.note, bf.Note)
            if row["note_type"]:
                ctx.add(node, bf.noteType, Literal(row["note_type"]))
            ctx.add(node, LABEL, Literal(value))
        elif prop == "electronicLocator":
            try:
                ctx.add(item, bf.electronicLocator, NamedNode(value))
            except ValueError:
                ctx.dropped(field.tag, f"${code} {value!r} is not a valid IRI")
        elif prop == "enumerationAndChronology":
            node = ctx.thing(item, bf.enumerationAndChronology, bf.Enumeration)
            ctx.add(node, LABEL, Literal(value))
        elif prop == "usageAndAccessPolicy":
            _status(ctx, item, field.tag, code, value)


def _status(ctx: Context, item, tag: str, code: str, value: str) -> None:
    labels = TABLES.item_status.get((tag, code, value)) or TABLES.item_status.get((tag, code, "*"))
    if labels is None:
        node = ctx.thing(item, bf.usageAndAccessPolicy, bf.AccessPolicy)
        ctx.literal(node, LABEL, value, CATALOGUE)
        return
    en, vi = labels
    if not en:
        return  # "0": no restriction
    node = ctx.thing(item, bf.usageAndAccessPolicy, bf.AccessPolicy)
    ctx.add(node, LABEL, Literal(en, language="en"))
    if vi:
        ctx.add(node, LABEL, Literal(vi, language="vi"))
