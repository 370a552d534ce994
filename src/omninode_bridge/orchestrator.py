"""Orchestrator node: splits a job into parts and has reducers sum them.

    GET  /health                                  -> {"status", "node", "instance"}
    POST /jobs {"values": [numbers], "parts": k}  -> {"total", "count", "parts",
                                                      "instances", "results", "failures"}

The reducer host in REDUCER_URL (default http://reducer:8061) is resolved on
every request; each part goes to one of its addresses (all replicas of a
scaled compose service), round robin from a random start. A part whose reducer
fails is retried on the next address and the failure is reported. When every
address fails for a part the answer is 502.

Run: ``python -m omninode_bridge.orchestrator`` (PORT default 8060).
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import random
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from http import HTTPStatus
from typing import Any, Sequence
from urllib.parse import urlsplit

from omninode_bridge.server import (
    BadRequest,
    JsonHandler,
    Settings,
    instance_id,
    is_number,
    number_list,
    serve,
    total,
)

NODE = "orchestrator"
DEFAULT_PORT = 8060
DEFAULT_REDUCER_URL = "http://reducer:8061"
MAX_PARTS = 64

log = logging.getLogger("omninode_bridge.orchestrator")


@dataclass(frozen=True)
class ReducerTarget:
    host: str
    port: int

    @classmethod
    def from_url(cls, url: str) -> "ReducerTarget":
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"REDUCER_URL must be http://host[:port], got {url!r}")
        return cls(parts.hostname, parts.port or 80)


@dataclass(frozen=True)
class PartResult:
    part: int
    instance: str
    address: str
    sum: int | float
    count: int


@dataclass(frozen=True)
class Failure:
    part: int
    address: str
    error: str


class ReducerUnavailable(Exception):
    def __init__(self, part: int, failures: list[Failure]):
        super().__init__(f"no reducer answered for part {part}")
        self.part = part
        self.failures = failures


def split(values: Sequence[Any], parts: int) -> list[list[Any]]:
    """Contiguous, near-equal chunks (sizes differ by at most one), no empty chunk
    unless values is empty; order is kept."""
    if parts < 1:
        raise ValueError("parts must be >= 1")
    parts = min(parts, max(1, len(values)))
    size, extra = divmod(len(values), parts)
    chunks, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        chunks.append(list(values[start:end]))
        start = end
    return chunks


def resolve(target: ReducerTarget) -> list[str]:
    """All distinct addresses of the reducer host, resolved now (no caching)."""
    infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


def post_reduce(address: str, target: ReducerTarget, values: list[Any], timeout: float) -> dict[str, Any]:
    body = json.dumps({"values": values}).encode("utf-8")
    connection = http.client.HTTPConnection(address, target.port, timeout=timeout)
    try:
        connection.request(
            "POST", "/reduce", body=body,
            headers={"Content-Type": "application/json", "Host": f"{target.host}:{target.port}"},
        )
        answer = connection.getresponse()
        data = answer.read()
    finally:
        connection.close()
    if answer.status != 200:
        raise RuntimeError(f"HTTP {answer.status}: {data[:200]!r}")
    result = json.loads(data)
    if not isinstance(result, dict) or not is_number(result.get("sum")) or not isinstance(result.get("count"), int):
        raise RuntimeError(f"unexpected answer {data[:200]!r}")
    return result


class Orchestrator:
    def __init__(self, target: ReducerTarget, timeout: float = 5.0):
        self.target = target
        self.timeout = timeout

    def run_part(self, part: int, values: list[Any], addresses: list[str], start: int) -> tuple[PartResult, list[Failure]]:
        failures: list[Failure] = []
        for attempt in range(len(addresses)):
            address = addresses[(start + attempt) % len(addresses)]
            try:
                answer = post_reduce(address, self.target, values, self.timeout)
            except Exception as error:  # network, HTTP status or bad answer: try the next one
                log.warning("part %d: reducer %s failed: %s", part, address, error)
                failures.append(Failure(part, address, f"{type(error).__name__}: {error}"))
                continue
            log.debug("part %d: %d values -> %s (%s)", part, len(values), address, answer.get("instance"))
            return PartResult(part, str(answer.get("instance", "")), address, answer["sum"], answer["count"]), failures
        raise ReducerUnavailable(part, failures)

    def run(self, values: list[Any], parts: int) -> tuple[HTTPStatus, dict[str, Any]]:
        chunks = split(values, parts)
        try:
            addresses = resolve(self.target)
        except OSError as error:
            return HTTPStatus.BAD_GATEWAY, {"error": f"cannot resolve reducer {self.target.host}: {error}"}
        start = random.randrange(len(addresses))
        results: list[PartResult] = []
        failures: list[Failure] = []
        unavailable: list[int] = []
        with ThreadPoolExecutor(max_workers=min(len(chunks), 16)) as pool:
            futures = [pool.submit(self.run_part, i, chunk, addresses, start + i) for i, chunk in enumerate(chunks)]
            for future in futures:
                try:
                    result, part_failures = future.result()
                    results.append(result)
                    failures.extend(part_failures)
                except ReducerUnavailable as error:
                    unavailable.append(error.part)
                    failures.extend(error.failures)
        body: dict[str, Any] = {
            "parts": len(chunks),
            "addresses": addresses,
            "results": [asdict(r) for r in results],
            "failures": [asdict(f) for f in failures],
            "instance": instance_id(),
        }
        if unavailable:
            body["error"] = f"no reducer answered for parts {unavailable}"
            return HTTPStatus.BAD_GATEWAY, body
        instances: list[str] = []
        for result in results:
            if result.instance not in instances:
                instances.append(result.instance)
        body.update(total=total([r.sum for r in results]), count=sum(r.count for r in results), instances=instances)
        return HTTPStatus.OK, body


def parse_job(payload: Any) -> tuple[list[Any], int]:
    values = number_list(payload)
    parts = payload.get("parts", 1)
    if isinstance(parts, bool) or not isinstance(parts, int):
        raise BadRequest("'parts' must be an integer")
    if not 1 <= parts <= MAX_PARTS:
        raise BadRequest(f"'parts' must be between 1 and {MAX_PARTS}")
    return values, parts


def make_handler(orchestrator: Orchestrator) -> type[JsonHandler]:
    def health(_handler: JsonHandler, _payload: Any) -> tuple[HTTPStatus, Any]:
        return HTTPStatus.OK, {"status": "ok", "node": NODE, "instance": instance_id()}

    def jobs(_handler: JsonHandler, payload: Any) -> tuple[HTTPStatus, Any]:
        values, parts = parse_job(payload)
        return orchestrator.run(values, parts)

    class OrchestratorHandler(JsonHandler):
        routes = {("GET", "/health"): health, ("POST", "/jobs"): jobs}

    return OrchestratorHandler


def main() -> int:
    try:
        target = ReducerTarget.from_url(os.environ.get("REDUCER_URL", DEFAULT_REDUCER_URL))
        timeout = float(os.environ.get("REDUCER_TIMEOUT", "5"))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    return serve(Settings.from_env(NODE, DEFAULT_PORT), make_handler(Orchestrator(target, timeout)))


if __name__ == "__main__":
    raise SystemExit(main())
