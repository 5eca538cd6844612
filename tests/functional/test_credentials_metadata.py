"""Container and IMDS credentials from a fake metadata server on 127.0.0.1, both SDKs alike."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.functional._moto import MotoProcess

CREDS = {"Code": "Success", "AccessKeyId": "AKMETADATAEXAMPLE", "SecretAccessKey": "md-secret",
         "Token": "md-token", "Expiration": "2999-01-01T00:00:00Z"}


class FakeMetadata(ThreadingHTTPServer):
    """IMDS (token + role + credentials) and a container endpoint; records what it was asked."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.token_status = 200
        self.container_failures = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeMetadata

    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: str = "") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> None:
        self.server.requests.append((self.command, self.path, dict(self.headers)))

    def do_PUT(self) -> None:
        self._record()
        if self.path == "/latest/api/token" and self.server.token_status == 200:
            self._reply(200, "imds-token")
        else:
            self._reply(self.server.token_status)

    def do_GET(self) -> None:
        self._record()
        if self.path == "/latest/meta-data/iam/security-credentials/":
            self._reply(200, "web-role")
        elif self.path == "/latest/meta-data/iam/security-credentials/web-role":
            self._reply(200, json.dumps(CREDS))
        elif self.path == "/container/creds":
            if self.server.container_failures:
                self.server.container_failures -= 1
                self._reply(503, "busy")
            else:
                self._reply(200, json.dumps({k: v for k, v in CREDS.items() if k != "Code"}))
        else:
            self._reply(404)


@pytest.fixture
def metadata(moto: MotoProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMetadata]:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    server = FakeMetadata()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _frozen(sdk: ModuleType) -> tuple[str, str, str | None, str]:
    credentials = sdk.Session().get_credentials()
    frozen = credentials.get_frozen_credentials()
    return frozen.access_key, frozen.secret_key, frozen.token, credentials.method


def test_imdsv2(sdk: ModuleType, metadata: FakeMetadata, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "false")
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.url)
    assert _frozen(sdk) == ("AKMETADATAEXAMPLE", "md-secret", "md-token", "iam-role")
    put, role, creds = metadata.requests
    assert put[:2] == ("PUT", "/latest/api/token")
    assert put[2]["x-aws-ec2-metadata-token-ttl-seconds"] == "21600"
    assert role[2]["x-aws-ec2-metadata-token"] == "imds-token"
    assert creds[1] == "/latest/meta-data/iam/security-credentials/web-role"
    sts = sdk.Session().client("sts")
    assert sts.get_caller_identity()["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_imdsv1_fallback(sdk: ModuleType, metadata: FakeMetadata,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "false")
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.url + "/")
    metadata.token_status = 403
    assert _frozen(sdk)[0] == "AKMETADATAEXAMPLE"
    assert all("x-aws-ec2-metadata-token" not in headers
               for _, _, headers in metadata.requests[1:])


def test_imds_disabled_by_default_in_tests(sdk: ModuleType, metadata: FakeMetadata,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.url)
    assert sdk.Session().get_credentials() is None
    assert metadata.requests == []


def test_container_full_uri_with_token_file(sdk: ModuleType, metadata: FakeMetadata,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("Bearer from-file")
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", metadata.url + "/container/creds")
    monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", str(token))
    monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer from-env")
    assert _frozen(sdk) == ("AKMETADATAEXAMPLE", "md-secret", "md-token", "container-role")
    ((method, path, headers),) = metadata.requests
    assert (method, path) == ("GET", "/container/creds")
    assert headers["Authorization"] == "Bearer from-file"
    assert headers["Accept"] == "application/json"


def test_container_retries_a_failing_endpoint(sdk: ModuleType, metadata: FakeMetadata,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", metadata.url + "/container/creds")
    metadata.container_failures = 1
    assert _frozen(sdk)[0] == "AKMETADATAEXAMPLE"
    assert len(metadata.requests) == 2


def test_container_refuses_other_hosts(sdk: ModuleType, metadata: FakeMetadata,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.1/creds")
    with pytest.raises(ValueError, match=r"Unsupported host '192\.0\.2\.1'"):
        sdk.Session().get_credentials()
