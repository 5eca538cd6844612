"""``awsession.exceptions``: every class is public and pinned, wherever it is defined.

The less common classes live in ``awsession.exceptions._more`` (imported on first use); they must
still look like members of ``awsession.exceptions`` and match botocore/boto3.
"""

from __future__ import annotations

import pickle

import boto3.exceptions
import botocore.exceptions

from awsession import exceptions
from awsession.exceptions import _more


def _classes(module: object) -> set[str]:
    return {name for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, BaseException | Warning)}


def test_all_lists_every_class_of_both_modules() -> None:
    core = _classes(exceptions) - set(_more.NAMES)
    assert sorted(exceptions.__all__) == sorted(core | set(_more.NAMES))
    assert len(exceptions.__all__) == len(set(exceptions.__all__))
    assert set(_more.NAMES) <= _classes(_more)


def test_every_class_belongs_to_awsession_exceptions() -> None:
    for name in exceptions.__all__:
        value = getattr(exceptions, name)
        assert value.__module__ == "awsession.exceptions", name
        assert value is getattr(exceptions, value.__name__)


def test_names_and_messages_match_botocore_and_boto3() -> None:
    for name in exceptions.__all__:
        reference = getattr(botocore.exceptions, name, None) or getattr(boto3.exceptions, name, None)
        if reference is None:
            continue
        ours = getattr(exceptions, name)
        assert getattr(ours, "fmt", None) == getattr(reference, "fmt", None), name
        assert [c.__name__ for c in ours.__mro__ if c.__module__.startswith("awsession")] == [
            c.__name__ for c in reference.__mro__
            if c.__module__ in ("botocore.exceptions", "boto3.exceptions")
        ], name


def test_lazy_names_pickle_and_star_import() -> None:
    error = exceptions.ConnectTimeoutError(endpoint_url="http://127.0.0.1:9")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is exceptions.ConnectTimeoutError and str(back) == str(error)
    namespace: dict[str, object] = {}
    exec("from awsession.exceptions import *", namespace)
    assert set(exceptions.__all__) <= set(namespace)


def test_unknown_names_raise_attribute_error() -> None:
    for name in ("NoSuchError", "_private", "__wrapped__"):
        assert not hasattr(exceptions, name)
