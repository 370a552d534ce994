#!/usr/bin/env bash
# The project's private package index: a PEP 503 "simple" index on 127.0.0.1 behind HTTP basic auth, standing in for
# a team's Artifactory, Nexus, CodeArtifact or devpi (the build does not care which one answers).
#
#   scripts/package-index.sh up      # make the wheels (first time), start the index; prints INDEX_URL=... and the
#                                    # credentials as Poetry's POETRY_HTTP_BASIC_OMNINODE_INDEX_{USERNAME,PASSWORD}
#   scripts/package-index.sh down    # stop it (by its pid) and wait until it is gone; no-op when not running
#   scripts/package-index.sh status  # "answers" (exit 0) or "not reachable" (exit 1)
#
# No public index is reachable from the build machines, but Debian's mirror is: the wheels are made from Debian 12's
# pure-Python python3-* packages (apt-get download + dpkg-deb -x), py3-none-any, so the same files install on
# Python 3.11 and 3.13. Made once and byte for byte the same every time (fixed zip times), so poetry.lock's hashes hold.
#
# State (wheels, password, pid, log) lives outside the work tree: BRIDGE_INDEX_DIR, default
# /var/lib/omninode-bridge/package-index. BRIDGE_INDEX_PORT moves the port (default 3141, devpi's).
set -euo pipefail

SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${BRIDGE_INDEX_DIR:-/var/lib/omninode-bridge/package-index}"
PORT="${BRIDGE_INDEX_PORT:-3141}"
URL="http://127.0.0.1:${PORT}/simple/"
USERNAME=bridge
# Poetry reads POETRY_HTTP_BASIC_<SOURCE>_* for the source named "omninode-index" in pyproject.toml.
VARIABLE_PREFIX=POETRY_HTTP_BASIC_OMNINODE_INDEX

# One Debian package a line, exact versions: a newer build of a package would change a wheel and its hash.
# The services' direct dependencies (starlette, uvicorn, httpx, marshmallow) and everything they require.
PACKAGES=(
    python3-anyio=3.6.2-1
    python3-asgiref=3.6.0-1
    python3-certifi=2022.9.24-1
    python3-click=8.1.3-2
    python3-colorama=0.4.6-2
    python3-h11=0.14.0-1.1~deb12u1
    python3-httpcore=0.16.3-1
    python3-httpx=0.23.3-1
    python3-idna=3.3-1+deb12u1
    python3-marshmallow=3.18.0-1
    python3-packaging=23.0-1
    python3-rfc3986=1.5.0-2
    python3-sniffio=1.2.0-1
    python3-starlette=0.26.1-1+deb12u2
    python3-uvicorn=0.17.6-1
)
# Newer releases from Debian 13 (trixie, same mirror), served beside the versions above so that a one-package bump
# has somewhere to go (bench/run.sh bump). The lock pins the older versions; nothing resolves to these unless asked.
NEWER_SUITE=trixie
NEWER_MIRROR=http://deb.debian.org/debian
NEWER_PACKAGES=(
    python3-idna=3.10-1+deb13u1
)

