#!/usr/bin/env bash
# Swarm figures on a 3-node lab (scripts/swarm-lab.sh), each beside swarm's own `docker stack deploy` plus polling on
# the same lab with the same images by digest: deploy to converged 2/3, a rolling update of one service and of both
# with a request loop through the orchestrator's stable address (port 18060 of every node), the heal after a worker
# is lost, removal. Writes bench/swarm-results.md. One run (each figure once).
#   BUILD_HOST=readytorun bench/swarm.sh   (any BUILD_HOST of build.sh) needs root, DOCKER_HOST at an engine that has the local base images (to copy them to the
#                           lab's manager, which builds), and everything scripts/swarm-lab.sh needs
# The lab has its own name and subnet (benchlab, 10.216.0.0/24; SWARM_LAB_NAME, SWARM_LAB_SUBNET, SWARM_LAB_ADDRESS_POOL,
# SWARM_LAB_REGISTRY_PORT move it) and is removed at the end, whatever happens.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
note() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

export SWARM_LAB_NAME="${SWARM_LAB_NAME:-benchlab}" SWARM_LAB_SUBNET="${SWARM_LAB_SUBNET:-10.216.0}"
stack=bench-swarm
plain=bench-plain
port=18060
docker_cli=/usr/bin/docker
images=(omninode/python:3.11-bookworm omninode/poetry:1.3.2-bookworm)
work="$(mktemp -d /tmp/bench-swarm-XXXXXX)"
results="$root/bench/swarm-results.md"

[[ "$(id -u)" == 0 ]] || die "run as root (the lab makes network namespaces and starts dockerd)"
"$docker_cli" image inspect "${images[@]}" >/dev/null 2>&1 \
  || die "the base images are not on ${DOCKER_HOST:-the default engine}: ./build.sh --target=BaseImages"
