"""What every protocol does the same way per operation: tokens, host prefix, pipeline hints.

Rules:

* Idempotency tokens: a top-level input member marked ``idempotencyToken`` that the caller left out
  gets a fresh UUID4 string, appended after the caller's parameters (botocore's order). The caller's
  dict is never mutated: a shallow copy is made only when a token is added. ``new_token`` is
  injectable so tests are deterministic.
* Host prefix: ``endpoint.hostPrefix`` is formatted with the input members marked ``hostLabel``; each
  value must match ``[A-Za-z0-9.-]+`` or the call fails before anything is sent, with botocore's
  ``ParamValidationError`` report (the error also is an ``InvalidHostLabelError``).
* Hints: ``checksum_required`` (``httpChecksumRequired`` or ``httpChecksum.requestChecksumRequired``)
  and ``request_compression`` (the ``requestcompression`` trait) are copied for the pipeline.

All of this is read from the model once per operation (:func:`operation_traits`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession.exceptions import InvalidHostLabelError, ParamValidationError
from awsession.model.shapes import OperationModel

from .shape_refs import operation_plan, resolve

__all__ = [
    "HostLabelValidationError",
    "OperationTraits",
    "TokenFactory",
    "expand_host_prefix",
    "fill_idempotency_tokens",
    "operation_traits",
]

TokenFactory = Callable[[], str]

_HOST_LABEL = re.compile(r"^[A-Za-z0-9.\-]+$")
_CACHE_KEY = "operation-traits"


class HostLabelValidationError(ParamValidationError, InvalidHostLabelError):
    """A ``hostLabel`` parameter that cannot go into a host name.

    Raised as botocore does (a ``ParamValidationError`` with its report text); it is also an
    ``InvalidHostLabelError`` so either ``except`` clause catches it.
    """


class OperationTraits(FrozenValue):
    """The protocol-independent facts about one operation's request."""

    __slots__ = ("checksum_required", "host_labels", "host_prefix", "input_ref", "input_shape", "method",
                 "query_compatible", "request_compression", "request_uri", "token_members")
    _fields = ("method", "request_uri", "input_ref", "input_shape", "token_members", "host_prefix",
               "host_labels", "checksum_required", "request_compression", "query_compatible")
    method: str
    request_uri: str
    input_ref: dict[str, Any] | None
    input_shape: dict[str, Any] | None
    token_members: tuple[str, ...]
    host_prefix: str | None
    host_labels: tuple[str, ...]
    checksum_required: bool
    request_compression: dict[str, Any] | None
    query_compatible: bool

    def __init__(self, method: str, request_uri: str, input_ref: dict[str, Any] | None,
                 input_shape: dict[str, Any] | None, token_members: tuple[str, ...],
                 host_prefix: str | None, host_labels: tuple[str, ...], checksum_required: bool,
                 request_compression: dict[str, Any] | None, query_compatible: bool) -> None:
        _set = object.__setattr__
        _set(self, "method", method)
        _set(self, "request_uri", request_uri)
        _set(self, "input_ref", input_ref)
        _set(self, "input_shape", input_shape)
        _set(self, "token_members", token_members)
        _set(self, "host_prefix", host_prefix)
        _set(self, "host_labels", host_labels)
        _set(self, "checksum_required", checksum_required)
        _set(self, "request_compression", request_compression)
        _set(self, "query_compatible", query_compatible)


def _new_uuid() -> str:
    import uuid  # only for idempotency tokens: it imports platform

    return str(uuid.uuid4())


def operation_traits(operation: OperationModel) -> OperationTraits:
    return operation_plan(operation, _CACHE_KEY, _build)


def _build(operation: OperationModel) -> OperationTraits:
    raw = operation.raw
    service = operation.service
    input_ref = raw.get("input")
    input_shape = resolve(service, input_ref) if input_ref else None
    members: dict[str, Any] = input_shape.get("members", {}) if input_shape else {}
    tokens = tuple(
        name
        for name, ref in members.items()
        if ref.get("idempotencyToken") or service.shapes[ref["shape"]].get("idempotencyToken")
    )
    labels = tuple(name for name, ref in members.items() if ref.get("hostLabel"))
    checksum = raw.get("httpChecksum") or {}
    compression = raw.get("requestcompression")
    return OperationTraits(
        method=operation.http.get("method", "POST"),
        request_uri=operation.http.get("requestUri", "/"),
        input_ref=input_ref,
        input_shape=input_shape,
        token_members=tokens,
        host_prefix=operation.host_prefix,
        host_labels=labels,
        checksum_required=bool(raw.get("httpChecksumRequired") or checksum.get("requestChecksumRequired")),
        request_compression=dict(compression) if compression else None,
        query_compatible="awsQueryCompatible" in service.metadata,
    )


def fill_idempotency_tokens(
    traits: OperationTraits, params: dict[str, Any], new_token: TokenFactory | None
) -> dict[str, Any]:
    """``params`` with every missing idempotency token filled (a copy only if one was missing)."""
    filled = params
    for name in traits.token_members:
        if name not in params:
            if filled is params:
                filled = dict(params)
            filled[name] = (new_token or _new_uuid)()
    return filled


def expand_host_prefix(traits: OperationTraits, params: dict[str, Any]) -> str | None:
    """The operation's host prefix with its labels filled in, or ``None`` when it has none."""
    template = traits.host_prefix
    if template is None or not traits.host_labels:
        return template
    values: dict[str, str] = {}
    bad: list[str] = []
    for name in traits.host_labels:
        value = params.get(name)
        if not isinstance(value, str) or not _HOST_LABEL.match(value):
            bad.append(name)
        values[name] = str(value)
    if bad:
        report = (
            f"Invalid value for parameter(s): {', '.join(bad)}. "
            "Must contain only alphanumeric characters, hyphen, or period."
        )
        raise HostLabelValidationError(report=report, label=", ".join(values[n] for n in bad))
    return template.format_map(values)
