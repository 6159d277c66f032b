"""Settings of the web hub, in one table.

Each setting has a command-line option of ``kg serve``, an environment variable and a default;
the README's configuration table is this table.  Precedence: command line, environment, default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

from .. import settings


def _bool(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def _hosts(text: str) -> tuple[str, ...]:
    return tuple(h.strip().lower() for h in text.split(",") if h.strip())


@dataclass
class WebConfig:
    """``env`` in each field's metadata names its environment variable."""

    store: str = field(default=str(settings.get("store")), metadata={"help": 'Directory of the embedded store (and of the search index).', "env": "KG_STORE"})
    endpoint: str | None = field(default=None, metadata={"help": 'A remote SPARQL 1.1 server to serve instead of the embedded store.', "env": "KG_ENDPOINT"})
    base_uri: str = field(default=str(settings.SETTINGS["base_uri"].default), metadata={"help": 'Base of the entity IRIs; must be the address the hub is reached at for IRIs to dereference.', "env": "KG_BASE_URI"})
    host: str = field(default="127.0.0.1", metadata={"help": 'Address to listen on (0.0.0.0 for every interface, behind a reverse proxy).', "env": "KG_HOST"})
    port: int = field(default=5000, metadata={"help": 'Port to listen on.', "env": "KG_PORT", "parse": int})
    threads: int = field(default=8, metadata={"help": 'HTTP threads of the server (waitress).', "env": "KG_THREADS", "parse": int})
    workers: int = field(default=2, metadata={"help": 'Processes that run /sparql queries (each can be killed at the time limit).', "env": "KG_WORKERS", "parse": int})
    query_timeout: float = field(default=30.0, metadata={"help": 'Seconds a /sparql query may run before it is cancelled (503).', "env": "KG_QUERY_TIMEOUT", "parse": float})
    max_rows: int = field(default=10_000, metadata={"help": 'Most rows (or triples) a /sparql answer carries; more are cut, with header X-KG-Truncated.', "env": "KG_MAX_ROWS", "parse": int})
    allow_update: bool = field(default=False, metadata={"help": 'Accept SPARQL Update on /sparql (needs KG_TOKEN; clients send Authorization: Bearer).', "env": "KG_ALLOW_UPDATE", "parse": _bool})
    token: str | None = field(default=None, metadata={"help": 'The bearer token of updates; never logged or printed.', "env": "KG_TOKEN", "secret": True})
    service_allow: tuple[str, ...] = field(default=(), metadata={"help": 'Comma-separated hosts that SERVICE and LOAD may reach (none by default).', "env": "KG_SERVICE_ALLOW", "parse": _hosts})
    max_body: int = field(default=1_000_000, metadata={"help": 'Largest request body accepted, in bytes (413 above).', "env": "KG_MAX_BODY", "parse": int})

    @classmethod
    def from_env(cls, **overrides) -> "WebConfig":
        """Defaults, overridden by the environment, overridden by ``overrides`` that are not None."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f.metadata["env"])
            if raw not in (None, ""):
                values[f.name] = f.metadata.get("parse", str)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        config = cls(**values)
        if not config.base_uri.endswith(("/", "#")):
            config.base_uri += "/"
        return config

    @classmethod
    def table(cls) -> str:
        """The README's configuration table (Markdown), generated from the fields."""
        rows = ["| variable | option | default | meaning |", "|---|---|---|---|"]
        for f in fields(cls):
            option = "--" + f.name.replace("_", "-") if f.name not in ("token", "service_allow", "max_rows", "max_body") \
                else ""
            default = "" if f.default in (None, ()) else str(f.default)
            if f.name == "store":
                default = "./kg-data"
            rows.append(f"| `{f.metadata['env']}` | {f'`{option}`' if option else ''} | {f'`{default}`' if default else ''} "
                        f"| {f.metadata['help']} |")
        return "\n".join(rows)

    def describe(self) -> list[tuple[str, str, str]]:
        """(environment variable, value, default) for every setting, secrets masked."""
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            shown = "***" if f.metadata.get("secret") and value else str(value)
            out.append((f.metadata["env"], shown, str(f.default)))
        return out
