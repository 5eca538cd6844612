"""Shape-driven conversion of parameters to JSON-ready values (awsJson 1.0/1.1 and restJson1 bodies).

Rules (botocore's):

* Structures rename members by ``locationName``; document shapes pass through unchanged; ``None``
  members are written as ``null`` (botocore does the same; validated params never hold them).
* Blobs become base64 text; timestamps use the member's ``timestampFormat`` or ``unixTimestamp``;
  float/double NaN and infinities become the strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"`` and a
  ``Decimal`` becomes a float. Everything else (strings, numbers, booleans, enums) passes through.
* A shape whose whole subtree needs no conversion compiles to :data:`IDENTITY`; containers of such
  shapes are passed through as they are (params are read-only, ``json.dumps`` only reads them).

Encoders are compiled once per service model and shape ref (see ``shape_refs``).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from awsession.model.shapes import ServiceModel

from .shape_refs import compile_cached
from .timestamps import formatter_for

__all__ = ["IDENTITY", "Encoder", "blob_base64", "json_encoder", "special_float"]

Encoder = Callable[[Any], Any]


def IDENTITY(value: Any) -> Any:
    return value


def blob_base64(value: Any) -> str:
    """Base64 text of a blob given as bytes, text (UTF-8) or a readable object."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    elif not isinstance(value, (bytes, bytearray, memoryview)):
        value = value.read()
        if isinstance(value, str):
            value = value.encode("utf-8")
    return base64.b64encode(value).decode("ascii")


def special_float(value: Any) -> Any:
    """NaN and the infinities as AWS's strings; any other number unchanged."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "NaN"
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _forward(cell: list[Encoder]) -> Encoder:
    def forward(value: Any) -> Any:
        return cell[0](value)

    return forward


def json_encoder(service: ServiceModel, ref: dict[str, Any], *, millis: bool = False) -> Encoder:
    """The compiled encoder for a shape ref."""
    namespace = "json-ms" if millis else "json"
    return compile_cached(service, namespace, ref, lambda shape: _build(service, shape, millis), _forward)


def _build(service: ServiceModel, shape: dict[str, Any], millis: bool) -> Encoder:
    kind = shape.get("type")
    if kind == "structure":
        if shape.get("document"):
            return IDENTITY
        return _structure(service, shape, millis)
    if kind == "list":
        inner = json_encoder(service, shape["member"], millis=millis)
        if inner is IDENTITY:
            return IDENTITY

        def list_(value: Any) -> Any:
            return [inner(item) for item in value]

        return list_
    if kind == "map":
        inner = json_encoder(service, shape["value"], millis=millis)
        if inner is IDENTITY:
            return IDENTITY

        def map_(value: Any) -> Any:
            return {key: inner(item) for key, item in value.items()}

        return map_
    if kind == "blob":
        return blob_base64
    if kind == "timestamp":
        return formatter_for(shape.get("timestampFormat"), "unixtimestamp", millis=millis)
    if kind in ("float", "double"):
        return special_float
    return IDENTITY


def _structure(service: ServiceModel, shape: dict[str, Any], millis: bool) -> Encoder:
    members: dict[str, tuple[str, Encoder]] = {}
    renamed = False
    for name, ref in shape.get("members", {}).items():
        wire = ref.get("locationName") or service.shapes[ref["shape"]].get("locationName") or name
        members[name] = (wire, json_encoder(service, ref, millis=millis))
        renamed = renamed or wire != name
    if renamed:

        def renaming(value: Any) -> Any:
            out: dict[str, Any] = {}
            for key, item in value.items():
                wire, encoder = members[key]
                out[wire] = item if item is None or encoder is IDENTITY else encoder(item)
            return out

        return renaming
    encoders = {name: encoder for name, (_, encoder) in members.items() if encoder is not IDENTITY}
    if not encoders:
        return IDENTITY
    special = frozenset(encoders)

    def structure(value: Any) -> Any:
        # Only members that need converting cost anything; otherwise the caller's dict is reused.
        present = special.intersection(value)
        if not present:
            return value
        out = dict(value)
        for key in present:
            item = out[key]
            if item is not None:
                out[key] = encoders[key](item)
        return out

    return structure
