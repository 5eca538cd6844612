"""The ``ec2`` protocol: the query protocol with EC2's naming and list rules (see ``query_form``).

Differences from ``query``: member names come from ``queryName`` or the capitalised ``locationName``,
lists are always ``Name.N`` and empty lists are left out.
"""

from __future__ import annotations

from .query import make_serializer

__all__ = ["serialize"]

serialize = make_serializer("ec2")
