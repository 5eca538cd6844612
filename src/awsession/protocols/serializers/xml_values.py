"""Shape-driven XML writing for rest-xml bodies, byte-for-byte as botocore's ElementTree output.

Rules (botocore's):

* An element is ``<name attrs>text</name>``; with no text and no children it is ``<name />``. Text
  escapes ``& < >``; attribute values also escape ``"`` and CR/LF/TAB as character references.
* ``xmlNamespace`` on a shape or member adds ``xmlns`` (or ``xmlns:<prefix>``) to that element; for a
  flattened list it lands on the enclosing element, as botocore does.
* Structure members marked ``xmlAttribute`` become attributes of the structure's element, named by
  their ``locationName``; the rest are child elements in the caller's order. ``None`` is skipped.
* Lists: ``<Name><member>..</member></Name>`` (the item name is the member's ``locationName``);
  flattened lists repeat ``<Name>`` for each item. Maps: ``<Name><entry><key/><value/></entry></Name>``
  (``key``/``value`` renamed by ``locationName``); flattened maps repeat ``<Name>`` per entry.
* Scalars: booleans ``true``/``false``; blobs base64; timestamps ``iso8601`` unless the member says
  otherwise; NaN/infinities as words; everything else ``str()``.

A writer appends text pieces to a list: ``writer(parts, value, element_name)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession.model.shapes import ServiceModel

from .json_values import blob_base64, special_float
from .shape_refs import compile_cached, resolve
from .timestamps import formatter_for

__all__ = ["Writer", "element_name", "xml_writer"]

Writer = Callable[[list[str], Any, str], None]


def _escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _namespace(shape: dict[str, Any]) -> tuple[str, str] | None:
    """The ``(attribute, uri)`` a shape's ``xmlNamespace`` adds, if any."""
    spec = shape.get("xmlNamespace")
    if isinstance(spec, dict):
        prefix = spec.get("prefix")
        return (f"xmlns:{prefix}" if prefix else "xmlns", str(spec.get("uri", "")))
    if isinstance(spec, str):
        return ("xmlns", spec)
    return None


def _attributes(pairs: dict[str, str]) -> str:
    return "".join(f' {key}="{_escape_attribute(value)}"' for key, value in pairs.items())


def element_name(shape: dict[str, Any], default: str) -> str:
    return str(shape.get("locationName") or default)


def _forward(cell: list[Writer]) -> Writer:
    def forward(parts: list[str], value: Any, name: str) -> None:
        cell[0](parts, value, name)

    return forward


def xml_writer(service: ServiceModel, ref: dict[str, Any]) -> Writer:
    """The compiled writer for a shape ref."""
    return compile_cached(service, "xml", ref, lambda shape: _build(service, shape), _forward)


def _scalar(to_text: Callable[[Any], str], namespace: tuple[str, str] | None) -> Writer:
    extra = _attributes(dict([namespace])) if namespace else ""

    def scalar(parts: list[str], value: Any, name: str) -> None:
        text = to_text(value)
        if text:
            parts.append(f"<{name}{extra}>{_escape_text(text)}</{name}>")
        else:
            parts.append(f"<{name}{extra} />")

    return scalar


def _build(service: ServiceModel, shape: dict[str, Any]) -> Writer:
    kind = shape.get("type")
    namespace = _namespace(shape)
    if kind == "structure":
        return _structure(service, shape, namespace)
    if kind == "list":
        return _list(service, shape, namespace)
    if kind == "map":
        return _map(service, shape, namespace)
    if kind == "boolean":
        return _scalar(lambda v: "true" if v else "false", namespace)
    if kind == "blob":
        return _scalar(blob_base64, namespace)
    if kind in ("float", "double"):
        return _scalar(lambda v: str(special_float(v)), namespace)
    if kind == "timestamp":
        format_ = formatter_for(shape.get("timestampFormat"), "iso8601")
        return _scalar(lambda v: str(format_(v)), namespace)
    return _scalar(str, namespace)


def _structure(service: ServiceModel, shape: dict[str, Any], namespace: tuple[str, str] | None) -> Writer:
    # name -> (element or attribute name, is_attribute, namespace moved up from a flattened list, writer)
    members: dict[str, tuple[str, bool, tuple[str, str] | None, Writer]] = {}
    for name, ref in shape.get("members", {}).items():
        merged = resolve(service, ref)
        hoisted = _namespace(merged) if merged.get("type") == "list" and merged.get("flattened") else None
        members[name] = (
            element_name(merged, name),
            bool(merged.get("xmlAttribute")),
            hoisted,
            xml_writer(service, ref),
        )
    own = dict([namespace]) if namespace else {}
    needs_scan = any(is_attr or hoisted for _, is_attr, hoisted, _ in members.values())

    def structure(parts: list[str], value: Any, name: str) -> None:
        attributes = own
        if needs_scan:
            attributes = dict(own)
            for key, item in value.items():
                if item is None:
                    continue
                wire, is_attribute, hoisted, _ = members[key]
                if is_attribute:
                    attributes[wire] = str(item)
                elif hoisted:
                    attributes[hoisted[0]] = hoisted[1]
        children: list[str] = []
        for key, item in value.items():
            if item is None:
                continue
            wire, is_attribute, _, write = members[key]
            if not is_attribute:
                write(children, item, wire)
        start = f"<{name}{_attributes(attributes)}" if attributes else f"<{name}"
        if children:
            parts.append(f"{start}>{''.join(children)}</{name}>")
        else:
            parts.append(f"{start} />")

    return structure


def _list(service: ServiceModel, shape: dict[str, Any], namespace: tuple[str, str] | None) -> Writer:
    member_ref = shape["member"]
    write_item = xml_writer(service, member_ref)
    if shape.get("flattened"):

        def flattened(parts: list[str], value: Any, name: str) -> None:
            for item in value:
                write_item(parts, item, name)

        return flattened
    item_name = element_name(resolve(service, member_ref), "member")
    extra = _attributes(dict([namespace])) if namespace else ""

    def wrapped(parts: list[str], value: Any, name: str) -> None:
        if not value:
            parts.append(f"<{name}{extra} />")
            return
        parts.append(f"<{name}{extra}>")
        for item in value:
            write_item(parts, item, item_name)
        parts.append(f"</{name}>")

    return wrapped


def _map(service: ServiceModel, shape: dict[str, Any], namespace: tuple[str, str] | None) -> Writer:
    key_ref, value_ref = shape["key"], shape["value"]
    write_key = xml_writer(service, key_ref)
    write_value = xml_writer(service, value_ref)
    key_name = element_name(resolve(service, key_ref), "key")
    value_name = element_name(resolve(service, value_ref), "value")
    flattened = bool(shape.get("flattened"))
    extra = _attributes(dict([namespace])) if namespace else ""

    def map_(parts: list[str], value: Any, name: str) -> None:
        if not flattened:
            if not value:
                parts.append(f"<{name}{extra} />")
                return
            parts.append(f"<{name}{extra}>")
        entry = name if flattened else "entry"
        for key, item in value.items():
            parts.append(f"<{entry}>")
            write_key(parts, key, key_name)
            write_value(parts, item, value_name)
            parts.append(f"</{entry}>")
        if not flattened:
            parts.append(f"</{name}>")

    return map_
