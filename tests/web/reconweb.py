"""Helpers of the reconciliation service's tests (``test_reconcile_api.py``,
``test_reconcile_openrefine.py``).

- :class:`Schemas`: the JSON Schemas of one version of the specification
  (``../shared/specs/reconciliation/{0.2,1.0-draft}/schemas``), every file in one
  ``referencing`` registry keyed by its ``$id``, validated with the draft its ``$schema`` names.
  The files say ``"$schema": "http://json-schema.org/schema#"`` ("the current draft", which the
  specification's own checks — ajv, and ``SOURCES.md``'s — read as Draft 7); any other ``$schema``
  goes to the validator jsonschema knows for it.  The same validator checks the specification's
  example files (valid ones must pass, invalid ones must fail) and the service's answers.
- :data:`OPENREFINE_UA`, :data:`BROWSER`: the headers of OpenRefine's Java back end (which sends
  the query batches and data-extension requests) and of its browser front end (manifest,
  suggest, flyout, preview, property proposals: cross-origin, from ``http://127.0.0.1:3333``).
- :func:`build_ids_store`: the demo plus authority records carrying external identifiers
  (VIAF, LCCN, Wikidata) and likely duplicates (tone variants, lost marks, a typo), linked.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
from jsonschema import Draft7Validator
from kgtest import SHARED
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from webhelp import build_demo

SPECS = SHARED / "specs" / "reconciliation"
GENERIC_DIALECT = "http://json-schema.org/schema"  # "the current draft": Draft 7 for these files

OPENREFINE_UA = "OpenRefine/3.8.7 [TRUNK]"
OPENREFINE_ORIGIN = "http://127.0.0.1:3333"
BROWSER = {
    "Origin": OPENREFINE_ORIGIN,
    "Referer": OPENREFINE_ORIGIN + "/project?project=2154893047621",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Accept": "application/json, text/javascript, */*; q=0.01",
    "Accept-Language": "vi-VN,vi;q=0.8,en-US;q=0.5,en;q=0.3",
}
#: what the Java back end's HttpClient sends with ``postNameValue`` (no Origin: not a browser)
BACKEND = {"User-Agent": OPENREFINE_UA, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


def dialect(schema: dict):
    """The validator class for a schema's ``$schema`` (see the module docstring)."""
    uri = (schema.get("$schema") or GENERIC_DIALECT).rstrip("#")
    if uri == GENERIC_DIALECT:
        return Draft7Validator
    return jsonschema.validators.validator_for(schema)


class Schemas:
    def __init__(self, version: str):
        self.version = version
        self.directory = SPECS / version / "schemas"
        self.files = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(self.directory.glob("*.json"))}
        assert self.files, f"no schemas in {self.directory}"
        resources = [(schema["$id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT7))
                     for schema in self.files.values()]
        self.registry = Registry().with_resources(resources)

    def validator(self, name: str, pointer: str = ""):
        """The validator of schema file ``name`` (or of the part at ``pointer`` in it)."""
        schema = self.files[name]
        cls = dialect(schema)
        cls.check_schema(schema)
        if pointer:
            return cls({"$ref": schema["$id"].rstrip("#") + "#" + pointer}, registry=self.registry)
        return cls(schema, registry=self.registry)

    def errors(self, name: str, instance, pointer: str = "") -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in self.validator(name, pointer).iter_errors(instance)]

    def check(self, name: str, instance, pointer: str = "") -> None:
        errors = self.errors(name, instance, pointer)
        assert not errors, f"{self.version} {name}{pointer}: " + "; ".join(errors[:10])


SCHEMAS_02 = Schemas("0.2")
SCHEMAS_V1 = Schemas("1.0-draft")


# --- a store with identifiers and duplicates ---------------------------------------------------

AUTH = "=LDR  00000nz  a2200000n  4500\n=008  260101n| azannaabn          |a aaa     \n"

#: authority records added to the demo, per library (MarcEdit text)
EXTRA_AUTHORITIES = {
    "NLV": [
        "=001  NLVX1\n=003  NLV\n=010  \\\\$an  80012345\n=024  7\\$a12345678$2viaf\n=024  7\\$aQ1234567$2wikidata\n"
        "=100  0\\$aPhan Bội Châu,$d1867-1940\n=400  0\\$aSào Nam,$d1867-1940",
        "=001  NLVX2\n=003  NLV\n=100  0\\$aTrần Văn Hùng,$d1950-",
        "=001  NLVX3\n=003  NLV\n=100  0\\$aTrần Văn Hưng,$d1950-",
        "=001  NLVX4\n=003  NLV\n=100  0\\$aLê Văn Hiển",
    ],
    "VNU": [
        "=001  VNUX1\n=003  VNU\n=024  7\\$ahttp://viaf.org/viaf/12345678$2uri\n=100  1\\$aPhan, Bội Châu,$d1867-1940",
        "=001  VNUX2\n=003  VNU\n=100  0\\$aLê Văn Hiểnn",
    ],
}


def build_ids_store(directory: Path, base: str) -> Path:
    """The demo with :data:`EXTRA_AUTHORITIES` ingested and everything linked again."""
    from kg.link.run import run as link
    from kg.store import Hub
    from kg.store.ingest import IngestOptions, run as ingest_run

    store = directory / "store"
    build_demo(store, base)
    with Hub(str(store), base_uri=base) as hub:
        for code, records in EXTRA_AUTHORITIES.items():
            path = directory / f"extra-{code}.mrk"
            path.write_text("\n".join(AUTH + textwrap.dedent(r).strip() + "\n" for r in records), encoding="utf-8")
            problems: list = []
            ingest_run([str(path)], IngestOptions(code, base, jobs=1), hub.backend, hub.index, hub.names,
                       problems.append)
            assert not [p for p in problems if p.action == "rejected"], problems
        link(hub)
    return store
