#!/usr/bin/env bash
# Build the two local base images (no registry is reachable here, so nothing
# can be pulled): a Debian rootfs via mmdebstrap, turned into an image with
# `docker import`.
#
#   scripts/base-images.sh [--force]
#
#   omninode/python:3.11-bookworm  runtime: python3 + python3-venv
#   omninode/poetry:1.3.2-bookworm builder: the runtime image + python3-poetry
#
# or, with BASE_SUITE=trixie (Debian 13, from BASE_SOURCES: the machine's own
# sources are bookworm's, so the build hands the mirror's trixie line):
#   omninode/python:3.13-trixie    runtime: Python 3.13
#   omninode/poetry:2.1.2-trixie   builder: Poetry 2.1.2
#
# One mmdebstrap run makes the runtime image; while its chroot still has apt's
# package lists it also downloads python3-poetry and what it needs (and only
# that: the runtime's packages are installed already). The builder is then the
# runtime image plus one layer, those packages installed with dpkg in a
# container of it: /usr/bin/python3 is the very same file in both, so a venv
# built in the builder runs in the runtime, and the second full bootstrap that
# the builder used to cost is gone.
# An image that exists already is skipped unless --force. Uses DOCKER_HOST as
# set by the caller. Needs root (mmdebstrap mode root).
set -euo pipefail

SUITE="${BASE_SUITE:-bookworm}"
# A sources file (the machine's own) or an apt line ("deb URL SUITE main").
SOURCES="${BASE_SOURCES:-/etc/apt/sources.list.d/debian.sources}"
RUNTIME_IMAGE="${RUNTIME_IMAGE:-omninode/python:3.11-bookworm}"
BUILDER_IMAGE="${BUILDER_IMAGE:-omninode/poetry:1.3.2-bookworm}"
DOCKER="${DOCKER:-docker}"
FORCE=false

for arg in "$@"; do
    case "$arg" in
        --force) FORCE=true ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "base-images.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

[[ "$SOURCES" == deb\ * || -f "$SOURCES" ]] || { echo "base-images.sh: apt sources file $SOURCES not found" >&2; exit 1; }

# Files that no container needs. dpkg never unpacks them, and the options stay
# in /etc/dpkg/dpkg.cfg.d/ so packages installed later in a Dockerfile are
# trimmed the same way. Copyright files are kept (licences travel with the image).
DPKG_OPTS=(
    --dpkgopt='path-exclude=/usr/share/man/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
    --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-include=/usr/share/locale/locale.alias'
    --dpkgopt='path-exclude=/usr/share/lintian/*'
    --dpkgopt='path-exclude=/usr/share/bash-completion/*'
)

# The merged-usr hook creates the /bin -> usr/bin links itself and installs
# usr-is-merged; without it apt satisfies init-system-helpers' dependency with
# usrmerge, which drags in full perl (~50 MB) that nothing here uses.

# Image config: docker import starts from an empty config.
IMPORT_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change 'ENV PYTHONDONTWRITEBYTECODE=1'
    --change 'CMD ["python3"]'
)

missing() { $FORCE || ! "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

NEED_RUNTIME=false; missing "$RUNTIME_IMAGE" && NEED_RUNTIME=true
NEED_BUILDER=false; missing "$BUILDER_IMAGE" && NEED_BUILDER=true
$NEED_RUNTIME || echo "base-images.sh: $RUNTIME_IMAGE exists, skipped (use --force to rebuild)" >&2
$NEED_BUILDER || echo "base-images.sh: $BUILDER_IMAGE exists, skipped (use --force to rebuild)" >&2

WORK="$(mktemp -d "${TMPDIR:-/tmp}/base-images.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/debs"

if $NEED_RUNTIME || $NEED_BUILDER; then
    echo "base-images.sh: bootstrapping $SUITE with python3,python3-venv" >&2
    # --skip=cleanup is NOT given: mmdebstrap removes apt lists and caches.
    # The tarball goes straight into docker import (or nowhere, when only the
    # builder is missing); only Poetry's packages touch the disk, in $WORK.
    # The download hook runs before the cleanup hook, while the lists exist.
    mmdebstrap \
        --mode=root \
        --variant=minbase \
        --format=tar \
        --include=python3,python3-venv \
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
        "${DPKG_OPTS[@]}" \
        --customize-hook='chroot "$1" python3 -c "import venv, sys; print(sys.version)"' \
        --customize-hook='mkdir -p "$1"/tmp/poetry-debs/partial' \
        --customize-hook='chroot "$1" apt-get install --download-only --yes --quiet --no-install-recommends \
            -o Dir::Cache::archives=/tmp/poetry-debs/ python3-poetry' \
        --customize-hook="cp \"\$1\"/tmp/poetry-debs/*.deb '$WORK/debs/'" \
        --customize-hook='rm -rf "$1"/tmp/poetry-debs "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/root/.cache' \
        "$SUITE" - "$SOURCES" \
    | if $NEED_RUNTIME; then
        "$DOCKER" import "${IMPORT_CHANGES[@]}" --message "mmdebstrap $SUITE minbase + python3,python3-venv" - "$RUNTIME_IMAGE" >/dev/null
    else
        cat >/dev/null
    fi
fi

if $NEED_BUILDER; then
    echo "base-images.sh: building $BUILDER_IMAGE from $RUNTIME_IMAGE + python3-poetry ($(ls "$WORK/debs" | wc -l) packages)" >&2
    # docker cp, not a bind mount: the engine may be remote. The packages are
    # removed in the same container, so the committed layer holds only what
    # dpkg installed.
    container="$("$DOCKER" create "$RUNTIME_IMAGE" sh -c 'dpkg --install --recursive /tmp/debs && rm -rf /tmp/debs')"
    trap '"$DOCKER" rm --force "$container" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
    "$DOCKER" cp "$WORK/debs" "$container:/tmp/debs"
    "$DOCKER" start --attach "$container" >/dev/null
    # A commit keeps the container's command (the dpkg line): set back the runtime's.
    "$DOCKER" commit --change 'CMD ["python3"]' \
        --message "$RUNTIME_IMAGE + python3-poetry" "$container" "$BUILDER_IMAGE" >/dev/null
fi

"$DOCKER" run --rm "$RUNTIME_IMAGE" python3 -c 'import sys, venv; print("runtime", sys.version.split()[0])'
"$DOCKER" run --rm "$BUILDER_IMAGE" poetry --version
"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^(${RUNTIME_IMAGE}|${BUILDER_IMAGE})\b"
