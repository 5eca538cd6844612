"""Make clients: resolve everything a client needs once, then build a cheap client object.

Theory of operation. ``create_client(session, service_name, ...)``:

1. loads the service model and its client class (both cached per process);
2. merges ``Config`` objects (the session default under the per-client one) and resolves every
   setting with boto3's precedence: explicit argument > ``Config`` > environment > profile > default;
3. fixes the region, endpoint inputs, credentials, retry strategy and user agent; and
4. returns ``ClientClass(ClientContext, meta, exceptions, transport_factory)``.

No socket is opened here: the transport is made on the first call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .._pipeline.context import ClientContext
from ..config.client_config import UNSIGNED, Config
from ..exceptions import InvalidRegionError, NoCredentialsError
from ..model.names import client_class_name, xform_name
from ..model.services import load_service_model
from ..model.shapes import ServiceModel
from ..retries.strategy import build_retry_strategy
from .endpoint_setup import EndpointSetup, client_region
from .errors import exceptions_for
from .injected import client_methods
from .methods import OperationMethod
from .sync import BaseClient, ClientMeta
from .user_agent import build_user_agent

__all__ = ["client_class_for", "create_client"]

_class_lock = threading.Lock()
_classes: dict[int, tuple[ServiceModel, type[BaseClient]]] = {}


def client_class_for(service_model: ServiceModel) -> type[BaseClient]:
    """The client class of a service model, built once per process."""
    cached = _classes.get(id(service_model))
    if cached is not None and cached[0] is service_model:
        return cached[1]
    attrs: dict[str, Any] = {}
    mapping: dict[str, str] = {}
    for op_name in service_model.operation_names:
        py_name = xform_name(op_name)
        attrs[py_name] = OperationMethod(service_model, op_name, py_name)
        mapping[py_name] = op_name
    attrs["_PY_TO_OP_NAME"] = mapping
    for name, method in client_methods(service_model.service_name).items():
        attrs.setdefault(name, method)  # boto3's injected extras, e.g. S3 upload_file
    attrs["__module__"] = "awsession.client"
    cls = type(client_class_name(service_model), (BaseClient,), attrs)
    with _class_lock:
        _classes[id(service_model)] = (service_model, cls)
    return cls


def _valid_region(region: str) -> bool:
    if not region or len(region) > 63 or region[0] == "-" or region[-1] == "-":
        return False
    # Every character alphanumeric or "-" (the ends are not "-", so something is left).
    return region.replace("-", "").isalnum()


def create_client(session: Any, service_name: str, region_name: str | None = None,
                  api_version: str | None = None, use_ssl: bool = True,
                  verify: bool | str | None = None, endpoint_url: str | None = None,
                  aws_access_key_id: str | None = None, aws_secret_access_key: str | None = None,
                  aws_session_token: str | None = None, config: Config | None = None,
                  aws_account_id: str | None = None,
                  transport_class: Callable[..., Any] | None = None) -> BaseClient:
    """``transport_class`` (keyword only in practice) swaps the urllib3 transport, e.g. for aio."""
    resolver = session._resolver
    if api_version is None:
        api_versions = resolver.get("api_versions") or {}
        api_version = api_versions.get(service_name) if isinstance(api_versions, dict) else None
    loader = session._data_loader()  # honours AWS_DATA_PATH / data_path, as botocore does
    service_model = load_service_model(service_name, api_version, loader=loader)
    cls = client_class_for(service_model)

    default_config = session.get_default_client_config()
    if default_config is not None:
        config = default_config.merge(config) if config is not None else default_config
    config = config if config is not None else Config()

    region = region_name or config.region_name or resolver.get("region")
    if region is not None and not _valid_region(region):
        raise InvalidRegionError(region_name=region)
    region = client_region(service_model, region)

    retries = resolver.retry_config(config.retries)
    mode = retries["mode"]
    max_attempts: int | None = retries.get("total_max_attempts")
    env = session._env
    strategy = build_retry_strategy(
        mode=mode, max_attempts=max_attempts, service=service_name,
        endpoint_prefix=service_model.endpoint_prefix,
        retry_data=loader.load("_retry") if mode == "legacy" else None,
        random=env.random, clock=env.clock.monotonic,
        service_id=service_model.service_id.lower().replace(" ", "-"),
        new_retries=env.env.get("AWS_NEW_RETRIES_2026", "").lower() == "true",
        read_timeout=config.read_timeout,
    )

    get_credentials = _credentials_getter(session, config, aws_access_key_id,
                                          aws_secret_access_key, aws_session_token)
    setup = EndpointSetup.create(
        session=session, service_model=service_model, region=region, config=config,
        endpoint_url=endpoint_url, use_ssl=use_ssl, account_id=aws_account_id, loader=loader,
    )
    parameter_validation = config.parameter_validation
    if parameter_validation is None:
        parameter_validation = resolver.get("parameter_validation")
    validate = parameter_validation is None or bool(parameter_validation)
    user_agent = build_user_agent(
        retry_mode=mode, user_agent=config.user_agent, user_agent_extra=config.user_agent_extra,
        app_id=config.user_agent_appid or resolver.get("user_agent_appid"),
        execution_env=env.env.get("AWS_EXECUTION_ENV"),
    )
    exceptions = exceptions_for(service_model)
    ctx = ClientContext(
        service_model=service_model, service_name=service_name, region=region, env=env,
        retry=strategy, validate=validate, user_agent=user_agent,
        resolve_endpoint=setup.resolve, get_credentials=get_credentials,
        error_class=exceptions.from_code, signature_version=config.signature_version,
        disable_request_compression=bool(
            config.disable_request_compression
            if config.disable_request_compression is not None
            else resolver.get("disable_request_compression")),
        request_min_compression_size_bytes=int(
            config.request_min_compression_size_bytes
            or resolver.get("request_min_compression_size_bytes") or 10240),
        request_checksum_calculation=(config.request_checksum_calculation
                                      or resolver.get("request_checksum_calculation")
                                      or "when_supported"),
        response_checksum_validation=(config.response_checksum_validation
                                      or resolver.get("response_checksum_validation")
                                      or "when_supported"),
        s3_settings=setup.s3_settings, account_id=aws_account_id,
    )
    meta = ClientMeta(service_model=service_model, region_name=setup.meta_region,
                      endpoint_url=setup.meta_endpoint_url, config=config,
                      partition=lambda: setup.partition, method_to_api_mapping=cls._PY_TO_OP_NAME)
    if verify is None:
        verify = resolver.get("ca_bundle") or True
    transport_kwargs = {
        "max_pool_connections": config.max_pool_connections,
        "connect_timeout": _connect_timeout(config, resolver),
        "read_timeout": config.read_timeout,
        "verify": verify,
        "proxies": config.proxies,
        "proxies_config": config.proxies_config,
        "client_cert": config.client_cert,
        "tcp_keepalive": bool(config.tcp_keepalive or resolver.get("tcp_keepalive")),
    }

    def transport_factory() -> Any:
        if transport_class is not None:
            return transport_class(**transport_kwargs)
        from ..transport.urllib3 import Urllib3Transport

        return Urllib3Transport(**transport_kwargs)

    recipe = (_rebuild_client, (session, service_name, {
        "region_name": region_name, "api_version": api_version, "use_ssl": use_ssl,
        "verify": verify, "endpoint_url": endpoint_url, "aws_access_key_id": aws_access_key_id,
        "aws_secret_access_key": aws_secret_access_key, "aws_session_token": aws_session_token,
        "config": config, "aws_account_id": aws_account_id}))
    return cls(ctx, meta, exceptions, transport_factory, recipe)


def _connect_timeout(config: Config, resolver: Any) -> float | None:
    """``Config(connect_timeout=)`` if given, else the defaults mode's value, else 60 s."""
    if "connect_timeout" in getattr(config, "_user_provided_options", {}):
        return config.connect_timeout  # type: ignore[no-any-return]
    from_mode = resolver.get("connect_timeout")
    return from_mode if from_mode is not None else config.connect_timeout  # type: ignore[no-any-return]


def _rebuild_client(session: Any, service_name: str, kwargs: dict[str, Any]) -> BaseClient:
    return create_client(session, service_name, **kwargs)


def _credentials_getter(session: Any, config: Config, key: str | None, secret: str | None,
                        token: str | None) -> Any:
    """Client keyword credentials win over the session's; ``UNSIGNED`` means none at all."""
    if config.signature_version is UNSIGNED:
        return lambda: None
    from ..credentials.providers.explicit import explicit_credentials

    explicit = explicit_credentials(key, secret, token)
    if explicit is not None:
        frozen = explicit.get_frozen_credentials()
        return lambda: frozen

    def get() -> Any:
        credentials = session.get_credentials()
        if credentials is None:
            raise NoCredentialsError()
        return credentials.get_frozen_credentials()

    return get
