"""Response parsing for the ``ec2`` protocol: query's rules with ec2's ``requestId``/``Errors`` forms.

The shared logic lives in :mod:`.query`; this module only gives ec2 the common two-function face.
"""

from __future__ import annotations

from .query import ec2_parse_error as parse_error
from .query import ec2_parse_response as parse_response

__all__ = ["parse_error", "parse_response"]
