"""``client.exceptions``: one ``ClientError`` subclass per modeled error shape, built once per service.

``client.exceptions.NoSuchKey`` is a class you can ``except``; ``from_code(code)`` maps an error code
(the shape's ``error.code`` trait or its name) to its class, or to plain ``ClientError``. As in
botocore, the classes are made dynamically and cached per service model for the process.
"""

from __future__ import annotations

import threading
from typing import Any

from ..exceptions import ClientError
from ..exceptions import ClientError as _ClientError
from ..model.shapes import ServiceModel

__all__ = ["ClientExceptions", "exceptions_for"]


class ClientExceptions:
    ClientError: type[_ClientError] = _ClientError

    def __init__(self, code_to_exception: dict[str, type[_ClientError]]) -> None:
        self._code_to_exception = code_to_exception

    def from_code(self, error_code: str) -> type[_ClientError]:
        return self._code_to_exception.get(error_code, _ClientError)

    def __getattr__(self, name: str) -> Any:
        exception_cls_names = [cls.__name__ for cls in self._code_to_exception.values()]
        raise AttributeError(
            f"{self} object has no attribute {name}. "
            f"Valid exceptions are: {', '.join(exception_cls_names)}"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


_lock = threading.Lock()
_cache: dict[int, tuple[ServiceModel, ClientExceptions]] = {}


def exceptions_for(service: ServiceModel) -> ClientExceptions:
    cached = _cache.get(id(service))
    if cached is not None and cached[0] is service:
        return cached[1]
    class_name = service.service_id.replace(" ", "") or service.service_name
    code_to_exception: dict[str, type[ClientError]] = {}
    attrs: dict[str, Any] = {}
    for name, shape in service.exception_shapes:
        cls = type(name, (ClientError,), {"__module__": "awsession.errorfactory"})
        attrs[name] = cls
        code = shape.get("error", {}).get("code", name)
        code_to_exception[code] = cls
    exceptions_cls = type(f"{class_name}Exceptions", (ClientExceptions,), attrs)
    result: ClientExceptions = exceptions_cls(code_to_exception)
    with _lock:
        _cache[id(service)] = (service, result)
    return result
