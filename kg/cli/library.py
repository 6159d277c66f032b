"""``kg library add`` / ``kg library list``: the libraries of the hub."""

from __future__ import annotations

from ..store import registry
from .common import add_store_options, open_hub


def add_parser(sub) -> None:
    p = sub.add_parser("library", help="register and list libraries")
    inner = p.add_subparsers(dest="library_command", metavar="add|list")
    inner.required = True
    a = inner.add_parser("add", help="register a library (or update its entry)")
    a.add_argument("code", help="short code, e.g. TVHN")
    a.add_argument("--name-vi", required=True, help="name in Vietnamese, e.g. \"Thư viện Hà Nội\"")
    a.add_argument("--name-en", default="", help="name in English")
    a.add_argument("--city", default="", help="city or province")
    a.add_argument("--type", dest="kind", default="", choices=registry.TYPES, help="kind of library")
    add_store_options(a)
    a.set_defaults(func=run_add)
    ls = inner.add_parser("list", help="list the registered libraries")
    add_store_options(ls)
    ls.set_defaults(func=run_list)


def run_add(args) -> int:
    registry.check_code(args.code)
    with open_hub(args) as hub:
        registry.add(hub.backend, hub.names, registry.Library(args.code, args.name_vi, args.name_en, args.city, args.kind))
        print(f"library {args.code} registered: {hub.names.library(args.code).value}")
    return 0


def run_list(args) -> int:
    with open_hub(args) as hub:
        libs = registry.all_libraries(hub.backend, hub.names)
        if not libs:
            print("no library registered yet (kg library add CODE --name-vi ...)")
        for lib in libs:
            details = ", ".join(x for x in (lib.kind, lib.city) if x)
            print(f"{lib.code:<10} {lib.name_vi}" + (f" / {lib.name_en}" if lib.name_en else "") + (f" ({details})" if details else ""))
    return 0
