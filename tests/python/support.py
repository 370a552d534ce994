"""Helpers: real uvicorn servers on 127.x.y.z ephemeral ports, and a JSON client."""

from __future__ import annotations

import http.client
import json
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from omninode_bridge.server import bind, make_app, number_list, read_json, total


class RunningServer:
    """An app served by uvicorn in a background thread; use as a context manager."""

    def __init__(self, app: Starlette, host: str = "127.0.0.1", port: int = 0):
        self.socket = bind(host, port)
        self.host, self.port = self.socket.getsockname()[:2]
        config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, timeout_keep_alive=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> "RunningServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.server.started:
            raise AssertionError(f"uvicorn did not start on {self.host}:{self.port}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(5)
        self.socket.close()


def request(server: RunningServer, method: str, path: str, body: Any = None, raw: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, Any]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        connection.request(method, path, body=data, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def fixed_reducer(instance: str, status: int = 200) -> Starlette:
    """A reducer stand-in with its own instance name, or one that always fails."""

    async def reduce(request: Request) -> JSONResponse:
        if status != 200:
            return JSONResponse({"error": "broken on purpose"}, status_code=status)
        values = number_list(await read_json(request))
        return JSONResponse({"sum": total(values), "count": len(values), "instance": instance})

    return make_app([Route("/reduce", reduce, methods=["POST"])])
