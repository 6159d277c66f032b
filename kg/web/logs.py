"""Structured request logs: one JSON line on stderr per request, with a request id.

Each line is a JSON object (one per line, no line ever split: JSON escapes control characters,
so nothing a client sends can forge a line)::

    {"time": "2026-11-26T08:15:02.123Z", "id": "5f0c…", "method": "GET", "path": "/search",
     "query": "q=nguyen+du&lang=en", "status": 200, "ms": 12.4, "bytes": 18234}

- ``id``: the client's (or the reverse proxy's) ``X-Request-ID`` when it is sane — 1 to 128
  characters of ``A-Z a-z 0-9 . _ : = + / -`` — else a new random one; echoed in the
  ``X-Request-ID`` response header, so that a complaint quoting it finds its line (nginx:
  ``proxy_set_header X-Request-ID $request_id;``).  ``flask.g.request_id`` holds it while the
  request runs.
- ``query``: the query string, decoded, with the values of parameters whose name says they are
  secret (token, key, password, secret, auth, session, signature, credential…) replaced by
  ``***``; cut at 1,000 characters.  Request headers are never logged (``Authorization`` and
  cookies stay out), nor bodies.
- ``ms``: from the moment the application received the request to the moment its response was
  ready (the body of a large file is sent afterwards); ``bytes``: the body's length when known
  (``null`` for a streamed body).

The lines go to the ``kg.web.requests`` logger, which writes bare JSON to the process's current
``sys.stderr`` and does not propagate (the other loggers keep their own format); give it other
handlers to send the lines elsewhere.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode

from flask import Flask, Response, g, request

log = logging.getLogger("kg.web.requests")

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")
SECRET_NAME = re.compile(r"token|key|pass|secret|auth|session|sign|credential|cookie|jwt", re.I)
MAX_QUERY = 1000
STARTED = "kg.started"


class _Stderr(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is at the time (as logging's last resort
    does): a test harness or a daemon that swaps stderr still gets the lines."""

    def __init__(self):
        super().__init__()
        self.setFormatter(logging.Formatter("%(message)s"))

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):  # StreamHandler.__init__ assigns it; the property decides
        pass


def _configure() -> None:
    if not any(isinstance(h, _Stderr) for h in log.handlers):
        log.addHandler(_Stderr())
    log.setLevel(logging.INFO)
    log.propagate = False


def request_id(given: str | None) -> str:
    """``given`` when it is a sane id, else a new one (32 hexadecimal digits)."""
    if given and SANE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def masked_query(raw: bytes | str) -> str:
    """The query string with the values of secret-looking parameters replaced by ``***``."""
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1")  # WSGI gives the raw bytes as latin-1; keep them as sent
    if not raw:
        return ""
    pairs = parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="replace")
    shown = urlencode([(k, "***" if SECRET_NAME.search(k) else v) for k, v in pairs], safe="/:,*")
    if len(shown) > MAX_QUERY:
        shown = shown[:MAX_QUERY] + "…"
    return shown


def line(method: str, path: str, query: str, status: int, ms: float, size: int | None, rid: str) -> str:
    now = datetime.now(timezone.utc)
    return json.dumps({"time": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
                       "id": rid, "method": method, "path": path, "query": query, "status": status,
                       "ms": round(ms, 1), "bytes": size}, ensure_ascii=False)


def register(app: Flask) -> None:
    """Time every request from the WSGI call, give it an id, log it once its response is ready."""
    _configure()
    inner = app.wsgi_app

    def timed(environ, start_response):
        environ[STARTED] = time.perf_counter()
        return inner(environ, start_response)

    app.wsgi_app = timed

    @app.before_request
    def identify() -> None:
        g.request_id = request_id(request.headers.get(HEADER))

    @app.after_request
    def record(response: Response) -> Response:
        # before_request may not have run (a part answered first); the id is made here then
        rid = g.get("request_id") or request_id(request.headers.get(HEADER))
        g.request_id = rid
        response.headers[HEADER] = rid
        started = request.environ.get(STARTED)
        ms = (time.perf_counter() - started) * 1000 if started is not None else 0.0
        size = 0 if request.method == "HEAD" else response.content_length
        log.info(line(request.method, request.path, masked_query(request.query_string), response.status_code,
                      ms, size, rid))
        return response
