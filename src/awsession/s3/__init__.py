"""S3 managed transfers: boto3's ``upload_file``/``download_file``/``copy`` family.

``awsession.s3.transfer`` holds the public names (``TransferConfig``, ``S3Transfer``); the client,
Bucket and Object methods live in ``awsession.s3.inject``. Nothing is imported here so that
``import awsession.s3.inject`` (done when the first S3 client class is built) stays cheap.
"""
