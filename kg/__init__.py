"""Thư viện Liên thông — Vietnam's libraries as one BIBFRAME 2 knowledge graph.

Layers, with data flowing one way (a lower layer never imports a higher one):

    kg.marc     reading MARC (ISO 2709, MARCXML, Libol text); knows nothing of RDF
    kg.text     Vietnamese-aware text normalisation shared by every layer above
    kg.convert  MARC record -> BIBFRAME 2 quads (pyoxigraph terms)
    kg.batch    files -> converted, reported, serialised output (single or multi-process)
    kg.cli      the ``kg`` command: parses arguments, calls the layers, prints summaries
"""

__version__ = "0.1.0"
