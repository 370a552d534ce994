"""Shared HTTP plumbing for the bridge nodes: Starlette apps served by uvicorn.

Every node is an ASGI app whose answers are all JSON, errors included. ``serve`` binds the listening socket
itself (so the log names the real port, also for PORT=0), then runs uvicorn on it with WORKERS processes
(uvicorn's supervisor) and exits 0 after SIGTERM/SIGINT.

Request bodies are read with a size limit before any parsing, parsed as strict JSON (UTF-8, no NaN/Infinity,
nesting bounded) and validated by marshmallow schemas: every malformed or hostile body is a 4xx that names the
problem, never a 500, and the worker keeps serving.
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Mapping

from marshmallow import EXCLUDE, Schema, ValidationError, fields
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MAX_BODY_BYTES = 1 << 20
# json.loads recurses once per nesting level; a body of "[[[[..." would otherwise end in RecursionError deep in
# the parser. No job body nests more than two levels.
MAX_DEPTH = 32
# Python refuses to print an int of more than 4300 digits (CVE-2020-10735); a sum of such ints could not be answered.
MAX_SUM_BITS = 10_000

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


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings; stops counting once past MAX_DEPTH."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, at most MAX_DEPTH levels of nesting."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"malformed JSON: not UTF-8 ({error})") from None
    # Counting brackets is C-fast; only a body with more of them than MAX_DEPTH needs the character scan.
    if text.count("[") + text.count("{") > MAX_DEPTH and _nesting_depth(text) > MAX_DEPTH:
        raise BadRequest(f"malformed JSON: nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise BadRequest(f"malformed JSON: nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # JSONDecodeError, NaN/Infinity, an integer of more than 4300 digits
        raise BadRequest(f"malformed JSON: {error}") from None


def is_number(value: Any) -> bool:
    """JSON numbers only: bool is an int subclass in Python but not a number here."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value)


def _shown(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return f"a JSON {'array' if isinstance(value, list) else 'object'}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Number(fields.Field):
    """A JSON number: int or finite float, never a bool or a numeric string."""

    default_error_messages = {"invalid": "is not a number: {input}"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int | float:
        if not is_number(value):
            raise self.make_error("invalid", input=_shown(value))
        return value


class Integer(fields.Field):
    """A JSON integer within [minimum, maximum]; marshmallow's own Integer takes True for 1."""

    default_error_messages = {"invalid": "must be an integer, got {input}", "range": "must be between {low} and {high}"}

    def __init__(self, minimum: int, maximum: int, **kwargs: Any):
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid", input=_shown(value))
        if not self.minimum <= value <= self.maximum:
            raise self.make_error("range", low=self.minimum, high=self.maximum)
        return value


class ValuesSchema(Schema):
    """{"values": [numbers]}; other keys are ignored, as they always were."""

    class Meta:
        unknown = EXCLUDE

    values = fields.List(Number(), required=True)


def _first_error(messages: Any, where: str = "") -> str:
    """marshmallow's nested error dict as one line: "'values[3]' is not a number: '1'"."""
    if isinstance(messages, dict):
        key, inner = next(iter(messages.items()))
        if key == "_schema":
            return _first_error(inner, where)
        label = f"{where}[{key}]" if isinstance(key, int) else (f"{where}.{key}" if where else str(key))
        return _first_error(inner, label)
    if isinstance(messages, list) and messages:
        message = str(messages[0])
        return f"'{where}' {message}" if where else message
    return f"'{where}' is invalid" if where else "invalid request body"


def load(schema: Schema, payload: Any) -> dict[str, Any]:
    """Validate a parsed body; the first problem, named by its path, becomes a 400."""
    if not isinstance(payload, dict):
        raise BadRequest("request body must be a JSON object")
    try:
        return schema.load(payload)
    except ValidationError as error:
        message = _first_error(error.messages).replace("Missing data for required field.", "is missing")
        raise BadRequest(message) from None


_values_schema = ValuesSchema()


def number_list(payload: Any, key: str = "values") -> list[int | float]:
    if key != "values":
        raise ValueError("only 'values' lists are validated")
    return load(_values_schema, payload)["values"]


def total(values: list[int | float]) -> int | float:
    """Exact for ints, compensated summation once a float is involved; a sum JSON cannot carry is a 400."""
    if all(isinstance(v, int) for v in values):
        result = sum(values)
        if abs(result).bit_length() > MAX_SUM_BITS:
            raise BadRequest(f"the sum has more than {MAX_SUM_BITS} bits")
        return result
    try:
        result = math.fsum(values)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise BadRequest("the sum overflows a 64-bit float")
    return result


async def read_json(request: Request) -> Any:
    """The body, at most MAX_BODY_BYTES whatever the client declares, as strict JSON."""
    if "content-length" not in request.headers and "chunked" not in request.headers.get("transfer-encoding", ""):
        raise BadRequest("Content-Length required", HTTPStatus.LENGTH_REQUIRED)
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        if not declared.isdigit():
            raise BadRequest(f"invalid Content-Length {declared[:20]!r}")
        raise BadRequest(f"body larger than {MAX_BODY_BYTES} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BadRequest(f"body larger than {MAX_BODY_BYTES} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    return parse_json(bytes(body))


async def _bad_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, BadRequest)
    log.info("%s %s -> %d: %s", request.method, request.url.path, error.status, error)
    return JSONResponse({"error": str(error)}, status_code=error.status)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    if error.status_code == HTTPStatus.NOT_FOUND:
        message = f"no route {request.url.path}"
    elif error.status_code == HTTPStatus.METHOD_NOT_ALLOWED:
        message = f"{request.method} not allowed on {request.url.path}"
    else:
        message = error.detail
    return JSONResponse({"error": message}, status_code=error.status_code, headers=getattr(error, "headers", None))


async def _internal_error(request: Request, error: Exception) -> JSONResponse:
    # Never let a request kill the worker; the trace goes to the log, not to the client.
    log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return JSONResponse({"error": "internal error"}, status_code=HTTPStatus.INTERNAL_SERVER_ERROR)


def make_app(routes: list[Route]) -> Starlette:
    return Starlette(routes=routes, exception_handlers={
        BadRequest: _bad_request,
        HTTPException: _http_error,
        Exception: _internal_error,
    })


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, inheritable so that uvicorn's worker processes accept on it too."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # Docker's healthcheck and the test suite restart quickly on the same port.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, app_factory: str) -> int:
    """Run the node (``app_factory`` is "module:function", importable in each worker); 0 after SIGTERM."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    configure_logging(settings.log_level)
    sock = bind(settings.host, settings.port)
    host, port = sock.getsockname()[:2]
    log.info("%s listening on %s:%d (instance %s, workers %d, log level %s)",
             settings.node, host, port, instance_id(), settings.workers, settings.log_level)
    config = uvicorn.Config(
        app_factory, factory=True, host=host, port=port, workers=settings.workers,
        log_config=None, log_level=settings.log_level.lower(), access_log=settings.log_level == "DEBUG",
        server_header=False, timeout_keep_alive=5,
    )
    server = uvicorn.Server(config)
    if settings.workers > 1:
        Multiprocess(config, target=server.run, sockets=[sock]).run()
    else:
        server.run(sockets=[sock])
    log.info("%s stopped", settings.node)
    return 0
