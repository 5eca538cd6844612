"""Side-by-side benchmark of awsession against boto3: run it with ``python -m bench`` (see README.md).

This package file stays empty of imports: fresh-process children import ``bench.*`` modules and
must not pay for anything they do not use.
"""
