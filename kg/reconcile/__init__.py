"""Reconciliation: matching cataloguers' names and titles to the shared authorities of the hub.

Layered above the store and the links (it reads the label index and the links graph, never
writes) and below the front ends — ``kg reconcile`` / ``kg authorities duplicates`` and the
W3C Reconciliation API service of the web hub:

- :mod:`kg.reconcile.vocab`       types (BIBFRAME classes) and properties, one table each
- :mod:`kg.reconcile.query`       a query as the protocol sends it; identifiers in query text
- :mod:`kg.reconcile.scoring`     name against name, tone marks deciding (:mod:`kg.text.names`)
- :mod:`kg.reconcile.entities`    an entity's facts in bulk; clusters as one entity; snapshots
- :mod:`kg.reconcile.engine`      candidates, scores with features, the ``match`` decision
- :mod:`kg.reconcile.extend`      preview facts and data-extension values
- :mod:`kg.reconcile.duplicates`  likely duplicate authority records, with their evidence
- :mod:`kg.reconcile.reconciler`  :class:`Reconciler`, the one object front ends use
- :mod:`kg.reconcile.table`       a CSV column reconciled in batches (``kg reconcile``)

A service maps its routes onto :class:`Reconciler` one to one — manifest: ``types()`` and
``properties()``; queries: ``match()`` (``Candidate.as_json``; :class:`QueryError` is a 400);
suggest: ``suggest()``, ``suggest_types()``, ``suggest_properties()``; preview: ``describe()``
(``Description.as_json``); data extension: ``extend()`` and ``properties(type)`` — so that it
only parses requests and writes answers.
"""

from .engine import Candidate
from .query import Query, QueryError
from .reconciler import Reconciler

__all__ = ["Candidate", "Query", "QueryError", "Reconciler"]
