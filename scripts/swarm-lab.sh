#!/usr/bin/env bash
# A Docker Swarm of N nodes on this one machine, for the swarm tests and for trying a multi-node Deploy.
#
#   scripts/swarm-lab.sh up N [--load FILE.tar]...  # N dockerd nodes (node 1 the manager) + a registry
#   scripts/swarm-lab.sh stop-node K                 # stop node K's dockerd (a lost machine)
#   scripts/swarm-lab.sh start-node K                # start it again; it rejoins the swarm by itself
#   scripts/swarm-lab.sh status                      # the lab's lines, exit 1 when there is no lab
#   scripts/swarm-lab.sh down                        # remove everything `up` made
#
# `up` prints, as lines of their own:
#   DOCKER_HOST=unix:///run/LAB/node1/docker.sock   the manager (give it to ./build.sh --target=Deploy)
#   REGISTRY=10.213.0.1:5000/omninode               for --registry: every node pulls from it
# and NODE_K=ADDRESS for each node (the address a published port of node K answers on). --load FILE.tar
# loads images (docker save output) into the manager, which then can build: the manager's dockerd, like every
# node, lists the registry in --insecure-registries, so the build pushes to it and every node pulls from it.
#
# Each node is a dockerd in its own network namespace LAB-K (entered with `nsenter --net=`: `ip netns exec`
# remounts /sys and hides the cgroup mounts, and dockerd then dies with "Devices cgroup isn't mounted"), with
# its own --data-root, --exec-root, --pidfile and socket. A veth pair joins each namespace to the bridge LAB0,
# made in the namespace this script runs in, which also gets the bridge's first address and runs the registry
# there. Once any dockerd runs in that namespace the FORWARD policy is DROP and bridged traffic passes
# iptables, so one rule accepts traffic within the bridge (removed again by `down`). No address leaves the
# machine: the subnet exists only on that bridge and in the lab's namespaces.
#
# The kernel here has no IPVS: swarm's VIP load balancing and the ingress routing mesh do not work, so the
# stack uses `endpoint_mode: dnsrr` and host-mode published ports (deployment/docker-stack.bridge.yml).
#
# Settings (environment): SWARM_LAB_NAME (default omnilab: namespaces omnilab-K, bridge omnilab0, state in
# /run/omnilab and /var/lib/omnilab), SWARM_LAB_SUBNET (the first three octets, default 10.213.0),
# SWARM_LAB_REGISTRY_PORT (5000), SWARM_LAB_INDEX_PORT (3141, the package index relayed into each node),
# SWARM_LAB_TIMEOUT (seconds to wait for a dockerd or the swarm, 90), SWARM_LAB_ENGINE (debian12, the default:
# the host's dockerd 20.10; debian13: dockerd 26 of the build's Debian 13 toolchain with the containerd image store,
# SWARM_LAB_TOOLCHAIN naming its folder, by default the one complete debian13-docker* under BRIDGE_TOOLCHAINS or
# /var/lib/omninode-bridge/toolchains).
# Needs root, iproute2, iptables, dockerd, docker-registry, python3.
set -euo pipefail

LAB="${SWARM_LAB_NAME:-omnilab}"
NET="${SWARM_LAB_SUBNET:-10.213.0}"
REGISTRY_PORT="${SWARM_LAB_REGISTRY_PORT:-5000}"
# The project's package index (pyproject.toml's source): relayed into every node, where builds run.
INDEX_PORT="${SWARM_LAB_INDEX_PORT:-3141}"
RELAY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tcp-relay.py"
TIMEOUT="${SWARM_LAB_TIMEOUT:-90}"
RUN="/run/$LAB"
DATA="/var/lib/$LAB"
BRIDGE="${LAB}0"
HOST_ADDRESS="$NET.1"
REGISTRY_ADDRESS="$HOST_ADDRESS:$REGISTRY_PORT"
REGISTRY_NAMESPACE=omninode
# Overlay networks of the stack get their subnets from here, so they never overlap the lab's own subnet.
ADDRESS_POOL="${SWARM_LAB_ADDRESS_POOL:-10.214.0.0/16}"
DOCKER_CLI="${DOCKER_CLI:-$(command -v /usr/bin/docker || command -v docker)}"
ENGINE="${SWARM_LAB_ENGINE:-debian12}"
# The rule that lets bridged traffic through FORWARD; the comment marks it as the lab's own.
RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "$LAB swarm lab" -j ACCEPT)

die() { echo "swarm-lab.sh: $*" >&2; exit 1; }
say() { echo "swarm-lab.sh: $*" >&2; }

