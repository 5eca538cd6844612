"""Config behaves as botocore.config.Config: keywords, defaults, positional arguments, merge and
validation errors (class and text); plus UNSIGNED and repr."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import botocore
import botocore.config
import pytest

from awsession.config import UNSIGNED, Config
from awsession.config.client_config import is_unsigned
from awsession.exceptions import InvalidConfigError, InvalidMaxRetryAttemptsError

BotoConfig = botocore.config.Config


def _attributes(config: Any) -> dict[str, Any]:
    return {name: getattr(config, name) for name in BotoConfig.OPTION_DEFAULTS}


def _outcome(factory: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        config = factory(*args, **kwargs)
    except Exception as error:  # the class name and text are what is compared
        return type(error).__name__, str(error)
    return "ok", _attributes(config)


def test_options_and_defaults_match_botocore() -> None:
    assert list(Config.OPTION_DEFAULTS) == list(BotoConfig.OPTION_DEFAULTS)
    assert dict(Config.OPTION_DEFAULTS) == dict(BotoConfig.OPTION_DEFAULTS)
    assert dict(Config.NON_LEGACY_OPTION_DEFAULTS) == BotoConfig.NON_LEGACY_OPTION_DEFAULTS
    assert len(Config.OPTION_DEFAULTS) == 30


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),
    (("us-east-1", "s3v4"), {}),
    (("us-east-1",), {"region_name": "eu-west-1"}),
    (tuple(range(31)), {}),
    ((), {"no_such_option": 1}),
    ((), {"defaults_mode": "standard"}),
    ((), {"defaults_mode": "standard", "connect_timeout": 5}),
    ((), {"inject_host_prefix": False}),
    ((), {"s3": {"addressing_style": "path"}}),
    ((), {"s3": {"addressing_style": "Path"}}),
    ((), {"s3": {}}),
    ((), {"retries": {"max_attempts": 0}}),
    ((), {"retries": {"max_attempts": -1}}),
    ((), {"retries": {"total_max_attempts": 0}}),
    ((), {"retries": {"total_max_attempts": 1, "mode": "standard"}}),
    ((), {"retries": {"mode": "Standard"}}),
    ((), {"retries": {"mode": "adaptive", "max_attempts": 3}}),
    ((), {"retries": {"attempts": 3}}),
    ((), {"retries": {}}),
    ((), {"retries": {"max_attempts": 2.5}}),
])
def test_construction_matches_botocore(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    assert _outcome(Config, *args, **kwargs) == _outcome(BotoConfig, *args, **kwargs)


def test_inject_host_prefix_reads_true_until_set() -> None:
    config = Config()
    assert config.inject_host_prefix is True
    config.inject_host_prefix = False
    assert config.inject_host_prefix is False
    assert "inject_host_prefix" not in config.user_provided_options


@pytest.mark.parametrize(("first", "second"), [
    ({}, {}),
    ({"region_name": "a", "retries": {"max_attempts": 1}}, {"region_name": "b"}),
    ({"connect_timeout": 5}, {"defaults_mode": "standard"}),
    ({"inject_host_prefix": False}, {"read_timeout": 1}),
    ({"s3": {"addressing_style": "path"}}, {"s3": {"use_accelerate_endpoint": True}}),
])
def test_merge_matches_botocore(first: dict[str, Any], second: dict[str, Any]) -> None:
    ours = Config(**first).merge(Config(**second))
    theirs = BotoConfig(**first).merge(BotoConfig(**second))
    assert _attributes(ours) == _attributes(theirs)
    assert ours.user_provided_options == theirs._user_provided_options


def test_non_comparable_max_attempts_is_a_retry_error() -> None:
    # botocore lets a TypeError escape here; awsession raises its retry error instead.
    with pytest.raises(TypeError):
        BotoConfig(retries={"max_attempts": "3"})
    with pytest.raises(InvalidMaxRetryAttemptsError, match='"max_attempts": 3 must be'):
        Config(retries={"max_attempts": "3"})


def test_non_dict_s3_and_retries_are_config_errors() -> None:
    with pytest.raises(InvalidConfigError, match="The s3 option must be a dict, not str"):
        Config(s3="path")
    with pytest.raises(InvalidConfigError, match="The retries option must be a dict, not int"):
        Config(retries=3)


def test_repr_shows_given_options_only_and_masks_proxy_passwords() -> None:
    config = Config(region_name="us-east-1", proxies={"https": "http://user:s3cret@proxy:8080"})
    text = repr(config)
    assert text == ("Config(region_name='us-east-1', "
                    "proxies={'https': 'http://user:***@proxy:8080'})")
    assert "s3cret" not in text
    assert repr(Config()) == "Config()"
    assert repr(Config(signature_version=UNSIGNED)) == "Config(signature_version=UNSIGNED)"


def test_unsigned_is_a_singleton_through_copy_and_pickle() -> None:
    assert copy.copy(UNSIGNED) is UNSIGNED
    assert copy.deepcopy(UNSIGNED) is UNSIGNED
    assert pickle.loads(pickle.dumps(UNSIGNED)) is UNSIGNED
    config = pickle.loads(pickle.dumps(Config(signature_version=UNSIGNED, retries={"mode": "standard"})))
    assert config.signature_version is UNSIGNED
    assert config.retries == {"mode": "standard"}
    assert copy.deepcopy(Config(signature_version=UNSIGNED)).signature_version is UNSIGNED


def test_is_unsigned_recognises_botocore_marker() -> None:
    assert is_unsigned(UNSIGNED)
    assert is_unsigned(botocore.UNSIGNED)
    assert not is_unsigned("UNSIGNED")
    assert not is_unsigned(None)
