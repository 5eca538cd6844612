"""boto3's resource layer: object-oriented views (``ec2.Instance``, ``s3.Bucket``) over a client.

``session.resource("s3")`` goes through :func:`awsession.resources.factory.create_resource`.
Classes are generated from boto3's ``resources-1.json`` once per process; see ``factory.py``.
"""
