"""Reading MARC 21 as libraries really export it.  No RDF knowledge lives here.

Modules, one concept each:

- ``record``     the in-memory record: leader, control fields, data fields, subfields
- ``problems``   a problem found in a record (what the report prints)
- ``marc8``      MARC-8 to Unicode, reporting what it cannot map
- ``text``       cleaning of decoded values: mojibake repair, NFC, control characters
- ``iso2709``    tolerant ISO 2709 splitting and parsing (standard, Alma, Emiclib ``#``)
- ``marcxml``    MARCXML with or without the namespace, one broken record never hides the rest
- ``libol_text`` the "Ldr / #001" text export of Libol
- ``mnemonic``   MarcEdit's ``.mrk`` text (``=245  10$a…``)
- ``unimarc``    recognising UNIMARC so it can be refused by name
- ``sniff``      telling the formats apart from content, not from file extensions
- ``source``     files and directories -> raw chunks -> records, streaming
"""