answers() {
    python3 - "$URL" "$USERNAME" "$STATE/credentials" <<'EOF'
import base64, sys, urllib.request
url, user, credentials = sys.argv[1:]
try:
    password = open(credentials, encoding="utf-8").read().strip().partition(":")[2]
except OSError:
    password = ""
request = urllib.request.Request(url, headers={"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()})
try:
    with urllib.request.urlopen(request, timeout=2) as answer:
        sys.exit(0 if answer.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

running_pid() {
    local pid
    pid="$(cat "$STATE/index.pid" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q package-index.py "/proc/$pid/cmdline" 2>/dev/null; then
        echo "$pid"
    fi
}

make_wheels() {
    local want have work
    # The package list and the wheel maker's own hash: a change to either makes the wheels again.
    want="$(printf '%s\n' "${PACKAGES[@]}" "${NEWER_PACKAGES[@]/#/$NEWER_SUITE:}" "$(sha256sum "$SCRIPTS/package-index.py" | cut -d' ' -f1)")"
    have="$(cat "$STATE/wheels/.packages" 2>/dev/null || true)"
    [[ "$want" == "$have" ]] && return 0
    echo "package-index: making wheels from ${#PACKAGES[@]} Debian packages into $STATE/wheels" >&2
    rm -rf "$STATE"/.work.*
    work="$(mktemp -d "$STATE/.work.XXXXXX")"
    mkdir -p "$work/debs" "$work/wheels" "$work/root"
    # A fresh Debian machine has no package lists, and apt-get download finds nothing without them (the same rule as
    # the build's package installer: update only when there are none, so a machine's own lists are left as they are).
    if ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
        echo "package-index: this machine has no apt package lists yet: apt-get update" >&2
        apt-get update -qq >&2 2>"$work/apt.log" || { cat "$work/apt.log" >&2; echo "package-index: apt-get update failed" >&2; return 1; }
    fi
    (cd "$work/debs" && apt-get download "${PACKAGES[@]}" >&2 2>"$work/apt.log") \
        || { cat "$work/apt.log" >&2; echo "package-index: apt-get download failed for ${PACKAGES[*]}" >&2; return 1; }
    download_newer "$work" || return 1
    local roots=() deb
    for deb in "$work"/debs/*.deb; do
        dpkg-deb -x "$deb" "$work/root/$(basename "$deb" .deb)"
        roots+=("$work/root/$(basename "$deb" .deb)")
    done
    python3 "$SCRIPTS/package-index.py" wheels "$work/wheels" "${roots[@]}" >&2
    printf '%s\n' "$want" > "$work/wheels/.packages"
    rm -rf "$STATE/wheels"
    mv "$work/wheels" "$STATE/wheels"
    rm -rf "$work"
}

# download_newer WORK: NEWER_PACKAGES into WORK/debs with an apt configuration of its own (its own sources, lists and
# cache under WORK/apt, no installed packages), so the host's apt state is neither read nor changed.
download_newer() {
    local apt="$1/apt"
    mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $NEWER_MIRROR $NEWER_SUITE main" > "$apt/sources.list"
    cat > "$apt/apt.conf" <<CONF
Dir::Etc::main "/dev/null";
Dir::Etc::Parts "$apt/parts";
Dir::Etc::sourcelist "$apt/sources.list";
Dir::Etc::sourceparts "-";
Dir::State::Lists "$apt/lists";
Dir::State::status "/dev/null";
Dir::Cache "$apt/cache";
Debug::NoLocking "true";
Acquire::Languages "none";
APT::Sandbox::User "root";
CONF
    { APT_CONFIG="$apt/apt.conf" apt-get update -qq && (cd "$1/debs" && APT_CONFIG="$apt/apt.conf" apt-get download "${NEWER_PACKAGES[@]}"); } \
        >&2 2>>"$1/apt.log" \
        || { cat "$1/apt.log" >&2; echo "package-index: apt-get download from $NEWER_SUITE failed for ${NEWER_PACKAGES[*]}" >&2; return 1; }
}

print_variables() {
    echo "INDEX_URL=$URL"
    echo "${VARIABLE_PREFIX}_USERNAME=$USERNAME"
    echo "${VARIABLE_PREFIX}_PASSWORD=$(cut -d: -f2- "$STATE/credentials")"
}

up() {
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    if [[ ! -s "$STATE/credentials" ]]; then
        (umask 077; echo "$USERNAME:$(python3 -c 'import secrets; print(secrets.token_hex(16))')" > "$STATE/credentials")
    fi
    if answers; then
        print_variables
        return 0
    fi
    make_wheels
    if [[ -z "$(running_pid)" ]]; then
        setsid nohup python3 "$SCRIPTS/package-index.py" serve "$STATE" "$PORT" >"$STATE/index.log" 2>&1 </dev/null &
        echo $! > "$STATE/index.pid"
    fi
    for _ in $(seq 50); do
        if answers; then
            echo "package-index: answering on $URL (pid $(cat "$STATE/index.pid"))" >&2
            print_variables
            return 0
        fi
        sleep 0.2
    done
    echo "package-index: $URL not reachable 10 s after start; its log: $STATE/index.log" >&2
    tail -5 "$STATE/index.log" >&2 || true
    return 1
}

down() {
    local pid
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        rm -f "$STATE/index.pid"
        echo "package-index: not running" >&2
        return 0
    fi
    kill "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$STATE/index.pid"; echo "package-index: stopped (pid $pid)" >&2; return 0; }
        sleep 0.1
    done
    echo "package-index: pid $pid did not stop within 5 s" >&2
    return 1
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) if answers; then echo "answers: $URL"; else echo "not reachable: $URL"; exit 1; fi ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
