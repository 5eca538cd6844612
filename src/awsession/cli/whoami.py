"""``awsession whoami``: STS GetCallerIdentity for one profile or all of them, concurrently.

Rules:

1. One thread per profile (at most 16 at once); each builds its own Session and STS client, so a
   slow or broken profile never holds up the others. Rows come out in profile order.
2. The region is ``--region``, else the profile's, else ``us-east-1`` (STS answers everywhere).
3. A failing profile shows its error in one line in place of the ARN; the exit code is 1 if any
   profile failed. Credentials are never shown.
"""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from awsession.cli.context import Context
from awsession.cli.errors import CliError
from awsession.cli.tables import render_table

__all__ = ["Identity", "caller_identity", "run_whoami"]

_FALLBACK_REGION = "us-east-1"


@dataclass(frozen=True, slots=True)
class Identity:
    profile: str
    account: str | None = None
    arn: str | None = None
    error: str | None = None


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def caller_identity(profile: str, region: str | None, *, explicit: bool = True) -> Identity:
    """Who the credentials of ``profile`` belong to, or why that cannot be known.

    With ``explicit=False`` the profile is the environment's choice and the Session is made as
    ``Session()`` (so environment credentials count, as in any boto3 script).
    """
    from awsession.session import Session

    try:
        session = Session(profile_name=profile if explicit else None)
        client = session.client("sts", region_name=region or session.region_name
                                or _FALLBACK_REGION)
        answer = client.get_caller_identity()
    except Exception as error:  # any failure is this profile's row, not the command's end
        return Identity(profile, error=_one_line(error))
    return Identity(profile, str(answer.get("Account")), str(answer.get("Arn")))


def run_whoami(args: argparse.Namespace, ctx: Context) -> int:
    if args.all_profiles:
        profiles = ctx.files().profile_names
        if not profiles:
            raise CliError("no profiles are configured")
    else:
        profiles = [str(ctx.profile(args.profile).value)]
    explicit = bool(args.all_profiles or args.profile)
    with ThreadPoolExecutor(max_workers=min(16, len(profiles))) as pool:
        identities = list(pool.map(
            lambda name: caller_identity(name, args.region, explicit=explicit), profiles))
    if args.json:
        ctx.out(json.dumps([asdict(identity) for identity in identities], indent=2))
    else:
        rows = [(i.profile, i.account or "-", i.arn or "-" if i.error is None else f"error: {i.error}")
                for i in identities]
        ctx.out(render_table(("PROFILE", "ACCOUNT", "ARN"), rows))
    return 1 if any(identity.error for identity in identities) else 0
