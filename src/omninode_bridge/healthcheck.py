"""Container health probe without curl: ``python -m omninode_bridge.healthcheck [URL]``.

Default URL is http://127.0.0.1:$PORT/health. Exit 0 on HTTP 200, 1 otherwise.

One GET over a plain socket: the probe runs every second or two in every container, under the
container's CPU limit, and ``urllib.request`` (http.client, email, ...) made each run import
seven times as much as the request needs.
"""

from __future__ import annotations

import os
import socket
import sys


def _split(url: str) -> tuple[str, int, str]:
    """http://host[:port][/path] -> (host, port, path); only plain HTTP, as the nodes serve."""
    if not url.startswith("http://"):
        raise ValueError(f"not an http:// URL: {url}")
    rest = url[len("http://"):]
    authority, slash, path = rest.partition("/")
    host, colon, port = authority.rpartition(":")
    if not colon:
        host, port = authority, "80"
    return host.strip("[]"), int(port), slash + path or "/"


def check(url: str, timeout: float = 3.0) -> bool:
    try:
        host, port, path = _split(url)
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("ascii"))
            status = connection.makefile("rb").readline().split()
        if len(status) >= 2 and status[1] == b"200":
            return True
        report(f"healthcheck {url}: {b' '.join(status).decode('latin-1') or 'no answer'}")
        return False
    except (OSError, ValueError) as error:
        report(f"healthcheck {url}: {error}")
        return False


def report(message: str) -> None:
    """Print why the check failed, and in a container also into the container's log.

    Docker keeps a health check's own output only on the engine that ran it; the container's log (its PID 1's
    stderr) is what ``docker service logs`` reads from any swarm manager, so a rolled-back update can name the
    failing health output wherever the task ran.
    """
    print(message, file=sys.stderr)
    if os.getpid() != 1 and os.path.exists("/.dockerenv"):
        try:
            with open("/proc/1/fd/2", "a", encoding="utf-8") as container_log:
                container_log.write(message + "\n")
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    url = args[0] if args else f"http://127.0.0.1:{os.environ.get('PORT', '8060')}/health"
    return 0 if check(url) else 1


if __name__ == "__main__":
    raise SystemExit(main())
