"""The labelled reconciliation queries (``queries.csv``) and how answers are judged.

Used by ``tests/reconcile/test_quality.py`` (asserts the targets) and ``bench/reconcile.py``
(prints the figures).  Two stores are built with the ``kg`` command, as a cataloguer would:

- ``gold``: the labelled linking set of ``tests/link/gold`` (four libraries, 493 records, 25
  authorities, hard negatives), loaded and linked by :func:`gold.load`;
- ``demo``: the three-library demo (``kg.demo.build``).

``queries.csv`` columns: ``store`` (gold | demo), ``query`` (the cell a cataloguer reconciles),
``type`` (a type name or empty), ``properties`` (``pid=value`` pairs separated by `` ; ``),
``expected`` and ``note`` (what the query exercises).  ``expected`` is, for the gold store, the
identity label of the person or work (``gold_agent``/``gold_work`` of the gold CSV files); for the
demo store, the name of the expected entity as the store shows it (its cluster's preferred label
or its authorised form).  An empty ``expected`` says the store holds no right answer: any
``match: true`` is then a false match.

How an answer IRI is judged (gold store): a record's creator IRI and a record's work IRI carry
that record's labels; an authority's IRI its authority's label; a cluster (hub) IRI the label most
of its members carry.  Demo store: the candidate's name, compared as a heading
(:func:`kg.text.heading.heading_key`).

Figures (:func:`evaluate`): precision@1 (the first candidate is right, over queries with an
expected entity), recall@5 (the right one is among the first five), and the precision of
``match: true`` (right answers among the queries whose first candidate is a match).
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "link"))

import gold  # noqa: E402

QUERIES = HERE / "queries.csv"
TARGETS = {"precision_at_1": 0.95, "recall_at_5": 0.98, "match_precision": 0.995}
BASE = gold.BASE
BF = "http://id.loc.gov/ontologies/bibframe/"


@dataclass
class Labelled:
    line: int
    store: str
    query: str
    type: str
    properties: list[tuple[str, str]]
    expected: str
    note: str

    def as_query(self) -> dict:
        q: dict = {"query": self.query, "limit": 10}
        if self.type:
            q["type"] = self.type
        if self.properties:
            q["properties"] = [{"pid": pid, "v": v} for pid, v in self.properties]
        return q


def queries(path: Path = QUERIES) -> list[Labelled]:
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            props = []
            for part in filter(None, (p.strip() for p in row["properties"].split(" ; "))):
                pid, _, value = part.partition("=")
                props.append((pid.strip(), value.strip()))
            out.append(Labelled(n, row["store"], row["query"], row["type"], props, row["expected"], row["note"]))
    return out


# --- the stores ---------------------------------------------------------------------------------


def _without_kg_env():
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("KG_")}
    return saved


def build_gold(directory: Path) -> Path:
    """Build, ingest and link the gold set into ``directory/gold``; return the store."""
    store = Path(directory) / "gold"
    gold.load(store, gold.build(Path(directory) / "gold-mrk"))
    return store


def build_demo(directory: Path) -> Path:
    from kg import demo
    from kg.store import Hub

    store = Path(directory) / "demo"
    saved = _without_kg_env()
    try:
        with Hub(str(store), base_uri=BASE) as hub:
            demo.build(hub)
    finally:
        os.environ.update(saved)
    return store


def open_hub(store: Path):
    from kg.store import Hub

    saved = _without_kg_env()
    try:
        return Hub(str(store), base_uri=BASE)
    finally:
        os.environ.update(saved)


# --- judging answers ------------------------------------------------------------------------------


def gold_identities(hub) -> dict[str, str]:
    """Answer IRI -> identity label, for the gold store (see the module docstring)."""
    base = hub.names.base
    labels: dict[str, Counter] = defaultdict(Counter)
    rows = hub.backend.select(
        f"SELECT ?g ?w ?a WHERE {{ GRAPH ?g {{ ?w <{BF}contribution> ?c . ?c a <{BF}PrimaryContribution> ; "
        f"<{BF}agent> ?a }} }}")
    creator = {}
    for r in rows:
        g, w = r["g"].value, r["w"].value
        if w == g.replace("/graph/", "/work/", 1):
            creator[g] = r["a"].value
    for rec in gold.records():
        graph = f"{base}graph/{rec['library']}/{rec['id']}"
        if graph in creator:
            labels[creator[graph]][rec["gold_agent"]] += 1
        labels[f"{base}work/{rec['library']}/{rec['id']}"][rec["gold_work"]] += 1
    db = hub.index.db
    for auth in gold.authorities():
        rows = db.execute("SELECT entity FROM label_rows WHERE library = ? AND rid = ? AND form = 'authorised'",
                          (auth["library"], f"authority/{auth['id']}"))
        for (entity,) in rows:
            labels[entity][auth["gold_agent"]] += 1
    members = hub.backend.select(
        "SELECT ?g ?hub ?m WHERE { GRAPH ?g { ?hub ?p ?m . VALUES ?p { <http://www.w3.org/2002/07/owl#sameAs> "
        f"<http://www.loc.gov/mads/rdf/v1#hasCloseExternalAuthority> <{BF}hasExpression> }} }} }}", g=hub.names.links)
    for r in members:
        labels[r["hub"].value].update(labels.get(r["m"].value, Counter()))
    return {iri: c.most_common(1)[0][0] for iri, c in labels.items() if c}


def judge(store: str, identities: dict[str, str], candidate, expected: str) -> bool:
    from kg.text.heading import heading_key

    if not expected:
        return False
    if store == "gold":
        return identities.get(candidate.id) == expected
    return heading_key(candidate.name) == heading_key(expected)


def evaluate(reconcilers: dict, identities: dict[str, dict[str, str]], labelled: list[Labelled] | None = None,
             batch: int = 10) -> dict:
    """Run every labelled query (in batches of ``batch``, per store) and score the answers."""
    labelled = labelled if labelled is not None else queries()
    results: list[tuple[Labelled, list]] = []
    seconds = []
    for store in sorted({q.store for q in labelled}):
        mine = [q for q in labelled if q.store == store]
        for i in range(0, len(mine), batch):
            part = mine[i : i + batch]
            t = time.perf_counter()
            answers = reconcilers[store].match({f"q{n}": q.as_query() for n, q in enumerate(part)})
            seconds.append(time.perf_counter() - t)
            results += [(q, answers[f"q{n}"]) for n, q in enumerate(part)]
    with_answer = [(q, c) for q, c in results if q.expected]
    top = [(q, c) for q, c in with_answer if c and judge(q.store, identities.get(q.store, {}), c[0], q.expected)]
    five = [(q, c) for q, c in with_answer
            if any(judge(q.store, identities.get(q.store, {}), x, q.expected) for x in c[:5])]
    matched = [(q, c) for q, c in results if c and c[0].match]
    right = [(q, c) for q, c in matched if judge(q.store, identities.get(q.store, {}), c[0], q.expected)]
    return {
        "queries": len(results), "with_answer": len(with_answer),
        "precision_at_1": len(top) / len(with_answer) if with_answer else 1.0,
        "recall_at_5": len(five) / len(with_answer) if with_answer else 1.0,
        "matches": len(matched), "match_rate": len(matched) / len(with_answer) if with_answer else 0.0,
        "match_precision": len(right) / len(matched) if matched else 1.0,
        "wrong_top": [(q, c) for q, c in with_answer if (q, c) not in top],
        "missed": [(q, c) for q, c in with_answer if (q, c) not in five],
        "false_matches": [(q, c) for q, c in matched if (q, c) not in right],
        "batch_seconds": seconds,
    }


def format_report(result: dict, identities: dict[str, dict[str, str]] | None = None, limit: int = 50) -> str:
    identities = identities or {}
    out = [f"{result['queries']} labelled queries ({result['with_answer']} with an expected entity); "
           f"{result['matches']} answered with match: true"]
    for key, title in (("precision_at_1", "precision@1"), ("recall_at_5", "recall@5"),
                       ("match_precision", "precision of match: true")):
        ok = result[key] >= TARGETS[key]
        out.append(f"{title:<26} {result[key]:.4f}  (target >= {TARGETS[key]}) {'OK' if ok else 'BELOW TARGET'}")
    for key, title in (("wrong_top", "first candidate wrong"), ("missed", "not in the first five"),
                       ("false_matches", "false match: true")):
        items = result[key]
        if items:
            out.append(f"  {title}: {len(items)}")
            for q, c in items[:limit]:
                got = (f"{c[0].name} [{identities.get(q.store, {}).get(c[0].id, '?') if q.store == 'gold' else ''}] "
                       f"{c[0].score} match={c[0].match}") if c else "no candidate"
                out.append(f"    line {q.line} {q.store}: {q.query!r} ({q.type or 'no type'}) expected "
                           f"{q.expected or '(none)'} — got {got}")
    return "\n".join(out)
