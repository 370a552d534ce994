#!/usr/bin/env bash
# Every benchmark of the build, side by side, in one run. Prints a Markdown table of medians and ratios and
# writes it to bench/results.md. See bench/README.md for what each row compares.
#   bench/run.sh            all groups (about 10–15 minutes on a 2-core machine)
#   bench/run.sh build healthy
#                           only some groups (a: dry run start-up, b: nothing changed, build: one .py edited,
#                           d: parallel vs sequential, e: lock check, healthy: one .py edit to a healthy stack,
#                           bump: one package bumped in poetry.lock)
#   bench/run.sh first-run  only the first run: git clone to the end of the first dry run, ours against
#                           `dotnet run` in a fresh clone; then the background native compile, a dry run beside it
#                           and without it, and warm dry runs once the native host is in (BENCH_FIRST_RUNS, default 3)
#   bench/run.sh --table    only the table again, from the last run's timings in .build/bench/
# Images are built under the registry prefix $BENCH_REGISTRY (default localhost/omninode-bench) so that the
# bench never moves the tags other builds on the same engine use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
table_only=false
if [[ "${1:-}" == --table ]]; then table_only=true; shift; fi
groups=("${@:-a b build bump d e healthy first-run}")
groups=(${groups[*]})
registry="${BENCH_REGISTRY:-localhost/omninode-bench}"
# The engine the groups run against: debian12 (the default: Debian 12's dockerd 20.10, its client /usr/bin/docker,
# docker-compose v1) or debian13 (Docker 26 with the containerd image store, e.g. a SWARM_LAB_ENGINE=debian13 lab node).
engine="${BENCH_ENGINE:-debian12}"
python_image="omninode/python:3.11-bookworm"
builder_image="omninode/poetry:1.3.2-bookworm"
out="$root/.build/bench"
results="$root/bench/results.md"
case "$engine" in
  debian12)
    buildkit_docker="${BENCH_DOCKER:-/usr/bin/docker}"
    # The client a user's `docker` runs: the default path's and the guide's commands use it.
    path_docker="$(command -v docker || true)" ;;
  debian13)
    # On a containerd-store engine the host builds with the Debian 13 toolchain's client (docker 26, buildx 0.13.1 and
    # Compose v2 as plugins of its DOCKER_CONFIG; build/Tools/Docker/ProjectEngineClient.cs): the guide's commands get
    # the same client, so "same client" holds on both sides. Its timings and table are kept apart from Debian 12's.
    toolchains=("${BRIDGE_TOOLCHAINS:-/var/lib/omninode-bridge/toolchains}"/debian13-docker*/.complete)
    [[ ${#toolchains[@]} == 1 && -f "${toolchains[0]}" ]] \
      || { echo "bench: BENCH_ENGINE=debian13 needs one complete Debian 13 toolchain; found: ${toolchains[*]}" \
        "(./build.sh --project-engine=debian13 --target=Engine fetches it)" >&2; exit 2; }
    toolchain="$(dirname "${toolchains[0]}")"
    export DOCKER_CONFIG="$toolchain/client"
    buildkit_docker="$toolchain/bin/docker"
    path_docker="$buildkit_docker"
    out="$root/.build/bench/debian13"
    results="$root/bench/results-debian13.md" ;;
  *) echo "bench: unknown BENCH_ENGINE=$engine: the engines are debian12 (the default) and debian13." >&2; exit 2 ;;
esac
# Runs of each build and edit-to-healthy row (3: the published table); fewer to check the script on a busy machine.
build_runs="${BENCH_RUNS:-3}"
touch_file="src/omninode_bridge/_bench_touch.py"
mkdir -p "$out"
# Only the timings of the groups about to run are dropped: the table keeps the other groups' last timings (each
# ratio still compares two commands of one run).
if ! $table_only; then for g in "${groups[@]}"; do rm -f "$out/${g}_"*.json; done; fi

want() { [[ " ${groups[*]} " == *" $1 "* ]]; }
note() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

if ! $table_only; then
# --- prerequisites -------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "the .NET SDK is missing (apt-get install dotnet-sdk-10.0)."
command -v python3 >/dev/null || die "python3 is missing (it formats the table)."
if ! command -v hyperfine >/dev/null; then
  note "hyperfine not found (apt-get install hyperfine): using a bash loop with \$EPOCHREALTIME instead."
fi
needs_docker=false
for g in b build bump d healthy; do want "$g" && needs_docker=true; done
for g in "${groups[@]}"; do [[ " a b build bump d e healthy first-run " == *" $g "* ]] \
  || die "unknown group $g: the groups are a b build bump d e healthy first-run."; done
if $needs_docker; then
  [[ -x "$buildkit_docker" ]] || die "$buildkit_docker (a docker client with BuildKit, DOCKER_BUILDKIT=1) is missing; set BENCH_DOCKER."
  "$buildkit_docker" version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}; start one (scripts/dockerd.sh start) and export DOCKER_HOST."
  for image in "$python_image" "$builder_image"; do
    "$buildkit_docker" image inspect "$image" >/dev/null 2>&1 || die "base image $image is missing: ./build.sh --target=BaseImages"
  done
fi
if want build || want healthy; then [[ -n "$path_docker" ]] || die "no docker on PATH: the default path and the guide's commands use it."; fi
if [[ $engine == debian12 ]] && want healthy; then
  command -v docker-compose >/dev/null || die "docker-compose is missing (apt-get install docker-compose): the guide's edit-to-healthy uses it."
fi
if [[ $engine == debian13 ]] && $needs_docker; then
  [[ "$("$buildkit_docker" info --format '{{json .DriverStatus}}')" == *io.containerd.snapshotter* ]] \
    || die "BENCH_ENGINE=debian13, but the engine at ${DOCKER_HOST:-unix:///var/run/docker.sock} does not keep its images" \
      "in the containerd store: point DOCKER_HOST at a Docker 26 engine with it (scripts/swarm-lab.sh with" \
      "SWARM_LAB_ENGINE=debian13), or leave BENCH_ENGINE unset."
  "$buildkit_docker" compose version >/dev/null 2>&1 || die "$toolchain has no Compose v2 plugin ($DOCKER_CONFIG/cli-plugins)."
fi
if want e; then command -v poetry >/dev/null || die "poetry is missing (group e compares with 'poetry lock --check')."; fi
if want bump; then command -v poetry >/dev/null || die "poetry is missing (group bump locks the bumped package with 'poetry update --lock')."; fi
# The images install from the project's package index: it must answer, and its credentials are the build secrets.
if $needs_docker; then
  index_variables="$(scripts/package-index.sh up)" || die "the package index did not start (scripts/package-index.sh up)"
  set -a; eval "$(grep ^POETRY_HTTP_BASIC_ <<<"$index_variables")"; set +a
fi
[[ -f "$touch_file" ]] && die "$touch_file exists: a previous bench was interrupted; delete it first."
cp poetry.lock "$out/poetry.lock.project"
restore() { rm -f "$root/$touch_file"; cp "$out/poetry.lock.project" "$root/poetry.lock"; }
trap restore EXIT

# The host, built once before anything is timed (and the NuGet cache warm, as the first-run figure assumes): the
# native one, as a user's ./build.sh has it from the second run on. A JIT host here would make the first timed
# ./build.sh start the background native compile, which then runs beside the measured commands.
BUILD_HOST=native ./build.sh --version >/dev/null

# The machine's load during the run, every 5 s (the table gives its range): a busy machine inflates wall times.
(while :; do cut -d' ' -f1 /proc/loadavg; sleep 5; done) >"$out/loadavg.txt" &
sampler=$!
trap 'restore; kill $sampler 2>/dev/null || true' EXIT

# --- timing --------------------------------------------------------------------------------------------------
# measure NAME RUNS PREPARE COMMAND: median seconds into $out/NAME.json (hyperfine's format, or ours).
measure() {
  local name="$1" runs="$2" prepare="$3" command="$4"
  note "$name: $command ($runs runs)"
  if command -v hyperfine >/dev/null; then
    local args=(--runs "$runs" --warmup 1 --export-json "$out/$name.json" --style none --command-name "$name")
    [[ -n "$prepare" ]] && args+=(--prepare "$prepare")
    hyperfine "${args[@]}" "$command" >/dev/null 2>"$out/$name.err" || { cat "$out/$name.err" >&2; die "$name failed"; }
  else
    [[ -n "$prepare" ]] && bash -c "$prepare"
    bash -c "$command" >/dev/null 2>&1 || die "$name failed: $command"
    loop_time "$name" "$runs" "$prepare" "$command"
  fi
}

# The timer without hyperfine: $EPOCHREALTIME (a builtin: no date process inside the figure), less the start of the
# `bash -c` that runs each command, measured once (hyperfine subtracts its shell's start-up the same way). Without
# that, every warm figure carried some 5 ms of the harness's own bash.
shell_us=""
loop_time() { # NAME RUNS PREPARE COMMAND: each run's time into $out/NAME.json
  local name="$1" runs="$2" prepare="$3" command="$4" times=() start end i
  if [[ -z "$shell_us" ]]; then
    local empty=()
    for ((i = 0; i < 21; i++)); do
      start=${EPOCHREALTIME//[!0-9]/}; bash -c true; end=${EPOCHREALTIME//[!0-9]/}; empty+=("$((end - start))")
    done
    shell_us=$(printf '%s\n' "${empty[@]}" | sort -n | sed -n 11p)
    note "bash -c takes ${shell_us} µs to start (median of 21): subtracted from every run"
  fi
  for ((i = 0; i < runs; i++)); do
    [[ -n "$prepare" ]] && bash -c "$prepare"
    start=${EPOCHREALTIME//[!0-9]/}; bash -c "$command" >/dev/null 2>&1 || die "$name failed: $command"; end=${EPOCHREALTIME//[!0-9]/}
    times+=("$((end - start - shell_us))")
  done
  printf '%s\n' "${times[@]}" \
    | python3 -c 'import json,sys; t=[int(l)/1e6 for l in sys.stdin]; json.dump({"results":[{"command":sys.argv[1],"times":t}]},open(sys.argv[2],"w"))' \
      "$name" "$out/$name.json"
}

host=(./build.sh --target=Production "--registry=$registry" "--docker=$buildkit_docker")
# The default path: no --docker, so the host chooses the client and builder itself.
default_host=(./build.sh --target=Production "--registry=$registry")
# The guide's command for one service: plain_build ENVIRONMENT CLIENT SERVICE [EXTRA]. The index's credentials go in
# as BuildKit secrets read from the environment, and a loopback index needs the host's network, as the guide says.
index_secrets="--secret id=index_username,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME"
index_secrets+=" --secret id=index_password,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD --network host"
plain_build() {
  printf '%s %s build -q -f deployment/Dockerfile.%s --target production -t %s/plain-%s:prod --build-arg PYTHON_IMAGE=%s --build-arg BUILDER_IMAGE=%s %s %s .' \
    "$1" "$2" "$3" "$registry" "$3" "$python_image" "$builder_image" "$index_secrets" "${4:-}"
}
# Both services, one after the other, as the guide lists them: plain_pair ENVIRONMENT CLIENT [EXTRA].
plain_pair() { printf '%s >/dev/null && %s >/dev/null' "$(plain_build "$1" "$2" orchestrator "${3:-}")" "$(plain_build "$1" "$2" reducer "${3:-}")"; }
plain_both="$(plain_pair DOCKER_BUILDKIT=1 "$buildkit_docker")"
plain_both_nocache="$(plain_pair DOCKER_BUILDKIT=1 "$buildkit_docker" --no-cache)"
# With the client on PATH and no variable set, as the guide's commands run for a user. A docker 23+ client without
# buildx runs the legacy builder, which cannot mount the index's secrets: then the guide's commands need BuildKit,
# and the same client the host picks (the BuildKit one) is the fair comparison.
if "$path_docker" buildx version >/dev/null 2>&1; then
  plain_path="$(plain_pair "env -u DOCKER_BUILDKIT" "$path_docker")"
else
  plain_path="$plain_both"
fi
edit_py="printf '# bench %s\n' \$(date +%s%N) > $touch_file"

# (a) start-up of a dry run: no engine is asked (DOCKER_HOST points nowhere), only the host's own cost.
if want a; then
  [[ -x .build/cake-tool/dotnet-cake ]] || dotnet tool install Cake.Tool --version 7.0.0 --tool-path .build/cake-tool >/dev/null \
    || die "could not install Cake.Tool 7.0.0 into .build/cake-tool"
  nodocker="env DOCKER_HOST=unix:///nonexistent.sock"
  measure a_host 10 "" "$nodocker ./build.sh --target=Production --dryrun"
  measure a_dotnet_run 5 "" "$nodocker dotnet run --project build/Build.csproj -- --target=Production --dryrun"
  # Cake's default compiles the script on every run (the issue's "2.5 s here"); its opt-in script cache is measured too.
  cake_dryrun="CAKE_PATHS_TOOLS=$root/.build/cake-tool/tools .build/cake-tool/dotnet-cake bench/equivalent.cake --target=Production --dryrun"
  measure a_cake_script_default 3 "" "$nodocker $cake_dryrun"
  measure a_cake_script 5 "" "$nodocker CAKE_SETTINGS_ENABLESCRIPTCACHE=true $cake_dryrun"
fi

# (b) nothing changed: the host compares input digests and skips; docker build replays its cache.
if want b; then
  "${host[@]}" >/dev/null   # images exist and carry the digest label
  measure b_host 5 "" "${host[*]}"
  measure b_plain 5 "" "$plain_both"
fi

# (build) one .py edited before every run: the default path vs the guide's two plain builds with the same client,
# vs the best builder of the machine (the host with the BuildKit client named); plain BuildKit and --no-cache as
# extra rows.
if want build; then
  measure build_default "$build_runs" "$edit_py" "${default_host[*]}"
  measure build_plain_path "$build_runs" "$edit_py" "$plain_path"
  # On Debian 13 the best client is the one both sides already use: these two rows would repeat the first two.
  if [[ $engine == debian12 ]]; then
    measure build_best "$build_runs" "$edit_py" "${host[*]}"
    measure build_plain_buildkit "$build_runs" "$edit_py" "$plain_both"
  fi
  # An extra row of minutes (every run from scratch): BENCH_NOCACHE=false leaves it out.
  [[ "${BENCH_NOCACHE:-true}" == false ]] || measure build_nocache "$build_runs" "$edit_py" "$plain_both_nocache"
fi

# (bump) one package bumped before every run: poetry.lock alternates between the project's lock and the same lock with
# idna 3.3 -> 3.10 (both in the project's index; `poetry update --lock idna` makes it), with a comment that makes each
# run's lock new to the build cache, so every run reinstalls the dependency layer as a real bump does.
if want bump; then
  bump_work="$(mktemp -d)"
  cp -r pyproject.toml tools src "$bump_work/"
  cp "$out/poetry.lock.project" "$bump_work/poetry.lock"
  (cd "$bump_work" && POETRY_VIRTUALENVS_CREATE=false poetry update --lock idna >/dev/null 2>"$bump_work/poetry.err") \
    || { cat "$bump_work/poetry.err" >&2; die "poetry update --lock idna failed (is idna 3.10 in the index? scripts/package-index.sh)"; }
  cp "$bump_work/poetry.lock" "$out/poetry.lock.bumped"
  rm -rf "$bump_work"
  grep -q 'version = "3.10"' "$out/poetry.lock.bumped" || die "poetry update --lock idna did not move idna to 3.10"
  bump_lock="python3 $root/bench/bump_lock.py $root/poetry.lock $out/poetry.lock.project $out/poetry.lock.bumped"
  measure bump_host "$build_runs" "$bump_lock" "${default_host[*]}"
  measure bump_plain "$build_runs" "$bump_lock" "$plain_both"
  # The same two builds from an empty venv, as a Dockerfile without a kept venv installs every package at each change
  # of the lock (the guide's pattern): what the kept venv saves.
  measure bump_fresh "$build_runs" "$bump_lock" "$(plain_pair DOCKER_BUILDKIT=1 "$buildkit_docker" "--build-arg DEPENDENCY_VENV=fresh")"
  cp "$out/poetry.lock.project" poetry.lock
fi

# (d) both images in parallel (BuildKit) vs one after the other, each after a .py edit.
if want d; then
  measure d_parallel 3 "$edit_py" "${host[*]} --parallel=true"
  measure d_sequential 3 "$edit_py" "${host[*]} --parallel=false"
fi

# (e) the lock check: in-process content hash vs Poetry's own check.
if want e; then
  measure e_host 10 "" "./build.sh --target=EnsureLock --locked"
  measure e_poetry 5 "" "poetry lock --check"
fi
# (first-run) From `git clone` to the end of the first `--target=Production --dryrun`, each in a fresh clone of the
# committed HEAD: ours compiles the quick JIT host and leaves the native one to the background; `dotnet run` restores,
# builds and runs. Neither uses the compiler server (UseSharedCompilation=false), so neither gains from a server a
# previous run left behind, and no run leaves one for the next. Each run's background compile is stopped before the
# next run starts, so that it slows no measured run.
if want first-run; then
  runs="${BENCH_FIRST_RUNS:-3}"
  clones="$out/clones"
  # A machine cache of the bench's own (the machine's first clone): the host the bench built at the top is not in it.
  export BUILD_HOST_CACHE="$out/host-cache"
  mkdir -p "$clones"
  # The background compile's supervisor stops the compile's process group on TERM; the lock is free once it is gone.
  stop_background="if read -r p < $BUILD_HOST_CACHE/compile.pid 2>/dev/null; then kill -TERM \$p 2>/dev/null; flock $BUILD_HOST_CACHE/compile.lock true; fi"
  nodocker="env DOCKER_HOST=unix:///nonexistent.sock UseSharedCompilation=false"
  first_measure() { # like measure, without a warm-up: every run is a first run
    local name="$1" prepare="$2" command="$3"
    note "$name: $command ($runs runs)"
    if command -v hyperfine >/dev/null; then
      hyperfine --runs "$runs" --export-json "$out/$name.json" --style none --command-name "$name" \
        --prepare "$prepare" "$command" >/dev/null 2>"$out/$name.err" \
        || { cat "$out/$name.err" >&2; die "$name failed"; }
    else
      loop_time "$name" "$runs" "$prepare" "$command"
    fi
  }
  # dotnet run first: ours leaves its last clone's background compile running for the measurements after it.
  first_measure f_dotnet_run "rm -rf $clones/theirs" \
    "git clone -q $root $clones/theirs && $nodocker dotnet run --project $clones/theirs/build/Build.csproj -- --target=Production --dryrun"
  first_measure f_build_sh "$stop_background; rm -rf $clones/ours $BUILD_HOST_CACHE" \
    "git clone -q $root $clones/ours && $nodocker $clones/ours/build.sh --target=Production --dryrun"
  rm -rf "$clones/theirs"
  # A dry run on the JIT host, through build.sh as a user runs it: without a compile (the last clone's is stopped,
  # BUILD_HOST=jit starts none), then beside one (one more run starts it; every measured run pauses it while it runs,
  # and it goes on between them). Same host, same script, so the ratio is what the compile costs a user's command.
  jit_dry_run="env DOCKER_HOST=unix:///nonexistent.sock $clones/ours/build.sh --target=Production --dryrun"
  bash -c "$stop_background"
  measure f_jit_alone 10 "" "env BUILD_HOST=jit $jit_dry_run"
  env DOCKER_HOST=unix:///nonexistent.sock "$clones/ours/build.sh" --version >/dev/null
  if ! flock -n "$BUILD_HOST_CACHE/compile.lock" true; then
    measure f_jit_beside_compile 10 "" "$jit_dry_run"
    flock -n "$BUILD_HOST_CACHE/compile.lock" true && note "the native compile ended during f_jit_beside_compile: that figure is partly without it"
  else
    note "no background compile was running after the first run (no C linker?): f_jit_beside_compile skipped"
  fi
  note "waiting for the background native compile (.build/bench/clones/ours/.build/host-native.log)..."
  # SCHED_IDLE gets the CPU only when nothing else wants it: on a busy machine that can take long (BENCH_NATIVE_WAIT).
  if flock -w "${BENCH_NATIVE_WAIT:-1800}" "$BUILD_HOST_CACHE/compile.lock" true; then
    grep -h "native build host ready" "$clones/ours/.build/host-native.log" >&2 \
      || note "the native compile did not finish: $(tail -n 3 "$clones/ours/.build/host-native.log")"
    # A second clone of the same commit on the same machine: its first command runs the machine's native host.
    first_measure f_second_clone "rm -rf $clones/second" \
      "git clone -q $root $clones/second && env DOCKER_HOST=unix:///nonexistent.sock $clones/second/build.sh --target=Production --dryrun"
    # From the third run on: the first run made the JIT host and started the compile, now every run is the native host.
    # The user's command as typed: the variable is a shell assignment, not one more process (env) inside the figure.
    measure f_warm 10 "" "DOCKER_HOST=unix:///nonexistent.sock $clones/ours/build.sh --target=Production --dryrun"
    # Where a warm dry run's time goes, so that a regression shows which part grew: the host alone (no bootstrap),
    # its start-up alone (--help: no context, no task), and --help through build.sh (the difference is the bootstrap).
    measure f_warm_host 10 "" "cd $clones/ours && DOCKER_HOST=unix:///nonexistent.sock .build/host/Build --target=Production --dryrun"
    measure f_warm_help 10 "" "$clones/ours/.build/host/Build --help"
    measure f_warm_sh_help 10 "" "$clones/ours/build.sh --help"
  else
    note "the background native compile did not end within ${BENCH_NATIVE_WAIT:-1800} s: f_warm skipped"
    bash -c "$stop_background"
  fi
  bash -c "$stop_background" # a compile the warm runs started (none when the native host is in)
  rm -rf "$clones" "$BUILD_HOST_CACHE"
  unset BUILD_HOST_CACHE
fi
# (healthy) one .py edited, then until every container of a running stack runs the new image and is healthy:
# ComposeUp vs the guide's `docker-compose up -d --build` and a loop on `docker inspect`. Each stack has its own
# project and image names; both are taken down at the end.
if want healthy; then
  compose_file=deployment/docker-compose.bridge.yml
  guide_env="BUILD_TARGET=production IMAGE_TAG=prod IMAGE_REGISTRY=$registry-guide/ PYTHON_IMAGE=$python_image BUILDER_IMAGE=$builder_image"
  if [[ $engine == debian12 ]]; then
    compose="docker-compose -f $compose_file"
    guide="$guide_env $compose -p bench-guide up -d --build >/dev/null 2>&1 && bench/wait-healthy.sh bench-guide $path_docker"
  else
    # Compose v2, which waits for the health checks itself; the index's credentials as build secrets and the host's
    # network (bench/compose-guide-build.yml), as in the guide's plain builds.
    compose="$path_docker compose -f $compose_file -f bench/compose-guide-build.yml"
    guide="$guide_env $compose -p bench-guide up -d --build --wait >/dev/null 2>&1"
  fi
  ours="${default_host[*]/--target=Production/--target=ComposeUp} --build-target=production --project-name=bench-ours"
  # env: assignments that come from an expansion are not assignments to the shell, they would be run as the command.
  down() { env $guide_env $compose -p "$1" down --remove-orphans >/dev/null 2>&1 || true; }
  trap 'restore; kill $sampler 2>/dev/null || true; down bench-ours; down bench-guide' EXIT
  measure healthy_host "$build_runs" "$edit_py" "$ours"
  measure healthy_guide "$build_runs" "$edit_py" "$guide"
  down bench-ours
  down bench-guide
fi
rm -f "$touch_file"
kill "$sampler" 2>/dev/null || true
fi

# --- table ---------------------------------------------------------------------------------------------------
python3 - "$out" "$results" "$engine" <<'PY'
import json, os, statistics, sys, datetime, platform
out, results, engine = sys.argv[1], sys.argv[2], sys.argv[3]
debian13 = engine == "debian13"
def median(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    return statistics.median(json.load(open(path))["results"][0]["times"])
rows = [
    ("a", "warm dry run, Production", "a_host", "`./build.sh --target=Production --dryrun`",
     [("a_dotnet_run", "`dotnet run --project build/Build.csproj -- …`", "abs 0.3"),
      ("a_cake_script_default", "Cake.Tool script `bench/equivalent.cake` (Cake's default: compiled every run)", 0.15),
      ("a_cake_script", "the same script with Cake's opt-in script cache", None)]),
    ("b", "Production, nothing changed", "b_host", "`./build.sh --target=Production`", [("b_plain", "two plain `docker build` (warm cache)", 0.5)]),
    ("build", "Production, one .py edited", "build_default", "`./build.sh --target=Production` (no `--docker`)",
     [("build_plain_path", "the guide's two plain `docker build`, same client (" + ("the toolchain's docker 26 with buildx)" if debian13
       else "`docker` on PATH; BuildKit where it has no buildx)"), 0.7),
      ("build_best", "the best builder here: `--docker=/usr/bin/docker` (BuildKit)", 1.2),
      ("build_plain_buildkit", "two plain `docker build`, `DOCKER_BUILDKIT=1 /usr/bin/docker`", None),
      ("build_nocache", "two `docker build --no-cache` (BuildKit)", None)]),
    ("bump", "Production, one package bumped (idna 3.3 ⇄ 3.10 in poetry.lock)", "bump_host", "`./build.sh --target=Production` (no `--docker`)",
     [("bump_plain", "the guide's two plain `docker build` (BuildKit, the index's secrets)", 0.7),
      ("bump_fresh", "the same two builds from an empty venv (`--build-arg DEPENDENCY_VENV=fresh`: a fresh install, the guide's pattern)",
       None)]),
    ("d", "Production, BuildKit, one .py edited", "d_parallel", "`--parallel=true`", [("d_sequential", "`--parallel=false`", 0.8)]),
    ("e", "lock check", "e_host", "`./build.sh --target=EnsureLock --locked`", [("e_poetry", "`poetry lock --check`", None)]),
    ("healthy", "one .py edited to a healthy stack (production)", "healthy_host", "`./build.sh --target=ComposeUp --build-target=production`",
     [("healthy_guide", "`docker compose … up -d --build --wait` (Compose v2)" if debian13
       else "`docker-compose … up -d --build` + `docker inspect` loop", 0.6)]),
    ("f", "first run: `git clone`, then the first Production dry run", "f_build_sh", "`./build.sh --target=Production --dryrun`",
     [("f_dotnet_run", "`dotnet run --project build/Build.csproj -- …` in a fresh clone", 1.0)]),
    ("f", "JIT-host dry run while the native host compiles in the background", "f_jit_beside_compile", "beside the compile",
     [("f_jit_alone", "the same dry run without it", 1.1)]),
    ("f", "second clone of the same commit on the machine: its first Production dry run (`git clone` included)", "f_second_clone",
     "`./build.sh --target=Production --dryrun`", [("f_second_clone", "(absolute goal: the native host at once)", "abs 3.0")]),
    ("f", "warm dry run once the native host is in", "f_warm", "`./build.sh --target=Production --dryrun`",
     [("f_warm", "(absolute goal)", "abs 0.06"),
      ("f_warm_host", "the native host alone, `.build/host/Build --target=Production --dryrun` (the rest is the bootstrap)", None)]),
    ("f", "warm start-up, no task", "f_warm_sh_help", "`./build.sh --help`",
     [("f_warm_help", "the native host alone, `.build/host/Build --help`", None)]),
]
# ours / theirs, as the goals are stated ("≤ 0.7× the guide's commands").
lines = ["| | scenario | ours | median | compared with | median | ours / theirs | goal |", "|---|---|---|---:|---|---:|---:|---|"]
for key, scenario, ours, ours_label, others in rows:
    mine = median(ours)
    if mine is None:
        continue
    for other, label, goal in others:
        theirs = median(other)
        if theirs is None and not isinstance(goal, str):  # a row this run left out (e.g. BENCH_NOCACHE=false)
            continue
        ratio = mine / theirs if theirs and mine else None
        if isinstance(goal, str):  # an absolute goal for our median, shown once: "abs SECONDS"
            limit = float(goal.split()[1])
            verdict = f"ours ≤ {limit} s " + ("met" if mine <= limit else "not met")
        else:
            verdict = "" if goal is None or ratio is None else (f"≤ {goal}× met" if ratio <= goal else f"≤ {goal}× not met")
        lines.append(f"| {key} | {scenario} | {ours_label} | {mine:.3f} s | {label} | " + (f"{theirs:.3f} s" if theirs else "n/a") + " | "
                     + (f"{ratio:.3f}×" if ratio and ratio < 0.1 else f"{ratio:.2f}×" if ratio else "n/a") + f" | {verdict} |")
# When the timings were taken (the newest file), so that --table reprints the same stamp.
newest = max(os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out) if f.endswith(".json"))
stamp = datetime.datetime.fromtimestamp(newest, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
loads = [float(l) for l in open(os.path.join(out, "loadavg.txt")) if l.strip()] if os.path.exists(os.path.join(out, "loadavg.txt")) else []
load = f", load average {min(loads):.1f}–{max(loads):.1f} during the run" if loads else ""
on = ("on Docker 26 (Debian 13's toolchain, containerd image store, buildx 0.13.1, Compose v2)" if debian13
      else "on Debian 12's dockerd 20.10")
timed = [json.load(open(os.path.join(out, f)))["results"][0] for f in os.listdir(out) if f.endswith(".json")]
timer = "hyperfine" if any("mean" in r for r in timed) else "a bash loop, $EPOCHREALTIME, less bash -c's own start"
text = f"# Benchmark results\n\n{stamp}, {os.cpu_count()} cores, {platform.machine()}, {on}{load}; medians ({timer}).\n\n" + "\n".join(lines) + "\n"
open(results, "w").write(text)
print(text)
PY
