"""Flattening parameters into ``Name.member.1=value`` pairs, for the ``query`` and ``ec2`` protocols.

Rules (botocore's), with the two dialects' differences marked:

* Member names: query uses ``locationName`` else the member name; ec2 uses ``queryName``, else
  ``locationName`` with its first letter upper-cased, else the member name.
* Lists: query writes ``Name.member.N`` (``member`` = the list member's ``locationName`` if any); a
  flattened list writes ``Name.N``, where a member ``locationName`` replaces the last name part; an
  empty list writes ``Name=`` (empty value). ec2 always writes ``Name.N`` and omits empty lists.
* Maps: ``Name.entry.N.key`` / ``Name.entry.N.value`` (``entry`` dropped when flattened; ``key`` and
  ``value`` replaced by their ``locationName``, itself ec2-capitalised in the ec2 dialect).
* Scalars: booleans ``true``/``false``; blobs base64; timestamps ``iso8601`` unless the member says
  otherwise; NaN and infinities as ``NaN``/``Infinity``/``-Infinity``; everything else ``str()``.

A flattener is compiled once per (dialect, service, shape ref) and writes into an ordered dict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession.model.shapes import ServiceModel

from .json_values import blob_base64, special_float
from .shape_refs import compile_cached, resolve
from .timestamps import formatter_for

__all__ = ["Flattener", "flattener"]

Flattener = Callable[[dict[str, str], Any, str], None]


def query_name(shape: dict[str, Any], default: str) -> str:
    return str(shape.get("locationName") or default)


def ec2_name(shape: dict[str, Any], default: str) -> str:
    if "queryName" in shape:
        return str(shape["queryName"])
    name = shape.get("locationName")
    if name:
        return str(name[0].upper() + name[1:])
    return default


_NAMERS: dict[str, Callable[[dict[str, Any], str], str]] = {"query": query_name, "ec2": ec2_name}


def _forward(cell: list[Flattener]) -> Flattener:
    def forward(out: dict[str, str], value: Any, prefix: str) -> None:
        cell[0](out, value, prefix)

    return forward


def flattener(service: ServiceModel, dialect: str, ref: dict[str, Any]) -> Flattener:
    """The compiled flattener for ``ref`` in ``dialect`` (``"query"`` or ``"ec2"``)."""
    return compile_cached(
        service, f"form-{dialect}", ref, lambda shape: _build(service, dialect, shape), _forward
    )


def _text(out: dict[str, str], value: Any, prefix: str) -> None:
    out[prefix] = value if isinstance(value, str) else str(value)


def _boolean(out: dict[str, str], value: Any, prefix: str) -> None:
    out[prefix] = "true" if value else "false"


def _blob(out: dict[str, str], value: Any, prefix: str) -> None:
    out[prefix] = blob_base64(value)


def _number(out: dict[str, str], value: Any, prefix: str) -> None:
    out[prefix] = str(special_float(value))


def _build(service: ServiceModel, dialect: str, shape: dict[str, Any]) -> Flattener:
    kind = shape.get("type")
    if kind == "structure":
        return _structure(service, dialect, shape)
    if kind == "list":
        return _list(service, dialect, shape)
    if kind == "map":
        return _map(service, dialect, shape)
    if kind == "boolean":
        return _boolean
    if kind == "blob":
        return _blob
    if kind in ("float", "double"):
        return _number
    if kind == "timestamp":
        format_ = formatter_for(shape.get("timestampFormat"), "iso8601")

        def timestamp(out: dict[str, str], value: Any, prefix: str) -> None:
            out[prefix] = str(format_(value))

        return timestamp
    return _text


def _structure(service: ServiceModel, dialect: str, shape: dict[str, Any]) -> Flattener:
    namer = _NAMERS[dialect]
    members: dict[str, tuple[str, Flattener]] = {}
    for name, ref in shape.get("members", {}).items():
        members[name] = (namer(resolve(service, ref), name), flattener(service, dialect, ref))

    def structure(out: dict[str, str], value: Any, prefix: str) -> None:
        for key, item in value.items():
            if item is None:
                continue
            wire, flatten = members[key]
            flatten(out, item, f"{prefix}.{wire}" if prefix else wire)

    return structure


def _list(service: ServiceModel, dialect: str, shape: dict[str, Any]) -> Flattener:
    member_ref = shape["member"]
    flatten = flattener(service, dialect, member_ref)
    if dialect == "ec2":

        def ec2_list(out: dict[str, str], value: Any, prefix: str) -> None:
            for index, item in enumerate(value, 1):
                flatten(out, item, f"{prefix}.{index}")

        return ec2_list

    member_name = resolve(service, member_ref).get("locationName")
    flattened = bool(shape.get("flattened"))

    def query_list(out: dict[str, str], value: Any, prefix: str) -> None:
        if not value:
            out[prefix] = ""
            return
        if flattened:
            base = prefix
            if member_name:
                base = ".".join([*prefix.split(".")[:-1], member_name])
        else:
            base = f"{prefix}.{member_name or 'member'}"
        for index, item in enumerate(value, 1):
            flatten(out, item, f"{base}.{index}")

    return query_list


def _map(service: ServiceModel, dialect: str, shape: dict[str, Any]) -> Flattener:
    namer = _NAMERS[dialect]
    key_ref, value_ref = shape["key"], shape["value"]
    key_suffix = namer(resolve(service, key_ref), "key")
    value_suffix = namer(resolve(service, value_ref), "value")
    flatten_key = flattener(service, dialect, key_ref)
    flatten_value = flattener(service, dialect, value_ref)
    entry = "" if shape.get("flattened") else ".entry"

    def map_(out: dict[str, str], value: Any, prefix: str) -> None:
        base = f"{prefix}{entry}"
        for index, (key, item) in enumerate(value.items(), 1):
            flatten_key(out, key, f"{base}.{index}.{key_suffix}")
            flatten_value(out, item, f"{base}.{index}.{value_suffix}")

    return map_
