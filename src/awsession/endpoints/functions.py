"""The rule-set function library: one plain function per Endpoints 2.0 function name.

Rules:

1. :data:`FUNCTIONS` maps each rule function name (``"isSet"``, ``"aws.parseArn"``, ...) to its
   implementation. Dispatch is by this dict only; an unknown name is an error at compile time.
2. Functions receive already-evaluated arguments. Those named in :data:`PARTITION_AWARE` receive the
   :class:`~awsession.endpoints.partitions.Partitions` table as their first argument.
3. Behaviour, including the odd corners, follows botocore 1.43's rule library: a missing (``None``)
   input yields ``None``/``False`` rather than an error, except where botocore raises
   ``EndpointResolutionError`` (``stringEquals``/``booleanEquals`` on wrong types, ``substring`` on
   a non-string).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from awsession.endpoints.partitions import Partitions
from awsession.exceptions import EndpointResolutionError

__all__ = [
    "FUNCTIONS",
    "PARTITION_AWARE",
    "aws_is_virtual_hostable_s3_bucket",
    "aws_parse_arn",
    "aws_partition",
    "boolean_equals",
    "get_attr",
    "is_set",
    "is_valid_host_label",
    "not_",
    "parse_attr_path",
    "parse_url",
    "string_equals",
    "substring",
    "uri_encode",
    "walk_attr_path",
]

HOST_LABEL_RE = re.compile(r"^(?!-)[a-zA-Z\d-]{1,63}(?<!-)$")
IPV4_RE = re.compile(r"^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$")

# RFC 3986 IPv6 address forms (as urllib3 validates them), optionally with a zone id.
_H16 = "[0-9A-Fa-f]{1,4}"
_LS32 = f"(?:{_H16}:{_H16}|(?:[0-9]{{1,3}}\\.){{3}}[0-9]{{1,3}})"
_IPV6_FORMS = (
    f"(?:{_H16}:){{6}}{_LS32}",
    f"::(?:{_H16}:){{5}}{_LS32}",
    f"(?:{_H16})?::(?:{_H16}:){{4}}{_LS32}",
    f"(?:(?:{_H16}:)?{_H16})?::(?:{_H16}:){{3}}{_LS32}",
    f"(?:(?:{_H16}:){{0,2}}{_H16})?::(?:{_H16}:){{2}}{_LS32}",
    f"(?:(?:{_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
    f"(?:(?:{_H16}:){{0,4}}{_H16})?::{_LS32}",
    f"(?:(?:{_H16}:){{0,5}}{_H16})?::{_H16}",
    f"(?:(?:{_H16}:){{0,6}}{_H16})?::",
)
_ZONE_ID = r"(?:%25|%)(?:[A-Za-z0-9._!\-~]|%[a-fA-F0-9]{2})+"
_IPV6_PATTERN = r"^\[(?:" + "|".join(_IPV6_FORMS) + r")(?:" + _ZONE_ID + r")?\]$"
_URL_STRIPPED_CHARS = frozenset("\t\r\n")
_ATTR_INDEX_RE = re.compile(r"(\w*)\[(\d+)\]")


def is_set(value: Any) -> bool:
    return value is not None


def not_(value: Any) -> bool:
    return not value


def string_equals(value1: Any, value2: Any) -> bool:
    if not (isinstance(value1, str) and isinstance(value2, str)):
        raise EndpointResolutionError(
            msg=f"Both values must be strings, not {type(value1)} and {type(value2)}."
        )
    return value1 == value2


def boolean_equals(value1: Any, value2: Any) -> bool:
    if not (isinstance(value1, bool) and isinstance(value2, bool)):
        raise EndpointResolutionError(
            msg=f"Both arguments must be bools, not {type(value1)} and {type(value2)}."
        )
    return value1 is value2


@lru_cache(maxsize=1)
def _ipv6_re() -> re.Pattern[str]:
    """The bracketed IPv6 literal pattern, compiled on first use (a costly compile)."""
    return re.compile(_IPV6_PATTERN)


@lru_cache(maxsize=1024)
def parse_attr_path(path: str) -> tuple[tuple[str, int | None], ...]:
    """Split a ``getAttr`` path into ``(name, index)`` steps; ``index`` is ``None`` for plain keys.

    As in botocore, an indexed step ends the walk: later steps are never reached.
    """
    steps: list[tuple[str, int | None]] = []
    for part in path.split("."):
        match = _ATTR_INDEX_RE.search(part)
        if match is not None:
            steps.append((match.group(1), int(match.group(2))))
            break
        steps.append((part, None))
    return tuple(steps)


def walk_attr_path(value: Any, steps: tuple[tuple[str, int | None], ...]) -> Any:
    for name, index in steps:
        if index is None:
            value = value[name]
            continue
        if name:
            value = value.get(name)
        if value is None or index >= len(value):
            return None
        return value[index]
    return value


def get_attr(value: Any, path: str) -> Any:
    """``getAttr``: dotted keys, with an optional ``[index]`` on the last step."""
    return walk_attr_path(value, parse_attr_path(path))


def substring(value: Any, start: int, stop: int, reverse: bool) -> str | None:
    if not isinstance(value, str):
        raise EndpointResolutionError(msg=f"Input must be a string, not {type(value)}.")
    if start >= stop or len(value) < stop or not value.isascii():
        return None
    if reverse is True:
        return value[len(value) - stop : len(value) - start]
    return value[start:stop]


def uri_encode(value: Any) -> str | None:
    """Percent-encode everything except ``A-Z a-z 0-9 - _ . ~`` (UTF-8 first)."""
    if value is None:
        return None
    if not isinstance(value, (str, bytes)):
        value = str(value)
    from urllib.parse import quote  # deferred: keeps a fresh process's first client light

    return quote(value, safe="-._~")


def _remove_dot_segments(path: str) -> str:
    if not path:
        return ""
    kept: list[str] = []
    for segment in path.split("/"):
        if not segment or segment == ".":
            continue
        if segment == "..":
            if kept:
                kept.pop()
        else:
            kept.append(segment)
    first = "/" if path[0] == "/" else ""
    last = "/" if path[-1] == "/" and kept else ""
    return first + "/".join(kept) + last


def _is_ip_url(value: str, hostname: str | None) -> bool:
    if hostname is None:
        return False
    if IPV4_RE.match(hostname) is not None:
        return True
    if _URL_STRIPPED_CHARS.intersection(value):
        return False
    return _ipv6_re().match(f"[{hostname}]") is not None


def parse_url(value: Any) -> dict[str, Any] | None:
    """``parseURL``: http(s) URLs without a query, split into scheme/authority/path parts."""
    if value is None:
        return None
    from urllib.parse import quote, urlparse  # deferred: keeps a fresh process's first client light

    try:
        parts = urlparse(value)
        _ = parts.port  # a non-numeric port is invalid
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or parts.query:
        return None
    path = parts.path
    normalized = quote(_remove_dot_segments(path) if path else "/")
    if not normalized.endswith("/"):
        normalized += "/"
    return {
        "scheme": parts.scheme,
        "authority": parts.netloc,
        "path": path,
        "normalizedPath": normalized,
        "isIp": _is_ip_url(value, parts.hostname),
    }


def is_valid_host_label(value: Any, allow_subdomains: Any) -> bool:
    """RFC 1123 host label; with ``allow_subdomains`` each dot-separated label is checked."""
    if value is None or (allow_subdomains is False and "." in value):
        return False
    if allow_subdomains is True:
        return all(HOST_LABEL_RE.match(label) is not None for label in value.split("."))
    return HOST_LABEL_RE.match(value) is not None


def aws_partition(partitions: Partitions, region: Any) -> dict[str, Any]:
    return partitions.lookup(region)


def aws_parse_arn(value: Any) -> dict[str, Any] | None:
    """``aws.parseArn``: ``resourceId`` splits the resource on both ``:`` and ``/``."""
    if value is None or not value.startswith("arn:"):
        return None
    pieces = value.split(":", 5)
    if len(pieces) < 6:
        return None
    _, partition, service, region, account, resource = pieces
    if not (partition and service and resource):
        return None
    return {
        "partition": partition,
        "service": service,
        "region": region,
        "accountId": account,
        "resourceId": resource.replace(":", "/").split("/"),
    }


def aws_is_virtual_hostable_s3_bucket(value: Any, allow_subdomains: Any) -> bool:
    if value is None or len(value) < 3 or value.lower() != value or IPV4_RE.match(value) is not None:
        return False
    return is_valid_host_label(value, allow_subdomains)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "isSet": is_set,
    "not": not_,
    "getAttr": get_attr,
    "stringEquals": string_equals,
    "booleanEquals": boolean_equals,
    "substring": substring,
    "uriEncode": uri_encode,
    "parseURL": parse_url,
    "isValidHostLabel": is_valid_host_label,
    "aws.partition": aws_partition,
    "aws.parseArn": aws_parse_arn,
    "aws.isVirtualHostableS3Bucket": aws_is_virtual_hostable_s3_bucket,
}

PARTITION_AWARE = frozenset({"aws.partition"})