namespace() { echo "$LAB-$1"; }
node_address() { echo "$NET.$((10 + $1))"; }
node_dir() { echo "$RUN/node$1"; }
socket_of() { echo "$(node_dir "$1")/docker.sock"; }
pid_of() { cat "$(node_dir "$1")/dockerd.pid" 2>/dev/null || true; }
node_docker() { local k="$1"; shift; DOCKER_HOST="unix://$(socket_of "$k")" "$DOCKER_CLI" "$@"; }
answers() { node_docker "$1" version >/dev/null 2>&1; }
alive() { local pid; pid="$1"; [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }
# ours PID TEXT: PID lives and is still the process this lab started, its command line holding TEXT. Pids are
# reused (pid_max is 32768 here), and a pidfile whose process is gone may name another program's process by now:
# the lab stops only what it started.
ours() { alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
# Not /sys/class/net: under `nsenter --net` /sys still shows the namespace that mounted it.
bridge_exists() { ip link show "$BRIDGE" >/dev/null 2>&1; }
node_count() { cat "$RUN/nodes" 2>/dev/null || echo 0; }

wait_until() {
    local what="$1" waited=0; shift
    until "$@"; do
        (( waited >= TIMEOUT )) && return 1
        sleep 1
        waited=$((waited + 1))
    done
    return 0
}

print_lines() {
    local n k
    n="$(node_count)"
    echo "DOCKER_HOST=unix://$(socket_of 1)"
    echo "REGISTRY=$REGISTRY_ADDRESS/$REGISTRY_NAMESPACE"
    for ((k = 1; k <= n; k++)); do echo "NODE_$k=$(node_address "$k")"; done
}

# The Debian 13 toolchain's folder (bin/dockerd, bin/runc the host's): SWARM_LAB_TOOLCHAIN, or the one complete.
debian13_toolchain() {
    local folder found=()
    if [[ -n "${SWARM_LAB_TOOLCHAIN:-}" ]]; then
        found=("$SWARM_LAB_TOOLCHAIN")
    else
        for folder in "${BRIDGE_TOOLCHAINS:-/var/lib/omninode-bridge/toolchains}"/debian13-docker*; do
            [[ -f "$folder/.complete" ]] && found+=("$folder")
        done
    fi
    (( ${#found[@]} == 1 )) && [[ -x "${found[0]}/bin/dockerd" ]] \
        || die "SWARM_LAB_ENGINE=debian13 needs one complete Debian 13 toolchain or SWARM_LAB_TOOLCHAIN; found: ${found[*]:-none}" \
            "(./build.sh --project-engine=debian13 --target=Engine fetches it)"
    echo "${found[0]}"
}

# The namespaces and script (sh -c, $0 the host name, then "$@") that start node K's dockerd. debian13: dockerd 26 with
# the containerd image store, in a mount namespace of its own with private folders bound on /run/containerd (the
# shims' sockets are under the fixed /run/containerd/s, which every other engine's containerd uses too) and /run/runc
# (runc's state, used by BuildKit's RUN steps), the toolchain's bin first on PATH (its runc is the host's: Debian 13's
# needs glibc 2.38): the layout of the build's Debian 13 project engine.
DEBIAN13_SCRIPT='hostname "$0" && dir="$1" && bin="$2" && shift 2 && mkdir -p /run/containerd /run/runc &&
mount --bind "$dir/containerd" /run/containerd && mount --bind "$dir/runc" /run/runc && PATH="$bin:$PATH" exec "$@"'

start_dockerd() {
    local k="$1" dir toolchain launch
    dir="$(node_dir "$k")"
    alive "$(pid_of "$k")" && answers "$k" && return 0
    mkdir -p "$dir/exec" "$DATA/node$k"
    rm -f "$dir/docker.sock" "$dir/dockerd.pid"
    # Its own UTS namespace and host name: swarm names a node after its host name (docker node ls, Deploy's table).
    case "$ENGINE" in
        debian12) launch=(unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$(namespace "$k")" /usr/sbin/dockerd) ;;
        debian13)
            toolchain="$(debian13_toolchain)"
            mkdir -p "$dir/containerd" "$dir/runc"
            echo '{"features": {"containerd-snapshotter": true}}' >"$dir/daemon.json"
            launch=(unshare --uts --mount --propagation private -- sh -c "$DEBIAN13_SCRIPT" "$(namespace "$k")" "$dir" "$toolchain/bin"
                "$toolchain/bin/dockerd" --config-file "$dir/daemon.json") ;;
        *) die "SWARM_LAB_ENGINE is debian12 or debian13; got '$ENGINE'" ;;
    esac
    # setsid: the daemon outlives the calling shell; its log stays in the node's run folder.
    setsid nsenter --net="/var/run/netns/$(namespace "$k")" "${launch[@]}" \
        --host "unix://$dir/docker.sock" \
        --data-root "$DATA/node$k" \
        --exec-root "$dir/exec" \
        --pidfile "$dir/dockerd.pid" \
        --insecure-registry "$REGISTRY_ADDRESS" \
        >>"$dir/dockerd.log" 2>&1 </dev/null &
    if ! wait_until "node $k" answers "$k"; then
        tail -n 20 "$dir/dockerd.log" >&2 || true
        die "node $k's dockerd did not answer on $dir/docker.sock within ${TIMEOUT}s (log above)"
    fi
}

stop_dockerd() {
    local k="$1" pid waited=0
    pid="$(pid_of "$k")"
    ours "$pid" "$(node_dir "$k")/dockerd.pid" || { rm -f "$(node_dir "$k")/dockerd.pid"; return 0; }
    kill -TERM "$pid"
    # dockerd stops its containers first (their stop grace period, 10 s at most in this stack).
    while alive "$pid"; do
        if (( waited >= TIMEOUT )); then
            say "node $k's dockerd (pid $pid) ignored SIGTERM for ${TIMEOUT}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 1
        waited=$((waited + 1))
    done
    rm -f "$(node_dir "$k")/dockerd.pid"
}

start_registry() {
    local pid
    pid="$(cat "$RUN/registry.pid" 2>/dev/null || true)"
    alive "$pid" && return 0
    mkdir -p "$DATA/registry"
    cat >"$RUN/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $DATA/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDRESS
EOF
    setsid /usr/bin/docker-registry serve "$RUN/registry.yml" >>"$RUN/registry.log" 2>&1 </dev/null &
    echo $! >"$RUN/registry.pid"
    registry_answers() { curl -fsS --max-time 2 "http://$REGISTRY_ADDRESS/v2/" >/dev/null 2>&1; }
    wait_until registry registry_answers || { tail -n 20 "$RUN/registry.log" >&2; die "the registry did not answer on $REGISTRY_ADDRESS"; }
}

# start_relay NAME NAMESPACE|- LISTEN_HOST TARGET_HOST: a tcp-relay.py of the index port, its pid in $RUN/NAME.pid.
start_relay() {
    local name="$1" ns="$2" listen="$3" target="$4" enter=()
    [[ "$ns" == - ]] || enter=(nsenter --net="/var/run/netns/$ns")
    setsid "${enter[@]}" python3 "$RELAY" "$listen" "$INDEX_PORT" "$target" "$INDEX_PORT" >>"$RUN/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
}

# The package index on the host's 127.0.0.1 reached from each node's own 127.0.0.1, through the bridge's host address.
start_index_relays() {
    local k
    start_relay index-relay-host - "$HOST_ADDRESS" 127.0.0.1
    for ((k = 1; k <= $1; k++)); do start_relay "index-relay-node$k" "$(namespace "$k")" 127.0.0.1 "$HOST_ADDRESS"; done
}

stop_index_relays() {
    local file pid
    for file in "$RUN"/index-relay-*.pid; do
        [[ -f "$file" ]] || continue
        pid="$(cat "$file")"
        if ours "$pid" "$RELAY"; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
}

swarm_ready() {
    # Every node Ready, and as many nodes as the lab has.
    local ready
    ready="$(node_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true)"
    [[ "$ready" == "$(node_count)" ]]
}

lab_healthy() {
    local n k
    n="$(node_count)"
    (( n > 0 )) || return 1
    alive "$(cat "$RUN/registry.pid" 2>/dev/null || true)" || return 1
    for ((k = 1; k <= n; k++)); do answers "$k" || return 1; done
    swarm_ready
}

up() {
    local n="${1:-}" k loads=() existing
    [[ "$n" =~ ^[1-9]$ ]] || die "up takes the number of nodes, 1 to 9 (for example: up 3); got '${n}'"
    shift
    while (( $# )); do
        case "$1" in
            --load) [[ -f "${2:-}" ]] || die "--load needs an image archive (docker save output); '${2:-}' is not a file"; loads+=("$2"); shift 2 ;;
            *) die "unknown argument '$1' (up N [--load FILE.tar]...)" ;;
        esac
    done
    [[ "$(id -u)" == 0 ]] || die "must run as root (network namespaces and dockerd need it)"
    existing="$(node_count)"
    if [[ "$existing" == "$n" ]] && lab_healthy; then
        say "a $n-node lab is up already; reusing it"
    else
        if [[ -e "$RUN" || -e "$DATA" ]] || bridge_exists; then
            say "replacing the lab that exists ($existing node(s), not as asked or not healthy)"
            down
        fi
        mkdir -p "$RUN" "$DATA"
        echo "$n" >"$RUN/nodes"
        ip link add "$BRIDGE" type bridge
        ip addr add "$HOST_ADDRESS/24" dev "$BRIDGE"
        ip link set "$BRIDGE" up
        iptables -I "${RULE[@]}"
        for ((k = 1; k <= n; k++)); do
            local ns host_end="${LAB}h$k"
            ns="$(namespace "$k")"
            ip netns add "$ns"
            ip link add "$host_end" type veth peer name eth0 netns "$ns"
            ip link set "$host_end" master "$BRIDGE" up
            nsenter --net="/var/run/netns/$ns" ip link set lo up
            nsenter --net="/var/run/netns/$ns" ip addr add "$(node_address "$k")/24" dev eth0
            nsenter --net="/var/run/netns/$ns" ip link set eth0 up
            nsenter --net="/var/run/netns/$ns" ip route add default via "$HOST_ADDRESS"
            # The machine's name servers are unreachable from here (the bridge leads nowhere beyond this machine): a
            # query would wait for the resolver's timeout (20 s: BuildKit resolving a digest-pinned base image before
            # it takes the local one, every build) where the host's own fails at once. Refused at once here too.
            for server in $(awk '$1 == "nameserver" { print $2 }' /etc/resolv.conf); do
                [[ "$server" == *.*.*.* && "$server" != 127.* ]] || continue
                nsenter --net="/var/run/netns/$ns" ip route add unreachable "$server/32"
            done
        done
        start_registry
        start_index_relays "$n"
        for ((k = 1; k <= n; k++)); do start_dockerd "$k"; done
        node_docker 1 swarm init --advertise-addr "$(node_address 1)" --listen-addr "$(node_address 1):2377" \
            --default-addr-pool "$ADDRESS_POOL" >/dev/null
        local token
        token="$(node_docker 1 swarm join-token --quiet worker)"
        for ((k = 2; k <= n; k++)); do
            node_docker "$k" swarm join --token "$token" --advertise-addr "$(node_address "$k")" "$(node_address 1):2377" >/dev/null
        done
        wait_until swarm swarm_ready || { node_docker 1 node ls >&2 || true; die "not every node was Ready within ${TIMEOUT}s"; }
        say "$n-node swarm up (manager $(node_address 1), registry $REGISTRY_ADDRESS)"
    fi
    for archive in "${loads[@]}"; do
        node_docker 1 load --quiet --input "$archive" >&2
    done
    print_lines
}

node_argument() {
    local k="${1:-}" n
    n="$(node_count)"
    (( n > 0 )) || die "no lab is up (scripts/swarm-lab.sh up N first)"
    [[ "$k" =~ ^[0-9]+$ ]] && (( k >= 1 && k <= n )) || die "node '$k' does not exist: the lab has nodes 1 to $n"
    echo "$k"
}

stop_node() {
    local k
    k="$(node_argument "${1:-}")"
    stop_dockerd "$k"
    say "node $k stopped"
}

start_node() {
    local k
    k="$(node_argument "${1:-}")"
    start_dockerd "$k"
    say "node $k started"
}

status() {
    lab_healthy || { say "no healthy lab"; return 1; }
    print_lines
}

down() {
    local n k pid ns
    n="$(node_count)"
    # Every node the folders name, also when `nodes` was lost.
    # All at once: each dockerd first stops its containers (up to their 10 s stop grace period).
    local stopping=()
    for dir in "$RUN"/node[0-9]*; do
        [[ -d "$dir" ]] || continue
        k="${dir##*node}"
        stop_dockerd "$k" &
        stopping+=($!)
    done
    for pid in "${stopping[@]}"; do wait "$pid" || true; done
    stop_index_relays
    pid="$(cat "$RUN/registry.pid" 2>/dev/null || true)"
    if ours "$pid" "$RUN/registry.yml"; then kill -TERM "$pid"; wait_until registry-stop bash -c "! kill -0 $pid 2>/dev/null" \
      || kill -KILL "$pid" 2>/dev/null || true; fi
    # dockerd unmounts on a clean exit; whatever a killed one left mounted must go before the folders can.
    if [[ -d "$RUN" || -d "$DATA" ]]; then
        { grep -oE " ($RUN|$DATA)/[^ ]*" /proc/self/mounts || true; } | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
    fi
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$LAB-[0-9]+$" || true); do
        ip netns delete "$ns"
    done
    while iptables -C "${RULE[@]}" 2>/dev/null; do iptables -D "${RULE[@]}"; done
    if bridge_exists; then ip link delete "$BRIDGE"; fi
    rm -rf "$RUN" "$DATA"
    say "lab removed (${n} node(s), registry, namespaces, bridge $BRIDGE, iptables rule, $RUN, $DATA)"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    stop-node) stop_node "${2:-}" ;;
    start-node) start_node "${2:-}" ;;
    status) status ;;
    down) down ;;
    *) echo "usage: $0 up N [--load FILE.tar]... | stop-node K | start-node K | status | down" >&2; exit 2 ;;
esac
