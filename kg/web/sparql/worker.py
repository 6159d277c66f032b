"""What a worker process does with one query: check it, run it, write the whole answer.

A worker holds one read-only snapshot of the store (:class:`~kg.store.embedded.Snapshot`) and
answers requests one at a time.  The messages are bytes, not pickled pyoxigraph objects, so a request costs the
pipe a few dozen microseconds each way:

- request: JSON ``{"query", "default", "named", "formats": {kind: media type or null}, "cap"}``
  (``default``/``named``: the protocol dataset, or null when the request names none);
- reply: a JSON header line ``{"status", "type", "kind", "truncated", "message"}``, a newline,
  and the body — always complete: the worker writes the whole result before replying, so a
  killed query never becomes a 200 with a cut body.

The query is parsed by pyoxigraph (its syntax errors become 400 with pyoxigraph's message).  An
error while it is evaluated is the query's (400: the engine refused something it computes),
except an ``OSError``: the remote endpoint of a ``SERVICE`` failing (502), or the snapshot
itself (500, the only internal error).  Its kind — solutions, boolean, graph — is what pyoxigraph returns, and decides which of the three
negotiated formats is written (406 when that one is None).
"""

from __future__ import annotations

import json

from ...store.embedded import Snapshot
from . import guard, results


def reply(status: int, media_type: str = "text/plain", body: bytes = b"", kind: str | None = None,
          truncated: bool = False, message: str | None = None) -> bytes:
    head = {"status": status, "type": media_type, "kind": kind, "truncated": truncated, "message": message}
    return json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + body


def parse_reply(data: bytes) -> tuple[dict, bytes]:
    head, _, body = data.partition(b"\n")
    return json.loads(head), body


def failed(err: Exception, text: str) -> bytes:
    """The reply when pyoxigraph raises ``err`` while evaluating ``text`` (see the module docstring)."""
    if isinstance(err, OSError):
        if guard.calls_service(text):
            return reply(502, message=f"a SERVICE the query calls could not answer: {err}")
        return reply(500, message=f"the store could not be read: {err}")
    return reply(400, message=f"the query could not be evaluated: {err}")


def execute(store: Snapshot, request: bytes, allow: tuple[str, ...], base_iri: str) -> bytes:
    """The reply to one request (see the module docstring), from a snapshot of the store."""
    req = json.loads(request)
    text: str = req["query"]
    try:
        guard.check_query(text, allow, base_iri)
    except guard.Refused as err:
        return reply(400, message=str(err))
    try:
        # the protocol dataset replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol 2.1.4);
        # without either, the default graph is the union of all graphs
        result = store.query(text, base_iri, req.get("default"), req.get("named"),
                             union=not guard.has_dataset_clause(text))
    except SyntaxError as err:
        return reply(400, message=f"syntax error: {err}")
    except Exception as err:  # noqa: BLE001 - a query the engine cannot evaluate: say why
        return failed(err, text)
    kind = results.kind_of(result)
    media_type = req["formats"].get(kind)
    if media_type is None:
        return reply(406, kind=kind, message=None)
    try:
        body, truncated = results.write(result, media_type, int(req["cap"]))
    except results.CannotWrite as err:
        return reply(406, kind=kind, message=str(err))
    except Exception as err:  # noqa: BLE001 - evaluation happens while the result is read
        return failed(err, text)
    return reply(200, media_type, body, kind, truncated)
