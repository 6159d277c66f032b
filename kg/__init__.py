"""Thư viện Liên thông — Vietnam's libraries as one BIBFRAME 2 knowledge graph.

Layers, with data flowing one way (a lower layer never imports a higher one):

    kg.text     Vietnamese-aware text repair and normalisation, used by every layer above
    kg.marc     reading MARC (ISO 2709, MARCXML, MarcEdit, Libol text); knows nothing of RDF
    kg.convert  MARC record -> BIBFRAME 2 quads (pyoxigraph terms)
    kg.pipeline files -> batches -> worker processes -> ordered results
    kg.batch    the conversion run behind ``kg convert``
    kg.store    the knowledge graph: Oxigraph (embedded or remote) + the SQLite search index;
                the only code that talks to a store
    kg.cli      the ``kg`` command: parses arguments, calls the layers, prints summaries
"""

__version__ = "0.1.0"
