"""Imports every handler module so that their ``@handles`` decorators fill the registry."""

from . import (  # noqa: F401
    ldr_00x,
    tag_0xx,
    tag_1xx,
    tag_2xx,
    tag_3xx,
    tag_4xx,
    tag_5xx,
    tag_6xx,
    tag_7xx,
    tag_8xx,
    tag_9xx,
)
