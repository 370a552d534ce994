#!/usr/bin/env bash
# Start, stop or query a private dockerd for the OmniNode Bridge build suite.
#
#   scripts/dockerd.sh start    # start (no-op when already running), print DOCKER_HOST
#   scripts/dockerd.sh stop     # stop and wait until the process is gone
#   scripts/dockerd.sh status   # exit 0 when running and answering, 1 otherwise
#
# The daemon gets its OWN socket, data root, exec root and pidfile so it never
# collides with a system dockerd (none runs here: no systemd). Everything can be
# moved with OMNINODE_CI_RUN (default /run/omninode-ci) and OMNINODE_CI_DATA
# (default /var/lib/omninode-ci/docker). Needs root.
#
# Networking: checked in this sandbox (kernel 6.x, iptables 1.8 nf_tables
# backend): with the defaults (--iptables=true, userland proxy on) the default
# bridge, user-defined compose networks, container-to-container DNS and ports
# published on 127.0.0.1 all work, so no special flags are needed. Set
# OMNINODE_DOCKERD_IPTABLES=false only on a kernel without nf_tables/ip_tables:
# containers then get no NAT and published ports work only through
# docker-proxy (the userland proxy, kept on here for that reason).
set -euo pipefail

RUN_DIR="${OMNINODE_CI_RUN:-/run/omninode-ci}"
DATA_ROOT="${OMNINODE_CI_DATA:-/var/lib/omninode-ci/docker}"
SOCKET="$RUN_DIR/docker.sock"
PIDFILE="$RUN_DIR/dockerd.pid"
EXEC_ROOT="$RUN_DIR/exec"
LOG="$RUN_DIR/dockerd.log"
TIMEOUT="${OMNINODE_DOCKERD_TIMEOUT:-60}"
IPTABLES="${OMNINODE_DOCKERD_IPTABLES:-true}"
DOCKER_HOST_VALUE="unix://$SOCKET"
# The 20.10 client matches the 20.10 daemon; any client works for `info`.
DOCKER_CLI="${DOCKER_CLI:-$(command -v /usr/bin/docker || command -v docker)}"

die() { echo "dockerd.sh: $*" >&2; exit 1; }

pid_alive() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

answers() {
    DOCKER_HOST="$DOCKER_HOST_VALUE" "$DOCKER_CLI" info >/dev/null 2>&1
}

log_tail() {
    echo "---- last 30 lines of $LOG ----" >&2
    tail -n 30 "$LOG" >&2 2>/dev/null || true
}

start() {
    [[ "$(id -u)" == 0 ]] || die "must run as root (dockerd needs it)"
    if pid_alive && answers; then
        echo "dockerd already running (pid $(cat "$PIDFILE"))" >&2
        echo "DOCKER_HOST=$DOCKER_HOST_VALUE"
        return 0
    fi
    if pid_alive; then
        die "dockerd pid $(cat "$PIDFILE") is alive but $SOCKET does not answer; run '$0 stop' first"
    fi
    mkdir -p "$RUN_DIR" "$EXEC_ROOT" "$DATA_ROOT"
    rm -f "$PIDFILE" "$SOCKET"
    # --bridge/--bip default (docker0, 172.17.0.0/16); a separate bridge name
    # would need creating by hand. The socket group is root only.
    # setsid: detach from the caller's session so the daemon survives the shell.
    setsid /usr/sbin/dockerd \
        --host "$DOCKER_HOST_VALUE" \
        --data-root "$DATA_ROOT" \
        --exec-root "$EXEC_ROOT" \
        --pidfile "$PIDFILE" \
        --iptables="$IPTABLES" \
        --userland-proxy=true \
        >>"$LOG" 2>&1 </dev/null &
    local waited=0
    until answers; do
        if ! kill -0 $! 2>/dev/null; then
            log_tail
            die "dockerd exited during start-up"
        fi
        if (( waited >= TIMEOUT )); then
            log_tail
            die "dockerd did not answer on $SOCKET within ${TIMEOUT}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "dockerd started (pid $(cat "$PIDFILE")), log $LOG" >&2
    echo "DOCKER_HOST=$DOCKER_HOST_VALUE"
}

stop() {
    if ! pid_alive; then
        echo "dockerd not running" >&2
        rm -f "$PIDFILE"
        return 0
    fi
    local pid waited=0
    pid="$(cat "$PIDFILE")"
    kill -TERM "$pid"
    # dockerd stops its containers first (default 15 s shutdown timeout).
    while kill -0 "$pid" 2>/dev/null; do
        if (( waited >= TIMEOUT )); then
            log_tail
            die "dockerd (pid $pid) did not stop within ${TIMEOUT}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    rm -f "$PIDFILE"
    echo "dockerd stopped" >&2
}

status() {
    if pid_alive && answers; then
        echo "running (pid $(cat "$PIDFILE"))"
        echo "DOCKER_HOST=$DOCKER_HOST_VALUE"
        return 0
    fi
    echo "not running"
    return 1
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
