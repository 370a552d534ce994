"""Reducer node: sums a list of numbers.

    GET  /health                        -> {"status", "node", "instance"}
    POST /reduce {"values": [numbers]}  -> {"sum", "count", "instance"}

Run: ``python -m omninode_bridge.reducer`` (PORT default 8061).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from omninode_bridge.server import JsonHandler, Settings, instance_id, number_list, serve, total

NODE = "reducer"
DEFAULT_PORT = 8061


def health(_handler: JsonHandler, _payload: Any) -> tuple[HTTPStatus, Any]:
    return HTTPStatus.OK, {"status": "ok", "node": NODE, "instance": instance_id()}


def reduce(_handler: JsonHandler, payload: Any) -> tuple[HTTPStatus, Any]:
    values = number_list(payload)
    return HTTPStatus.OK, {"sum": total(values), "count": len(values), "instance": instance_id()}


class ReducerHandler(JsonHandler):
    routes = {("GET", "/health"): health, ("POST", "/reduce"): reduce}


def main() -> int:
    return serve(Settings.from_env(NODE, DEFAULT_PORT), ReducerHandler)


if __name__ == "__main__":
    raise SystemExit(main())
