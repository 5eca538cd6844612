"""The brief's walk-through, step by step: default session, custom session, named profiles.

Rules:

1. Each step prints the brief's code it runs (``>>>`` lines), runs it with ``awsession`` exactly as
   written apart from the import, then prints what came back and where each credential and region
   came from (``Credentials.method``, ``Session.config_source``).
2. Secrets are printed masked only (``output.mask``).
3. A step that sees something wrong raises :class:`DemoFailure` with a one-line reason.
4. Every client a step makes is registered with :meth:`Demo.track`, so ``main`` can close the
   connection pools before it stops the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .output import Printer, mask
from .profiles import CUSTOM_KEYS, DEFAULT_ACCOUNT, PROD_ACCOUNT

__all__ = ["Demo", "DemoFailure", "ProfileRun", "custom_session", "default_session",
           "named_profiles"]

DEFAULT_BUCKET = "awsession-demo-default"
SYDNEY_BUCKET = "awsession-demo-sydney"
IMAGE_ID = "ami-12c6146b"
"""An AMI id from moto's built-in catalogue (moto does not validate image ids by default)."""


class DemoFailure(RuntimeError):
    """A step saw something other than what the brief promises."""


class Demo:
    """What the steps share: where to print, the local endpoint, and the clients to close."""

    def __init__(self, printer: Printer, endpoint_url: str) -> None:
        self.out = printer
        self.endpoint_url = endpoint_url
        self._clients: list[Any] = []

    def track(self, client: Any) -> Any:
        self._clients.append(client)
        return client

    def close_clients(self) -> None:
        clients, self._clients = self._clients, []
        for client in clients:
            client.close()

    def provenance(self, session: Any) -> None:
        """Print where ``session``'s credentials and region came from."""
        credentials = session.get_credentials()
        if credentials is None:
            raise DemoFailure("the session found no credentials")
        region = session.config_source("region")
        self.out.value("credentials from", credentials.method)
        self.out.value("access key", mask(credentials.access_key))
        self.out.value("secret key", mask(credentials.secret_key))
        self.out.value("region", f"{region.value}  (from {region.source})")


def _location(region: str) -> dict[str, Any]:
    """``CreateBucket`` arguments for ``region`` (us-east-1 takes no location constraint)."""
    if region == "us-east-1":
        return {}
    return {"CreateBucketConfiguration": {"LocationConstraint": region}}


def default_session(demo: Demo) -> Any:
    """Step 1: ``awsession.client('s3')`` with no session: the default session does the work."""
    import awsession

    out = demo.out
    out.section(1, "Default session (automatic)",
                "\"Boto3 automatically creates a default session\" -- boto3.client('s3')")
    demo.track(awsession.client("s3")).create_bucket(Bucket=DEFAULT_BUCKET)
    out.note(f"created bucket {DEFAULT_BUCKET} first, so there is something to list")
    out.code(["s3 = awsession.client('s3')", "buckets = s3.list_buckets()",
              "for bucket in buckets['Buckets']:", "    print(bucket['Name'])"])
    s3 = demo.track(awsession.client("s3"))
    buckets = s3.list_buckets()
    names = [bucket["Name"] for bucket in buckets["Buckets"]]
    for name in names:
        out.item(name)
    if names != [DEFAULT_BUCKET]:
        raise DemoFailure(f"default session listed {names}, expected [{DEFAULT_BUCKET!r}]")
    session = awsession.DEFAULT_SESSION
    if session is None:
        raise DemoFailure("awsession.client() did not create awsession.DEFAULT_SESSION")
    out.value("session", f"awsession.DEFAULT_SESSION, made on first use: {session!r}")
    demo.provenance(session)
    out.value("endpoint", f"{s3.meta.endpoint_url}  "
                          f"(from {session.config_source('endpoint_url').source})")
    out.ok("no session created by hand; keys and region came from the profile files")
    return s3


def custom_session(demo: Demo) -> None:
    """Step 2: ``Session(aws_access_key_id=..., region_name='ap-southeast-2')`` made by hand."""
    import awsession
    from awsession.config import Config

    out = demo.out
    out.section(2, "Custom session (manual): explicit keys, Sydney region",
                "session = boto3.Session(aws_access_key_id=..., region_name='ap-southeast-2')")
    out.code(["session = awsession.Session(",
              f"    aws_access_key_id='{mask(CUSTOM_KEYS.access_key)}',",
              f"    aws_secret_access_key='{mask(CUSTOM_KEYS.secret_key)}',",
              "    region_name='ap-southeast-2'   # Sydney region", ")",
              "s3 = session.client('s3')", "buckets = s3.list_buckets()"])
    session = awsession.Session(aws_access_key_id=CUSTOM_KEYS.access_key,
                                aws_secret_access_key=CUSTOM_KEYS.secret_key,
                                region_name="ap-southeast-2")
    s3 = demo.track(session.client("s3"))
    s3.create_bucket(Bucket=SYDNEY_BUCKET, **_location("ap-southeast-2"))
    names = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
    for name in names:
        out.item(name)
    location = s3.get_bucket_location(Bucket=SYDNEY_BUCKET)["LocationConstraint"]
    demo.provenance(session)
    out.value("client region", s3.meta.region_name)
    out.value(f"{SYDNEY_BUCKET}", f"LocationConstraint = {location}")
    if s3.meta.region_name != "ap-southeast-2" or location != "ap-southeast-2":
        raise DemoFailure(f"custom session used region {s3.meta.region_name}, not ap-southeast-2")
    if SYDNEY_BUCKET not in names:
        raise DemoFailure(f"custom session did not list {SYDNEY_BUCKET}")
    out.note(f"these keys are unknown to moto, so they land in its default account "
             f"{DEFAULT_ACCOUNT}, which step 1 used too: both buckets are listed")

    out.code(["config = Config(retries={'max_attempts': 5, 'mode': 'standard'},",
              "                connect_timeout=2, read_timeout=10)",
              "tuned = session.client('s3', config=config)"])
    config = Config(retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=2,
                    read_timeout=10)
    tuned = demo.track(session.client("s3", config=config))
    meta = tuned.meta.config
    out.value("tuned client", f"retries={meta.retries}  connect_timeout={meta.connect_timeout}"
                              f"  read_timeout={meta.read_timeout}")
    tuned.head_bucket(Bucket=SYDNEY_BUCKET)
    out.ok("you define everything in code: credentials, region, retries and timeouts")


