"""The transport's TLS and proxy behaviour, boto3 and awsession side by side, loopback only.

A self-signed certificate for 127.0.0.1 (made with ``cryptography``) backs a tiny HTTPS server; a
tiny proxy on 127.0.0.1 answers absolute-URI requests itself and tunnels ``CONNECT``.
"""

from __future__ import annotations

import base64
import datetime
import importlib
import ipaddress
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional._faults import FaultServer, Reply, closed_port

pytestmark = [pytest.mark.functional, pytest.mark.timeout(60)]

STS_OK = (b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>a</Arn><UserId>U</UserId>"
          b"<Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>ok"
          b"</RequestId></ResponseMetadata></GetCallerIdentityResponse>")
HTTP_OK = (b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
           + str(len(STS_OK)).encode() + b"\r\n\r\n" + STS_OK)
SDKS = ["boto3", "awsession"]


def _self_signed(tmp: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def _read_request(conn: Any) -> tuple[str, dict[str, str]]:
    reader = conn.makefile("rb")
    line = reader.readline().decode("latin-1").strip()
    headers: dict[str, str] = {}
    while True:
        h = reader.readline().decode("latin-1").rstrip("\r\n")
        if not h:
            break
        k, _, v = h.partition(":")
        headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "0") or 0)
    if length:
        reader.read(length)
    return line, headers


