"""Every setting of the hub, declared once with its name, environment variable, default and help.

The command line, the environment and (later) the web application all read settings from here,
so a default is never repeated in two places.  Precedence: an explicit command-line value, then
the environment variable, then the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str
    parse: Callable[[str], object] = str


def _default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "base_uri",
            "KG_BASE_URI",
            "http://127.0.0.1:5000/",
            "Base under which entity IRIs are minted (work/, instance/, item/, agent/, concept/, library/).",
        ),
        Setting(
            "store",
            "KG_STORE",
            "./kg-data",
            "Directory of the embedded store and of the search index (also used with --endpoint, for the index).",
        ),
        Setting(
            "endpoint",
            "KG_ENDPOINT",
            None,
            "A SPARQL 1.1 server to use instead of the embedded store: an oxigraph server's base "
            "(http://host:7878) or a Virtuoso /sparql endpoint.",
        ),
        Setting(
            "endpoint_user",
            "KG_ENDPOINT_USER",
            None,
            "User for servers whose update and Graph Store endpoints need authentication (Virtuoso).",
        ),
        Setting(
            "endpoint_password",
            "KG_ENDPOINT_PASSWORD",
            None,
            "Password for KG_ENDPOINT_USER (never printed or logged).",
        ),
        Setting(
            "jobs",
            "KG_JOBS",
            None,  # resolved to the number of usable cores by get()
            "Number of processes converting records in parallel (default: number of cores).",
            int,
        ),
    ]
}


def get(name: str, override: object | None = None) -> object:
    """Value of setting ``name``: ``override`` if given, else the environment, else the default."""
    setting = SETTINGS[name]
    if override is not None:
        return override
    raw = os.environ.get(setting.env)
    if raw not in (None, ""):
        return setting.parse(raw)
    if name == "jobs":
        return _default_jobs()
    return setting.default