@dataclass(frozen=True)
class ProfileRun:
    """What one named profile did in step 3."""

    profile: str
    session: Any
    ec2: Any
    s3: Any
    account: str
    arn: str
    instance_id: str
    bucket: str
    buckets: tuple[str, ...]


def _run_profile(demo: Demo, profile: str) -> tuple[ProfileRun, list[str]]:
    import awsession

    session = awsession.Session(profile_name=profile)
    ec2 = demo.track(session.client("ec2"))
    sts = demo.track(session.client("sts"))
    s3 = demo.track(session.client("s3"))
    identity = sts.get_caller_identity()
    launched = ec2.run_instances(ImageId=IMAGE_ID, MinCount=1, MaxCount=1,
                                 InstanceType="t3.micro")["Instances"][0]
    described = [instance for reservation in ec2.describe_instances()["Reservations"]
                 for instance in reservation["Instances"]]
    bucket = f"awsession-demo-{profile}"
    region = str(session.region_name)
    s3.create_bucket(Bucket=bucket, **_location(region))
    buckets = tuple(b["Name"] for b in s3.list_buckets()["Buckets"])
    credentials = session.get_credentials()
    if credentials is None:
        raise DemoFailure(f"profile {profile} found no credentials")
    where = session.config_source("region")
    run = ProfileRun(profile, session, ec2, s3, identity["Account"], identity["Arn"],
                     launched["InstanceId"], bucket, buckets)
    column = [
        credentials.method, mask(credentials.access_key), mask(credentials.secret_key),
        mask(credentials.token), region, where.source, ec2.meta.endpoint_url, run.account,
        f"{run.instance_id} ({launched['State']['Name']})",
        ", ".join(f"{i['InstanceId']} ({i['State']['Name']})" for i in described),
        bucket, f"{len(buckets)} bucket{'s' if len(buckets) != 1 else ''}",
    ]
    return run, column


_ROW_LABELS = ("credentials from", "access key", "secret key", "session token", "region",
               "region from", "endpoint", "account (STS)", "EC2 run_instances",
               "EC2 describe_instances", "S3 create_bucket", "S3 list_buckets")


def named_profiles(demo: Demo) -> dict[str, ProfileRun]:
    """Step 3: ``Session(profile_name='dev-account')`` and ``'prod-account'``, side by side."""
    out = demo.out
    out.section(3, "Named profiles: two accounts side by side",
                "session_dev = boto3.Session(profile_name='dev-account'); "
                "session_prod = boto3.Session(profile_name='prod-account')")
    out.code(["session_dev = awsession.Session(profile_name='dev-account')",
              "ec2_dev = session_dev.client('ec2')",
              "session_prod = awsession.Session(profile_name='prod-account')",
              "ec2_prod = session_prod.client('ec2')"])
    runs: dict[str, ProfileRun] = {}
    columns: list[list[str]] = []
    for profile in ("dev-account", "prod-account"):
        run, column = _run_profile(demo, profile)
        runs[profile] = run
        columns.append(column)
    rows = [(label, tuple(column[i] for column in columns)) for i, label in enumerate(_ROW_LABELS)]
    out.columns(list(runs), rows)
    for run in runs.values():
        out.item(f"{run.profile}: caller {run.arn}")
        out.item(f"{run.profile}: list_buckets -> {', '.join(run.buckets)}")
    dev, prod = runs["dev-account"], runs["prod-account"]
    if (dev.account, prod.account) != (DEFAULT_ACCOUNT, PROD_ACCOUNT):
        raise DemoFailure(f"expected accounts {DEFAULT_ACCOUNT} and {PROD_ACCOUNT}, "
                          f"got {dev.account} and {prod.account}")
    if prod.buckets != (prod.bucket,) or dev.bucket in prod.buckets:
        raise DemoFailure(f"prod-account should see only its own bucket, saw {list(prod.buckets)}")
    out.ok(f"two accounts at once: dev-account is {dev.account}, prod-account is {prod.account}; "
           "each sees only its own instance and buckets")
    return runs
