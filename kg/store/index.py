"""The side index beside the graph store: SQLite (standard library) with FTS5.

Oxigraph has no full-text search and whole-store aggregates take seconds, so the hub keeps, per
record, what search and statistics need:

- ``records``   library, record id, graph, content hash, Work, Instance, year, languages,
                number of items and triples
- ``entities``  which entities (agents, concepts, works, instances) a record uses
- ``labels``    every entity label in its original form and folded (no tones, đ → d, lower
                case) — an external-content FTS5 table over ``label_rows`` so that a record's
                rows can be deleted through an ordinary index; only the folded form is
                tokenised (search finds candidates on it, callers score on the original).
                During a first load the full-text index is built once at the end ("rebuild"),
                which is several times cheaper than row by row; ``fts_stale`` marks that state
- ``meta``      the ``dirty`` flag of the crash protocol

Crash protocol.  The graph store is the source of truth.  Before a batch is written to the store
the index is marked dirty; after the store has committed, the index rows of the batch are written
and the flag cleared in one SQLite transaction.  A kill -9 in between leaves the flag set: the
next command sees it and re-synchronises the index from the store (records whose content hash
differs are re-read from their graphs).  A corrupt index file is detected (``PRAGMA
quick_check``) and rebuilt the same way.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..text.vietnamese import fold
from .extract import Facts

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS records (
    library TEXT NOT NULL, rid TEXT NOT NULL, graph TEXT NOT NULL, hash TEXT NOT NULL,
    work TEXT, instance TEXT, year INTEGER, languages TEXT, items INTEGER, triples INTEGER,
    PRIMARY KEY (library, rid)
);
CREATE TABLE IF NOT EXISTS entities (library TEXT NOT NULL, rid TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_by_record ON entities (library, rid);
CREATE INDEX IF NOT EXISTS entities_by_entity ON entities (entity);
CREATE TABLE IF NOT EXISTS label_rows (
    id INTEGER PRIMARY KEY, library TEXT NOT NULL, rid TEXT NOT NULL, entity TEXT NOT NULL,
    kind TEXT NOT NULL, label TEXT NOT NULL, folded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS label_rows_by_record ON label_rows (library, rid);
CREATE VIRTUAL TABLE IF NOT EXISTS labels USING fts5(
    label UNINDEXED, folded, content='label_rows', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);
"""

TRIGGER = """CREATE TRIGGER IF NOT EXISTS label_rows_ad AFTER DELETE ON label_rows BEGIN
    INSERT INTO labels (labels, rowid, label, folded) VALUES ('delete', old.id, old.label, old.folded);
END"""
SCHEMA += TRIGGER + ";\n"


@dataclass
class Hit:
    entity: str
    kind: str
    label: str
    libraries: list[str]
    score: float


class IndexCorrupt(Exception):
    pass


