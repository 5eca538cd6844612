"""Client-side parameter validation with boto3's exact report text.

Theory of operation: each shape (with the member traits that matter) is compiled once per model
into a small closure ``check(value, name, errors) -> bool``. A call first runs the checks with
``errors=None`` (answer only: no names or messages are built, the common valid case stays cheap);
only if that fails does it run them again with a list, collecting every report line. Compiled
checks are kept in ``ServiceModel.derived`` and shared by every call.
Recursive shapes compile through a forwarding cell. Compilation runs under one lock per model and
is published only when complete, so readers never see a half-built check.

What is checked, in botocore's order (its report is the spec, line for line):

* structures: type; tagged-union key count; missing required members; unknown members (listing
  the valid names); then each known member, in the order the caller gave them;
* strings, lists: type and ``min`` length (a ``hostLabel`` member has an implicit min of 1);
  integers, longs, floats, doubles: type and ``min`` value. ``max``, ``pattern`` and ``enum`` are
  NOT checked (boto3 leaves them to the service);
* blobs: ``bytes``, ``bytearray``, ``str`` or anything with ``read``; timestamps: a datetime, epoch
  number or timestamp string (:mod:`awsession.model.timestamps`);
* documents: any JSON-like value; ``jsonvalue`` headers: anything ``json.dumps`` accepts.

Names in the report are dotted paths (``Item.pk.S``), ``[i]`` for list items, ``(key: k)`` for map
keys, and ``input`` for the top level.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from awsession.exceptions import ParamValidationError
from awsession.model.shapes import ServiceModel

__all__ = ["Check", "is_valid", "param_errors", "validate_params"]

# A check returns True when ``value`` is valid. With ``errors=None`` it only answers (and stops at
# the first problem, building no names or messages); with a list it appends every report line.
Check = Callable[[Any, str, "list[str] | None"], bool]
# A member check is either a compiled function or, for an unconstrained scalar, (types, names).
_TypeOnly = tuple[tuple[type, ...], str]
_MemberCheck = Check | _TypeOnly

_VALIDATED = ("required", "min", "document", "union")
_RELEVANT_REF_TRAITS = (*_VALIDATED, "hostLabel", "jsonvalue", "location")
_TODAY = date(1970, 1, 1)
_LOCK_KEY = ("validate", "lock")


def _show(name: str) -> str:
    if not name:
        return "input"
    return name[1:] if name.startswith(".") else name


def _names(types: tuple[type | str, ...]) -> str:
    return ", ".join(str(t) for t in types)


def _bad_type(name: str, value: Any, valid: str) -> str:
    return (f"Invalid type for parameter {_show(name)}, value: {value}, type: {type(value)}, "
            f"valid types: {valid}")


def _scalar_types() -> dict[str, tuple[type, ...]]:
    import decimal  # deferred: only models with floats need it

    numbers: tuple[type, ...] = (float, decimal.Decimal, int)
    return {"float": numbers, "double": numbers, "integer": (int,), "long": (int,),
            "boolean": (bool,), "string": (str,)}


class _Compiler:
    def __init__(self, service: ServiceModel, shared: dict[Any, Any]) -> None:
        self.shapes = service.shapes
        self.shared = shared
        self.local: dict[Any, Check] = {}
        self.scalars = _scalar_types()

    def lookup(self, key: Any) -> Check | None:
        found = self.shared.get(key)
        return found if found is not None else self.local.get(key)

    def member(self, ref: dict[str, Any]) -> _MemberCheck:
        traits = {k: ref[k] for k in _RELEVANT_REF_TRAITS if k in ref}
        shape = self.shapes[ref["shape"]]
        kind = shape["type"]
        if kind in self.scalars and not any(k in shape or k in traits for k in (*_VALIDATED, "hostLabel")):
            if not (traits.get("jsonvalue") and traits.get("location") == "header"):
                types = self.scalars[kind]
                return (types, _names(types))
        return self.compile(ref["shape"], traits)

    def compile(self, shape_name: str, traits: dict[str, Any]) -> Check:
        key = ("validate", shape_name, repr(sorted(traits.items())) if traits else "")
        found = self.lookup(key)
        if found is not None:
            return found
        cell: list[Check] = []

        def forward(value: Any, name: str, errors: list[str] | None) -> bool:
            return cell[0](value, name, errors)

        self.local[key] = forward
        eff = self.shapes[shape_name]
        if traits:
            eff = {**eff, **traits}
        real = self.build(eff)
        cell.append(real)
        self.local[key] = real
        return real

    def build(self, eff: dict[str, Any]) -> Check:
        kind = eff["type"]
        if eff.get("jsonvalue") and eff.get("location") == "header" and kind == "string":
            return _json_value
        if kind == "structure":
            return _document if eff.get("document") else self.structure(eff)
        if kind == "list":
            return self.list_(eff)
        if kind == "map":
            return self.map_(eff)
        if kind == "blob":
            return _blob
        if kind == "timestamp":
            return _timestamp
        types = self.scalars[kind]
        minimum = None if kind == "boolean" else _minimum(eff)
        return _scalar(types, minimum, "invalid length" if kind == "string" else "invalid range")

    def structure(self, eff: dict[str, Any]) -> Check:
        members: dict[str, dict[str, Any]] = eff.get("members", {})
        checks = {m: self.member(ref) for m, ref in members.items()}
        required = tuple(eff.get("required", ()))
        valid_names = ", ".join(members)
        union = bool(eff.get("union", False))

        def quick(value: dict[Any, Any]) -> bool:
            if union and len(value) != 1:
                return False
            for req in required:
                if req not in value:
                    return False
            for key, item in value.items():
                member = checks.get(key)
                if member is None:
                    return False
                if type(member) is tuple:
                    if not isinstance(item, member[0]):
                        return False
                elif not member(item, "", None):  # type: ignore[operator]
                    return False
            return True

        def check(value: Any, name: str, errors: list[str] | None) -> bool:
            if not isinstance(value, dict):
                if errors is not None:
                    errors.append(_bad_type(name, value, "<class 'dict'>"))
                return False
            if errors is None:
                return quick(value)
            if quick(value):
                return True
            if union and len(value) != 1:
                if value:
                    errors.append(f"Invalid number of parameters set for tagged union structure "
                                  f"{_show(name)}. Can only set one of the following keys: {valid_names}.")
                else:
                    errors.append(f"Must set one of the following keys for tagged unionstructure "
                                  f"{_show(name)}: {valid_names}.")
            for req in required:
                if req not in value:
                    errors.append(f'Missing required parameter in {_show(name)}: "{req}"')
            for key in value:
                if key not in checks:
                    errors.append(f'Unknown parameter in {_show(name)}: "{key}", '
                                  f"must be one of: {valid_names}")
            for key, item in value.items():
                member = checks.get(key)
                if member is None:
                    continue
                if type(member) is tuple:
                    if not isinstance(item, member[0]):
                        errors.append(_bad_type(f"{name}.{key}", item, member[1]))
                else:
                    member(item, f"{name}.{key}", errors)  # type: ignore[operator]
            return False

        return check

    def list_(self, eff: dict[str, Any]) -> Check:
        minimum = _minimum(eff)
        member = self.member(eff["member"])

        def check(value: Any, name: str, errors: list[str] | None) -> bool:
            if not isinstance(value, (list, tuple)):
                if errors is not None:
                    errors.append(_bad_type(name, value, "<class 'list'>, <class 'tuple'>"))
                return False
            ok = True
            if minimum is not None and len(value) < minimum:
                if errors is None:
                    return False
                ok = False
                errors.append(f"Invalid length for parameter {_show(name)}, value: {len(value)}, "
                              f"valid min length: {minimum}")
            if type(member) is tuple:
                types, valid = member
                for i, item in enumerate(value):
                    if not isinstance(item, types):
                        if errors is None:
                            return False
                        ok = False
                        errors.append(_bad_type(f"{name}[{i}]", item, valid))
            elif errors is None:
                for item in value:
                    if not member(item, "", None):  # type: ignore[operator]
                        return False
            else:
                for i, item in enumerate(value):
                    ok = member(item, f"{name}[{i}]", errors) and ok  # type: ignore[operator]
            return ok

        return check

    def map_(self, eff: dict[str, Any]) -> Check:
        key_check = self.compile_ref(eff["key"])
        value_check = self.compile_ref(eff["value"])

        def check(value: Any, name: str, errors: list[str] | None) -> bool:
            if not isinstance(value, dict):
                if errors is not None:
                    errors.append(_bad_type(name, value, "<class 'dict'>"))
                return False
            if errors is None:
                for key, item in value.items():
                    if not (key_check(key, "", None) and value_check(item, "", None)):
                        return False
                return True
            ok = True
            for key, item in value.items():
                ok = key_check(key, f"{name} (key: {key})", errors) and ok
                ok = value_check(item, f"{name}.{key}", errors) and ok
            return ok

        return check

    def compile_ref(self, ref: dict[str, Any]) -> Check:
        return self.compile(ref["shape"], {k: ref[k] for k in _RELEVANT_REF_TRAITS if k in ref})


def _minimum(eff: dict[str, Any]) -> Any:
    if "min" in eff:
        return eff["min"]
    return 1 if eff.get("hostLabel") else None


def _scalar(types: tuple[type, ...], minimum: Any, error_kind: str) -> Check:
    valid = _names(types)
    is_string = types == (str,)

    def type_only(value: Any, name: str, errors: list[str] | None) -> bool:
        if isinstance(value, types):
            return True
        if errors is not None:
            errors.append(_bad_type(name, value, valid))
        return False

    if minimum is None:
        return type_only
    label = "length" if error_kind == "invalid length" else "value"

    def with_min(value: Any, name: str, errors: list[str] | None) -> bool:
        if not isinstance(value, types):
            if errors is not None:
                errors.append(_bad_type(name, value, valid))
            return False
        measured: Any = len(value) if is_string else value  # type: ignore[arg-type]
        if measured >= minimum:
            return True
        if errors is not None:
            errors.append(f"Invalid {label} for parameter {_show(name)}, value: {measured}, "
                          f"valid min {label}: {minimum}")
        return False

    return with_min


def _report(errors: list[str] | None, line: str) -> bool:
    if errors is not None:
        errors.append(line)
    return False


def _blob(value: Any, name: str, errors: list[str] | None) -> bool:
    if isinstance(value, (bytes, bytearray, str)) or hasattr(value, "read"):
        return True
    return errors is not None and _report(
        errors, _bad_type(name, value, "<class 'bytes'>, <class 'bytearray'>, file-like object"))


def _timestamp(value: Any, name: str, errors: list[str] | None) -> bool:
    if isinstance(value, datetime):
        return True
    from awsession.model.timestamps import to_aware_datetime

    try:
        to_aware_datetime(value, _TODAY)
    except (TypeError, ValueError, OverflowError, AttributeError):
        return errors is not None and _report(
            errors, _bad_type(name, value, "<class 'datetime.datetime'>, timestamp-string"))
    return True


_DOCUMENT_TYPES = _names((str, int, bool, float, list, dict))


def _document(value: Any, name: str, errors: list[str] | None) -> bool:
    if value is None:
        return True
    ok = True
    if isinstance(value, dict):
        for key, item in value.items():
            ok = _document(item, key, errors) and ok
            if not ok and errors is None:
                return False
    elif isinstance(value, list):
        for i, item in enumerate(value):
            ok = _document(item, f"{name}[{i}]" if errors is not None else "", errors) and ok
            if not ok and errors is None:
                return False
    elif not isinstance(value, (str, int, bool, float)):
        return errors is not None and _report(
            errors, f"Invalid type for document parameter {_show(name)}, value: {value}, "
                    f"type: {type(value)}, valid types: {_DOCUMENT_TYPES}")
    return ok


def _json_value(value: Any, name: str, errors: list[str] | None) -> bool:
    import json

    try:
        json.dumps(value)
    except (ValueError, TypeError) as exc:
        return errors is not None and _report(
            errors, f"Invalid parameter {_show(name)} must be json serializable: {exc}")
    return True


def _check_for(service: ServiceModel, shape_name: str) -> Check:
    derived = service.derived
    key = ("validate", shape_name, "")
    found: Check | None = derived.get(key)
    if found is not None:
        return found
    lock = derived.setdefault(_LOCK_KEY, threading.Lock())
    with lock:
        found = derived.get(key)
        if found is None:
            compiler = _Compiler(service, derived)
            found = compiler.compile(shape_name, {})
            derived.update(compiler.local)
    return found


def is_valid(service: ServiceModel, input_shape_name: str | None, params: Any) -> bool:
    """Whether ``params`` pass validation (the fast path: no report is built)."""
    return input_shape_name is None or _check_for(service, input_shape_name)(params, "", None)


def param_errors(service: ServiceModel, input_shape_name: str | None, params: Any) -> list[str]:
    """Every report line for ``params`` against the input shape, in boto3's order (empty if valid)."""
    if input_shape_name is None:
        return []
    check = _check_for(service, input_shape_name)
    errors: list[str] = []
    if not check(params, "", None):
        check(params, "", errors)
    return errors


def validate_params(service: ServiceModel, input_shape_name: str | None, params: Any) -> None:
    """Raise :class:`ParamValidationError` with boto3's report if ``params`` do not fit the shape."""
    if input_shape_name is None:
        return
    check = _check_for(service, input_shape_name)
    if check(params, "", None):
        return
    errors: list[str] = []
    check(params, "", errors)
    if errors:  # always true: both passes share the same compiled checks
        raise ParamValidationError(report="\n".join(errors))