cleanup() {
  [[ -n "${loop_pid:-}" ]] && kill "$loop_pid" 2>/dev/null || true
  # BENCH_LOGS=DIR keeps the runs' output (Deploy's lines, docker stack deploy's) there.
  [[ -n "${BENCH_LOGS:-}" ]] && mkdir -p "$BENCH_LOGS" && cp "$work"/*.log "$BENCH_LOGS/" 2>/dev/null || true
  env -u DOCKER_HOST scripts/swarm-lab.sh down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- the lab, the host, a scratch copy of the repository that the bench may edit ----------------------------------
"$docker_cli" save -o "$work/base-images.tar" "${images[@]}"
lab="$(env -u DOCKER_HOST scripts/swarm-lab.sh up 3 --load "$work/base-images.tar")"
manager="$(sed -n 's/^DOCKER_HOST=unix:\/\///p' <<<"$lab")"
registry="$(sed -n 's/^REGISTRY=//p' <<<"$lab")"
./build.sh --version >/dev/null
if [[ -x .build/host/Build ]]; then host=("$root/.build/host/Build"); else host=(dotnet "$root/.build/host/Build.dll"); fi
mkdir -p "$work/repo/build"
cp -r pyproject.toml poetry.lock cake.config deployment docker src tools .dockerignore "$work/repo/"
echo '<Project />' >"$work/repo/build/Build.csproj"

# A git repository: each commit pushes new sha- tags, as CI does; an image that did not change keeps its digest.
commit() { git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -q -a --allow-empty -m "$1"; }
git -C "$work/repo" init -q && git -C "$work/repo" add -A && commit "the scratch copy"
# A new image of each service named: a label in its Dockerfile's production stage (both images hold the whole Python
# package, so a change under src/ would change both).
edit() {
  for service in "$@"; do
    sed -i "0,/^ENTRYPOINT \[\"python\", \"-m\", \"omninode_bridge.$service\"\]/s//&\nLABEL io.omninode.bench=\"$(date +%s%N)\"/" \
      "$work/repo/deployment/Dockerfile.$service"
  done
  commit "bench: $*"
}

# The orchestrator's stable address: its fixed host port on every node (a load balancer holds these).
mapfile -t stable < <(sed -n "s|^NODE_[0-9]*=\(.*\)|http://\1:$port|p" <<<"$lab")

deploy() { (cd "$work/repo" && DOCKER_HOST="unix://$manager" NO_COLOR=1 "${host[@]}" --target="$1" --project-name="$stack" \
  --registry="$registry" --wait-timeout=300 "${@:2}"); }
task_seconds() {
  local report="$work/repo/artifacts/build-report.json"
  python3 -c "import json,sys; print(next(t['durationSeconds'] for t in json.load(open('$report'))['tasks'] if t['name']==sys.argv[1]))" "$1"
}
report_image() {
  python3 -c "import json,sys; print(next(s['image'] for s in json.load(open(sys.argv[2]))['stack']['services'] if s['name']==sys.argv[1]))" \
    "$1" "$work/repo/artifacts/build-report.json"
}
api() { curl -s --unix-socket "$manager" "http://docker/v1.41$1"; }
now_ns() { date +%s%N; }
seconds_since() { python3 -c "print(round(($(now_ns) - $1) / 1e9, 1))"; }
task_ids() {
  api /services >"$work/services.json"
  api /tasks | python3 -c "
import json, sys
services = {s['ID'] for s in json.load(open('$work/services.json')) if s['Spec']['Name'] == sys.argv[1]}
print(' '.join(sorted(t['ID'] for t in json.load(sys.stdin) if t.get('ServiceID') in services and t['DesiredState'] == 'running')))" "$1"
}

loop_start() { python3 bench/swarm_requests.py "$work/requests.json" "${stable[@]}" & loop_pid=$!; sleep 3; }
loop_stop() {
  sleep 2; kill "$loop_pid"; wait "$loop_pid" 2>/dev/null || true; loop_pid=
  python3 -c "import json; d=json.load(open('$work/requests.json')); print(f\"{d['failed']} of {d['requests']} ({d['moved']} moved)\")"
}

# docker stack deploy with the same stack file and the same digests, then the polling a script would add.
plain_deploy() {
  local start; start=$(now_ns)
  (cd "$work/repo" && ORCHESTRATOR_IMAGE="$1" REDUCER_IMAGE="$2" ORCHESTRATOR_REPLICAS=2 REDUCER_REPLICAS=3 DOCKER_HOST="unix://$manager" \
    "$docker_cli" stack deploy --compose-file deployment/docker-stack.bridge.yml --prune --resolve-image never "$plain" >>"$work/plain.log" 2>&1)
  sleep 1   # swarm starts an update after the call returns
  # Swarm may leave an update stuck (a task that never gets healthy under load): the figure then says so.
  if python3 bench/swarm_converged.py "$manager" "$plain" converged; then seconds_since "$start"; else echo "not converged in 300"; fi
}

# A worker lost: seconds from `stop-node` to every service of the stack running its replicas on the other nodes, the
# worker, and how long its dockerd took to stop. The node is started again and the next figure waits for it.
heal() {
  local start stopped worker k
  api /nodes >"$work/nodes.json"
  worker="$(api /tasks | python3 -c "
import json, sys, collections
nodes = {n['ID']: n['Description']['Hostname'] for n in json.load(open('$work/nodes.json'))}
count = collections.Counter(nodes.get(t.get('NodeID')) for t in json.load(sys.stdin) if t['Status']['State'] == 'running' and t['DesiredState'] == 'running')
print(max((n for n in count if n and not n.endswith('-1')), key=lambda n: count[n]))")"
  k="${worker##*-}"
  start=$(now_ns)
  env -u DOCKER_HOST scripts/swarm-lab.sh stop-node "$k" >/dev/null
  stopped=$(now_ns)
  python3 bench/swarm_converged.py "$manager" "$1" converged || die "$1 not healed within 300 s"
  echo "$(seconds_since "$start") $worker $(python3 -c "print(round(($stopped - $start) / 1e9, 1))")"
  env -u DOCKER_HOST scripts/swarm-lab.sh start-node "$k" >/dev/null
  until [[ "$(api /nodes | python3 -c "import json,sys; print(sum(n['Status']['State'] == 'ready' for n in json.load(sys.stdin)))")" == 3 ]]; do sleep 1; done
}

# --- the build host's Deploy ------------------------------------------------------------------------------------------
note "Deploy 2/3"
deploy Deploy --scale=orchestrator=2 --scale=reducer=3 >"$work/deploy.log" 2>&1 || { tail -30 "$work/deploy.log"; die "Deploy failed"; }
deploy_s="$(task_seconds Deploy)"
images1=("$(report_image orchestrator)" "$(report_image reducer)")

note "rolling update of the reducer"
edit reducer
orchestrator_tasks="$(task_ids "${stack}_orchestrator")"
loop_start
deploy Deploy >"$work/update1.log" 2>&1 || { tail -30 "$work/update1.log"; die "the rolling update of the reducer failed"; }
update1_s="$(task_seconds Deploy)"
update1_requests="$(loop_stop)"
note "  $update1_s s, failed requests: $update1_requests"
[[ "$(task_ids "${stack}_orchestrator")" == "$orchestrator_tasks" ]] && untouched=yes || untouched=NO
images2=("$(report_image orchestrator)" "$(report_image reducer)")

note "rolling update of both services"
edit orchestrator reducer
loop_start
deploy Deploy >"$work/update2.log" 2>&1 || { tail -30 "$work/update2.log"; die "the rolling update of both failed"; }
update2_s="$(task_seconds Deploy)"
update2_requests="$(loop_stop)"
note "  $update2_s s, failed requests: $update2_requests"
images3=("$(report_image orchestrator)" "$(report_image reducer)")

note "node loss"
read -r heal_s worker stop_s < <(heal "$stack")

note "Undeploy"
deploy Undeploy --exclusive >"$work/undeploy.log" 2>&1 || { tail -20 "$work/undeploy.log"; die "Undeploy failed"; }
undeploy_s="$(task_seconds Undeploy)"

# --- the same with docker stack deploy and polling, the same images by digest -----------------------------------------
note "docker stack deploy 2/3"
plain_deploy_s="$(plain_deploy "${images1[@]}")"
note "docker stack deploy: the reducer"
loop_start
plain_update1_s="$(plain_deploy "${images2[@]}")"
plain_update1_requests="$(loop_stop)"
note "  $plain_update1_s s, failed requests: $plain_update1_requests"
note "  $update1_s s, failed requests: $update1_requests"
note "docker stack deploy: both"
loop_start
plain_update2_s="$(plain_deploy "${images3[@]}")"
plain_update2_requests="$(loop_stop)"
note "  $plain_update2_s s, failed requests: $plain_update2_requests"
note "  $update2_s s, failed requests: $update2_requests"
note "docker stack deploy: node loss"
read -r plain_heal_s plain_worker plain_stop_s < <(heal "$plain")
note "docker stack rm"
start=$(now_ns)
DOCKER_HOST="unix://$manager" "$docker_cli" stack rm "$plain" >>"$work/plain.log" 2>&1
python3 bench/swarm_converged.py "$manager" "$plain" gone || die "$plain not removed within 300 s"
plain_rm_s="$(seconds_since "$start")"

{
  echo "# Swarm results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); 3-node lab (scripts/swarm-lab.sh), one run of bench/swarm.sh."
  echo "Deploy: \`./build.sh --target=Deploy\` (digests resolved, \`docker stack deploy\`, waiting; the task's own time). Beside it:"
  echo "\`docker stack deploy\` with the same stack file and the same image digests, then polling once a second until converged"
  echo "(bench/swarm_converged.py). Requests go through the orchestrator's stable address, port $port on every node"
  echo "(${stable[*]}), moving to the next node on a refused or dropped connection, as a load balancer does (bench/swarm_requests.py)."
  echo
  echo "| scenario | Deploy | docker stack deploy + polling |"
  echo "|---|---:|---:|"
  echo "| deploy to converged, orchestrator 2 + reducer 3 (new stack, every node pulls) | ${deploy_s} s | ${plain_deploy_s} s |"
  echo "| rolling update of the reducer only (a new commit: both tags new, one image new) | ${update1_s} s | ${plain_update1_s} s |"
  echo "| failed requests during it, of all (moved to another node) | ${update1_requests} | ${plain_update1_requests} |"
  echo "| orchestrator tasks the same after the reducer's update | ${untouched} | |"
  echo "| rolling update of both services | ${update2_s} s | ${plain_update2_s} s |"
  echo "| failed requests during it, of all (moved to another node) | ${update2_requests} | ${plain_update2_requests} |"
  echo -n "| heal after a worker is lost: \`stop-node\` to every replica running on the other nodes (swarm's own rescheduling in both; "
  echo "its dockerd took ${stop_s} s / ${plain_stop_s} s to stop) | ${heal_s} s ($worker) | ${plain_heal_s} s ($plain_worker) |"
  echo "| removal until no service or task is left | ${undeploy_s} s | ${plain_rm_s} s |"
} | tee "$results"
