"""Auth-scheme selection: which signer, signing name and region one request uses.

This replays botocore 1.43's decision (without awscrt) as one pure function, in its order:

1. The client's signature version: ``Config(signature_version=...)``, else the config file's
   ``[profile] <service> = signature_version = ...``, else ``s3v4`` for S3, else the service
   model's ``auth`` list (first supported trait) or ``signatureVersion``.
2. The operation's auth type: its ``auth`` list (filtered by ``auth_scheme_preference`` when one
   is set) or its legacy ``authtype``.
3. The endpoint's ``authSchemes`` (when present) override that, and give the signing name,
   region (or region set) and double-encoding flag; a signature version set in code picks the
   matching scheme, ``UNSIGNED`` gives ``none``.
4. The ``choose-signer`` hooks, first answer wins: S3's SigV2 default for presigning in regions
   that still accept SigV2, then the operation-specific signer (``none``/``bearer``/
   ``v4-unsigned-body``; ``s3v4`` for S3's signing names), then the preference/bearer resolver.
5. Presigning appends ``-query`` or ``-presign-post`` to the signer name.

The result's ``scheme`` is botocore's signer name (``v4``, ``s3v4``, ``v4-query``,
``s3v4-query``, ``s3-query``, ``s3-presign-post``, ``s3v4-presign-post``, ``s3``, ``bearer``) or
``none``. SigV4a, S3 Express and MRAP are not implemented: they raise
:class:`UnsupportedSignatureVersionError` naming the scheme.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from awsession._core.frozen import FrozenValue
from awsession.exceptions import UnknownSignatureVersionError, UnsupportedSignatureVersionError

__all__ = [
    "AuthDecision",
    "choose_auth",
    "client_signature_version",
    "is_unsigned",
    "resolve_auth_scheme_preference",
    "resolve_auth_type",
]

SigningType = Literal["standard", "presign-url", "presign-post"]

# botocore's signer names that exist without awscrt.
KNOWN_SIGNERS = frozenset(
    {
        "v2", "v3", "v3https", "s3", "s3-query", "s3-presign-post", "s3v4-presign-post",
        "v4-s3express", "v4-s3express-query", "v4-s3express-presign-post", "bearer",
        "v4", "v4-query", "s3v4", "s3v4-query",
    }
)
# The signers this package implements; the rest are known but not supported yet.
IMPLEMENTED_SIGNERS = frozenset(
    {
        "s3", "s3-query", "s3-presign-post", "s3v4-presign-post", "bearer", "v4", "v4-query",
        "s3v4", "s3v4-query",
    }
)
_TRAIT_TO_VERSION = {
    "aws.auth#sigv4": "v4",
    "aws.auth#sigv4a": "v4a",
    "smithy.api#httpBearerAuth": "bearer",
    "smithy.api#noAuth": "none",
}
_PREF_TO_VERSION = {trait.split("#")[-1]: version for trait, version in _TRAIT_TO_VERSION.items()}
_S3_SIGNING_NAMES = frozenset({"s3", "s3-outposts", "s3-object-lambda", "s3express"})
_BEARER_SERVICES = frozenset({"bedrock"})
_SUFFIX: dict[str, str] = {"standard": "", "presign-url": "-query", "presign-post": "-presign-post"}
_UNSIGNED_OPERATIONS = frozenset(
    {
        ("cognito-identity", "GetId"),
        ("cognito-identity", "GetOpenIdToken"),
        ("cognito-identity", "UnlinkIdentity"),
        ("cognito-identity", "GetCredentialsForIdentity"),
        ("sts", "AssumeRoleWithSAML"),
        ("sts", "AssumeRoleWithWebIdentity"),
    }
)
_NONE = "none"


class AuthDecision(FrozenValue):
    """How to sign one request.

    ``scheme`` is botocore's signer name (see the module docstring), or ``"none"``;
    ``payload_signing`` is False when the operation asks for an unsigned body
    (``unsignedPayload``/``v4-unsigned-body``).
    """

    __slots__ = ("payload_signing", "scheme", "signing_name", "signing_region")
    _fields = ("scheme", "signing_name", "signing_region", "payload_signing")
    scheme: str
    signing_name: str
    signing_region: str | None
    payload_signing: bool

    def __init__(self, scheme: str, signing_name: str, signing_region: str | None,
                 payload_signing: bool = True) -> None:
        _set = object.__setattr__
        _set(self, "scheme", scheme)
        _set(self, "signing_name", signing_name)
        _set(self, "signing_region", signing_region)
        _set(self, "payload_signing", payload_signing)

    @property
    def s3(self) -> bool:
        """S3's SigV4 rules: path used as is (no normalising, no double encoding)."""
        return self.scheme.startswith("s3v4")

    @property
    def double_encode(self) -> bool:
        return not self.s3

    @property
    def normalize_path(self) -> bool:
        return not self.s3


