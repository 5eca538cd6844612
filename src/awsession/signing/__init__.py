"""Request signing (L1, pure): SigV4 header and query signing, S3 SigV2, presigned POST, bearer.

Every function takes the time as an argument and returns new values; nothing reads the clock or
does I/O. Choose the signer with :func:`awsession.signing.auth.choose_auth`, then call the function
for its scheme: ``v4``/``s3v4`` -> :func:`sigv4.sign_request`; ``v4-query``/``s3v4-query`` ->
:func:`presign.presign_url_v4`; ``s3-query`` -> :func:`presign.presign_url_s3v2`; ``s3`` ->
:func:`hmacv1.sign_request_s3v2`; ``s3v4-presign-post``/``s3-presign-post`` ->
:func:`post.presigned_post_v4`/:func:`post.presigned_post_s3v2`; ``bearer`` ->
:func:`bearer.sign_bearer`; ``none`` -> send as is.
"""
