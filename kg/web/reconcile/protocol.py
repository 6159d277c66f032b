"""Reading requests and writing answers, for both versions of the reconciliation protocol.

- :func:`params`: the parameters of a request, form fields first (OpenRefine POSTs
  ``application/x-www-form-urlencoded``), then the query string — every route accepts both;
- :func:`read_json`: a JSON parameter or body, 400 with the parser's message (line and column)
  when it does not parse;
- :func:`answer`: JSON (UTF-8, characters unescaped), or JSONP when ``callback`` is given and
  allowed: the callback must be a dotted JavaScript identifier (``jQuery3600_171``,
  ``window.cb``) — anything else is a 400, never echoed into a script; the script starts with
  ``/**/`` and escapes U+2028/U+2029, the usual guards of a JSONP answer;
- :class:`ProtocolError` and :func:`error`: errors as JSON with their status;
- :func:`preflight_headers`: the CORS answer to a preflight (any origin, no credentials).
"""

from __future__ import annotations

import json
import re

from flask import Response, request
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from werkzeug.http import HTTP_STATUS_CODES

from .. import i18n

CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]{0,99}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,99}){0,5}$")
HEADER_NAME = re.compile(r"^[A-Za-z0-9-]{1,64}$")
ALLOWED_HEADERS = ("Content-Type", "Accept", "Accept-Language")
JSON_TYPE = "application/json"


class ProtocolError(Exception):
    """A request the service cannot answer as asked: ``status`` and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str) -> Response:
    reason = HTTP_STATUS_CODES.get(status, "error").lower()
    body = {"status": status, "error": reason, "message": message}
    return Response(json.dumps(body, ensure_ascii=False), status, mimetype=JSON_TYPE)


def params() -> MultiDict:
    """Form fields, then query-string parameters (reading the form may raise 413)."""
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return CombinedMultiDict([request.form, request.args])
    return request.args


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def read_json(text: str | bytes, what: str):
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProtocolError(400, f"{what} is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    except UnicodeDecodeError:
        raise ProtocolError(400, f"{what} is not valid UTF-8") from None
    except RecursionError:
        raise ProtocolError(400, f"{what} is nested too deeply") from None
    # JSON may escape half of a surrogate pair ("\ud800") — a string that is not text: the label
    # index and the store cannot take it, so it is refused here rather than failing deep inside
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    if _SURROGATE_ESCAPE.search(raw):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ProtocolError(400, f"{what} holds an unpaired surrogate escape (\\ud800-\\udfff): not text") from None
        except RecursionError:
            raise ProtocolError(400, f"{what} is nested too deeply") from None
    return value


def integer(value: str | None, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter, clamped to [low, high]; 400 when it is not a number."""
    if value is None or str(value).strip() == "":
        return default
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ProtocolError(400, f"'{name}' must be an integer") from None
    return max(low, min(high, n))


def answer(obj, status: int = 200, jsonp: bool = False) -> Response:
    """``obj`` as JSON, or as a JSONP script when ``jsonp`` and a ``callback`` is given."""
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    callback = request.args.get("callback") if jsonp else None
    if callback:
        if not CALLBACK.match(callback):
            raise ProtocolError(400, "'callback' must be a JavaScript identifier (letters, digits, _ and $, "
                                     "dot-separated)")
        script = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return Response(f"/**/{callback}({script});", status, mimetype="application/javascript")
    return Response(body, status, mimetype=JSON_TYPE)


def preflight_headers(response: Response) -> Response:
    """What a browser asks before a cross-origin POST with a JSON body (CORS preflight)."""
    h = response.headers
    h.setdefault("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
    asked = [x.strip() for x in (request.headers.get("Access-Control-Request-Headers") or "").split(",")]
    names = list(ALLOWED_HEADERS) + [x for x in asked if HEADER_NAME.match(x) and
                                     x.lower() not in {a.lower() for a in ALLOWED_HEADERS}]
    h.setdefault("Access-Control-Allow-Headers", ", ".join(names))
    if request.method == "OPTIONS":
        h.setdefault("Access-Control-Max-Age", "86400")
    return response


def language_02() -> str:
    """0.2 has no language negotiation: ``?lang=`` or the hub's cookie, else Vietnamese."""
    return i18n.language()


def language_v1() -> str:
    """1.0-draft: ``Accept-Language`` (vi or en), else as 0.2."""
    if request.headers.get("Accept-Language"):
        best = request.accept_languages.best_match(i18n.LANGUAGES)
        if best:
            from flask import g

            g.lang = best  # templates (the preview) speak it too
            return best
    return i18n.language()
