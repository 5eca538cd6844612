"""Scenarios for services other than S3, written once and run with boto3 and with awsession.

Every scenario cleans up what it made (or filters its reads to what it made), so it can run twice
on one server (the signing pass does). Errors are recorded, not raised: they are compared too.
"""

from __future__ import annotations

from typing import Any

from tests.functional._scenarios_normalize import Recorder

AMI = "ami-12c6146b"  # one of moto's built-in images (moto does not validate AMIs by default)


def ec2(rec: Recorder, tmp: Any) -> None:
    ec2 = rec.client("ec2")
    rec.call("dry run", ec2.run_instances, ImageId=AMI, MinCount=1, MaxCount=1, DryRun=True)
    run = rec.call("run", ec2.run_instances, ImageId=AMI, MinCount=2, MaxCount=2,
                   InstanceType="t2.micro",
                   TagSpecifications=[{"ResourceType": "instance",
                                       "Tags": [{"Key": "Name", "Value": "parity"}]}])
    ids = [i["InstanceId"] for i in run["Instances"]]
    rec.call("describe", ec2.describe_instances, InstanceIds=ids)
    rec.call("describe filtered", ec2.describe_instances,
             Filters=[{"Name": "instance-id", "Values": ids[:1]},
                      {"Name": "tag:Name", "Values": ["parity"]}])
    rec.call("create tags", ec2.create_tags, Resources=ids,
             Tags=[{"Key": "team", "Value": "core"}, {"Key": "empty", "Value": ""}])
    rec.call("describe tags", ec2.describe_tags,
             Filters=[{"Name": "resource-id", "Values": ids}])
    rec.call("delete tags", ec2.delete_tags, Resources=ids, Tags=[{"Key": "team"}])
    rec.call("describe missing", ec2.describe_instances, InstanceIds=["i-0123456789abcdef0"])
    rec.call("regions", ec2.describe_regions, RegionNames=["us-east-1", "eu-west-1"])
    rec.call("bad region name", ec2.describe_regions, RegionNames=["xx-nowhere-1"])
    group = rec.call("create sg", ec2.create_security_group, GroupName="parity-sg",
                     Description="parity group")
    group_id = group["GroupId"]
    rec.call("duplicate sg", ec2.create_security_group, GroupName="parity-sg",
             Description="again")
    rec.call("authorize", ec2.authorize_security_group_ingress, GroupId=group_id,
             IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                             "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "inside"}]}])
    rec.call("describe sg", ec2.describe_security_groups, GroupIds=[group_id])
    rec.call("delete sg", ec2.delete_security_group, GroupId=group_id)
    rec.call("terminate", ec2.terminate_instances, InstanceIds=ids)
    rec.call("terminate missing", ec2.terminate_instances, InstanceIds=["i-0123456789abcdef0"])


def sts_and_iam(rec: Recorder, tmp: Any) -> None:
    rec.call("caller", rec.client("sts").get_caller_identity)
    iam = rec.client("iam")
    rec.call("create user", iam.create_user, UserName="parity-user", Path="/team/",
             Tags=[{"Key": "k", "Value": "v"}])
    rec.call("create user again", iam.create_user, UserName="parity-user")
    rec.call("get user", iam.get_user, UserName="parity-user")
    rec.call("get missing", iam.get_user, UserName="parity-nobody")
    rec.call("list users", iam.list_users, PathPrefix="/team/")
    key = rec.call("create key", iam.create_access_key, UserName="parity-user")
    key_id = key["AccessKey"]["AccessKeyId"]
    rec.call("list keys", iam.list_access_keys, UserName="parity-user")
    rec.call("deactivate", iam.update_access_key, UserName="parity-user", AccessKeyId=key_id,
             Status="Inactive")
    rec.call("last used", iam.get_access_key_last_used, AccessKeyId=key_id)
    rec.call("delete key", iam.delete_access_key, UserName="parity-user", AccessKeyId=key_id)
    rec.call("delete user", iam.delete_user, UserName="parity-user")
    rec.call("list after", iam.list_users, PathPrefix="/team/")


def dynamodb(rec: Recorder, tmp: Any) -> None:
    ddb = rec.client("dynamodb")
    table = "parity-table"
    rec.call("create", ddb.create_table, TableName=table, BillingMode="PAY_PER_REQUEST",
             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                   {"AttributeName": "sk", "AttributeType": "N"}],
             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "sk", "KeyType": "RANGE"}])
    rec.call("describe", ddb.describe_table, TableName=table)
    for i in range(3):
        rec.call(f"put {i}", ddb.put_item, TableName=table, Item={
            "pk": {"S": "user"}, "sk": {"N": str(i)}, "blob": {"B": bytes([i, 255])},
            "tags": {"SS": ["a", "b"]}, "nested": {"M": {"n": {"N": "1.50"}, "ok": {"BOOL": True},
                                                         "nothing": {"NULL": True}}},
            "list": {"L": [{"S": "x"}, {"N": "2"}]}})
    rec.call("get", ddb.get_item, TableName=table, Key={"pk": {"S": "user"}, "sk": {"N": "1"}})
    rec.call("get absent", ddb.get_item, TableName=table,
             Key={"pk": {"S": "user"}, "sk": {"N": "9"}})
    rec.call("update", ddb.update_item, TableName=table,
             Key={"pk": {"S": "user"}, "sk": {"N": "1"}},
             UpdateExpression="SET #c = if_not_exists(#c, :zero) + :one",
             ExpressionAttributeNames={"#c": "count"},
             ExpressionAttributeValues={":zero": {"N": "0"}, ":one": {"N": "1"}},
             ReturnValues="ALL_NEW")
    rec.call("query", ddb.query, TableName=table, KeyConditionExpression="pk = :p AND sk > :s",
             ExpressionAttributeValues={":p": {"S": "user"}, ":s": {"N": "0"}},
             ScanIndexForward=False)
    rec.call("scan page", ddb.scan, TableName=table, Limit=2)
    rec.call("conditional put", ddb.put_item, TableName=table,
             Item={"pk": {"S": "user"}, "sk": {"N": "0"}},
             ConditionExpression="attribute_not_exists(pk)",
             ReturnValuesOnConditionCheckFailure="ALL_OLD")
    try:
        ddb.put_item(TableName=table, Item={"pk": {"S": "user"}, "sk": {"N": "0"}},
                     ConditionExpression="attribute_not_exists(pk)")
    except ddb.exceptions.ConditionalCheckFailedException as error:
        rec.record("caught conditional", {"class": type(error).__name__,
                                          "code": error.response["Error"]["Code"],
                                          "message": error.response["Error"]["Message"]})
    rec.call("validation error", ddb.query, TableName=table, KeyConditionExpression="nope = :p",
             ExpressionAttributeValues={":p": {"S": "user"}})
    rec.call("missing table", ddb.describe_table, TableName="parity-missing")
    rec.call("delete", ddb.delete_table, TableName=table)
    rec.call("list", ddb.list_tables)