class Index:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise IndexCorrupt(f"label index {self.path} is unreadable ({err})") from None

    def close(self) -> None:
        self.db.close()

    # -- crash protocol -----------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def is_dirty(self) -> bool:
        return self._meta("dirty") not in (None, "0")

    def mark_dirty(self) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '1')")

    def check(self) -> bool:
        try:
            return self.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            return False

    # -- writing ------------------------------------------------------------------------------

    def apply(self, library: str, upserts: Iterable[tuple[str, str, str, Facts]], deletes: Iterable[str] = (),
              clean: bool = True, fulltext: bool = True) -> None:
        """In one transaction: remove the rows of ``deletes`` and of every upserted record, insert
        the upserted records (rid, graph, hash, facts), and clear the dirty flag."""
        db = self.db
        upserts = list(upserts)
        records, entities, labels = [], [], []
        for rid, graph, digest, f in upserts:
            records.append((library, rid, graph, digest, f.work, f.instance, f.year, " ".join(f.languages), f.items, f.triples))
            entities.extend((library, rid, e, k) for e, k in f.entities)
            labels.extend((library, rid, l.entity, l.kind, l.label, l.folded) for l in f.labels)
        stale = self.fulltext_stale() or not fulltext
        db.execute("BEGIN")
        try:
            if stale:
                # rows that never reached the full-text index must not be "deleted" from it
                # (FTS5 would take that as corruption); it is rebuilt once the load is over
                db.execute("DROP TRIGGER IF EXISTS label_rows_ad")
            for rid in list(deletes) + [u[0] for u in upserts]:
                self._delete(library, rid)
            if stale:
                db.execute(TRIGGER)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
            db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?)", records)
            db.executemany("INSERT INTO entities VALUES (?,?,?,?)", entities)
            before = db.execute("SELECT COALESCE(MAX(id), 0) FROM label_rows").fetchone()[0]
            db.executemany("INSERT INTO label_rows (library, rid, entity, kind, label, folded) VALUES (?,?,?,?,?,?)", labels)
            if fulltext:
                db.execute("INSERT INTO labels (rowid, label, folded) SELECT id, label, folded FROM label_rows WHERE id > ?",
                           (before,))
            else:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
            if clean:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '0')")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _delete(self, library: str, rid: str) -> None:
        self.db.execute("DELETE FROM records WHERE library = ? AND rid = ?", (library, rid))
        self.db.execute("DELETE FROM entities WHERE library = ? AND rid = ?", (library, rid))
        self.db.execute("DELETE FROM label_rows WHERE library = ? AND rid = ?", (library, rid))

    def mark_clean(self) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '0')")

    def fulltext_stale(self) -> bool:
        return self._meta("fts_stale") == "1"

    def rebuild_fulltext(self) -> None:
        """Rebuild the full-text index from ``label_rows`` (after a first load, or a crash in one)."""
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO labels (labels) VALUES ('rebuild')")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '0')")
        self.db.execute("COMMIT")

    def clear(self, library: str | None = None) -> None:
        """Forget everything (or one library).  The full-text index is emptied in one go and
        marked stale, so the caller rebuilds it once after refilling."""
        db = self.db
        db.execute("BEGIN")
        db.execute("DROP TRIGGER IF EXISTS label_rows_ad")
        where, params = ("", ()) if library is None else (" WHERE library = ?", (library,))
        for table in ("records", "entities", "label_rows"):
            db.execute(f"DELETE FROM {table}{where}", params)  # noqa: S608 - fixed table names
        db.execute("INSERT INTO labels (labels) VALUES ('delete-all')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        db.executescript(SCHEMA)  # commits first, then restores the trigger

    # -- reading ------------------------------------------------------------------------------

    def manifest(self, library: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT rid, hash FROM records WHERE library = ?", (library,)))

    def graphs(self, library: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT graph FROM records WHERE library = ? ORDER BY rid", (library,))]

    def libraries(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT library FROM records ORDER BY library")]

    def statistics(self, library: str) -> dict:
        db = self.db
        records, works, instances, items, triples = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT work), COUNT(DISTINCT instance), COALESCE(SUM(items),0), COALESCE(SUM(triples),0) "
            "FROM records WHERE library = ?", (library,)).fetchone()
        kinds = dict(db.execute(
            "SELECT kind, COUNT(DISTINCT entity) FROM entities WHERE library = ? GROUP BY kind", (library,)).fetchall())
        languages: Counter = Counter()
        for (langs,) in db.execute("SELECT languages FROM records WHERE library = ?", (library,)):
            languages.update((langs or "").split())
        years = dict(db.execute(
            "SELECT year, COUNT(*) FROM records WHERE library = ? AND year IS NOT NULL GROUP BY year", (library,)).fetchall())
        return {
            "records": records, "works": works, "instances": instances, "items": items, "triples": triples,
            "agents": kinds.get("agent", 0), "concepts": kinds.get("concept", 0),
            "languages": dict(languages), "years": years,
        }

    def search(self, text: str, library: str | None = None, kinds: Iterable[str] | None = None, limit: int = 20) -> list[Hit]:
        """Diacritic-insensitive search: the folded query against folded labels (prefix match on the
        last word), best matches first, one hit per entity."""
        words = fold(text).split()
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'
        sql = ("SELECT r.entity, r.kind, r.label, r.library, bm25(labels) AS score FROM labels "
               "JOIN label_rows r ON r.id = labels.rowid WHERE labels MATCH ?")
        params: list = [f"folded : ({match})"]
        if library:
            sql += " AND r.library = ?"
            params.append(library)
        kinds = list(kinds or [])
        if kinds:
            sql += f" AND r.kind IN ({','.join('?' * len(kinds))})"
            params.extend(kinds)
        sql += " ORDER BY score LIMIT ?"
        params.append(limit * 20)
        hits: dict[str, Hit] = {}
        for entity, kind, label, lib, score in self.db.execute(sql, params):
            hit = hits.get(entity)
            if hit is None:
                if len(hits) >= limit:
                    continue
                hits[entity] = Hit(entity, kind, label, [lib], -score)
            elif lib not in hit.libraries:
                hit.libraries.append(lib)
        return list(hits.values())