def is_unsigned(value: object) -> bool:
    """Whether ``value`` is the ``UNSIGNED`` sentinel.

    awsession's own marker is compared by identity (looked up in ``sys.modules``, so this L1 room
    does not import the config room); botocore's marker is recognised by its type, and any other
    non-string object whose repr is ``UNSIGNED`` is accepted too.
    """
    if value is None or isinstance(value, str):
        return False
    module = sys.modules.get("awsession.config.client_config")
    if module is not None and value is getattr(module, "UNSIGNED", None):
        return True
    kind = type(value)
    if kind.__name__ == "UNSIGNED" and kind.__module__ == "botocore":
        return True
    return repr(value) == "UNSIGNED"


def resolve_auth_type(traits: Sequence[str]) -> str:
    """The first supported signer for a model ``auth`` list (botocore's ``resolve_auth_type``)."""
    for trait in traits:
        if trait == "smithy.api#noAuth":
            return _NONE
        version = _TRAIT_TO_VERSION.get(trait)
        if version is None:
            raise UnknownSignatureVersionError(signature_version=trait)
        if version in KNOWN_SIGNERS:
            return version
    raise UnsupportedSignatureVersionError(signature_version=list(traits))


def resolve_auth_scheme_preference(preference: Sequence[str], traits: Sequence[str]) -> str:
    """The signer chosen by ``auth_scheme_preference`` among the traits a service supports."""
    supported = [trait.split("#")[-1] for trait in traits]
    for name in dict.fromkeys([*preference, *supported]):
        if name not in supported:
            continue
        if name == "noAuth":
            return _NONE
        version = _PREF_TO_VERSION.get(name)
        if version is not None and version in KNOWN_SIGNERS:
            return version
    raise UnsupportedSignatureVersionError(signature_version=", ".join(sorted(supported)))


def _split_preference(value: str | None) -> list[str]:
    if not value:
        return []
    return [item.replace(" ", "").replace("\t", "") for item in value.split(",") if item.strip()]


def client_signature_version(
    service_name: str,
    *,
    in_code: Any = None,
    configured: str | None = None,
    service_auth: Sequence[str] | None = None,
    service_signature_version: str | None = None,
) -> Any:
    """The client-wide signer name (may be the ``UNSIGNED`` sentinel when set in code)."""
    if in_code is not None:
        return in_code
    if configured:
        return configured
    model_version = resolve_auth_type(service_auth) if service_auth else service_signature_version
    if service_name in ("s3", "s3-control"):
        return "s3v4"
    if model_version is None:
        return "v4"
    if model_version in KNOWN_SIGNERS or model_version == _NONE:
        return model_version
    raise UnknownSignatureVersionError(signature_version=[model_version])


def _strip_sig(name: str) -> str:
    return name[3:] if name.startswith("sig") else name


def _matches(requested: str, ruleset_name: str) -> bool:
    base = requested.split("-")[0]
    if base != "s3" and base.startswith("s3"):
        base = base[2:]
    return _strip_sig(ruleset_name) == base


def _from_auth_schemes(
    schemes: Sequence[Mapping[str, Any]], requested: Any, preference: list[str]
) -> tuple[str | None, dict[str, Any]]:
    if is_unsigned(requested):
        return _NONE, {}
    names = [str(s["name"]).split("#")[-1] for s in schemes]
    stripped = [{**s, "name": _strip_sig(str(s["name"]))} for s in schemes]
    scheme: Mapping[str, Any] | None
    if requested is not None:
        scheme = next((s for s in stripped if _matches(str(requested), s["name"])), None)
        if scheme is None:
            return None, {}
        name = str(requested)
    elif preference:
        by_type = {_strip_sig(s["name"].split("#")[-1]): s for s in stripped}
        name = resolve_auth_scheme_preference(preference, names)
        scheme = by_type[name]
    else:
        scheme = next((s for s in stripped if s["name"] in KNOWN_SIGNERS), None)
        if scheme is None:
            offered = ", ".join(str(s["name"]) for s in schemes)
            raise UnsupportedSignatureVersionError(signature_version=offered)
        name = scheme["name"]
    context: dict[str, Any] = {}
    if "signingRegion" in scheme:
        context["region"] = scheme["signingRegion"]
    elif scheme.get("signingRegionSet"):
        context["region"] = ",".join(scheme["signingRegionSet"])
    if "signingName" in scheme:
        context["signing_name"] = scheme["signingName"]
    return name, context


def _with_suffix(version: Any, suffix: str) -> Any:
    if is_unsigned(version) or version.endswith(suffix):
        return version
    return version + suffix


