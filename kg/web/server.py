"""Serving the application: waitress (a production WSGI server, pure Python, threads).

``serve`` builds the app, starts the SPARQL worker processes (:mod:`kg.web.sparql`) and runs
waitress until interrupted (Ctrl+C or SIGTERM); the workers, their snapshots and the store are
closed on the way out.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys

from ..store.remote import redact
from .app import create_app
from .config import WebConfig


def serve(config: WebConfig, ready=None) -> None:
    from waitress import create_server

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        stream=sys.stderr)
    app = create_app(config)
    # what exists now (the app, code lists, caches filled at start) lives as long as the server:
    # moved out of the collector's sight, full collections stop walking it (100-200 ms pauses)
    gc.collect()
    gc.freeze()
    server = create_server(app, host=config.host, port=config.port, threads=config.threads,
                           ident="kg", clear_untrusted_proxy_headers=True, max_request_body_size=config.max_body)
    where = f"http://{config.host}:{server.effective_port}/"
    print(f"kg serve: {where} (store {redact(config.endpoint) if config.endpoint else config.store}, "
          f"base {config.base_uri}); Ctrl+C stops",
          file=sys.stderr, flush=True)
    if ready is not None:
        ready(where)

    def stop(signum, frame):  # systemd, docker and the tests stop a server with SIGTERM
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        for close in app.extensions.get("kg.on_close", []):
            close()
        app.extensions["kg.data"].close()
