"""Resource actions: call one operation with parameters filled from the resource.

Rules (boto3's):

1. An action's parameters are those the model fills from the resource, updated with the caller's
   keywords; the operation runs on ``resource.meta.client``. Positional arguments are refused as
   client methods refuse them.
2. A batch action (on a collection) walks the collection page by page and makes one call per page,
   each resource filling its ``[*]`` slot of the request; it returns the list of responses and
   stops at the first empty page.
3. A waiter action calls the client's waiter with the resource's parameters and returns ``None``.
"""

from __future__ import annotations

import logging
from typing import Any

from ..model.names import xform_name
from .model import Action, Waiter
from .params import create_request_parameters
from .response import RawHandler, ResourceHandler

__all__ = ["BatchAction", "ServiceAction", "WaiterAction", "call_operation"]

logger = logging.getLogger(__name__)


def call_operation(client: Any, operation: str, args: tuple[Any, ...],
                   params: dict[str, Any]) -> Any:
    """``client.<operation>(**params)`` by operation name (positional arguments refused)."""
    if args:
        raise TypeError(f"{xform_name(operation)}() only accepts keyword arguments.")
    return client._make_api_call(operation, params)


class ServiceAction:
    """A callable running one action model for a resource."""

    def __init__(self, action_model: Action, handler: ResourceHandler | RawHandler) -> None:
        if action_model.request is None:
            raise ValueError(f"Action {action_model.name} has no request")
        self._action_model = action_model
        self._request = action_model.request
        self._handler = handler

    def __call__(self, parent: Any, *args: Any, **kwargs: Any) -> Any:
        params = create_request_parameters(parent, self._request.params)
        params.update(kwargs)
        # Parameters are not logged: they can hold secrets (passwords, keys).
        logger.debug("Calling %s:%s", parent.meta.service_name, self._request.operation)
        response = call_operation(parent.meta.client, self._request.operation, args, params)
        return self._handler(parent, params, response)


class BatchAction(ServiceAction):
    """A batch action over a collection: one call per page of resources."""

    def __call__(self, parent: Any, *args: Any, **kwargs: Any) -> Any:
        client = None
        responses = []
        for page in parent.pages():
            params: dict[str, Any] = {}
            for index, resource in enumerate(page):
                if client is None:
                    client = resource.meta.client
                create_request_parameters(resource, self._request.params, params=params,
                                          index=index)
            if not params:
                break
            params.update(kwargs)
            response = call_operation(client, self._request.operation, args, params)
            responses.append(self._handler(parent, params, response))
        return responses


class WaiterAction:
    """``wait_until_<name>``: the client's waiter with the resource's parameters."""

    def __init__(self, waiter_model: Waiter) -> None:
        self._waiter_model = waiter_model
        self._client_waiter_name = xform_name(waiter_model.waiter_name)

    def __call__(self, parent: Any, *args: Any, **kwargs: Any) -> None:
        params = create_request_parameters(parent, self._waiter_model.params)
        params.update(kwargs)
        waiter = parent.meta.client.get_waiter(self._client_waiter_name)
        waiter.wait(*args, **params)
