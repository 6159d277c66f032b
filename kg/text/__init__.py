"""Text functions shared by every layer: repairing decoded strings and normalising headings.

- ``repair``     what a reader does to every value: mojibake, NFC, control characters
- ``punctuation`` ISBD punctuation trimming as LC's conversion does it
- ``vietnamese`` Vietnamese tone-mark placement and folding
- ``heading``    the one normalisation of names and subject headings used to mint IRIs
"""
