"""``kg serve``: the web hub over a store; ``kg demo``: the same over the bundled demo data."""

from __future__ import annotations

import shutil
import sys
import tempfile

from ..web.config import WebConfig


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the hub: pages, linked data, /sparql",
                       description="Serve the hub over a store: entity pages, dereferenceable IRIs, /sparql. "
                                   "Every option also has an environment variable (README, 'Configuration').")
    p.add_argument("--store", metavar="DIR", help="embedded store directory [KG_STORE, default ./kg-data]")
    p.add_argument("--endpoint", metavar="URL", help="a remote SPARQL 1.1 server instead [KG_ENDPOINT]")
    p.add_argument("--base-uri", metavar="IRI", help="base of the entity IRIs [KG_BASE_URI]")
    _server_options(p)
    p.add_argument("--allow-update", action="store_true", default=None,
                   help="accept SPARQL Update on /sparql with the bearer token KG_TOKEN [KG_ALLOW_UPDATE]")
    p.set_defaults(func=run_serve)

    d = sub.add_parser("demo", help="build the demo store (three libraries) and serve it",
                       description="Build a store from the demo catalogues bundled in the package (three "
                                   "libraries, linked) and serve it.")
    d.add_argument("--store", metavar="DIR", help="where to build the demo store and keep it (default: a new temporary directory, removed when the server stops)")
    _server_options(d)
    d.set_defaults(func=run_demo)


def _server_options(p) -> None:
    p.add_argument("--host", help="address to listen on [KG_HOST, default 127.0.0.1]")
    p.add_argument("--port", type=int, help="port [KG_PORT, default 5000]")
    p.add_argument("--workers", type=int, help="SPARQL worker processes [KG_WORKERS, default 2]")
    p.add_argument("--threads", type=int, help="HTTP threads [KG_THREADS, default 8]")
    p.add_argument("--query-timeout", type=float, help="seconds a /sparql query may run [KG_QUERY_TIMEOUT, default 30]")


def _config(args, **extra) -> WebConfig:
    return WebConfig.from_env(host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                              query_timeout=args.query_timeout, **extra)


def run_serve(args) -> int:
    from ..web.server import serve

    config = _config(args, store=args.store, endpoint=args.endpoint, base_uri=args.base_uri,
                     allow_update=args.allow_update)
    if config.allow_update and not config.token:
        print("kg serve: --allow-update needs a token in KG_TOKEN (clients send 'Authorization: Bearer TOKEN')",
              file=sys.stderr)
        return 2
    serve(config)
    return 0


def run_demo(args) -> int:
    from .. import demo
    from ..store import Hub
    from ..web.server import serve

    made = not args.store  # a store of our own in the temporary directory: removed when the server stops
    store = args.store or tempfile.mkdtemp(prefix="kg-demo-")
    port = args.port or WebConfig.from_env().port
    base = f"http://{'127.0.0.1' if (args.host or '127.0.0.1') in ('0.0.0.0', '::') else (args.host or '127.0.0.1')}:{port}/"
    print(f"kg demo: building the demo store in {store} …", file=sys.stderr, flush=True)
    try:
        with Hub(store, base_uri=base) as hub:
            demo.build(hub, progress=lambda m: print(f"kg demo: {m}", file=sys.stderr, flush=True))
        serve(_config(args, store=store, base_uri=base, endpoint=""))
    finally:
        if made:
            shutil.rmtree(store, ignore_errors=True)
    return 0