def sqs(rec: Recorder, tmp: Any) -> None:
    sqs = rec.client("sqs")
    created = rec.call("create", sqs.create_queue, QueueName="parity-queue",
                       Attributes={"VisibilityTimeout": "40"}, tags={"team": "core"})
    url = created["QueueUrl"]
    rec.call("url", sqs.get_queue_url, QueueName="parity-queue")
    rec.call("url missing", sqs.get_queue_url, QueueName="parity-nothing")
    try:
        sqs.get_queue_url(QueueName="parity-nothing")
    except sqs.exceptions.QueueDoesNotExist as error:
        rec.record("caught missing", {"class": type(error).__name__,
                                      "code": error.response["Error"]["Code"]})
    rec.call("list", sqs.list_queues, QueueNamePrefix="parity")
    rec.call("send", sqs.send_message, QueueUrl=url, MessageBody="hello <&> ü",
             MessageAttributes={"colour": {"DataType": "String", "StringValue": "blue"},
                                "raw": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}})
    rec.call("send batch", sqs.send_message_batch, QueueUrl=url, Entries=[
        {"Id": "one", "MessageBody": "first"}, {"Id": "two", "MessageBody": "second"}])
    received = rec.call("receive", sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=10,
                        MessageAttributeNames=["All"], AttributeNames=["SenderId"])
    for message in (received or {}).get("Messages", []):
        rec.call("delete message", sqs.delete_message, QueueUrl=url,
                 ReceiptHandle=message["ReceiptHandle"])
    rec.call("attributes", sqs.get_queue_attributes, QueueUrl=url,
             AttributeNames=["VisibilityTimeout", "DelaySeconds", "QueueArn"])
    rec.call("bad attribute", sqs.set_queue_attributes, QueueUrl=url,
             Attributes={"NoSuchAttribute": "1"})
    rec.call("tags", sqs.list_queue_tags, QueueUrl=url)
    rec.call("delete", sqs.delete_queue, QueueUrl=url)


def sns(rec: Recorder, tmp: Any) -> None:
    sns = rec.client("sns")
    topic = rec.call("create", sns.create_topic, Name="parity-topic",
                     Attributes={"DisplayName": "Parity"}, Tags=[{"Key": "k", "Value": "v"}])
    arn = topic["TopicArn"]
    rec.call("list", sns.list_topics)
    rec.call("attributes", sns.get_topic_attributes, TopicArn=arn)
    rec.call("missing", sns.get_topic_attributes,
             TopicArn="arn:aws:sns:us-east-1:123456789012:parity-none")
    rec.call("publish", sns.publish, TopicArn=arn, Message="hi", Subject="s",
             MessageAttributes={"n": {"DataType": "Number", "StringValue": "7"}})
    sub = rec.call("subscribe", sns.subscribe, TopicArn=arn, Protocol="http",
                   Endpoint="http://127.0.0.1:9/never", ReturnSubscriptionArn=True)
    rec.call("subscriptions", sns.list_subscriptions_by_topic, TopicArn=arn)
    rec.call("unsubscribe", sns.unsubscribe, SubscriptionArn=sub["SubscriptionArn"])
    rec.call("delete", sns.delete_topic, TopicArn=arn)


