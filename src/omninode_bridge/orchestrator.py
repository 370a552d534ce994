"""Orchestrator node: splits a job into parts and has reducers sum them.

    GET  /health                                  -> {"status", "node", "instance"}
    POST /jobs {"values": [numbers], "parts": k}  -> {"total", "count", "parts",
                                                      "instances", "results", "failures"}

The reducer host in REDUCER_URL (default http://reducer:8061) is resolved on
every request; each part goes to one of its addresses (all replicas of a
scaled compose service), round robin from a random start, over httpx. A part
whose reducer fails is retried on the next address and the failure is
reported. When every address fails for a part the answer is 502.

Run: ``python -m omninode_bridge.orchestrator`` (PORT default 8060, WORKERS uvicorn worker processes).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import socket
from dataclasses import asdict, dataclass
from http import HTTPStatus
from typing import Any, Sequence
from urllib.parse import urlsplit

import httpx
from marshmallow import EXCLUDE, Schema, fields
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from omninode_bridge.server import (
    Integer,
    Number,
    Settings,
    configure_logging,
    instance_id,
    is_number,
    load,
    make_app,
    read_json,
    serve,
    total,
)

NODE = "orchestrator"
DEFAULT_PORT = 8060
DEFAULT_REDUCER_URL = "http://reducer:8061"
MAX_PARTS = 64
# Parts in flight at once per job: a 64-part job does not open 64 connections to one reducer.
MAX_CONCURRENT_PARTS = 16

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


async def post_reduce(client: httpx.AsyncClient, address: str, target: ReducerTarget, values: list[Any]) -> dict[str, Any]:
    host = f"[{address}]" if ":" in address else address
    answer = await client.post(
        f"http://{host}:{target.port}/reduce", content=json.dumps({"values": values}).encode("utf-8"),
        headers={"Content-Type": "application/json", "Host": f"{target.host}:{target.port}"},
    )
    if answer.status_code != 200:
        raise RuntimeError(f"HTTP {answer.status_code}: {answer.content[:200]!r}")
    result = answer.json()
    if not isinstance(result, dict) or not is_number(result.get("sum")) or not isinstance(result.get("count"), int):
        raise RuntimeError(f"unexpected answer {answer.content[:200]!r}")
    return result


class Orchestrator:
    def __init__(self, target: ReducerTarget, timeout: float = 5.0):
        self.target = target
        self.timeout = timeout

    async def run_part(self, client: httpx.AsyncClient, part: int, values: list[Any], addresses: list[str],
                       start: int) -> tuple[PartResult, list[Failure]]:
        failures: list[Failure] = []
        for attempt in range(len(addresses)):
            address = addresses[(start + attempt) % len(addresses)]
            try:
                answer = await post_reduce(client, address, self.target, values)
            except Exception as error:  # network, HTTP status or bad answer: try the next one
                log.warning("part %d: reducer %s failed: %s", part, address, error)
                failures.append(Failure(part, address, f"{type(error).__name__}: {error}"))
                continue
            log.debug("part %d: %d values -> %s (%s)", part, len(values), address, answer.get("instance"))
            return PartResult(part, str(answer.get("instance", "")), address, answer["sum"], answer["count"]), failures
        raise ReducerUnavailable(part, failures)

    async def run(self, values: list[Any], parts: int) -> tuple[HTTPStatus, dict[str, Any]]:
        chunks = split(values, parts)
        try:
            # getaddrinfo blocks: off the event loop, so one slow DNS answer does not stall every request.
            addresses = await asyncio.get_running_loop().run_in_executor(None, resolve, self.target)
        except OSError as error:
            return HTTPStatus.BAD_GATEWAY, {"error": f"cannot resolve reducer {self.target.host}: {error}"}
        start = random.randrange(len(addresses))
        gate = asyncio.Semaphore(MAX_CONCURRENT_PARTS)

        async def one(index: int, chunk: list[Any]) -> tuple[PartResult, list[Failure]]:
            async with gate:
                return await self.run_part(client, index, chunk, addresses, start + index)

        # trust_env=False: an HTTP_PROXY in the container's environment must not reroute reducer traffic.
        async with httpx.AsyncClient(timeout=self.timeout, trust_env=False) as client:
            outcomes = await asyncio.gather(*(one(i, chunk) for i, chunk in enumerate(chunks)), return_exceptions=True)
        results: list[PartResult] = []
        failures: list[Failure] = []
        unavailable: list[int] = []
        for outcome in outcomes:
            if isinstance(outcome, ReducerUnavailable):
                unavailable.append(outcome.part)
                failures.extend(outcome.failures)
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                results.append(outcome[0])
                failures.extend(outcome[1])
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


class JobSchema(Schema):
    """{"values": [numbers], "parts": 1..MAX_PARTS (default 1)}; other keys are ignored."""

    class Meta:
        unknown = EXCLUDE

    values = fields.List(Number(), required=True)
    parts = Integer(1, MAX_PARTS, load_default=1)


_job_schema = JobSchema()


def parse_job(payload: Any) -> tuple[list[Any], int]:
    job = load(_job_schema, payload)
    return job["values"], job["parts"]


def build_app(orchestrator: Orchestrator) -> Starlette:
    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "node": NODE, "instance": instance_id()})

    async def jobs(request: Request) -> JSONResponse:
        values, parts = parse_job(await read_json(request))
        status, body = await orchestrator.run(values, parts)
        return JSONResponse(body, status_code=status)

    return make_app([Route("/health", health, methods=["GET"]), Route("/jobs", jobs, methods=["POST"])])


def orchestrator_from_env() -> Orchestrator:
    try:
        target = ReducerTarget.from_url(os.environ.get("REDUCER_URL", DEFAULT_REDUCER_URL))
        timeout = float(os.environ.get("REDUCER_TIMEOUT", "5"))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    return Orchestrator(target, timeout)


def create_app() -> Starlette:
    """The app uvicorn imports in each worker process."""
    configure_logging(Settings.from_env(NODE, DEFAULT_PORT).log_level)
    return build_app(orchestrator_from_env())


def main() -> int:
    orchestrator_from_env()  # a bad REDUCER_URL stops here, once, not in every worker
    return serve(Settings.from_env(NODE, DEFAULT_PORT), "omninode_bridge.orchestrator:create_app")


if __name__ == "__main__":
    raise SystemExit(main())
