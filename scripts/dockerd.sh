#!/usr/bin/env bash
# Start or stop the project's own Docker engine: a thin caller of the build's Engine and EngineDown targets
# (the one implementation is build/Tools/Docker/ProjectEngine.cs; see the README's "What the first run does").
#
#   scripts/dockerd.sh start    # the engine the build uses (started when none answers); prints DOCKER_HOST=...
#   scripts/dockerd.sh stop     # stop the project engine and wait until it is gone (no-op when not running)
#
# BRIDGE_PROJECT_ENGINE=debian13 (the default: Docker 26 from Debian 13's packages, in /run/omninode-bridge/debian13 and
# /var/lib/omninode-bridge/debian13) or debian12 (the host's dockerd 20.10, in /run/omninode-bridge and
# /var/lib/omninode-bridge/docker) picks the engine; BRIDGE_ENGINE_DIR and BRIDGE_ENGINE_DATA move its socket, pidfile,
# exec root, log and data root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
    start) ./build.sh --target=Engine --no-report | tee /dev/stderr | grep '^DOCKER_HOST=' ;;
    stop) ./build.sh --target=EngineDown --no-report >&2 ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
