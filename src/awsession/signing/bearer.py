"""Bearer-token auth (``smithy.api#httpBearerAuth``): ``Authorization: Bearer <token>``.

The token is a secret: :class:`BearerToken` hides it from ``repr``/``str`` and errors never carry it.
"""

from __future__ import annotations

from awsession._core.frozen import FrozenValue
from awsession._core.http import HttpRequest
from awsession.exceptions import NoAuthTokenError

__all__ = ["BearerToken", "sign_bearer"]


class BearerToken(FrozenValue):
    """A bearer token value; its text never appears in ``repr``."""

    __slots__ = ("token",)
    _fields = ("token",)
    _repr_fields = ()
    token: str

    def __init__(self, token: str) -> None:
        object.__setattr__(self, "token", token)

    def __str__(self) -> str:
        return "BearerToken(token=***)"


def sign_bearer(request: HttpRequest, token: BearerToken | str | None) -> HttpRequest:
    """A copy of ``request`` whose ``Authorization`` header (any case) is ``Bearer <token>``."""
    if token is None:
        raise NoAuthTokenError()
    value = token.token if isinstance(token, BearerToken) else token
    headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
    headers["Authorization"] = f"Bearer {value}"
    return HttpRequest(request.method, request.url, headers, request.body, request.stream_response)
