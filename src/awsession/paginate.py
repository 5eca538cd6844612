"""Pagination as pure state: which request comes next, what each page holds, where to resume.

Theory of operation. A :class:`PageWalker` is made per ``paginate()`` call from the operation's entry
in ``paginators-1.json`` and the user's ``PaginationConfig``. The iterator (sync or async, in the
client layer) asks :meth:`PageWalker.next_params` for the parameters of the next request, makes the
call itself, and hands the parsed response to :meth:`PageWalker.accept`, which returns the page to
yield (truncated to ``MaxItems`` when needed) and whether to stop. No I/O happens here.

Rules (botocore 1.43):

1. Input tokens go into the next request; a token that is ``None`` or ``"None"`` is removed.
2. A response's next token is read with each ``output_token`` JMESPath expression; empty values
   count as ``None``; a falsy ``more_results`` value ends pagination; the same token twice is an error.
3. ``MaxItems`` counts items of the *first* result key. When a page would pass it, the page is cut
   and the resume token is the *current* request's tokens plus ``boto_truncate_amount`` (how many
   items of that page were already returned), so resuming repeats the request and skips them.
4. Tokens are opaque strings: base64 of JSON; bytes values are base64-encoded and their key paths
   listed under ``boto_encoded_keys``. The older ``token___index`` form is still read.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

import jmespath

from .exceptions import PaginationError

__all__ = ["PageWalker", "PaginatorSpec", "decode_token", "encode_token", "set_jmespath_value"]


# -- tokens ---------------------------------------------------------------------------------


def encode_token(token: Mapping[str, Any]) -> str:
    """The opaque string boto3 gives for ``token`` (same bytes as botocore's ``TokenEncoder``)."""
    try:
        text = json.dumps(token)
    except (TypeError, UnicodeDecodeError):
        paths: list[list[str | int]] = []
        encoded = _encode_bytes(dict(token), [], paths)
        encoded["boto_encoded_keys"] = paths
        text = json.dumps(encoded)
    return base64.b64encode(text.encode("utf-8")).decode("utf-8")


def _encode_bytes(value: Any, path: list[str | int], found: list[list[str | int]]) -> Any:
    """``value`` with every ``bytes`` base64-encoded; their paths (list indices as ints) go in ``found``."""
    if isinstance(value, bytes):
        found.append(path)
        return base64.b64encode(value).decode("utf-8")
    if isinstance(value, dict):
        return {k: _encode_bytes(v, [*path, k], found) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode_bytes(v, [*path, i], found) for i, v in enumerate(value)]
    return value


def decode_token(token: str) -> dict[str, Any]:
    """The inverse of :func:`encode_token`; raises ``ValueError``/``TypeError`` on a bad token."""
    decoded = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    if not isinstance(decoded, dict):
        raise TypeError("a pagination token decodes to a JSON object")
    paths = decoded.pop("boto_encoded_keys", None)
    for path in paths or ():
        container: Any = decoded
        for step in path[:-1]:
            container = container[_step(container, step)]
        last = _step(container, path[-1])
        container[last] = base64.b64decode(container[last].encode("utf-8"))
    return decoded


def _step(container: Any, step: Any) -> Any:
    return int(step) if isinstance(container, list) else step


def set_jmespath_value(target: dict[str, Any], expression: str, value: Any) -> None:
    """Set a dotted-path value (the only form result keys use), making parents as needed."""
    keys = expression.split(".")
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


# -- the operation's pagination spec --------------------------------------------------------


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class PaginatorSpec:
    """One operation's pagination entry, with its JMESPath expressions compiled once."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.input_token = _as_tuple(config["input_token"])
        self.output_token = tuple(jmespath.compile(e) for e in _as_tuple(config["output_token"]))
        more = config.get("more_results")
        self.more_results = jmespath.compile(more) if more else None
        self.limit_key: str | None = config.get("limit_key")
        self.result_keys = tuple(jmespath.compile(e) for e in _as_tuple(config.get("result_key")))
        self.non_aggregate_keys = tuple(
            jmespath.compile(e) for e in _as_tuple(config.get("non_aggregate_keys")))


# -- the walker -------------------------------------------------------------------------------


class PageWalker:
    def __init__(self, spec: PaginatorSpec, params: Mapping[str, Any], *, max_items: int | None,
                 page_size: int | None, starting_token: str | None) -> None:
        self.spec = spec
        self._params = dict(params)
        self._max_items = max_items
        self._starting_token = starting_token
        self._total = 0
        self._first = True
        self._previous_token: dict[str, Any] | None = None
        self._start_skip = 0
        self.resume_token: str | None = None
        self.non_aggregate_part: dict[str, Any] = {}
        self._current_token: dict[str, Any] = dict.fromkeys(spec.input_token)
        if starting_token is not None:
            self._current_token, self._start_skip = self._parse_starting_token(starting_token)
            self._inject(self._current_token)
        if spec.limit_key and page_size is not None:
            self._params[spec.limit_key] = page_size
        self._done = False

    @property
    def done(self) -> bool:
        return self._done

    def next_params(self) -> dict[str, Any]:
        return dict(self._params)

    def accept(self, parsed: dict[str, Any]) -> dict[str, Any]:
        """Digest one response; returns the page to yield. Check :attr:`done` afterwards."""
        spec = self.spec
        primary = spec.result_keys[0] if spec.result_keys else None
        skip = 0
        if self._first:
            if self._starting_token is not None and primary is not None:
                skip = self._start_skip
                self._trim_first_page(parsed, primary, skip)
            self._first = False
            for expr in spec.non_aggregate_keys:
                value = expr.search(parsed)
                set_jmespath_value(self.non_aggregate_part, expr.expression, value)
        items = primary.search(parsed) if primary is not None else None
        count = len(items) if items is not None else 0
        if self._max_items is not None and self._total + count > self._max_items:
            keep = count - (self._total + count - self._max_items)
            assert primary is not None
            set_jmespath_value(parsed, primary.expression, (items or [])[:keep])
            token = dict(self._current_token)
            token["boto_truncate_amount"] = keep + skip
            self.resume_token = encode_token(token)
            self._done = True
            return parsed
        self._total += count
        next_token = self._next_token(parsed)
        if all(v is None for v in next_token.values()):
            self._done = True
        elif self._max_items is not None and self._total == self._max_items:
            self.resume_token = encode_token(next_token)
            self._done = True
        elif self._previous_token is not None and self._previous_token == next_token:
            raise PaginationError(message=f"The same next token was received twice: {next_token}")
        else:
            self._inject(next_token)
            self._previous_token = next_token
            self._current_token = next_token
        return parsed

    def _next_token(self, parsed: dict[str, Any]) -> dict[str, Any]:
        spec = self.spec
        if spec.more_results is not None and not spec.more_results.search(parsed):
            return {}
        return {name: (expr.search(parsed) or None)
                for expr, name in zip(spec.output_token, spec.input_token, strict=False)}

    def _inject(self, token: Mapping[str, Any]) -> None:
        for name, value in token.items():
            if value is not None and value != "None":
                self._params[name] = value
            else:
                self._params.pop(name, None)

    def _trim_first_page(self, parsed: dict[str, Any], primary: Any, skip: int) -> None:
        data = primary.search(parsed)
        set_jmespath_value(parsed, primary.expression,
                           data[skip:] if isinstance(data, (list, str)) else None)
        for expr in self.spec.result_keys[1:]:
            sample = expr.search(parsed)
            empty: Any
            if isinstance(sample, list):
                empty = []
            elif isinstance(sample, str):
                empty = ""
            elif isinstance(sample, (int, float)):
                empty = sample  # counts (DynamoDB's Count) stay as the server gave them
            else:
                empty = None
            set_jmespath_value(parsed, expr.expression, empty)

    def _parse_starting_token(self, token: str) -> tuple[dict[str, Any], int]:
        try:
            decoded = decode_token(token)
        except (ValueError, TypeError):
            return self._parse_old_token(token)
        skip = int(decoded.pop("boto_truncate_amount", 0) or 0)
        return decoded, skip

    def _parse_old_token(self, token: str) -> tuple[dict[str, Any], int]:
        parts: list[str] = token.split("___")
        index = 0
        if len(parts) == len(self.spec.input_token) + 1:
            try:
                index = int(parts.pop())
            except ValueError:
                parts = [token]
        values: list[Any] = [None if p == "None" else p for p in parts]
        if len(values) > len(self.spec.input_token):
            raise ValueError(f"Bad starting token: {token}")
        values += [None] * (len(self.spec.input_token) - len(values))
        return dict(zip(self.spec.input_token, values, strict=True)), index
