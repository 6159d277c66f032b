"""``kg link``: link headings to authorities and cluster agents, works and publications across
libraries (:mod:`kg.link`); ``--same`` / ``--different`` / ``--forget`` record a cataloguer's
decision first."""

from __future__ import annotations

import sys

from ..errors import UsageError
from .common import add_store_options, open_hub


def add_parser(sub) -> None:
    p = sub.add_parser(
        "link", help="link headings to authorities; one agent, one work, one publication across libraries",
        description="Point each library's headings at its authority records (4XX variants, $0), then find the "
                    "same person or body, the same work and the same publication across libraries and write "
                    "the links graph (replacing the previous run's). Run it after ingesting.")
    add_store_options(p)
    p.add_argument("--report", metavar="FILE.csv",
                   help="write a CSV for cataloguers: unlinked headings (with a likely authority), ambiguous "
                        "variants, names that differ only by tone marks, ISBNs shared by different titles")
    decision = p.add_mutually_exclusive_group()
    decision.add_argument("--same", nargs=2, metavar=("A", "B"),
                          help="record that A and B (agent, work or instance IRIs) are the same, then link")
    decision.add_argument("--different", nargs=2, metavar=("A", "B"),
                          help="record that A and B must never be merged, then link")
    decision.add_argument("--forget", nargs=2, metavar=("A", "B"), help="remove a recorded decision about A and B")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..link import decisions
    from ..link.run import run as link

    with open_hub(args) as hub:
        for option, kind in (("same", decisions.SAME), ("different", decisions.DIFFERENT), ("forget", None)):
            pair = getattr(args, option)
            if pair:
                a, b = (_iri(x) for x in pair)
                if a == b:
                    raise UsageError(f"--{option}: A and B are the same IRI")
                decisions.record(hub.backend, hub.names, kind, decisions.pairs_for(hub.backend, hub.names, kind, a, b))
                print(f"kg link: decision recorded ({option}): {a} {b}", file=sys.stderr)
        say = (lambda m: None) if args.quiet else (lambda m: print(f"kg link: {m}", file=sys.stderr))
        s = link(hub, args.report, say)
    redirected = sum(r.records for r in s.redirected.values())
    print(f"kg link: {redirected:,} record(s) pointed at authorities; {s.agent_clusters:,} agent clusters "
          f"({s.agents_clustered:,} of {s.agents:,} agents, {s.close_links:,} by name only), {s.work_clusters:,} work "
          f"clusters ({s.works_clustered:,} of {s.works:,} works), {s.publications:,} shared publications; "
          f"{s.triples:,} link triples" + (f"; report: {args.report}" if args.report else ""), file=sys.stderr)
    return 0


def _iri(value: str) -> str:
    value = value.strip().strip("<>")
    if not value.startswith(("http://", "https://")):
        raise UsageError(f"{value!r} is not an IRI (give the agent's, work's or instance's full IRI)")
    return value
