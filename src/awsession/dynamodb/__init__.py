"""DynamoDB helpers matching ``boto3.dynamodb``: conditions, type (de)serialization, batch writes.

``from awsession.dynamodb.conditions import Key, Attr`` works as boto3's import does.
"""
