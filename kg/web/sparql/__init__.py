"""The SPARQL endpoint (being written)."""


def register(app) -> None:
    pass
