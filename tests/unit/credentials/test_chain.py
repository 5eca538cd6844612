"""The chain contract: NotLoaded moves on, any other error stops the chain, nothing -> None."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

import pytest

from awsession.credentials.chain import CredentialChain, ProviderContext
from awsession.credentials.types import Credentials, CredentialsNotLoaded
from awsession.exceptions import PartialCredentialsError
from tests.unit.credentials.helpers import context


@dataclass
class Fake:
    method: str
    outcome: str  # "skip", "load" or "fail"
    calls: list[str] = field(default_factory=list)

    def load(self, ctx: ProviderContext) -> Credentials:
        self.calls.append(ctx.profile)
        if self.outcome == "skip":
            raise CredentialsNotLoaded
        if self.outcome == "fail":
            raise PartialCredentialsError(provider=self.method, cred_var="aws_secret_access_key")
        return Credentials("AK-" + self.method, "SK", method=self.method)


def test_not_loaded_moves_on_to_the_first_that_loads() -> None:
    first, second, third = Fake("a", "skip"), Fake("b", "load"), Fake("c", "load")
    creds = CredentialChain((first, second, third)).resolve(context())
    assert creds is not None and creds.method == "b"
    assert first.calls == ["default"] and second.calls == ["default"] and third.calls == []


def test_an_error_stops_the_chain() -> None:
    broken, later = Fake("broken", "fail"), Fake("later", "load")
    with pytest.raises(PartialCredentialsError) as info:
        CredentialChain((Fake("a", "skip"), broken, later)).resolve(context(profile="dev"))
    assert later.calls == []
    assert str(info.value) == ("Partial credentials found in broken, missing: "
                               "aws_secret_access_key")
    shown = "".join(traceback.format_exception(info.value))
    assert "'broken'" in shown and "'dev'" in shown


def test_nothing_found_is_none() -> None:
    chain = CredentialChain((Fake("a", "skip"), Fake("b", "skip")))
    assert chain.resolve(context()) is None
    assert chain.methods == ("a", "b")
    assert CredentialChain(()).resolve(context()) is None
