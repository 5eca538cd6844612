"""boto3's built-in additions to generated resource classes, as one explicit table.

| service / resource           | addition                                                       |
|------------------------------|----------------------------------------------------------------|
| ec2 service resource         | ``create_tags(**kw)`` returns ``ec2.Tag`` resources             |
| ec2 ``Instance``             | ``delete_tags(**kw)`` on this instance                          |
| s3 ``Bucket``                | ``load()`` through ``ListBuckets`` (``creation_date``)          |
| s3 ``ObjectSummary``         | ``load()`` through ``HeadObject`` (``ContentLength`` -> ``Size``) |
| every dynamodb class         | base that upgrades the client to Python values                 |
| dynamodb ``Table``           | ``batch_writer()``                                             |

S3 transfer methods (``upload_file``...) are not here: the transfer room registers them with
:func:`awsession.resources.factory.register_injected`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["builtin_extras"]


def _ec2_create_tags(self: Any, **kwargs: Any) -> list[Any]:
    self.meta.client.create_tags(**kwargs)
    return [self.Tag(resource_id, tag["Key"], tag["Value"])
            for resource_id in kwargs.get("Resources", [])
            for tag in kwargs.get("Tags", [])]


def _ec2_delete_tags(self: Any, **kwargs: Any) -> Any:
    kwargs["Resources"] = [self.id]
    return self.meta.client.delete_tags(**kwargs)


def _s3_bucket_load(self: Any, *args: Any, **kwargs: Any) -> None:
    from ..exceptions import ClientError

    self.meta.data = {}
    try:
        response = self.meta.client.list_buckets()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "AccessDenied":
            raise
        return
    for bucket in response["Buckets"]:
        if bucket["Name"] == self.name:
            self.meta.data = bucket
            break


def _s3_object_summary_load(self: Any, *args: Any, **kwargs: Any) -> None:
    response = self.meta.client.head_object(Bucket=self.bucket_name, Key=self.key)
    if "ContentLength" in response:
        response["Size"] = response.pop("ContentLength")
    self.meta.data = response


class DynamoDBHighLevelResource:
    """Base of every DynamoDB resource class: its client takes and returns Python values."""

    meta: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ..dynamodb.transform import upgrade_client

        upgrade_client(self.meta.client)


def _table_base() -> type:
    from ..dynamodb.table import TableResource

    return TableResource


_Extras = tuple[tuple[Callable[[], type], ...], dict[str, Callable[..., Any]]]

# (service, resource name or None for the service resource) -> (base factories, methods)
_BY_RESOURCE: dict[tuple[str, str | None], _Extras] = {
    ("ec2", None): ((), {"create_tags": _ec2_create_tags}),
    ("ec2", "Instance"): ((), {"delete_tags": _ec2_delete_tags}),
    ("s3", "Bucket"): ((), {"load": _s3_bucket_load}),
    ("s3", "ObjectSummary"): ((), {"load": _s3_object_summary_load}),
    ("dynamodb", "Table"): ((_table_base,), {}),
}

# service -> base factories for every class of that service
_BY_SERVICE: dict[str, tuple[Callable[[], type], ...]] = {
    "dynamodb": (lambda: DynamoDBHighLevelResource,),
}


def builtin_extras(service_name: str, resource_name: str,
                   is_service: bool) -> tuple[tuple[type, ...], dict[str, Any]]:
    """Extra base classes (most specific first) and methods for one generated class."""
    bases_for, methods = _BY_RESOURCE.get((service_name, None if is_service else resource_name),
                                          ((), {}))
    bases = [make() for make in bases_for]
    bases.extend(make() for make in _BY_SERVICE.get(service_name, ()))
    return tuple(bases), dict(methods)
