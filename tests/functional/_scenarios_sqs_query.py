"""SQS over its old query protocol, forced through a model copy in an ``AWS_DATA_PATH`` folder.

SQS's current model speaks JSON only. :func:`write_query_model` writes a copy that says
``"protocol": "query"`` and puts back the XML names and flattening the query-era model had for the
operations the scenario uses (what moto's query handler expects), so both SDKs load it instead of
the installed one and moto answers in XML.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from tests.functional._scenarios_normalize import Recorder

_FLAT_MAPS = {  # map shape -> (location name, key name, value name)
    "QueueAttributeMap": ("Attribute", "Name", "Value"),
    "MessageSystemAttributeMap": ("Attribute", "Name", "Value"),
    "MessageBodyAttributeMap": ("MessageAttribute", "Name", "Value"),
    "TagMap": ("Tag", "Key", "Value"),
}
_FLAT_LISTS = {  # list shape -> member location name
    "AttributeNameList": "AttributeName",
    "MessageSystemAttributeList": "AttributeName",
    "MessageAttributeNameList": "MessageAttributeName",
    "QueueUrlList": "QueueUrl",
    "MessageList": "Message",
}


def write_query_model(root: Path) -> Path:
    """Write the query-protocol SQS model under ``root`` (an AWS_DATA_PATH entry); return root."""
    import botocore

    source = Path(botocore.__file__).parent / "data" / "sqs" / "2012-11-05" / "service-2.json.gz"
    model: dict[str, Any] = json.loads(gzip.decompress(source.read_bytes()))
    model["metadata"].update(protocol="query", protocols=["query"], xmlNamespace=
                             "http://queue.amazonaws.com/doc/2012-11-05/")
    model["metadata"].pop("awsQueryCompatible", None)
    shapes = model["shapes"]
    for name, (location, key, value) in _FLAT_MAPS.items():
        shape = shapes.get(name)
        if shape is not None:
            shape.update(flattened=True, locationName=location)
            shape["key"]["locationName"], shape["value"]["locationName"] = key, value
    for name, location in _FLAT_LISTS.items():
        shape = shapes.get(name)
        if shape is not None:
            shape["flattened"] = True
            shape["member"]["locationName"] = location
    for shape in shapes.values():  # member refs take the location name of their flattened shape
        for ref in shape.get("members", {}).values():
            target = ref["shape"]
            if target in _FLAT_MAPS:
                ref["locationName"] = _FLAT_MAPS[target][0]
            elif target in _FLAT_LISTS:
                ref["locationName"] = _FLAT_LISTS[target]
    shapes["QueueDoesNotExist"]["error"] = {
        "code": "AWS.SimpleQueueService.NonExistentQueue", "httpStatusCode": 400,
        "senderFault": True}
    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = f"{name}Result"
    folder = root / "sqs" / "2012-11-05"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    return root


def sqs_query(rec: Recorder, tmp: Any) -> None:
    sqs = rec.client("sqs")
    rec.record("protocol", sqs.meta.service_model.protocol)
    created = rec.call("create", sqs.create_queue, QueueName="parity-query",
                       Attributes={"VisibilityTimeout": "40", "DelaySeconds": "0"})
    url = created["QueueUrl"]
    rec.call("url", sqs.get_queue_url, QueueName="parity-query")
    rec.call("url missing", sqs.get_queue_url, QueueName="parity-nothing")
    try:
        sqs.get_queue_url(QueueName="parity-nothing")
    except sqs.exceptions.QueueDoesNotExist as error:
        rec.record("caught missing", {"class": type(error).__name__,
                                      "code": error.response["Error"]["Code"]})
    rec.call("list", sqs.list_queues, QueueNamePrefix="parity")
    rec.call("send", sqs.send_message, QueueUrl=url, MessageBody="hello <&> ü",
             MessageAttributes={"colour": {"DataType": "String", "StringValue": "blue"}})
    received = rec.call("receive", sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=10,
                        MessageAttributeNames=["All"], AttributeNames=["SenderId"])
    for message in (received or {}).get("Messages", []):
        rec.call("delete message", sqs.delete_message, QueueUrl=url,
                 ReceiptHandle=message["ReceiptHandle"])
    rec.call("attributes", sqs.get_queue_attributes, QueueUrl=url,
             AttributeNames=["VisibilityTimeout", "DelaySeconds"])
    rec.call("delete", sqs.delete_queue, QueueUrl=url)
