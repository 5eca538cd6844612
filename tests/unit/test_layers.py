"""The import graph keeps design.md section 2's layers true, checked with ``ast`` over all of src/.

Every module of the package belongs to a *room* (its first package component below ``awsession``)
and every room to a layer:

    L0 ``_core`` | L1 model, protocols, signing, endpoints, retries, config, credentials, paginate,
    waiters, interceptors | L2 ``_pipeline`` | L3 transport, ``_client``, aio | L4 session,
    ``_default_session``, resources, s3, dynamodb (boto3's conditions/types), ``aio.Session`` |
    L5 compat, cli, demo, the package root and ``__main__``
    (L5 uses the public API, so it may import the package root; nothing else may)

An import (any ``import``/``from ... import``, including those inside functions and under
``TYPE_CHECKING``) may point into its own room, to a lower layer, to ``exceptions``/``_version``, or
along one of the declared same-layer edges below. Also, nothing in L0-L2 imports a module that does
I/O or concurrency (asyncio, socket, urllib3, aiohttp, httpx, subprocess, threading), except the
listed locks, each with its reason. Known violations are listed with their reason; a listed entry
that no longer occurs fails the test, so the lists only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "awsession"

LAYERS: dict[str, int] = {
    "_core": 0,
    "aio.session": 4,  # awsession.aio.Session (and the package that exports it) is a session
    **dict.fromkeys(("model", "protocols", "signing", "endpoints", "retries", "config",
                     "credentials", "paginate", "waiters", "interceptors"), 1),
    "_pipeline": 2,
    **dict.fromkeys(("transport", "_client", "aio"), 3),
    **dict.fromkeys(("session", "_default_session", "resources", "s3", "dynamodb"), 4),
    **dict.fromkeys(("compat", "cli", "demo", "__init__", "__main__"), 5),
}
ANYWHERE = frozenset({"exceptions", "_version"})
# Modules whose room is not their first package component.
SUBROOMS = {"awsession.aio": "aio.session", "awsession.aio.session": "aio.session"}

# Same-layer imports that the design allows (design.md section 2, and the L3/L4 wiring).
DECLARED_EDGES: frozenset[tuple[str, str]] = frozenset({
    ("protocols", "model"), ("paginate", "model"), ("waiters", "model"),
    ("endpoints", "model"), ("credentials", "config"),
    ("config", "model"),                           # defaults modes come from AWS's data files
    ("_client", "transport"),                      # drivers and clients own their transport
    ("aio", "_client"), ("aio", "transport"),      # async clients reuse the sync client layer
    ("_default_session", "session"),               # the process-wide default is a Session
    ("aio.session", "session"),                    # the async Session wraps a sync one
    ("resources", "_default_session"),             # boto3.resource() uses the default session
    ("resources", "dynamodb"),                     # the Table resource's batch writer and types
    ("resources", "s3"),                           # Bucket/Object managed-transfer methods
    ("__main__", "cli"), ("cli", "demo"),          # `python -m awsession` runs the CLI, which has a demo
})
# signing may use nothing but _core and exceptions (and its own modules).
SIGNING_ALLOWED = frozenset({"_core", "signing"}) | ANYWHERE

# Known violations: (importer module, imported module) -> why it is tolerated for now.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}

IO_MODULES = frozenset({"asyncio", "socket", "urllib3", "aiohttp", "httpx", "subprocess",
                        "threading", "_thread"})

# (module, I/O module) -> reason. Locks that guard process-wide caches or shared mutable state.
ALLOWED_IO: dict[tuple[str, str], str] = {
    ("awsession.retries.quota", "_thread"): "the retry quota is shared by a client's threads",
    ("awsession.retries.adaptive", "_thread"): "the adaptive rate limiter's token bucket lock",
    ("awsession.model.loader", "threading"): "the process-wide model data cache",
    ("awsession.model.lazy_shapes", "threading"): "decode-once lock of a lazily decoded shapes table",
    ("awsession.endpoints.params", "threading"): "cache of per-operation parameter plans",
    ("awsession.endpoints.partitions", "threading"): "cache of the loaded partitions",
    ("awsession.endpoints.rules", "threading"): "cache of compiled rule sets and resolved endpoints",
    ("awsession.credentials.types", "_thread"): "single-flight refresh of RefreshableCredentials",
    ("awsession.config.files", "_thread"): "cache of parsed config files by file version",
    ("awsession.model.validate", "threading"): "cache of per-shape validation plans",
    ("awsession.protocols.parsers.envelope", "threading"): "cache of per-model parse plans",
}
# I/O imports below L3 that are not in the allowed list yet: reported, tolerated, to be reviewed.
KNOWN_IO: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(module: str) -> str:
    if module in SUBROOMS:
        return SUBROOMS[module]
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str) -> list[str]:
    """Absolute names of every module imported by ``path`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, node.module] if node.module else package)
            found.append(base)
            if base.startswith("awsession"):  # `from . import x` may name submodules
                found.extend(f"{base}.{alias.name}" for alias in node.names
                             if (SRC.parent / base.replace(".", "/") / f"{alias.name}.py").exists()
                             or (SRC.parent / base.replace(".", "/") / alias.name).is_dir())
    return found


def _graph() -> dict[str, list[str]]:
    return {_module_name(p): _imports(p, _module_name(p)) for p in sorted(SRC.rglob("*.py"))}


GRAPH = _graph()


def _edge_allowed(src_room: str, dst_room: str) -> bool:
    if dst_room in ANYWHERE or src_room == dst_room:
        return True
    if src_room not in LAYERS or dst_room not in LAYERS:
        return True  # reported by test_every_module_has_a_layer
    if src_room == "signing":
        return dst_room in SIGNING_ALLOWED
    src_layer, dst_layer = LAYERS[src_room], LAYERS[dst_room]
    return dst_layer < src_layer or (src_room, dst_room) in DECLARED_EDGES


def _layer_violations() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for module, imports in GRAPH.items():
        src_room = _room(module)
        if src_room in ANYWHERE or src_room not in LAYERS:
            continue
        for name in imports:
            if name != "awsession" and not name.startswith("awsession."):
                continue
            dst_room = _room(name)
            if dst_room == "__init__":
                if LAYERS[src_room] != 5:
                    found[(module, name)] = "imports the package root"
            elif not _edge_allowed(src_room, dst_room):
                found[(module, name)] = f"{src_room} (L{LAYERS[src_room]}) -> {dst_room} (L{LAYERS[dst_room]})"
    return found


def _io_imports() -> set[tuple[str, str]]:
    found = set()
    for module, imports in GRAPH.items():
        room = _room(module)
        if room in ANYWHERE or LAYERS.get(room, 3) > 2:
            continue
        for name in imports:
            top = name.split(".")[0]
            if top in IO_MODULES:
                found.add((module, top))
    return found


def test_every_module_has_a_layer() -> None:
    rooms = {_room(module) for module in GRAPH}
    unknown = sorted(rooms - set(LAYERS) - ANYWHERE)
    assert not unknown, f"rooms with no layer in the table: {unknown}"


def test_graph_sees_the_known_import_shapes() -> None:
    # Guards the parser itself: a relative import, a lazy import and an absolute one.
    assert "awsession._pipeline.operation" in GRAPH["awsession._client.sync"]
    assert "awsession._client.factory" in GRAPH["awsession.session"]  # imported inside a method
    assert "awsession._core.http" in GRAPH["awsession.transport.base"]


def test_the_rule_itself() -> None:
    assert _edge_allowed("_pipeline", "model") and _edge_allowed("protocols", "model")
    assert not _edge_allowed("model", "_pipeline")      # upward
    assert not _edge_allowed("retries", "config")       # undeclared L1 edge
    assert not _edge_allowed("signing", "model")        # signing: _core and exceptions only
    assert not _edge_allowed("transport", "aio")        # undeclared L3 edge
    assert _edge_allowed("aio", "transport") and _edge_allowed("session", "_core")


def test_imports_point_down_or_along_declared_edges() -> None:
    violations = _layer_violations()
    unexpected = {k: v for k, v in violations.items() if k not in KNOWN_VIOLATIONS}
    assert not unexpected, "layer violations:\n" + "\n".join(
        f"  {src} imports {dst}: {why}" for (src, dst), why in sorted(unexpected.items()))


def test_known_layer_violations_still_exist() -> None:
    stale = set(KNOWN_VIOLATIONS) - set(_layer_violations())
    assert not stale, f"fixed: remove from KNOWN_VIOLATIONS: {sorted(stale)}"


def test_pure_layers_do_no_io_imports() -> None:
    unexpected = _io_imports() - set(ALLOWED_IO) - set(KNOWN_IO)
    assert not unexpected, f"I/O or concurrency imports below L3: {sorted(unexpected)}"


@pytest.mark.parametrize("entry", sorted({**ALLOWED_IO, **KNOWN_IO}), ids=lambda e: f"{e[0]}:{e[1]}")
def test_listed_io_exceptions_are_real(entry: tuple[str, str]) -> None:
    assert entry in _io_imports(), f"{entry} no longer imports it: drop it from the list"


def test_signing_uses_only_core_and_exceptions() -> None:
    for module, imports in GRAPH.items():
        if _room(module) != "signing":
            continue
        for name in imports:
            if name.startswith("awsession."):
                assert _room(name) in SIGNING_ALLOWED, f"{module} imports {name}"
