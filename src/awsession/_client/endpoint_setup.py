"""Everything a client needs to resolve endpoints, fixed once at client creation.

Rules (boto3 1.43):

1. ``endpoint_url=`` beats a configured endpoint URL (``AWS_ENDPOINT_URL_<SERVICE>``,
   ``AWS_ENDPOINT_URL``, ``services`` sections, profile ``endpoint_url``), unless
   ``ignore_configured_endpoint_urls`` is on.
2. Without a region, S3 uses ``us-east-1`` and services with a partition endpoint (IAM, STS,
   Route 53, ...) use it (``aws-global``); any other service raises ``NoRegionError``.
3. The ``s3`` settings are the profile's merged with ``Config(s3=...)`` (the latter wins); other
   settings follow ``Config`` > environment > profile.
4. ``client.meta.endpoint_url`` is the endpoint the rule set gives without operation input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..endpoints.builtins import EndpointBuiltins
from ..endpoints.legacy import get_partition_for_region, partition_endpoint
from ..endpoints.params import build_endpoint_params
from ..endpoints.partitions import default_partitions
from ..endpoints.rules import Endpoint, compile_ruleset
from ..exceptions import NoRegionError, UnknownRegionError
from ..model.services import load_endpoint_ruleset
from ..model.shapes import OperationModel, ServiceModel

__all__ = ["EndpointSetup", "client_region"]


def client_region(service_model: ServiceModel, region: str | None) -> str:
    """The region a client reports (``meta.region_name``) when none was configured."""
    if region is not None:
        return region
    prefix = service_model.endpoint_prefix
    if prefix == "s3":
        return "us-east-1"
    found = partition_endpoint(prefix)
    if found is None:
        raise NoRegionError()
    return found


@dataclass(frozen=True, slots=True)
class EndpointSetup:
    service_model: ServiceModel
    ruleset: Any
    builtins: EndpointBuiltins
    client_context: dict[str, Any]
    use_ssl: bool
    s3_settings: dict[str, Any]
    meta_endpoint_url: str
    partition: str

    @classmethod
    def create(cls, *, session: Any, service_model: ServiceModel, region: str, config: Any,
               endpoint_url: str | None, use_ssl: bool, account_id: str | None) -> EndpointSetup:
        resolver = session._resolver
        if endpoint_url is None and not (config.ignore_configured_endpoint_urls
                                         or resolver.get("ignore_configured_endpoint_urls")):
            configured = resolver.resolve_endpoint_url(service_model.service_id)
            endpoint_url = configured.value if configured is not None else None
        s3 = dict(resolver.s3_settings())
        s3.update(config.s3 or {})

        def pick(name: str) -> Any:
            value = getattr(config, name, None)
            return value if value is not None else resolver.get(name)

        builtins = EndpointBuiltins(
            region=region,
            endpoint_prefix=service_model.endpoint_prefix,
            use_fips=pick("use_fips_endpoint"),
            use_dualstack=pick("use_dualstack_endpoint"),
            endpoint_url=endpoint_url,
            s3=s3,
            sts_regional_endpoints=resolver.get("sts_regional_endpoints"),
            account_id=account_id,
            account_id_endpoint_mode=pick("account_id_endpoint_mode"),
        )
        builtins.values  # noqa: B018 - invalid S3/STS settings fail at client creation
        ruleset = compile_ruleset(load_endpoint_ruleset(service_model.service_name,
                                                        service_model.api_version))
        client_context = dict(config.client_context_params or {})
        setup = cls(service_model=service_model, ruleset=ruleset, builtins=builtins,
                    client_context=client_context, use_ssl=use_ssl, s3_settings=s3,
                    meta_endpoint_url="", partition="aws")
        try:
            partition = get_partition_for_region(region)
        except UnknownRegionError:
            partition = "aws"
        object.__setattr__(setup, "partition", partition)
        object.__setattr__(setup, "meta_endpoint_url", endpoint_url or setup._meta_url())
        return setup

    def _meta_url(self) -> str:
        params = {}
        for spec in self.ruleset.params:
            raw = self.ruleset.raw["parameters"][spec.name]
            builtin = raw.get("builtIn")
            if builtin is not None:
                value = self.builtins.values.get(builtin)
                if value is not None and not callable(value):
                    params[spec.name] = value
        try:
            return self._scheme(self.ruleset.resolve(params, default_partitions()).url)
        except Exception:
            return ""

    def _scheme(self, url: str) -> str:
        if self.use_ssl:
            return url
        parts = urlsplit(url)
        return urlunsplit(("http", *parts[1:])) if parts.scheme == "https" else url

    def resolve(self, operation: OperationModel, params: dict[str, Any]) -> Endpoint:
        call_params = build_endpoint_params(self.ruleset, self.service_model, operation, params,
                                            self.builtins, self.client_context)
        endpoint: Endpoint = self.ruleset.resolve(call_params, default_partitions())
        if not self.use_ssl and endpoint.url.startswith("https:"):
            return Endpoint(self._scheme(endpoint.url), endpoint.headers, endpoint.properties)
        return endpoint
