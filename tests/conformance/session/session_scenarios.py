"""Differential scenarios: the same files, environment and Session arguments given to boto3 and to
awsession must resolve the same profile, region, credentials and settings.

Each scenario is data: ``config`` and ``credentials`` file texts (``None``: the file does not
exist), ``env`` (variables set on top of an empty AWS environment), ``args`` (Session keyword
arguments), ``endpoints`` (services whose configured endpoint URL is compared) and ``differs``
(field -> (awsession's expected value, why it deliberately differs from boto3)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AWS_REGION_DIFF = "awsession reads AWS_REGION before AWS_DEFAULT_REGION (docs/compatibility.md)"
PAIR_DIFF = ("awsession rejects half an explicit key pair at construction (boto3 keeps a "
             "credentials object with a None secret that fails later when signing)")
LONE_TOKEN_DIFF = ("awsession ignores a lone explicit session token (boto3 makes keyless "
                   "credentials that cannot sign)")
DEFAULTS_MODE_DIFF = ("awsession's session-level settings already apply the defaults mode; boto3 "
                      "applies it only when it makes a client (config.resolve, reported)")


@dataclass(frozen=True)
class Scenario:
    name: str
    config: str | None = None
    credentials: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    args: dict[str, Any] = field(default_factory=dict)
    endpoints: tuple[str, ...] = ()
    differs: dict[str, tuple[Any, str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # extra files, relative to the tmp dir


STATIC = "[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = SKDEFAULT\n"
DEV_CONFIG = "[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\n"
DEV_CREDS = ("[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = SKDEFAULT\n\n"
             "[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = SKDEV\n"
             "aws_session_token = TOKDEV\n")
ENV_KEYS = {"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "SKENV"}

SCENARIOS: tuple[Scenario, ...] = (
    # -- profiles ---------------------------------------------------------------------------------
    Scenario("nothing-configured"),
    Scenario("default-profile-credentials-file", DEV_CONFIG, STATIC),
    Scenario("default-profile-config-file-keys",
             "[default]\nregion = us-east-2\naws_access_key_id = AKCFG\n"
             "aws_secret_access_key = SKCFG\n"),
    Scenario("credentials-file-beats-config-file",
             "[default]\naws_access_key_id = AKCFG\naws_secret_access_key = SKCFG\n", STATIC),
    Scenario("profile-name-argument", DEV_CONFIG, DEV_CREDS, args={"profile_name": "dev"}),
    Scenario("aws-profile-env", DEV_CONFIG, DEV_CREDS, env={"AWS_PROFILE": "dev"}),
    Scenario("aws-default-profile-beats-aws-profile", DEV_CONFIG + "[profile other]\n",
             DEV_CREDS, env={"AWS_DEFAULT_PROFILE": "dev", "AWS_PROFILE": "other"}),
    Scenario("argument-beats-aws-profile", DEV_CONFIG + "[profile other]\nregion = sa-east-1\n",
             DEV_CREDS, env={"AWS_PROFILE": "other"}, args={"profile_name": "dev"}),
    Scenario("aws-profile-missing", DEV_CONFIG, DEV_CREDS, env={"AWS_PROFILE": "nope"}),
    Scenario("profile-name-missing", DEV_CONFIG, DEV_CREDS, args={"profile_name": "nope"}),
    Scenario("explicit-default-missing", None, None, args={"profile_name": "default"}),
    Scenario("aws-profile-empty", DEV_CONFIG, None, env={"AWS_PROFILE": ""}),
    Scenario("credentials-only-profile", DEV_CONFIG, DEV_CREDS + "[ci]\naws_access_key_id = AKCI\n"
             "aws_secret_access_key = SKCI\nregion = ap-south-1\n", args={"profile_name": "ci"}),
    Scenario("profile-without-credentials", DEV_CONFIG, None, args={"profile_name": "dev"}),
    # -- environment credentials ------------------------------------------------------------------
    Scenario("env-keys", env=ENV_KEYS),
    Scenario("env-session-token", env={**ENV_KEYS, "AWS_SESSION_TOKEN": "TOKENV"}),
    Scenario("env-security-token-first",
             env={**ENV_KEYS, "AWS_SECURITY_TOKEN": "SECTOK", "AWS_SESSION_TOKEN": "SESSTOK"}),
    Scenario("env-empty-security-token-skipped",
             env={**ENV_KEYS, "AWS_SECURITY_TOKEN": "", "AWS_SESSION_TOKEN": "SESSTOK"}),
    Scenario("env-beats-credentials-file", DEV_CONFIG, DEV_CREDS, env=ENV_KEYS),
    Scenario("env-beats-profile-from-aws-profile", DEV_CONFIG, DEV_CREDS,
             env={**ENV_KEYS, "AWS_PROFILE": "dev"}),
    Scenario("profile-argument-disables-env", DEV_CONFIG, DEV_CREDS, env=ENV_KEYS,
             args={"profile_name": "dev"}),
    Scenario("profile-argument-disables-env-none-left", DEV_CONFIG, None, env=ENV_KEYS,
             args={"profile_name": "dev"}),
    Scenario("env-key-without-secret", DEV_CONFIG, DEV_CREDS, env={"AWS_ACCESS_KEY_ID": "AKENV"}),
    Scenario("env-empty-key-falls-through", DEV_CONFIG, DEV_CREDS,
             env={"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "SKENV"}),
    Scenario("env-account-id", env={**ENV_KEYS, "AWS_ACCOUNT_ID": "123456789012"}),
    Scenario("env-expiration", env={**ENV_KEYS, "AWS_CREDENTIAL_EXPIRATION": "2999-01-01T00:00:00Z"}),
    # -- file credentials -------------------------------------------------------------------------
    Scenario("credentials-file-partial", DEV_CONFIG, "[default]\naws_access_key_id = AKONLY\n"),
    Scenario("config-file-partial", "[default]\naws_access_key_id = AKONLY\n"),
    Scenario("keys-split-across-files-not-merged",
             "[default]\naws_secret_access_key = SKCFG\n", "[default]\naws_access_key_id = AK\n"),
    Scenario("credentials-file-security-token-first", None,
             "[default]\naws_access_key_id = AK\naws_secret_access_key = SK\n"
             "aws_session_token = SESSTOK\naws_security_token = SECTOK\n"),
    Scenario("credentials-file-account-id", None,
             "[default]\naws_access_key_id = AK\naws_secret_access_key = SK\n"
             "aws_account_id = 210987654321\n"),
    Scenario("credentials-file-empty-values", None,
             "[default]\naws_access_key_id =\naws_secret_access_key =\n"),
    # -- explicit Session keys --------------------------------------------------------------------
    Scenario("explicit-keys-beat-everything", DEV_CONFIG, DEV_CREDS, env=ENV_KEYS,
             args={"aws_access_key_id": "AKX", "aws_secret_access_key": "SKX"}),
    Scenario("explicit-keys-token-account", args={
        "aws_access_key_id": "AKX", "aws_secret_access_key": "SKX",
        "aws_session_token": "TOKX", "aws_account_id": "111122223333"}),
    Scenario("explicit-keys-with-missing-aws-profile", env={"AWS_PROFILE": "nope"},
             args={"aws_access_key_id": "AKX", "aws_secret_access_key": "SKX"}),
    Scenario("explicit-empty-pair-uses-chain", None, STATIC,
             args={"aws_access_key_id": "", "aws_secret_access_key": ""}),
    Scenario("explicit-key-with-empty-secret",
             args={"aws_access_key_id": "AKX", "aws_secret_access_key": ""}),
    Scenario("explicit-key-only", None, STATIC, args={"aws_access_key_id": "AKX"},
             differs={"construct": (("PartialCredentialsError",
                                     "Partial credentials found in explicit, missing: "
                                     "aws_secret_access_key"), PAIR_DIFF)}),
    Scenario("explicit-token-only", None, STATIC, args={"aws_session_token": "TOKX"},
             differs={"credentials": (("AKDEFAULT", "SKDEFAULT", None,
                                       "shared-credentials-file", None), LONE_TOKEN_DIFF)}),
    # -- legacy sources ---------------------------------------------------------------------------
    Scenario("ec2-credentials-file", env={"AWS_CREDENTIAL_FILE": "{tmp}/ec2-creds"},
             files={"ec2-creds": "# EC2 tools\nAWSAccessKeyId=AKEC2\nAWSSecretKey = SKEC2\n"}),
    Scenario("ec2-credentials-file-missing", env={"AWS_CREDENTIAL_FILE": "{tmp}/absent"}),
    Scenario("ec2-credentials-file-after-profile", None, STATIC,
             env={"AWS_CREDENTIAL_FILE": "{tmp}/ec2-creds"},
             files={"ec2-creds": "AWSAccessKeyId=AKEC2\nAWSSecretKey=SKEC2\n"}),
    Scenario("boto-config", env={"BOTO_CONFIG": "{tmp}/boto.cfg"},
             files={"boto.cfg": "[Credentials]\naws_access_key_id = AKBOTO\n"
                                "aws_secret_access_key = SKBOTO\n"}),
    Scenario("boto-config-without-credentials", env={"BOTO_CONFIG": "{tmp}/boto.cfg"},
             files={"boto.cfg": "[Boto]\ndebug = 0\n"}),
    # -- region -----------------------------------------------------------------------------------
    Scenario("region-from-profile", DEV_CONFIG),
    Scenario("aws-default-region-beats-profile", DEV_CONFIG, env={"AWS_DEFAULT_REGION": "ca-central-1"}),
    Scenario("region-argument-beats-env", DEV_CONFIG, env={"AWS_DEFAULT_REGION": "ca-central-1"},
             args={"region_name": "ap-northeast-1"}),
    Scenario("aws-region-only", DEV_CONFIG, env={"AWS_REGION": "eu-central-1"},
             differs={"region_name": ("eu-central-1", AWS_REGION_DIFF),
                      "setting:region": ("eu-central-1", AWS_REGION_DIFF)}),
    Scenario("aws-region-and-default-region", None,
             env={"AWS_REGION": "eu-central-1", "AWS_DEFAULT_REGION": "eu-north-1"},
             differs={"region_name": ("eu-central-1", AWS_REGION_DIFF),
                      "setting:region": ("eu-central-1", AWS_REGION_DIFF)}),
    Scenario("region-in-credentials-file", None, "[default]\nregion = me-south-1\n"),
    Scenario("region-credentials-file-wins-per-key", "[default]\nregion = us-west-1\n",
             "[default]\nregion = us-west-2\n"),
    Scenario("empty-region-argument", DEV_CONFIG, args={"region_name": ""}),
    # -- settings ---------------------------------------------------------------------------------
    Scenario("nested-s3-settings",
             "[default]\ns3 =\n    addressing_style = path\n    use_accelerate_endpoint = true\n"
             "    payload_signing_enabled = false\nregion = us-east-1\n"),
    Scenario("s3-alternate-keys-and-env",
             "[default]\ns3_use_arn_region = true\n",
             env={"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "regional"}),
    Scenario("retry-settings-in-profile", "[default]\nretry_mode = standard\nmax_attempts = 7\n"),
    Scenario("retry-settings-env-beat-profile", "[default]\nretry_mode = standard\nmax_attempts = 7\n",
             env={"AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "2"}),
    Scenario("misc-settings",
             "[default]\nsts_regional_endpoints = legacy\nuse_fips_endpoint = true\n"
             "use_dualstack_endpoint = TRUE\nparameter_validation = false\n"
             "endpoint_discovery_enabled = true\ntcp_keepalive = true\nca_bundle = /tmp/ca.pem\n"
             "request_checksum_calculation = when_required\n"
             "response_checksum_validation = when_required\n"
             "account_id_endpoint_mode = disabled\n"),
    Scenario("api-versions-nested", "[default]\napi_versions =\n    ec2 = 2015-03-01\n"),
    # -- endpoint URLs ----------------------------------------------------------------------------
    Scenario("endpoint-url-in-profile", "[default]\nendpoint_url = https://profile.example\n",
             endpoints=("s3", "dynamodb")),
    Scenario("endpoint-url-env-global", "[default]\nendpoint_url = https://profile.example\n",
             env={"AWS_ENDPOINT_URL": "https://env.example"}, endpoints=("s3",)),
    Scenario("endpoint-url-env-service-specific", None,
             env={"AWS_ENDPOINT_URL": "https://env.example",
                  "AWS_ENDPOINT_URL_DYNAMODB": "https://ddb.example"},
             endpoints=("dynamodb", "sqs")),
    Scenario("endpoint-url-services-section",
             "[default]\nservices = local\nendpoint_url = https://fallback.example\n\n"
             "[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n"
             "elastic_load_balancing_v2 =\n  endpoint_url = http://localhost:8001\n",
             endpoints=("dynamodb", "elbv2", "s3")),
    Scenario("endpoint-urls-ignored", "[default]\nendpoint_url = https://profile.example\n"
             "ignore_configured_endpoint_urls = true\n",
             env={"AWS_ENDPOINT_URL_S3": "https://s3.example"}, endpoints=("s3",)),
    # -- file syntax ------------------------------------------------------------------------------
    Scenario("comments-and-blank-lines",
             "# leading comment\n; another\n\n[default]\n# inside\nregion=us-east-2\n\n"
             "   ; indented comment\n[profile dev]\nregion   =    eu-west-3   \n",
             "\n# creds\n[default]\naws_access_key_id=AK\n  # indented\naws_secret_access_key = SK\n",
             args={"profile_name": "dev"}),
    Scenario("inline-hash-is-part-of-value", "[default]\nregion = us-west-2 # not a comment\n"),
    Scenario("quoted-and-spaced-profile-names",
             '[profile "my team"]\nregion = eu-south-1\n[profile   spaced  ]\nregion = eu-south-2\n',
             args={"profile_name": "my team"}),
    Scenario("profile-default-section-forms",
             "[default]\nregion = us-east-1\n[profile default]\nregion = us-west-1\n"),
    Scenario("crlf-line-endings", "[default]\r\nregion = af-south-1\r\nretry_mode = standard\r\n",
             "[default]\r\naws_access_key_id = AKCRLF\r\naws_secret_access_key = SKCRLF\r\n"),
    Scenario("upper-case-keys-and-colon", "[default]\nRegion: ap-southeast-2\nRETRY_MODE = adaptive\n"),
    Scenario("default-section-inheritance",
             "[DEFAULT]\nretry_mode = standard\n[default]\nregion = us-east-1\n"
             "[profile dev]\nregion = eu-west-1\n", args={"profile_name": "dev"}),
    Scenario("continuation-lines", "[default]\nregion = us-west-2\nca_bundle = /a\n  /b\n"),
    Scenario("defaults-mode-standard", "[default]\ndefaults_mode = standard\n", differs={
        "setting:retry_mode": ("standard", DEFAULTS_MODE_DIFF),
        "setting:s3": ({"us_east_1_regional_endpoint": "regional"}, DEFAULTS_MODE_DIFF)}),
    Scenario("config-file-path-with-tilde", None, None,
             env={"AWS_CONFIG_FILE": "~/custom-config"},
             files={"custom-config": "[default]\nregion = eu-west-2\n"}),
    Scenario("credentials-file-env-empty", DEV_CONFIG, None,
             env={"AWS_SHARED_CREDENTIALS_FILE": ""}),
    Scenario("profile-only-in-credentials-file-via-aws-profile", None,
             "[ops]\naws_access_key_id = AKOPS\naws_secret_access_key = SKOPS\n",
             env={"AWS_PROFILE": "ops"}),
    Scenario("web-identity-env-empty-is-not-configured", None, STATIC,
             env={"AWS_WEB_IDENTITY_TOKEN_FILE": ""}),
)
