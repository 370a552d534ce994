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
        print(f"healthcheck {url}: {error}", file=sys.stderr)
        return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    url = args[0] if args else f"http://127.0.0.1:{os.environ.get('PORT', '8060')}/health"
    return 0 if check(url) else 1


if __name__ == "__main__":
    raise SystemExit(main())
