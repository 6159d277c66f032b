"""Links across libraries: one author, one work, many holdings (``kg link``).

Layered above the store (it reads the side index and rewrites record graphs through the
backend) and below the web and CLI front ends:

- :mod:`kg.link.headings`   headings -> the library's own authorities (4XX variants, $0/$1)
- :mod:`kg.link.agents`     the same person or body across libraries (identifiers, names, dates)
- :mod:`kg.link.works`      the same work across libraries (creator cluster + title)
- :mod:`kg.link.instances`  the same publication (valid ISBN/ISSN/LCCN + agreeing titles)
- :mod:`kg.link.clusters`   union-find with the constraints (dates, classes, decisions)
- :mod:`kg.link.decisions`  cataloguers' --same / --different, kept in the store
- :mod:`kg.link.graph`      the links graph and its deterministic hub IRIs
- :mod:`kg.link.run`        the phases of one run, the report

Name matching itself is :mod:`kg.text.names` (shared with reconciliation).
"""
