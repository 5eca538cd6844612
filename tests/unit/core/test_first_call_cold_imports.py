"""The first call in a fresh interpreter imports neither ``dataclasses`` nor ``inspect``.

The value classes a call goes through (effects, HTTP requests and responses, retry outcomes,
signing decisions, serializer and parser plans) are hand-written ``__slots__`` classes, and the
idempotency-token helper imports ``uuid`` (which imports ``platform``) only when it makes a token.
A child process makes a client and one call of each protocol family against a local server here,
then reports which of those modules it imported.

The same holds when the keys come from the credential chain (``AWS_ACCESS_KEY_ID`` in the
environment, or a profile in the shared credentials file): the chain's values are not
dataclasses either, and the providers after the one that answers (IMDS, ``credential_process``
with its ``shlex``, ...) are never imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HEAVY = ("dataclasses", "inspect", "uuid", "platform")

_STS_BODY = (
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn>"
    b"<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
    b"<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, body: bytes, content_type: str, *, send_body: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amz-request-id", "r-1")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # S3 HeadObject
        self._answer(b"", "application/octet-stream", send_body=False)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("X-Amz-Target"):  # DynamoDB GetItem
            self._answer(b'{"Item": {"k": {"S": "v"}}}', "application/x-amz-json-1.0")
        else:  # STS GetCallerIdentity
            self._answer(_STS_BODY, "text/xml")

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_SCRIPT = """
import sys
import awsession
from awsession.config import Config
config = Config(s3={"addressing_style": "path"}, retries={"mode": "standard", "total_max_attempts": 1})
if CREDENTIALS == "explicit":
    client = awsession.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                               region_name="us-east-1").client(SERVICE, endpoint_url=ENDPOINT,
                                                               config=config)
else:
    client = awsession.client(SERVICE, region_name="us-east-1", endpoint_url=ENDPOINT, config=config)
if SERVICE == "s3":
    result = client.head_object(Bucket="bucket", Key="key")
elif SERVICE == "dynamodb":
    result = client.get_item(TableName="table", Key={"k": {"S": "v"}})
else:
    result = client.get_caller_identity()
assert result["ResponseMetadata"]["HTTPStatusCode"] == 200, result
if CREDENTIALS != "explicit":
    assert awsession.DEFAULT_SESSION.get_credentials().method == CREDENTIALS
print(repr(sorted(m for m in HEAVY if m in sys.modules)))
"""


def _first_call(service: str, endpoint: str, home: Path, credentials: str = "explicit",
                heavy: tuple[str, ...] = HEAVY) -> list[str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AWSESSION_CACHE_DIR": str(home / "cache"),
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
    }
    if credentials == "env":
        env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret")
    elif credentials == "shared-credentials-file":
        (home / "credentials").write_text(
            "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n")
    script = (f"HEAVY = {heavy!r}\nSERVICE = {service!r}\nENDPOINT = {endpoint!r}\n"
              f"CREDENTIALS = {credentials!r}\n{_SCRIPT}")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))  # type: ignore[no-any-return]


@pytest.mark.parametrize("service", ["s3", "dynamodb", "sts"])
def test_a_fresh_process_makes_its_first_call_without_dataclasses(service: str, endpoint: str,
                                                                   tmp_path: Path) -> None:
    _first_call(service, endpoint, tmp_path)  # fills the data cache
    assert _first_call(service, endpoint, tmp_path) == []


# Providers the chain never reaches when an earlier one answers, and what only they import.
_LATER_PROVIDERS = ("awsession.credentials.providers.process", "shlex",
                    "awsession.credentials.providers.container",
                    "awsession.credentials.providers.imds",
                    "awsession.credentials.providers.boto_config")


@pytest.mark.parametrize("credentials", ["env", "shared-credentials-file"])
def test_the_credential_chain_adds_no_dataclasses_and_no_later_providers(
        credentials: str, endpoint: str, tmp_path: Path) -> None:
    heavy = (*HEAVY, *_LATER_PROVIDERS)
    _first_call("s3", endpoint, tmp_path, credentials, heavy)  # fills the data cache
    assert _first_call("s3", endpoint, tmp_path, credentials, heavy) == []
