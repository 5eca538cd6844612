"""Response parsers: one module per wire protocol, producing exactly botocore 1.43's dicts.

Entry points: :func:`registry.parse` (chooses protocol and success/error) and
``registry.PARSERS[protocol] -> (parse_response, parse_error)``. Every function takes an
``OperationModel`` and an ``HttpResponse`` and an optional ``timestamp_parser``. Parse plans are
compiled once per service model and reused. No I/O happens here except reading an event-stream
body lazily when the caller iterates it.
"""

from __future__ import annotations

from .registry import PARSERS, parse

__all__ = ["PARSERS", "parse"]
