"""Shared HTTP plumbing for the bridge nodes (standard library only).

Every node is a ``ThreadingHTTPServer`` with a JSON request handler. ``serve``
runs it with WORKERS processes (pre-fork on one listening socket) and shuts
down cleanly on SIGTERM/SIGINT, exiting 0.
"""

from __future__ import annotations

import json
import logging
import math
import os
import signal
import socket
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping

MAX_BODY_BYTES = 1 << 20

log = logging.getLogger("omninode_bridge")


class BadRequest(Exception):
    """A client error; becomes a 4xx JSON answer."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Settings:
    """Process settings, read once from the environment."""

    node: str
    host: str
    port: int
    workers: int
    log_level: str

    @classmethod
    def from_env(cls, node: str, default_port: int, env: Mapping[str, str] = os.environ) -> "Settings":
        return cls(
            node=node,
            host=env.get("HOST", "0.0.0.0"),
            port=_int_env(env, "PORT", default_port, minimum=0),
            workers=_int_env(env, "WORKERS", 1, minimum=1),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
        )


def _int_env(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be >= {minimum}, got {value}")
    return value


def instance_id() -> str:
    """The container's host name: distinct per replica."""
    return socket.gethostname()


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s",
        stream=sys.stderr,
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(f"malformed JSON: {error}") from None


def is_number(value: Any) -> bool:
    """JSON numbers only: bool is an int subclass in Python but not a number here."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value)


def number_list(payload: Any, key: str = "values") -> list[int | float]:
    if not isinstance(payload, dict):
        raise BadRequest("request body must be a JSON object")
    if key not in payload:
        raise BadRequest(f"missing '{key}'")
    values = payload[key]
    if not isinstance(values, list):
        raise BadRequest(f"'{key}' must be a list of numbers")
    for index, value in enumerate(values):
        if not is_number(value):
            raise BadRequest(f"'{key}[{index}]' is not a number: {value!r}")
    return values


def total(values: list[int | float]) -> int | float:
    """Exact for ints, compensated summation once a float is involved."""
    if all(isinstance(v, int) for v in values):
        return sum(values)
    return math.fsum(values)


Route = Callable[["JsonHandler", Any], tuple[HTTPStatus, Any]]


class JsonHandler(BaseHTTPRequestHandler):
    """Dispatches to ``routes`` {(method, path): fn}; every answer is JSON."""

    routes: dict[tuple[str, str], Route] = {}
    server_version = "omninode-bridge"
    sys_version = ""
    timeout = 30  # an idle or slow client cannot hold a thread forever

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        path = self.path.split("?", 1)[0]
        route = self.routes.get((method, path))
        try:
            if route is None:
                if any(p == path for (_, p) in self.routes):
                    raise BadRequest(f"{method} not allowed on {path}", HTTPStatus.METHOD_NOT_ALLOWED)
                raise BadRequest(f"no route {path}", HTTPStatus.NOT_FOUND)
            payload = self._read_json() if method == "POST" else None
            status, body = route(self, payload)
        except BadRequest as error:
            log.info("%s %s -> %d: %s", method, path, error.status, error)
            status, body = error.status, {"error": str(error)}
        except Exception:  # never let a request kill the worker
            log.exception("%s %s failed", method, path)
            status, body = HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error"}
        self._send(status, body)

    def _read_json(self) -> Any:
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            raise BadRequest("Content-Length required", HTTPStatus.LENGTH_REQUIRED)
        try:
            length = int(raw_length)
        except ValueError:
            raise BadRequest("invalid Content-Length") from None
        if length < 0:
            raise BadRequest("invalid Content-Length")
        if length > MAX_BODY_BYTES:
            raise BadRequest(f"body larger than {MAX_BODY_BYTES} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        return parse_json(self.rfile.read(length))

    def _send(self, status: HTTPStatus, body: Any) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("client went away before the answer")

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class BridgeServer(ThreadingHTTPServer):
    daemon_threads = True
    # Docker's healthcheck and the test suite restart quickly on the same port.
    allow_reuse_address = True
    request_queue_size = 64


def make_server(handler: type[JsonHandler], host: str, port: int) -> BridgeServer:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    BridgeServer.address_family = family
    return BridgeServer((host, port), handler)


def _serve_until_signal(server: BridgeServer) -> None:
    """serve_forever until SIGTERM/SIGINT; shutdown() must run off the serving thread."""

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %d: shutting down", signum)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


def serve(settings: Settings, handler: type[JsonHandler]) -> int:
    """Run the node; returns the exit code (0 after SIGTERM)."""
    configure_logging(settings.log_level)
    server = make_server(handler, settings.host, settings.port)
    host, port = server.server_address[:2]
    log.info("%s listening on %s:%d (instance %s, workers %d, log level %s)",
             settings.node, host, port, instance_id(), settings.workers, settings.log_level)
    if settings.workers <= 1:
        _serve_until_signal(server)
    else:
        _prefork(server, settings.workers)
    log.info("%s stopped", settings.node)
    return 0


def _prefork(server: BridgeServer, workers: int) -> None:
    """WORKERS processes accept() on the one listening socket; the parent supervises."""
    children: set[int] = set()
    stopping = threading.Event()

    shutdown_signals = {signal.SIGTERM, signal.SIGINT}
    # Every worker wakes when a connection arrives, one wins accept(); with a blocking socket the others would sit
    # in accept() until the next connection and never see a shutdown request. Non-blocking, the losers get
    # BlockingIOError, which socketserver ignores, and go back to their poll loop. (Accepted sockets are blocking.)
    server.socket.setblocking(False)

    def spawn() -> None:
        # SIGTERM is blocked across fork(): otherwise it could land in the parent before the new pid is recorded
        # (that worker would never be told to stop), or in the child while it still runs the parent's handler
        # (it would then serve on and never exit). Pending signals are not inherited by the child.
        signal.pthread_sigmask(signal.SIG_BLOCK, shutdown_signals)
        try:
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    for signum in shutdown_signals:
                        signal.signal(signum, signal.SIG_DFL)
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, shutdown_signals)
                    _serve_until_signal(server)
                except BaseException:
                    log.exception("worker failed")
                    code = 1
                finally:
                    os._exit(code)
            children.add(pid)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, shutdown_signals)

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %d: stopping %d workers", signum, len(children))
        stopping.set()
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        if stopping.is_set():
            break
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.discard(pid)
        if not stopping.is_set():
            log.warning("worker %d exited (status %d); starting a new one", pid, status)
            spawn()
    server.server_close()
