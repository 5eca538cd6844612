"""Layer 1: endpoint resolution. Endpoints 2.0 rule sets (compiled once, results memoized), the
rule function library, partitions, per-call rule-set parameters, and boto3's legacy region listing.
Pure logic: nothing here does network I/O; data files come through :mod:`awsession.model`.
"""

from __future__ import annotations

from awsession.endpoints.builtins import EndpointBuiltins
from awsession.endpoints.params import build_endpoint_params
from awsession.endpoints.partitions import Partitions, default_partitions, partitions_from
from awsession.endpoints.rules import Endpoint, compile_ruleset, resolve_endpoint

__all__ = [
    "Endpoint",
    "EndpointBuiltins",
    "Partitions",
    "build_endpoint_params",
    "compile_ruleset",
    "default_partitions",
    "partitions_from",
    "resolve_endpoint",
]
