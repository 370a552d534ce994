"""Reducer node: sums a list of numbers.

    GET  /health                        -> {"status", "node", "instance"}
    POST /reduce {"values": [numbers]}  -> {"sum", "count", "instance"}

Run: ``python -m omninode_bridge.reducer`` (PORT default 8061, WORKERS uvicorn worker processes).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from omninode_bridge.server import Settings, configure_logging, instance_id, make_app, number_list, read_json, serve, total

NODE = "reducer"
DEFAULT_PORT = 8061


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "node": NODE, "instance": instance_id()})


async def reduce(request: Request) -> JSONResponse:
    values = number_list(await read_json(request))
    return JSONResponse({"sum": total(values), "count": len(values), "instance": instance_id()})


def create_app() -> Starlette:
    """The app uvicorn imports in each worker process."""
    configure_logging(Settings.from_env(NODE, DEFAULT_PORT).log_level)
    return make_app([Route("/health", health, methods=["GET"]), Route("/reduce", reduce, methods=["POST"])])


def main() -> int:
    return serve(Settings.from_env(NODE, DEFAULT_PORT), "omninode_bridge.reducer:create_app")


if __name__ == "__main__":
    raise SystemExit(main())
