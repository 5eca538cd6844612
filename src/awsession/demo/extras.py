"""The walk-through's second half: a paginated listing, waiters and a presigned URL.

Rules:

1. Same as ``steps``: print the code, run it, check the result, raise ``DemoFailure`` otherwise.
2. Waiters use a one-second delay, so the demo stays quick even if moto needs a second poll.
3. The presigned URL is fetched with plain ``urllib`` (no SDK, no proxy) and printed with its
   signing parameters masked: a presigned URL is a bearer credential until it expires. A build
   without ``generate_presigned_url`` reports the step as skipped instead of failing.
"""

from __future__ import annotations

import time
from typing import Any

from .output import mask_query
from .server import no_proxy_opener
from .steps import DEFAULT_BUCKET, Demo, DemoFailure, ProfileRun

__all__ = ["PRESIGN_UNAVAILABLE", "paginate", "presign", "waiters"]

PRESIGN_UNAVAILABLE = "not available in this build"
OBJECT_COUNT = 25
PAGE_SIZE = 10
GREETING = b"Hello from awsession, served by the local AWS on 127.0.0.1\n"


def paginate(demo: Demo, s3: Any) -> None:
    """Step 4: 25 objects listed 10 at a time with ``get_paginator('list_objects_v2')``."""
    out = demo.out
    out.section(4, "Paginated listing",
                "API calls made through the session's clients (a paginator drives the page tokens)")
    for n in range(OBJECT_COUNT):
        s3.put_object(Bucket=DEFAULT_BUCKET, Key=f"reports/day-{n + 1:02d}.csv", Body=b"n,v\n")
    out.note(f"put {OBJECT_COUNT} objects under reports/ in {DEFAULT_BUCKET}")
    out.code(["paginator = s3.get_paginator('list_objects_v2')",
              f"pages = paginator.paginate(Bucket='{DEFAULT_BUCKET}', Prefix='reports/',",
              f"                           PaginationConfig={{'PageSize': {PAGE_SIZE}}})"])
    paginator = s3.get_paginator("list_objects_v2")
    pages = paginator.paginate(Bucket=DEFAULT_BUCKET, Prefix="reports/",
                               PaginationConfig={"PageSize": PAGE_SIZE})
    sizes: list[int] = []
    keys: list[str] = []
    for number, page in enumerate(pages, start=1):
        contents = page.get("Contents", [])
        sizes.append(len(contents))
        keys += [item["Key"] for item in contents]
        out.item(f"page {number}: {len(contents)} keys, {contents[0]['Key']} .. "
                 f"{contents[-1]['Key']}" if contents else f"page {number}: empty")
    if sizes != [10, 10, 5] or len(set(keys)) != OBJECT_COUNT:
        raise DemoFailure(f"expected pages of [10, 10, 5] distinct keys, got {sizes}")
    out.ok(f"{len(keys)} keys in {len(sizes)} pages; the paginator followed the continuation tokens")


def waiters(demo: Demo, s3: Any, dev: ProfileRun) -> None:
    """Step 5: ``instance_running`` on the dev instance and ``bucket_exists``, polling every 1 s."""
    out = demo.out
    out.section(5, "Waiters", "poll until a resource reaches a state (short WaiterConfig delay)")
    out.code(["ec2_dev.get_waiter('instance_running').wait(",
              f"    InstanceIds=['{dev.instance_id}'],",
              "    WaiterConfig={'Delay': 1, 'MaxAttempts': 10})",
              f"s3.get_waiter('bucket_exists').wait(Bucket='{DEFAULT_BUCKET}',",
              "    WaiterConfig={'Delay': 1, 'MaxAttempts': 10})"])
    config = {"Delay": 1, "MaxAttempts": 10}
    started = time.monotonic()
    dev.ec2.get_waiter("instance_running").wait(InstanceIds=[dev.instance_id], WaiterConfig=config)
    state = dev.ec2.describe_instances(InstanceIds=[dev.instance_id])[
        "Reservations"][0]["Instances"][0]["State"]["Name"]
    out.value("instance_running", f"{dev.instance_id} is {state} "
                                  f"after {time.monotonic() - started:.1f}s")
    if state != "running":
        raise DemoFailure(f"instance {dev.instance_id} is {state} after the waiter returned")
    started = time.monotonic()
    s3.get_waiter("bucket_exists").wait(Bucket=DEFAULT_BUCKET, WaiterConfig=config)
    out.value("bucket_exists", f"{DEFAULT_BUCKET} exists after {time.monotonic() - started:.1f}s")
    out.ok("both waiters returned once their resource reached the state")


def presign(demo: Demo, s3: Any) -> None:
    """Step 6: a presigned GET URL for an object, fetched with plain HTTP (urllib)."""
    out = demo.out
    out.section(6, "Presigned URL fetched with plain HTTP",
                "temporary access to an object without credentials on the client side")
    make_url = getattr(s3, "generate_presigned_url", None)
    if make_url is None:
        out.skip(PRESIGN_UNAVAILABLE)
        return
    key = "hello.txt"
    s3.put_object(Bucket=DEFAULT_BUCKET, Key=key, Body=GREETING)
    out.code(["url = s3.generate_presigned_url('get_object',",
              f"    Params={{'Bucket': '{DEFAULT_BUCKET}', 'Key': '{key}'}}, ExpiresIn=300)",
              "urllib.request.urlopen(url).read()"])
    url = make_url("get_object", Params={"Bucket": DEFAULT_BUCKET, "Key": key}, ExpiresIn=300)
    out.value("url (signing masked)", mask_query(url))
    with no_proxy_opener().open(url, timeout=10) as response:
        status, body = response.status, response.read()
    out.value("HTTP status", status)
    out.value("body", body.decode("utf-8", "replace").strip())
    if status != 200 or body != GREETING:
        raise DemoFailure(f"presigned GET returned HTTP {status} with an unexpected body")
    out.ok("plain urllib fetched the object: the signature travelled in the query string")

