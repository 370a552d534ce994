"""The two halves of scripts/package-index.sh that are easier in Python than in bash.

    python3 package-index.py wheels OUT_DIR ROOT...   one py3-none-any wheel per extracted Debian package ROOT
    python3 package-index.py serve STATE_DIR PORT     the PEP 503 index over STATE_DIR/wheels, basic auth

Debian's pure-Python packages (python3-*) install their modules and either a *.dist-info or an *.egg-info folder
into /usr/lib/python3/dist-packages; both carry the upstream name, version and requirements, which is all a wheel
needs besides a fresh RECORD. Debian's own RECORD, INSTALLER and direct_url.json describe its install, not a wheel.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import logging
import os
import re
import sys
import zipfile
from email.parser import HeaderParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path("usr/lib/python3/dist-packages")
INSTALL_ONLY = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
# Debian declares a package's dependencies in its own control file and drops them from some egg-info requires.txt
# (the extras stay). A wheel without them would let Poetry lock httpcore without h11, so they are put back as the
# upstream release of exactly that version declares them (its setup.py / setup.cfg install_requires).
UPSTREAM_REQUIRES = {
    ("anyio", "3.6.2"): ["idna>=2.8", "sniffio>=1.1"],
    ("httpcore", "0.16.3"): ["h11<0.15,>=0.13", "sniffio==1.*", "anyio<5.0,>=3.0", "certifi"],
    ("marshmallow", "3.18.0"): ["packaging>=17.0"],
    ("uvicorn", "0.17.6"): ["asgiref>=3.4.0", "click>=7.0", "h11>=0.8"],
}
# A fixed time for every zip entry: the same Debian package gives the same wheel, so its hash (and the lock) holds.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def normalize(name: str) -> str:
    """PEP 503 project name normalization."""
    return re.sub(r"[-_.]+", "-", name).lower()


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def requires_dist(requires_txt: str) -> list[str]:
    """egg-info requires.txt ("[extra:marker]" sections) as Requires-Dist values."""
    lines: list[str] = []
    extra, marker = "", ""
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            extra, _, marker = line[1:-1].partition(":")
            continue
        conditions = []
        if marker:
            conditions.append(f"({marker})" if extra else marker)
        if extra:
            conditions.append(f'extra == "{extra}"')
        lines.append(line + ("; " + " and ".join(conditions) if conditions else ""))
    return lines


def extras(requires_txt: str) -> list[str]:
    found = []
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].partition(":")[0]
            if name and name not in found:
                found.append(name)
    return found


def metadata_from_egg_info(egg_info: Path) -> str:
    pkg_info = (egg_info / "PKG-INFO").read_text(encoding="utf-8")
    headers, _, body = pkg_info.partition("\n\n")
    headers = "\n".join(h for h in headers.splitlines() if not h.startswith(("Requires-Dist:", "Provides-Extra:")))
    requires = egg_info / "requires.txt"
    text = requires.read_text(encoding="utf-8") if requires.exists() else ""
    known = HeaderParser().parsestr(headers + "\n\n")
    upstream = UPSTREAM_REQUIRES.get((normalize(known["Name"]), known["Version"]), [])
    added = [f"Requires-Dist: {r}" for r in upstream]
    added += [f"Provides-Extra: {e}" for e in extras(text)] + [f"Requires-Dist: {r}" for r in requires_dist(text)]
    return headers + ("\n" + "\n".join(added) if added else "") + "\n\n" + body


def make_wheel(root: Path, out_dir: Path) -> Path:
    site = root / SITE
    infos = sorted(site.glob("*.dist-info")) + sorted(site.glob("*.egg-info"))
    if len(infos) != 1:
        raise SystemExit(f"{root}: expected one *.dist-info or *.egg-info in {SITE}, found {[i.name for i in infos]}")
    info = infos[0]
    metadata = (info / "METADATA").read_text(encoding="utf-8") if info.suffix == ".dist-info" else metadata_from_egg_info(info)
    headers = HeaderParser().parsestr(metadata)
    name, version = headers["Name"], headers["Version"]
    stem = f"{normalize(name).replace('-', '_')}-{version}"
    dist_info = f"{stem}.dist-info"
    files: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        relative = path.relative_to(site)
        if relative.parts[0] == info.name:
            continue
        files[relative.as_posix()] = path.read_bytes()
    if info.suffix == ".dist-info":
        for extra_file in sorted(info.iterdir()):
            if extra_file.is_file() and extra_file.name not in INSTALL_ONLY | {"METADATA", "WHEEL"}:
                files[f"{dist_info}/{extra_file.name}"] = extra_file.read_bytes()
    else:
        for kept in ("entry_points.txt", "top_level.txt"):
            if (info / kept).exists():
                files[f"{dist_info}/{kept}"] = (info / kept).read_bytes()
    files[f"{dist_info}/METADATA"] = metadata.encode("utf-8")
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: omninode-package-index\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode("ascii")
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode("utf-8")
    wheel = out_dir / f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return wheel


def wheels(out_dir: str, roots: list[str]) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for root in roots:
        print(make_wheel(Path(root), out).name)
    return 0


class IndexHandler(BaseHTTPRequestHandler):
    """/simple/ (every project), /simple/<project>/ (its wheels, #sha256= in each link), /files/<wheel>."""

    wheel_dir: Path
    expected_authorization: bytes
    server_version = "omninode-package-index"
    sys_version = ""

    def do_GET(self) -> None:
        if not self._authorized():
            self._answer(HTTPStatus.UNAUTHORIZED, b"credentials required\n", "text/plain",
                         {"WWW-Authenticate": 'Basic realm="omninode-package-index"'})
            return
        path = self.path.split("?", 1)[0]
        projects = self._projects()
        if path in ("/simple", "/simple/"):
            links = "".join(f'<a href="/simple/{p}/">{p}</a>\n' for p in sorted(projects))
            self._page("Simple index", links)
        elif path.startswith("/simple/"):
            project = normalize(path[len("/simple/"):].strip("/"))
            if project not in projects:
                self._answer(HTTPStatus.NOT_FOUND, f"no project {project}\n".encode(), "text/plain")
                return
            links = "".join(
                f'<a href="/files/{html.escape(w.name)}#sha256={hashlib.sha256(w.read_bytes()).hexdigest()}">{html.escape(w.name)}</a>\n'
                for w in projects[project])
            self._page(f"Links for {project}", links)
        elif path.startswith("/files/") and "/" not in path[len("/files/"):]:
            wheel = self.wheel_dir / path[len("/files/"):]
            if wheel.suffix != ".whl" or not wheel.is_file():
                self._answer(HTTPStatus.NOT_FOUND, b"no such file\n", "text/plain")
                return
            self._answer(HTTPStatus.OK, wheel.read_bytes(), "application/octet-stream")
        else:
            self._answer(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def do_HEAD(self) -> None:
        self.do_GET()

    def _authorized(self) -> bool:
        given = self.headers.get("Authorization", "").encode("latin-1", "replace")
        return hmac.compare_digest(given, self.expected_authorization)

    def _projects(self) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for wheel in sorted(self.wheel_dir.glob("*.whl")):
            found.setdefault(normalize(wheel.name.split("-", 1)[0]), []).append(wheel)
        return found

    def _page(self, title: str, links: str) -> None:
        body = f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body>\n{links}</body></html>\n"
        self._answer(HTTPStatus.OK, body.encode("utf-8"), "text/html")

    def _answer(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        # The request line and status only: the Authorization header is never logged.
        logging.info("%s %s", self.address_string(), format % args)


def serve(state_dir: str, port: str) -> int:
    state = Path(state_dir)
    user, _, password = (state / "credentials").read_text(encoding="utf-8").strip().partition(":")
    IndexHandler.wheel_dir = state / "wheels"
    IndexHandler.expected_authorization = b"Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), IndexHandler)
    server.daemon_threads = True
    logging.info("serving %s on 127.0.0.1:%s", IndexHandler.wheel_dir, port)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or [""]
    if command == "wheels" and len(rest) >= 2:
        raise SystemExit(wheels(rest[0], rest[1:]))
    if command == "serve" and len(rest) == 2:
        raise SystemExit(serve(*rest))
    raise SystemExit("usage: package-index.py wheels OUT_DIR ROOT... | serve STATE_DIR PORT")
