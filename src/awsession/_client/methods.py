"""Operation methods on client classes: one small descriptor per operation, docs made on demand.

``client.put_object(**kwargs)`` calls ``client._make_api_call("PutObject", kwargs)``. The method's
``__doc__`` (shown by ``help()``) is generated from the model only when someone reads it, so
building a client class costs a dict of these descriptors and nothing more.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from ..model.shapes import ServiceModel

__all__ = ["OperationMethod"]


class OperationMethod:
    __slots__ = ("_doc", "operation_name", "python_name", "service_model")

    def __init__(self, service_model: ServiceModel, operation_name: str, python_name: str) -> None:
        self.service_model = service_model
        self.operation_name = operation_name
        self.python_name = python_name
        self._doc: str | None = None

    def __call__(self, client: Any, *args: Any, **kwargs: Any) -> Any:
        if args:
            raise TypeError(f"{self.python_name}() only accepts keyword arguments.")
        return client._make_api_call(self.operation_name, kwargs)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return MethodType(self, instance)

    @property
    def __name__(self) -> str:
        return self.python_name

    @property
    def __doc__(self) -> str:  # type: ignore[override]
        if self._doc is None:
            try:
                from ..model.docs import operation_docstring

                self._doc = operation_docstring(self.service_model.operation_model(self.operation_name))
            except ImportError:
                self._doc = f"Calls the {self.operation_name} operation."
        return self._doc
