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
- ``counters``  per-library figures kept by triggers in the same transactions as the rows
                (records, items, triples, years, languages, distinct agents and concepts via
                ``entity_refs`` reference counts): statistics in O(1), not O(store)
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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..text.vietnamese import fold
from .extract import Facts

SCHEMA_VERSION = "2"  # 2: authorities, link facts
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS records (
    library TEXT NOT NULL, rid TEXT NOT NULL, graph TEXT NOT NULL, hash TEXT NOT NULL,
    work TEXT, instance TEXT, year INTEGER, languages TEXT, items INTEGER, triples INTEGER,
    kind TEXT NOT NULL DEFAULT 'bibliographic',
    PRIMARY KEY (library, rid)
);
CREATE TABLE IF NOT EXISTS entities (library TEXT NOT NULL, rid TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_by_record ON entities (library, rid);
CREATE INDEX IF NOT EXISTS entities_by_entity ON entities (entity);
CREATE TABLE IF NOT EXISTS label_rows (
    id INTEGER PRIMARY KEY, library TEXT NOT NULL, rid TEXT NOT NULL, entity TEXT NOT NULL,
    kind TEXT NOT NULL, label TEXT NOT NULL, folded TEXT NOT NULL, cls TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL DEFAULT 'heading'
);
CREATE INDEX IF NOT EXISTS label_rows_by_record ON label_rows (library, rid);
DROP INDEX IF EXISTS label_rows_by_entity;
CREATE INDEX IF NOT EXISTS label_rows_by_entity_form ON label_rows (entity, form);
CREATE TABLE IF NOT EXISTS link_ids (library TEXT NOT NULL, rid TEXT NOT NULL, entity TEXT NOT NULL,
    scheme TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS link_ids_by_record ON link_ids (library, rid);
CREATE INDEX IF NOT EXISTS link_ids_by_value ON link_ids (scheme, value);
CREATE TABLE IF NOT EXISTS link_variants (library TEXT NOT NULL, rid TEXT NOT NULL, authority TEXT NOT NULL,
    variant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS link_variants_by_record ON link_variants (library, rid);
CREATE TABLE IF NOT EXISTS link_works (library TEXT NOT NULL, rid TEXT NOT NULL, work TEXT NOT NULL,
    instance TEXT NOT NULL, title TEXT NOT NULL, creator TEXT, uniform TEXT, variants TEXT NOT NULL,
    language TEXT, PRIMARY KEY (library, rid));
CREATE TABLE IF NOT EXISTS record_languages (library TEXT NOT NULL, rid TEXT NOT NULL, code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS record_languages_by_record ON record_languages (library, rid);
CREATE TABLE IF NOT EXISTS entity_refs (
    library TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL, refs INTEGER NOT NULL,
    PRIMARY KEY (library, entity)
);
CREATE TABLE IF NOT EXISTS counters (library TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (library, key));
CREATE TRIGGER IF NOT EXISTS records_ai_authority AFTER INSERT ON records WHEN new.kind = 'authority' BEGIN
    INSERT INTO counters VALUES (new.library, 'authorities', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO counters VALUES (new.library, 'triples', new.triples) ON CONFLICT DO UPDATE SET n = n + new.triples;
END;
CREATE TRIGGER IF NOT EXISTS records_ad_authority AFTER DELETE ON records WHEN old.kind = 'authority' BEGIN
    UPDATE counters SET n = n - 1 WHERE library = old.library AND key = 'authorities';
    UPDATE counters SET n = n - old.triples WHERE library = old.library AND key = 'triples';
END;
CREATE TRIGGER IF NOT EXISTS records_ai_bibliographic AFTER INSERT ON records WHEN new.kind != 'authority' BEGIN
    INSERT INTO counters VALUES (new.library, 'records', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO counters VALUES (new.library, 'items', new.items) ON CONFLICT DO UPDATE SET n = n + new.items;
    INSERT INTO counters VALUES (new.library, 'triples', new.triples) ON CONFLICT DO UPDATE SET n = n + new.triples;
    INSERT INTO counters SELECT new.library, 'year:' || new.year, 1 WHERE new.year IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS records_ad AFTER DELETE ON records WHEN old.kind != 'authority' BEGIN
    UPDATE counters SET n = n - 1 WHERE library = old.library AND key = 'records';
    UPDATE counters SET n = n - old.items WHERE library = old.library AND key = 'items';
    UPDATE counters SET n = n - old.triples WHERE library = old.library AND key = 'triples';
    UPDATE counters SET n = n - 1 WHERE library = old.library AND key = 'year:' || old.year;
END;
CREATE TRIGGER IF NOT EXISTS record_languages_ai AFTER INSERT ON record_languages BEGIN
    INSERT INTO counters VALUES (new.library, 'lang:' || new.code, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS record_languages_ad AFTER DELETE ON record_languages BEGIN
    UPDATE counters SET n = n - 1 WHERE library = old.library AND key = 'lang:' || old.code;
END;
CREATE TRIGGER IF NOT EXISTS entities_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entity_refs VALUES (new.library, new.entity, new.kind, 1) ON CONFLICT DO UPDATE SET refs = refs + 1;
END;
CREATE TRIGGER IF NOT EXISTS entities_ad AFTER DELETE ON entities BEGIN
    UPDATE entity_refs SET refs = refs - 1 WHERE library = old.library AND entity = old.entity;
    DELETE FROM entity_refs WHERE library = old.library AND entity = old.entity AND refs <= 0;
END;
CREATE TRIGGER IF NOT EXISTS entity_refs_ai AFTER INSERT ON entity_refs BEGIN
    INSERT INTO counters VALUES (new.library, 'kind:' || new.kind, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS entity_refs_ad AFTER DELETE ON entity_refs BEGIN
    UPDATE counters SET n = n - 1 WHERE library = old.library AND key = 'kind:' || old.kind;
END;
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
            upgraded = self._upgrade()
            self.db.executescript(SCHEMA)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            if upgraded:
                self.mark_dirty()  # an index of an older layout: re-read everything from the store
        except sqlite3.DatabaseError as err:
            raise IndexCorrupt(f"label index {self.path} is unreadable ({err})") from None

    @classmethod
    def reader(cls, path: Path) -> "Index":
        """A read-only connection to an existing index, for the threads of a server: reads in
        parallel (SQLite's WAL), no schema work, no writes."""
        self = cls.__new__(cls)
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        return self

    def _upgrade(self) -> bool:
        """Drop the tables of an index written by an older version (it is rebuilt from the
        store, the source of truth); True if there was one."""
        db = self.db
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if "meta" not in tables:
            return False
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and row[0] == SCHEMA_VERSION:
            return False
        db.execute("BEGIN")
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for name in ("labels", *(t for t in tables if t not in ("meta",) and not t.startswith("labels_"))):
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
        db.execute("COMMIT")
        return True

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
        """A probe of every table, cheap enough for every opening (``PRAGMA quick_check`` reads
        the whole file: 5 s for a million records).  Damage deeper in the file surfaces as a
        ``sqlite3.DatabaseError`` when it is read; ``kg reindex`` rebuilds from the store."""
        try:
            db = self.db
            db.execute("SELECT key FROM meta LIMIT 1").fetchall()
            for table in ("records", "entities", "label_rows", "counters", "entity_refs", "record_languages",
                          "link_ids", "link_variants", "link_works"):
                db.execute(f"SELECT * FROM {table} ORDER BY rowid DESC LIMIT 1").fetchall()  # noqa: S608
            db.execute("SELECT rowid FROM labels WHERE labels MATCH 'a' LIMIT 1").fetchall()
            return True
        except sqlite3.DatabaseError:
            return False

    # -- writing ------------------------------------------------------------------------------

    def apply(self, library: str, upserts: Iterable[tuple[str, str, str, Facts]], deletes: Iterable[str] = (),
              clean: bool = True, fulltext: bool = True) -> None:
        """In one transaction: remove the rows of ``deletes`` and of every upserted record, insert
        the upserted records (rid, graph, hash, facts), and clear the dirty flag."""
        db = self.db
        upserts = list(upserts)
        records, entities, labels, languages = [], [], [], []
        ids, variants, works = [], [], []
        for rid, graph, digest, f in upserts:
            records.append((library, rid, graph, digest, f.work, f.instance, f.year, " ".join(f.languages), f.items,
                            f.triples, f.kind))
            languages.extend((library, rid, code) for code in f.languages)
            entities.extend((library, rid, e, k) for e, k in f.entities)
            labels.extend((library, rid, l.entity, l.kind, l.label, l.folded, l.cls, l.form) for l in f.labels)
            ids.extend((library, rid, e, scheme, value) for e, scheme, value in f.ids)
            variants.extend((library, rid, a, v) for a, v in f.variants)
            w = f.work_row
            if w is not None:
                works.append((library, rid, w.work, w.instance, w.title, w.creator, w.uniform, "\x1f".join(w.variants),
                              w.language))
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
            db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?)", records)
            db.executemany("INSERT INTO link_ids VALUES (?,?,?,?,?)", ids)
            db.executemany("INSERT INTO link_variants VALUES (?,?,?,?)", variants)
            db.executemany("INSERT INTO link_works VALUES (?,?,?,?,?,?,?,?,?)", works)
            db.executemany("INSERT INTO entities VALUES (?,?,?,?)", entities)
            db.executemany("INSERT INTO record_languages VALUES (?,?,?)", languages)
            before = db.execute("SELECT COALESCE(MAX(id), 0) FROM label_rows").fetchone()[0]
            db.executemany("INSERT INTO label_rows (library, rid, entity, kind, label, folded, cls, form) "
                           "VALUES (?,?,?,?,?,?,?,?)", labels)
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
        self.db.execute("DELETE FROM record_languages WHERE library = ? AND rid = ?", (library, rid))
        self.db.execute("DELETE FROM label_rows WHERE library = ? AND rid = ?", (library, rid))
        for table in ("link_ids", "link_variants", "link_works"):
            self.db.execute(f"DELETE FROM {table} WHERE library = ? AND rid = ?", (library, rid))  # noqa: S608

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
        for table in ("records", "entities", "label_rows", "record_languages", "entity_refs", "counters",
                      "link_ids", "link_variants", "link_works"):
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
        """The library's figures, read from the counters the triggers keep (constant time)."""
        counters = dict(self.db.execute("SELECT key, n FROM counters WHERE library = ? AND n != 0", (library,)))
        records = counters.get("records", 0)
        return {
            # a record describes one Work and one Instance of its own
            "records": records, "works": records, "instances": records,
            "authorities": counters.get("authorities", 0),
            "items": counters.get("items", 0), "triples": counters.get("triples", 0),
            "agents": counters.get("kind:agent", 0), "concepts": counters.get("kind:concept", 0),
            "languages": {k[5:]: n for k, n in counters.items() if k.startswith("lang:")},
            "years": {int(k[5:]): n for k, n in counters.items() if k.startswith("year:")},
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