class _Server:
    """Accepts connections on 127.0.0.1 and runs ``handle(conn)`` for each, in a thread."""

    def __init__(self, handle: Any, context: ssl.SSLContext | None = None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self._handle, self._context = handle, context
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            if self._context is not None:
                conn = self._context.wrap_socket(conn, server_side=True)
            self._handle(conn)
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def _answer_ok(conn: Any) -> None:
    _read_request(conn)
    conn.sendall(HTTP_OK)


class _Proxy:
    """Answers absolute-URI requests itself; tunnels CONNECT to the named loopback port."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = _Server(self._handle)
        self.port = self.server.port

    def _handle(self, conn: Any) -> None:
        line, headers = _read_request(conn)
        self.requests.append((line, headers))
        if not line.startswith("CONNECT "):
            conn.sendall(HTTP_OK)
            return
        host, _, port = line.split()[1].rpartition(":")
        assert host == "127.0.0.1"
        upstream = socket.create_connection(("127.0.0.1", int(port)))
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")

        def pipe(src: socket.socket, dst: socket.socket) -> None:
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                dst.close()

        threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
        pipe(conn, upstream)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[_Server, str, str]]:
    cert, key = _self_signed(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = _Server(_answer_ok, context)
    yield server, cert, key
    server.close()


@pytest.fixture
def proxy() -> Iterator[_Proxy]:
    p = _Proxy()
    yield p
    p.server.close()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("AWS_") or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setattr(time, "sleep", lambda s: None)


def _client(sdk: str, url: str, verify: Any = None, **config: Any) -> Any:
    if sdk == "boto3":
        from botocore.config import Config
    else:
        from awsession.config.client_config import Config
    module = importlib.import_module(sdk)
    session = module.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                             region_name="us-east-1")
    config.setdefault("retries", {"total_max_attempts": 1})
    return session.client("sts", endpoint_url=url, verify=verify, config=Config(**config))


def _outcome(client: Any, url: str) -> tuple[str, str]:
    try:
        client.get_caller_identity()
    except Exception as e:
        return type(e).__name__, str(e).replace(url, "<url>")
    return "ok", ""


@pytest.mark.parametrize("sdk", SDKS)
def test_self_signed_server_fails_default_verification(sdk: str, tls: Any) -> None:
    server, _, _ = tls
    url = f"https://127.0.0.1:{server.port}"
    kind, message = _outcome(_client(sdk, url), url)
    assert kind == "SSLError"
    assert message.startswith("SSL validation failed for <url>/ ")
    assert "CERTIFICATE_VERIFY_FAILED" in message


@pytest.mark.parametrize("sdk", SDKS)
def test_ca_bundle_and_verify_false_succeed(sdk: str, tls: Any) -> None:
    server, cert, _ = tls
    url = f"https://127.0.0.1:{server.port}"
    assert _outcome(_client(sdk, url, verify=cert), url) == ("ok", "")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert _outcome(_client(sdk, url, verify=False), url) == ("ok", "")
    assert any("Unverified HTTPS request" in str(w.message) for w in seen)


@pytest.mark.parametrize("sdk", SDKS)
def test_missing_ca_bundle_is_an_ssl_error(sdk: str, tls: Any, tmp_path: Path) -> None:
    server, _, _ = tls
    url = f"https://127.0.0.1:{server.port}"
    kind, _ = _outcome(_client(sdk, url, verify=str(tmp_path / "missing.pem")), url)
    assert kind == "SSLError"


@pytest.mark.parametrize("sdk", SDKS)
def test_configured_http_proxy_gets_absolute_url_and_basic_auth(sdk: str, proxy: _Proxy) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    proxies = {"http": f"user:p%40ss@127.0.0.1:{proxy.port}"}  # no scheme: http:// is assumed
    assert _outcome(_client(sdk, url, proxies=proxies), url) == ("ok", "")
    line, headers = proxy.requests[0]
    assert line == f"POST {url}/ HTTP/1.1"
    assert headers["proxy-authorization"] == "Basic " + base64.b64encode(b"user:p@ss").decode()


@pytest.mark.parametrize("sdk", SDKS)
def test_https_through_connect_tunnel(sdk: str, proxy: _Proxy, tls: Any) -> None:
    server, cert, _ = tls
    url = f"https://127.0.0.1:{server.port}"
    proxies = {"https": f"http://127.0.0.1:{proxy.port}"}
    assert _outcome(_client(sdk, url, verify=cert, proxies=proxies), url) == ("ok", "")
    assert proxy.requests[0][0].startswith(f"CONNECT 127.0.0.1:{server.port} HTTP/1.")


@pytest.mark.parametrize("sdk", SDKS)
def test_environment_proxy_and_no_proxy(sdk: str, proxy: _Proxy,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fault = FaultServer()
    fault.set_script(Reply(200, STS_OK, {"Content-Type": "text/xml"}))
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        assert _outcome(_client(sdk, fault.url), fault.url) == ("ok", "")
        assert len(proxy.requests) == 1 and not fault.received
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        assert _outcome(_client(sdk, fault.url), fault.url) == ("ok", "")
        assert len(proxy.requests) == 1 and len(fault.received) == 1
    finally:
        fault.close()


@pytest.mark.parametrize("sdk", SDKS)
def test_unreachable_proxy_error_masks_credentials(sdk: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    port = closed_port()
    proxies = {"http": f"http://user:secret@127.0.0.1:{port}"}
    kind, message = _outcome(_client(sdk, url, proxies=proxies), url)
    assert (kind, message) == (
        "ProxyConnectionError", f'Failed to connect to proxy URL: "http://***:***@127.0.0.1:{port}"')


def test_pool_size_and_keepalive_reach_urllib3() -> None:
    from awsession.transport.urllib3 import Urllib3Transport

    transport = Urllib3Transport(max_pool_connections=3, tcp_keepalive=True,
                                 connect_timeout=2, read_timeout=7)
    pool = transport._manager.connection_from_url("http://127.0.0.1:1/")
    assert pool.pool.maxsize == 3
    assert (socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1) in pool.conn_kw["socket_options"]
    assert (pool.timeout.connect_timeout, pool.timeout.read_timeout) == (2, 7)



def test_plain_http_never_loads_the_ca_bundle(tls: Any, tmp_path: Path) -> None:
    """A bad CA bundle fails ``https`` requests only: plain ``http`` never makes a TLS context."""
    from awsession._core.http import HttpRequest
    from awsession.exceptions import SSLError
    from awsession.transport.urllib3 import Urllib3Transport

    server, _, _ = tls
    fault = FaultServer()
    fault.set_script(Reply(200, STS_OK), Reply(200, STS_OK))
    transport = Urllib3Transport(verify=str(tmp_path / "missing.pem"))  # proxies from the env
    try:
        assert transport.send(HttpRequest("GET", f"{fault.url}/", {}, None)).status_code == 200
        assert not transport._tls_ready
        with pytest.raises(SSLError):
            transport.send(HttpRequest("GET", f"https://127.0.0.1:{server.port}/", {}, None))
        assert transport._tls_ready
        assert transport.send(HttpRequest("GET", f"{fault.url}/", {}, None)).status_code == 200
    finally:
        transport.close()
        fault.close()


def test_a_plain_http_pool_survives_the_first_https_request(tls: Any) -> None:
    """The TLS context made for the first ``https`` request does not change plain pools' keys."""
    from awsession._core.http import HttpRequest
    from awsession.transport.tls import client_context
    from awsession.transport.urllib3 import Urllib3Transport

    server, cert, _ = tls
    fault = FaultServer()
    fault.set_script(Reply(200, STS_OK), Reply(200, STS_OK))
    transport = Urllib3Transport(verify=cert, proxies={})
    try:
        assert transport.send(HttpRequest("GET", f"{fault.url}/", {}, None)).status_code == 200
        plain_pool = transport._manager.connection_from_url(f"{fault.url}/")
        url = f"https://127.0.0.1:{server.port}/"
        assert transport.send(HttpRequest("GET", url, {}, None)).status_code == 200
        tls_pool = transport._pools[("https", f"127.0.0.1:{server.port}")]
        assert tls_pool.conn_kw["ssl_context"] is client_context(cert, None)
        assert transport.send(HttpRequest("GET", f"{fault.url}/", {}, None)).status_code == 200
        assert transport._manager.connection_from_url(f"{fault.url}/") is plain_pool
        assert len(transport._manager.pools) == 2
    finally:
        transport.close()
        fault.close()