def choose_auth(
    *,
    service_name: str,
    signing_name: str,
    region: str | None,
    operation_name: str = "",
    service_auth: Sequence[str] | None = None,
    service_signature_version: str | None = None,
    operation_auth: Sequence[str] | None = None,
    operation_authtype: str | None = None,
    unsigned_payload: bool = False,
    endpoint_auth_schemes: Sequence[Mapping[str, Any]] | None = None,
    signature_version: Any = None,
    configured_signature_version: str | None = None,
    auth_scheme_preference: str | None = None,
    auth_scheme_preference_in_code: bool = False,
    signing_type: SigningType = "standard",
    s3_presign_sigv2: bool = False,
    bearer_token_available: bool = False,
    ignore_signing_region: bool = False,
    explicit_region: str | None = None,
) -> AuthDecision:
    """Decide the signer for one request (see the module docstring for the order).

    ``signature_version`` is ``Config(signature_version=...)`` as set in code (a name or
    ``UNSIGNED``); ``configured_signature_version`` the config file's value for the service;
    ``s3_presign_sigv2`` whether the client's region still takes SigV2 presigning (the endpoints
    room knows); ``bearer_token_available`` whether a bearer token is configured for the service.
    """
    client_version = client_signature_version(
        service_name,
        in_code=signature_version,
        configured=configured_signature_version,
        service_auth=service_auth,
        service_signature_version=service_signature_version,
    )
    preference = _split_preference(auth_scheme_preference)
    if operation_auth and preference:
        auth_type: Any = resolve_auth_scheme_preference(preference, operation_auth)
    elif operation_auth:
        auth_type = resolve_auth_type(operation_auth)
    else:
        auth_type = operation_authtype
    signing: dict[str, Any] = {}
    if endpoint_auth_schemes:
        auth_type, signing = _from_auth_schemes(endpoint_auth_schemes, signature_version, preference)
        if ignore_signing_region:
            signing.pop("region", None)
    name = signing.get("signing_name", signing_name)
    suffix = _SUFFIX[signing_type]
    version = _with_suffix(auth_type or client_version, suffix)
    payload_signing = True
    answer: Any = None
    if (service_name, operation_name) in _UNSIGNED_OPERATIONS:
        answer = _NONE
    elif s3_presign_sigv2 and service_name == "s3" and not str(version).startswith("v4a"):
        if str(version).startswith("v4-s3express"):
            answer = version
        elif suffix and str(version).endswith(suffix):
            answer = f"s3{suffix}"
    if answer is None and auth_type:
        if auth_type == _NONE:
            answer = _NONE
        elif auth_type == "bearer":
            answer = "bearer"
        else:
            if unsigned_payload or auth_type == "v4-unsigned-body":
                payload_signing = False
            if auth_type.startswith("v4"):
                answer = auth_type if auth_type in ("v4-s3express", "v4a") else "v4"
                if answer != "v4-s3express" and name in _S3_SIGNING_NAMES:
                    answer = f"s3{answer}"
    if answer is None:
        answer = _preference_answer(
            signature_version, auth_scheme_preference_in_code, preference, service_auth, name,
            bearer_token_available,
        )
    if answer is not None:
        version = _NONE if is_unsigned(answer) else _with_suffix(answer, suffix)
    if is_unsigned(version):
        version = _NONE
    _check_supported(version, signing_type)
    signing_region = explicit_region or signing.get("region") or region
    return AuthDecision(version, name, signing_region, payload_signing)


def _preference_answer(
    in_code: Any, preference_in_code: bool, preference: list[str], service_auth: Sequence[str] | None,
    signing_name: str, bearer_token_available: bool,
) -> Any:
    set_in_code = in_code is not None
    resolved = in_code
    if not set_in_code and preference and service_auth:
        resolved = resolve_auth_scheme_preference(preference, service_auth)
    if (
        signing_name in _BEARER_SERVICES
        and service_auth
        and "smithy.api#httpBearerAuth" in service_auth
        and bearer_token_available
        and (resolved == "bearer" or not (set_in_code or preference_in_code))
    ):
        resolved = "bearer"
    if resolved is in_code or resolved == in_code:
        return None
    return resolved


def _check_supported(version: str, signing_type: SigningType) -> None:
    if version == _NONE or version in IMPLEMENTED_SIGNERS:
        return
    if version.startswith(("v4a", "s3v4a", "v4-s3express")) or version in KNOWN_SIGNERS:
        raise UnsupportedSignatureVersionError(
            signature_version=f"{version} (not supported yet by awsession)"
        )
    if signing_type != "standard":
        raise UnsupportedSignatureVersionError(signature_version=version)
    raise UnknownSignatureVersionError(signature_version=version)
