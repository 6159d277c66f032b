"""One family of errors for the whole package.

``KgError`` is what the command line turns into a message and an exit status; each layer
raises its own subclass so the caller can tell a bad input file from a bad option.  Problems
with a single record are *not* exceptions that escape: readers and the converter return them as
:class:`kg.marc.problems.Problem` values so a batch reports the record and carries on.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error the ``kg`` command reports without a traceback."""

    exit_status = 1


class UsageError(KgError):
    """The command was called wrongly (bad option value, missing argument)."""

    exit_status = 2


class InputError(KgError):
    """An input file cannot be read at all: missing, unreadable, or of an unsupported kind."""

    exit_status = 3

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class StrictModeError(KgError):
    """``--strict`` was given and a record was rejected or repaired."""

    exit_status = 4


class RecordError(KgError):
    """A record (or a field of it) cannot be read; carries the tag when one is known.

    Raised inside readers and the converter, caught per record, and turned into a
    ``rejected`` line of the report — never allowed to stop a batch.
    """

    def __init__(self, message: str, tag: str | None = None):
        super().__init__(message)
        self.message = message
        self.tag = tag
