"""Helpers: real HTTP servers on 127.x.y.z ephemeral ports, and a JSON client."""

from __future__ import annotations

import http.client
import json
import threading
from typing import Any

from omninode_bridge.server import BridgeServer, JsonHandler, make_server


class RunningServer:
    """A node server serving in a background thread; use as a context manager."""

    def __init__(self, handler: type[JsonHandler], host: str = "127.0.0.1", port: int = 0):
        self.server: BridgeServer = make_server(handler, host, port)
        self.host, self.port = self.server.server_address[:2]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "RunningServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


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


def fixed_reducer(instance: str, status: int = 200) -> type[JsonHandler]:
    """A reducer stand-in with its own instance name, or one that always fails."""
    from http import HTTPStatus

    from omninode_bridge.server import number_list, total

    def reduce(_handler: JsonHandler, payload: Any) -> tuple[HTTPStatus, Any]:
        if status != 200:
            return HTTPStatus(status), {"error": "broken on purpose"}
        values = number_list(payload)
        return HTTPStatus.OK, {"sum": total(values), "count": len(values), "instance": instance}

    class Handler(JsonHandler):
        routes = {("POST", "/reduce"): reduce}

    return Handler