def kms(rec: Recorder, tmp: Any) -> None:
    kms = rec.client("kms")
    key = rec.call("create", kms.create_key, Description="parity key",
                   Tags=[{"TagKey": "k", "TagValue": "v"}])
    key_id = key["KeyMetadata"]["KeyId"]
    rec.call("describe", kms.describe_key, KeyId=key_id)
    rec.call("alias", kms.create_alias, AliasName="alias/parity", TargetKeyId=key_id)
    secret = rec.call("encrypt", kms.encrypt, KeyId="alias/parity", Plaintext=b"secret \x00 bytes",
                      EncryptionContext={"purpose": "test"})
    rec.call("decrypt", kms.decrypt, CiphertextBlob=secret["CiphertextBlob"],
             EncryptionContext={"purpose": "test"})
    rec.call("decrypt garbage", kms.decrypt, CiphertextBlob=b"not a ciphertext at all")
    data_key = rec.call("data key", kms.generate_data_key, KeyId=key_id, KeySpec="AES_256")
    rec.record("data key plaintext", len(data_key.pop("Plaintext")))
    rec.call("describe missing", kms.describe_key, KeyId="00000000-0000-0000-0000-000000000000")
    rec.call("delete alias", kms.delete_alias, AliasName="alias/parity")
    rec.call("schedule deletion", kms.schedule_key_deletion, KeyId=key_id,
             PendingWindowInDays=7)


def secretsmanager(rec: Recorder, tmp: Any) -> None:
    sm = rec.client("secretsmanager")
    rec.call("create", sm.create_secret, Name="parity/secret", SecretString='{"a": 1}',
             Description="d")
    rec.call("create again", sm.create_secret, Name="parity/secret", SecretString="x")
    rec.call("get", sm.get_secret_value, SecretId="parity/secret")
    rec.call("put", sm.put_secret_value, SecretId="parity/secret", SecretBinary=b"\x00\xff")
    rec.call("get binary", sm.get_secret_value, SecretId="parity/secret")
    rec.call("describe", sm.describe_secret, SecretId="parity/secret")
    rec.call("list", sm.list_secrets, Filters=[{"Key": "name", "Values": ["parity/"]}])
    rec.call("missing", sm.get_secret_value, SecretId="parity/none")
    rec.call("delete", sm.delete_secret, SecretId="parity/secret",
             ForceDeleteWithoutRecovery=True)


def ssm(rec: Recorder, tmp: Any) -> None:
    ssm = rec.client("ssm")
    rec.call("put", ssm.put_parameter, Name="/parity/a", Value="one", Type="String")
    rec.call("put secure", ssm.put_parameter, Name="/parity/b", Value="two",
             Type="SecureString")
    rec.call("put list", ssm.put_parameter, Name="/parity/deep/c", Value="x,y",
             Type="StringList")
    rec.call("put again", ssm.put_parameter, Name="/parity/a", Value="uno", Type="String")
    rec.call("overwrite", ssm.put_parameter, Name="/parity/a", Value="uno", Type="String",
             Overwrite=True)
    rec.call("get", ssm.get_parameter, Name="/parity/a")
    rec.call("get decrypted", ssm.get_parameter, Name="/parity/b", WithDecryption=True)
    rec.call("get missing", ssm.get_parameter, Name="/parity/none")
    rec.call("get many", ssm.get_parameters, Names=["/parity/a", "/parity/none"])
    rec.call("by path", ssm.get_parameters_by_path, Path="/parity", Recursive=True)
    rec.call("history", ssm.get_parameter_history, Name="/parity/a")
    rec.call("delete many", ssm.delete_parameters,
             Names=["/parity/a", "/parity/b", "/parity/deep/c", "/parity/none"])


def lambda_(rec: Recorder, tmp: Any) -> None:
    lam = rec.client("lambda")
    rec.call("list", lam.list_functions)
    rec.call("get missing", lam.get_function, FunctionName="parity-none")
    rec.call("layers", lam.list_layers)


SCENARIOS = {
    "ec2": ec2,
    "sts_and_iam": sts_and_iam,
    "dynamodb": dynamodb,
    "sqs": sqs,
    "sns": sns,
    "kms": kms,
    "secretsmanager": secretsmanager,
    "ssm": ssm,
    "lambda": lambda_,
}
