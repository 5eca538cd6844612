"""The metrics the report shows, in order, with their units and the targets from issue 8.

Rules: a target is a bound on the ratio awsession / reference — an upper bound for costs (time,
bytes), a lower bound for throughput (``higher_is_better``). ``None`` means "reported, no target".
The reference SDK is boto3, except for the async rows (``reference="aiobotocore"``: awsession.aio
against aiobotocore). Overhead rows (``overhead.<op>``) are derived by the report: call time minus
the raw urllib3 floor.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["METRICS", "Metric", "passes"]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    """``s`` (seconds), ``B`` (bytes) or ``calls/s``."""
    target: float | None = None
    higher_is_better: bool = False
    reference: str = "boto3"
    """The SDK whose number fills the reference ("boto3") column and the ratio's denominator."""

    def target_text(self) -> str:
        if self.target is None:
            return ""
        if self.higher_is_better:
            return f">= {self.target:g}x"
        return f"<= 1/{round(1 / self.target):d}"


def passes(metric: Metric, ratio: float) -> bool | None:
    if metric.target is None:
        return None
    return ratio >= metric.target if metric.higher_is_better else ratio <= metric.target


def _per_call(op: str, label: str, *, call: float | None = None,
              overhead: float | None = None) -> list[Metric]:
    return [Metric(f"call.{op}", f"{label}: per call", "s", call),
            Metric(f"overhead.{op}", f"{label}: overhead over floor", "s", overhead)]


METRICS: tuple[Metric, ...] = (
    Metric("import", "import (fresh process)", "s", 1 / 5),
    Metric("first_client.s3", "first s3 client (fresh process)", "s", 1 / 5),
    Metric("first_client.ec2", "first ec2 client (fresh process)", "s", 1 / 5),
    Metric("first_client.dynamodb", "first dynamodb client (fresh process)", "s"),
    Metric("first_call.s3", "first s3 client + first head_object (fresh process)", "s"),
    *(Metric(f"first_client_rss.{s}", f"first {s} client: RSS growth incl. import (fresh process)", "B")
      for s in ("s3", "ec2", "dynamodb")),
    *(Metric(f"model.{s}", f"{s} model alone: load (fresh process)", "s") for s in ("s3", "ec2", "dynamodb")),
    *(Metric(f"model_rss.{s}", f"{s} model alone: RSS growth (fresh process)", "B")
      for s in ("s3", "ec2", "dynamodb")),
    Metric("warm_session", "new Session alone (warm)", "s"),
    Metric("warm_client.s3", "new Session + s3 client (warm)", "s", 1 / 300),
    Metric("warm_client.ec2", "new Session + ec2 client (warm)", "s", 1 / 300),
    Metric("warm_client.dynamodb", "new Session + dynamodb client (warm)", "s", 1 / 300),
    Metric("rss_per_client", "RSS per extra Session + s3 client", "B", 1 / 50),
    *_per_call("head_object", "s3 head_object", overhead=1 / 4),
    *_per_call("get_object", "s3 get_object 1 KiB", overhead=1 / 4),
    *_per_call("get_caller_identity", "sts get_caller_identity", overhead=1 / 4),
    *_per_call("get_item", "dynamodb get_item", overhead=1 / 4),
    *_per_call("list_buckets", "s3 list_buckets"),
    *_per_call("describe_instances", "ec2 describe_instances (50)", call=1 / 5),
    *_per_call("list_objects_v2", "s3 list_objects_v2 (1000 keys)", call=1 / 10),
    Metric("threads.head_object", "head_object, 8 threads, one client", "calls/s", 3.0,
           higher_is_better=True),
    Metric("async.head_object", "async head_object, 64 in flight, one client [vs aiobotocore]",
           "calls/s", 4.0, higher_is_better=True, reference="aiobotocore"),
    Metric("async.client", "new async Session + s3 client (warm) [vs aiobotocore]", "s",
           reference="aiobotocore"),
    Metric("parse.list_objects_v2", "parse only: ListObjectsV2 (1000 keys)", "s"),
    Metric("parse.describe_instances", "parse only: DescribeInstances (50)", "s"),
    Metric("sign.sigv4", "SigV4 signing, per request", "s"),
    Metric("endpoint.cached", "endpoint rule set, per call (cached params)", "s"),
    Metric("endpoint.uncached", "endpoint rule set, per call (new bucket each call)", "s"),
)
