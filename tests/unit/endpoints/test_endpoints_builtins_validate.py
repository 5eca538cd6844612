"""EndpointBuiltins.validate raises exactly what computing the values would, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from awsession.endpoints.builtins import EndpointBuiltins

CASES: list[dict[str, Any]] = [
    {},
    {"s3": {"us_east_1_regional_endpoint": "regional"}},
    {"s3": {"us_east_1_regional_endpoint": "bogus"}},
    {"sts_regional_endpoints": "legacy"},
    {"sts_regional_endpoints": "bogus"},
    {"s3": {"us_east_1_regional_endpoint": "bogus"}, "sts_regional_endpoints": "bogus"},
    {"exact": {"AWS::Region": "x"}, "sts_regional_endpoints": "bogus"},
]


def _outcome(action: Any) -> Any:
    try:
        action()
    except Exception as error:
        return (type(error), str(error))
    return None


@pytest.mark.parametrize("kwargs", CASES)
def test_validate_matches_computing_the_values(kwargs: dict[str, Any]) -> None:
    expected = _outcome(lambda: EndpointBuiltins(region="us-east-1", endpoint_prefix="s3", **kwargs).values)
    builtins = EndpointBuiltins(region="us-east-1", endpoint_prefix="s3", **kwargs)
    assert _outcome(builtins.validate) == expected
    assert "values" not in vars(builtins)  # validating computed nothing
