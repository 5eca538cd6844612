"""Seeded generation of valid, bounded parameters for an operation, straight from the model's shapes.

Values respect what botocore's validator checks (required members, enums, min/max lengths and
ranges, one member per union) and stress what serializers care about: unicode and reserved characters
in strings (``/ ~ & < " , +`` and spaces), timestamps with and without microseconds, naive and aware
datetimes and epoch numbers, special floats, empty lists and maps, nested and recursive shapes.
Host labels get plain DNS characters; idempotency tokens are always given (botocore's serializer
does not fill them).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from typing import Any

_TEXT_POOL = string.ascii_letters + string.digits + "-_.~ /&<>\"',+=?%:;é€日"
_LABEL_POOL = string.ascii_letters + string.digits + "-."
_ASCII_POOL = string.ascii_letters + string.digits + "-_. /&,=+"


class Unsupported(Exception):
    """The operation cannot be exercised (event-stream input, runaway recursion)."""


class ParamGenerator:
    def __init__(self, shapes: dict[str, dict[str, Any]], seed: int, *, cbor: bool = False) -> None:
        self.shapes = shapes
        self.rng = random.Random(seed)
        self.cbor = cbor

    # -- entry point ---------------------------------------------------------------------------

    def for_input(self, input_ref: dict[str, Any] | None) -> dict[str, Any]:
        if not input_ref:
            return {}
        shape = self.shapes[input_ref["shape"]]
        for ref in shape.get("members", {}).values():
            if self.shapes[ref["shape"]].get("eventstream"):
                raise Unsupported("event stream input")
        return self._structure(shape, depth=0, top=True)

    # -- shapes --------------------------------------------------------------------------------

    def _value(self, ref: dict[str, Any], depth: int, context: dict[str, Any]) -> Any:
        if depth > 12:
            raise Unsupported("recursion too deep")
        shape = {**self.shapes[ref["shape"]], **{k: v for k, v in ref.items() if k != "shape"}}
        kind = shape["type"]
        if kind == "structure":
            if shape.get("document"):
                return {"doc": [1, "two", True, {"n": 2.5}]}
            return self._structure(shape, depth + 1, top=False)
        if kind == "list":
            low = shape.get("min", 0)
            count = max(low, self.rng.randint(0, 3 if depth < 3 else 1))
            return [self._value(shape["member"], depth + 1, {}) for _ in range(count)]
        if kind == "map":
            low = shape.get("min", 0)
            count = max(low, self.rng.randint(0, 3 if depth < 3 else 1))
            out = {}
            for _ in range(count):
                out[self._value(shape["key"], depth + 1, {"map_key": True})] = self._value(
                    shape["value"], depth + 1, {}
                )
            return out
        return self._scalar(kind, shape, context)

    def _structure(self, shape: dict[str, Any], depth: int, top: bool) -> dict[str, Any]:
        members = shape.get("members", {})
        required = set(shape.get("required", ()))
        out: dict[str, Any] = {}
        if shape.get("union"):
            if not members:
                return out
            choices = [n for n in members if not self.shapes[members[n]["shape"]].get("eventstream")]
            name = self.rng.choice(sorted(choices))
            out[name] = self._value(members[name], depth, self._context(members[name]))
            return out
        chance = 0.75 if top else max(0.15, 0.6 - 0.15 * depth)
        names = list(members)
        self.rng.shuffle(names)
        for name in names:
            ref = members[name]
            target = self.shapes[ref["shape"]]
            if self.cbor and target.get("document"):
                continue
            token = ref.get("idempotencyToken") or target.get("idempotencyToken")
            if name in required or token or ref.get("hostLabel") or self.rng.random() < chance:
                out[name] = self._value(ref, depth, self._context(ref))
        return out

    @staticmethod
    def _context(ref: dict[str, Any]) -> dict[str, Any]:
        return {
            "host_label": bool(ref.get("hostLabel")),
            "location": ref.get("location"),
            "jsonvalue": bool(ref.get("jsonvalue")),
        }

    def _text(self, shape: dict[str, Any], pool: str) -> str:
        low = max(int(shape.get("min", 1)), 1)
        high = int(shape.get("max", low + 12))
        high = max(low, min(high, low + 12))
        return "".join(self.rng.choice(pool) for _ in range(self.rng.randint(low, high)))

    def _scalar(self, kind: str, shape: dict[str, Any], context: dict[str, Any]) -> Any:
        rng = self.rng
        if kind == "string":
            if context.get("jsonvalue") and context.get("location") == "header":
                return {"k": [1, "v", True]}
            if "enum" in shape:
                return rng.choice(shape["enum"])
            if context.get("host_label"):
                return self._text(shape, _LABEL_POOL).strip(".") or "a"
            if context.get("location") in ("header", "headers"):
                return self._text(shape, _ASCII_POOL)
            return self._text(shape, _TEXT_POOL)
        if kind in ("integer", "long", "short", "byte"):
            low = int(shape.get("min", -5 if rng.random() < 0.2 else 0))
            high = int(shape.get("max", low + 100_000))
            return rng.randint(low, max(low, min(high, low + 100_000)))
        if kind == "boolean":
            return rng.random() < 0.5
        if kind in ("float", "double"):
            roll = rng.random()
            if roll < 0.05 and "max" not in shape:
                return float("inf")
            if roll < 0.1 and "min" not in shape:
                return float("-inf")
            low = float(shape.get("min", 0.0))
            return round(low + rng.random() * 1000, 3)
        if kind == "timestamp":
            roll = rng.random()
            seconds = rng.randint(0, 4_000_000_000)
            if roll < 0.2:
                return seconds
            micro = rng.choice([0, rng.randint(1, 999_999)])
            moment = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds, microseconds=micro)
            if roll < 0.6:
                return moment
            return moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=rng.randint(-11, 11))))
        if kind == "blob":
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 24)))
            return data if rng.random() < 0.8 else "text blob é"
        raise Unsupported(f"unknown type {kind}")
