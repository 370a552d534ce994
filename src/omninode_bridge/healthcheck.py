"""Container health probe without curl: ``python -m omninode_bridge.healthcheck [URL]``.

Default URL is http://127.0.0.1:$PORT/health. Exit 0 on HTTP 200, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def check(url: str, timeout: float = 3.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError, ValueError) as error:
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
