#!/usr/bin/env bash
# Build the two local base images (no registry is reachable here, so nothing
# can be pulled): a Debian bookworm rootfs from the machine's own apt sources
# via mmdebstrap, turned into an image with `docker import`.
#
#   scripts/base-images.sh [--force]
#
#   omninode/python:3.11-bookworm  runtime: python3 + python3-venv
#   omninode/poetry:1.3.2-bookworm builder: the same + python3-poetry
#
# Both come from the same suite and sources, so /usr/bin/python3 (3.11) is the
# same file in each and a venv built in the builder runs in the runtime.
# An image that exists already is skipped unless --force. Uses DOCKER_HOST as
# set by the caller (see scripts/dockerd.sh). Needs root (mmdebstrap mode root).
set -euo pipefail

SUITE="${BASE_SUITE:-bookworm}"
SOURCES="${BASE_SOURCES:-/etc/apt/sources.list.d/debian.sources}"
RUNTIME_IMAGE="${RUNTIME_IMAGE:-omninode/python:3.11-bookworm}"
BUILDER_IMAGE="${BUILDER_IMAGE:-omninode/poetry:1.3.2-bookworm}"
DOCKER="${DOCKER:-docker}"
FORCE=false

for arg in "$@"; do
    case "$arg" in
        --force) FORCE=true ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "base-images.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

[[ -f "$SOURCES" ]] || { echo "base-images.sh: apt sources file $SOURCES not found" >&2; exit 1; }

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

build() {
    local image="$1" packages="$2"
    if ! $FORCE && "$DOCKER" image inspect "$image" >/dev/null 2>&1; then
        echo "base-images.sh: $image exists, skipped (use --force to rebuild)" >&2
        return 0
    fi
    echo "base-images.sh: building $image with $packages" >&2
    # --skip=cleanup is NOT given: mmdebstrap removes apt lists and caches.
    # The tarball goes straight into docker import; nothing touches the disk.
    mmdebstrap \
        --mode=root \
        --variant=minbase \
        --format=tar \
        --include="$packages" \
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
        "${DPKG_OPTS[@]}" \
        --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/root/.cache' \
        --customize-hook='chroot "$1" python3 -c "import venv, sys; print(sys.version)"' \
        "$SUITE" - "$SOURCES" \
    | "$DOCKER" import "${IMPORT_CHANGES[@]}" \
        --message "mmdebstrap $SUITE minbase + $packages" \
        - "$image" >/dev/null
}

build "$RUNTIME_IMAGE" "python3,python3-venv"
build "$BUILDER_IMAGE" "python3,python3-venv,python3-poetry"

"$DOCKER" run --rm "$RUNTIME_IMAGE" python3 -c 'import sys, venv; print("runtime", sys.version.split()[0])'
"$DOCKER" run --rm "$BUILDER_IMAGE" poetry --version
"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^(${RUNTIME_IMAGE}|${BUILDER_IMAGE})\b"
