#!/usr/bin/env bash
# Swarm figures on a 3-node lab (scripts/swarm-lab.sh): Deploy to converged 2/3, a rolling update of both services
# with a request loop running, the heal after a worker is lost, Undeploy. Writes bench/swarm-results.md.
#   BUILD_HOST=readytorun bench/swarm.sh   (any BUILD_HOST of build.sh) needs root, DOCKER_HOST at an engine that has the local base images (to copy them to the
#                           lab's manager, which builds), and everything scripts/swarm-lab.sh needs
# The lab has its own name and subnet (benchlab, 10.216.0.0/24) and is removed at the end, whatever happens.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
note() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

export SWARM_LAB_NAME=benchlab SWARM_LAB_SUBNET=10.216.0
stack=bench-swarm
docker_cli=/usr/bin/docker
images=(omninode/python:3.11-bookworm omninode/poetry:1.3.2-bookworm)
work="$(mktemp -d /tmp/bench-swarm-XXXXXX)"
results="$root/bench/swarm-results.md"

[[ "$(id -u)" == 0 ]] || die "run as root (the lab makes network namespaces and starts dockerd)"
"$docker_cli" image inspect "${images[@]}" >/dev/null 2>&1 || die "the base images are not on ${DOCKER_HOST:-the default engine}: ./build.sh --target=BaseImages"
cleanup() {
  [[ -n "${loop_pid:-}" ]] && kill "$loop_pid" 2>/dev/null || true
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

deploy() { (cd "$work/repo" && DOCKER_HOST="unix://$manager" NO_COLOR=1 "${host[@]}" --target="$1" --project-name="$stack" --registry="$registry" --wait-timeout=300 "${@:2}"); }
task_seconds() { python3 -c "import json,sys; print(next(t['durationSeconds'] for t in json.load(open('$work/repo/artifacts/build-report.json'))['tasks'] if t['name']==sys.argv[1]))" "$1"; }

# The caller: asks the manager which orchestrator tasks run and posts a job, moving to the next endpoint when one
# refuses or drops the connection (no load balancer here); a request fails when no endpoint answers it.
cat >"$work/requests.py" <<'EOF'
import http.client, json, random, socket, sys, time, urllib.request
manager, stack, out = sys.argv[1:4]
class Unix(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX); self.sock.connect(manager)
def get(path):
    c = Unix("docker", timeout=10); c.request("GET", "/v1.41" + path); return json.loads(c.getresponse().read())
def endpoints():
    nodes = {n["ID"]: n["Status"].get("Addr", "127.0.0.1") for n in get("/nodes") if n["Status"]["State"] == "ready"}
    service = [s["ID"] for s in get("/services") if s["Spec"]["Name"] == stack + "_orchestrator"]
    urls = set()
    for t in get("/tasks"):
        if t.get("ServiceID") in service and t["DesiredState"] == "running" and t["Status"]["State"] == "running" and t.get("NodeID") in nodes:
            for p in t["Status"].get("PortStatus", {}).get("Ports", []):
                urls.add(f"http://{nodes[t['NodeID']]}:{p['PublishedPort']}")
    return sorted(urls)
requests = failed = retried = 0
body = json.dumps({"values": list(range(1, 13)), "parts": 3}).encode()
deadline = time.time() + 900
while time.time() < deadline:
    try:
        urls = endpoints()
    except Exception:
        urls = []
    requests += 1
    ok = False
    start = random.randrange(len(urls)) if urls else 0
    for i in range(len(urls)):
        try:
            req = urllib.request.Request(urls[(start + i) % len(urls)] + "/jobs", data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=10) as answer:
                ok = json.loads(answer.read()).get("total") == 78
            break
        except Exception:
            retried += 1
    failed += 0 if ok else 1
    with open(out, "w") as f:
        json.dump({"requests": requests, "failed": failed, "retried": retried}, f)
    time.sleep(0.1)
EOF

# --- 1. Deploy 2/3 (build and push included in the run, timed: the Deploy task alone) ---------------------------------
note "Deploy 2/3"
deploy Deploy --scale=orchestrator=2 --scale=reducer=3 >"$work/deploy.log" 2>&1 || { tail -30 "$work/deploy.log"; die "Deploy failed"; }
deploy_s="$(task_seconds Deploy)"

# --- 2. rolling update of both services, with the request loop ----------------------------------------------------
note "rolling update"
printf '\n# bench rolling update\n' | tee -a "$work/repo/src/omninode_bridge/orchestrator.py" >>"$work/repo/src/omninode_bridge/reducer.py"
python3 "$work/requests.py" "$manager" "$stack" "$work/requests.json" &
loop_pid=$!
sleep 3
deploy Deploy >"$work/update.log" 2>&1 || { tail -30 "$work/update.log"; die "the rolling update failed"; }
update_s="$(task_seconds Deploy)"
sleep 2
kill "$loop_pid"; loop_pid=
read -r requests failed retried < <(python3 -c "import json; d=json.load(open('$work/requests.json')); print(d['requests'], d['failed'], d['retried'])")

# --- 3. a worker lost: time until every service runs its replicas on the other nodes ------------------------------
note "node loss"
api() { curl -s --unix-socket "$manager" "http://docker/v1.41$1"; }
api /nodes >"$work/nodes.json"
worker="$(api /tasks | python3 -c "
import json, sys, collections
nodes = {n['ID']: n['Description']['Hostname'] for n in json.load(open('$work/nodes.json'))}
count = collections.Counter(nodes.get(t.get('NodeID')) for t in json.load(sys.stdin) if t['Status']['State'] == 'running' and t['DesiredState'] == 'running')
print(max((n for n in count if n and not n.endswith('-1')), key=lambda n: count[n]))")"
k="${worker##*-}"
healed() {
  api /nodes >"$work/nodes.json"; api /services >"$work/services.json"
  api /tasks | python3 -c "
import json, sys
ready = {n['ID'] for n in json.load(open('$work/nodes.json')) if n['Status']['State'] == 'ready'}
tasks = json.load(sys.stdin)
for s in json.load(open('$work/services.json')):
    if not s['Spec']['Name'].startswith('$stack'): continue
    want = s['Spec']['Mode']['Replicated']['Replicas']
    have = sum(1 for t in tasks if t.get('ServiceID') == s['ID'] and t['DesiredState'] == 'running' and t['Status']['State'] == 'running' and t.get('NodeID') in ready)
    if have != want: sys.exit(1)
"
}
start_ns=$(date +%s%N)
env -u DOCKER_HOST scripts/swarm-lab.sh stop-node "$k"
stopped_ns=$(date +%s%N)
waited=0
until healed; do sleep 0.5; waited=$((waited + 1)); (( waited < 400 )) || die "not healed within 200 s"; done
heal_s="$(python3 -c "print(round(($(date +%s%N) - $stopped_ns) / 1e9, 1))")"
stop_s="$(python3 -c "print(round(($stopped_ns - $start_ns) / 1e9, 1))")"
total_heal_s="$(python3 -c "print(round($stop_s + $heal_s, 1))")"
env -u DOCKER_HOST scripts/swarm-lab.sh start-node "$k"

# --- 4. Undeploy -----------------------------------------------------------------------------------------------------
note "Undeploy"
deploy Undeploy --exclusive >"$work/undeploy.log" 2>&1 || { tail -20 "$work/undeploy.log"; die "Undeploy failed"; }
undeploy_s="$(task_seconds Undeploy)"

{
  echo "# Swarm results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); 3-node lab (scripts/swarm-lab.sh), one run of bench/swarm.sh."
  echo
  echo "| scenario | measured | goal |"
  echo "|---|---:|---|"
  echo "| Deploy to converged, orchestrator 2 + reducer 3 (new stack, images pulled by every node) | ${deploy_s} s | |"
  echo "| rolling update of both services to new images (until converged, swarm's monitor window included) | ${update_s} s | |"
  echo "| failed requests during the update (a request loop, 10 a second at most) | ${failed} of ${requests} | 0 $([[ $failed == 0 ]] && echo met || echo 'NOT met') |"
  echo "| of those, attempts moved to another endpoint after a refused or dropped connection | ${retried} | |"
  echo "| heal after a worker ($worker) is lost: from \\`stop-node\\` to every replica running on the other nodes (its dockerd took ${stop_s} s to stop; it reports its tasks stopped on the way, so swarm reschedules them at once) | ${total_heal_s} s | |"
  echo "| Undeploy until no service, task or network is left | ${undeploy_s} s | |"
} | tee "$results"
