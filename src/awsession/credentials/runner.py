"""How credential providers get their I/O done: they write flows, a :class:`FlowRunner` runs them.

Rules:

1. A provider that needs the network or a program describes the work as a *flow* (a generator
   yielding ``Send``, ``Sleep``, ``Invoke`` or ``Spawn`` effects, see :mod:`awsession._core.effects`)
   and hands it to ``ctx.runner``. The provider itself never opens a socket or starts a process,
   so every provider can be tested by driving its flow with scripted answers.
2. ``timeout`` is the per-request timeout (connect and read) for the flow's ``Send`` effects: the
   metadata providers use short ones of their own (1 s IMDS, 2 s container), never a client's.
3. ``Invoke`` runs a nested AWS call (STS, SSO, SSO-OIDC) made through the session that is
   resolving credentials: its region (unless the effect names one), its endpoint settings and its
   default client config. ``credentials`` on the effect are the source credentials to sign with;
   ``None`` means the session's own.
4. Without a runner (a bare :class:`~awsession.credentials.chain.ProviderContext` in a test) a
   provider that needs I/O fails loudly instead of guessing.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from .._core.effects import Flow

__all__ = ["FlowRunner", "NoRunner"]

T = TypeVar("T")


class FlowRunner(Protocol):
    """Runs a credential flow to completion and returns its result."""

    def run(self, flow: Flow[T], *, timeout: float | None = None) -> T:
        """Perform each effect the flow yields; the flow's return value is the result."""


class NoRunner:
    """The runner of a context that may do no I/O: running a flow is a programming error."""

    __slots__ = ()

    def run(self, flow: Flow[Any], *, timeout: float | None = None) -> Any:
        flow.close()
        raise RuntimeError("this credential provider needs I/O but its ProviderContext has no "
                           "runner (awsession.Session supplies one)")
