#!/usr/bin/env bash
# Bootstrap of the OmniNode Bridge build host (a Cake Frosting program in build/).
# Rebuilds the host only when its sources changed, then runs it directly: `dotnet run` would re-check the build on
# every call (about 1.7 s here), this costs a `find`. Every argument is passed through; the host's exit code is returned.
#
# BUILD_HOST chooses how the host is compiled (docs/performance.md "Warm start"):
#   auto        (default) The first run after a change of build/ compiles a quick JIT host (a plain `dotnet build`,
#               about as long as `dotnet run` takes) and runs the command with it; the native host (Native AOT, a warm
#               dry run well under 0.1 s) compiles detached in the background at idle priority and is swapped in
#               when it is ready. No command waits for the native compile.
#   native      Compiles the native host in the foreground (waiting for a background compile that is running) and
#               runs the command with it: for CI, and to see why a native compile failed. Needs a C linker (clang
#               or gcc); without one, or if the compile fails, build.sh says so and builds the readytorun host.
#   readytorun  Precompiled IL run by `dotnet`: compiles in about 20 s, a warm dry run takes about 0.4 s.
#   jit         Only the quick JIT host, never a native compile: for editing the build host itself.
set -euo pipefail

# Builtins only on the warm path (no dirname, cat or cut): every process started is a millisecond or two.
script="${BASH_SOURCE[0]}"
[[ "$script" == */* ]] && root="${script%/*}" || root=.
root="$(cd "$root" && pwd)"
state="$root/.build"
# .build/host is a symbolic link to one folder of .build/hosts: a new host is swapped in with one rename.
host_dir="$state/host"
stamp="$host_dir/.sources-stamp"
native_failed="$state/host-native.failed"
native_log="$state/host-native.log"
wanted="${BUILD_HOST:-auto}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Start-up is most of a dry run's time: no tiered PGO instrumentation for a short-lived process (JIT hosts).
export DOTNET_TieredPGO=0

case "$wanted" in
  auto | native | readytorun | jit) ;;
  *)
    echo "build.sh: BUILD_HOST=$wanted is not a kind of build host; use BUILD_HOST=auto (the default: a quick JIT host at once, the native one compiled in the background), BUILD_HOST=native (compiled ahead of time in the foreground), BUILD_HOST=readytorun (run by dotnet) or BUILD_HOST=jit (quickest to compile, no native compile)." >&2
    exit 2
    ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  sdk=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$root/global.json")
  echo "build.sh: the .NET SDK is not installed (global.json asks for $sdk or a later feature band)." >&2
  echo "Install it: Debian/Ubuntu 'apt-get install dotnet-sdk-10.0', or the dotnet-install script from the .NET site, then run ./build.sh again." >&2
  exit 127
fi

# sources_fingerprint DIR: what a host is built from, every source and project file of build/, the shared props and
# global.json, by path, size and modification time. DIR is the repository or the native compile's copy of it.
sources_fingerprint() {
  local sum
  sum=$(cd "$1" && find build Directory.Build.props Directory.Packages.props global.json \
      \( -path 'build/bin' -o -path 'build/obj' -o -path '*/bin' -o -path '*/obj' \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name 'global.json' \) \
      -printf '%p %s %T@\n' | LC_ALL=C sort | md5sum)
  echo "${sum%% *}"
}

sources="$(sources_fingerprint "$root")"
# The stamp, "KIND FINGERPRINT" of the host in .build/host, into $kind and $built_from: builtin reads, no process.
read_stamp() {
  kind="" built_from=""
  if [[ -f "$stamp" ]]; then read -r kind built_from <"$stamp" || true; fi
}

# The host can start, whatever the stamp says: a non-empty native executable (ELF), or Build.dll (a PE file) with
# its runtimeconfig for `dotnet`. A truncated, deleted or non-executable host is rebuilt, not run.
host_runnable() {
  local magic=""
  if [[ -e "$host_dir/Build.dll" ]]; then
    [[ -s "$host_dir/Build.dll" && -s "$host_dir/Build.runtimeconfig.json" ]] || return 1
    IFS= read -r -n 2 magic <"$host_dir/Build.dll" 2>/dev/null || true
    [[ "$magic" == MZ ]]
  else
    [[ -f "$host_dir/Build" && -x "$host_dir/Build" && -s "$host_dir/Build" ]] || return 1
    IFS= read -r -n 4 magic <"$host_dir/Build" 2>/dev/null || true
    [[ "$magic" == $'\x7fELF' ]]
  fi
}

# The native compile failed for these sources: remembered until build/ changes (or the file is deleted).
native_failed_here() {
  local failed_for=""
  [[ -f "$native_failed" ]] && read -r failed_for <"$native_failed"
  [[ "$failed_for" == "$sources" ]]
}

# Is the host in .build/host good enough for what BUILD_HOST asks, for today's sources?
host_acceptable() {
  read_stamp
  [[ "$built_from" == "$sources" ]] && host_runnable || return 1
  case "$wanted" in
    auto) return 0 ;;
    native) [[ "$kind" == native ]] || native_failed_here ;;
    *) [[ "$kind" == "$wanted" ]] ;;
  esac
}

# Why the host is compiled now, for the first line build.sh prints.
rebuild_reason() {
  read_stamp
  if [[ -z "$built_from" ]]; then echo "no host yet"
  elif [[ "$built_from" != "$sources" ]]; then echo "build/ changed"
  elif ! host_runnable; then echo "the host in .build/host cannot start: missing, empty or not executable"
  else echo "BUILD_HOST=$wanted asks for another kind"; fi
}

# The C linker Native AOT needs: clang (the SDK's default) or gcc.
native_linker() {
  if command -v clang >/dev/null 2>&1; then echo clang; elif command -v gcc >/dev/null 2>&1; then echo gcc; fi
}

# publish KIND PROJECT OUTPUT LOG: compiles the host into OUTPUT (a fresh folder); 0 when it worked.
publish() {
  local kind="$1" project="$2" output="$3" log="$4" rid
  rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  local common=("$project" --configuration Release --nologo --verbosity quiet --runtime "$rid"
    --output "$output" -p:UseSharedCompilation=false)
  case "$kind" in
    native)
      # Tests stand in a quick fake for the 2-3 minute compile to exercise the background mechanics.
      if [[ -n "${BUILD_HOST_NATIVE_PUBLISH:-}" ]]; then "$BUILD_HOST_NATIVE_PUBLISH" "$output" >"$log" 2>&1; return; fi
      dotnet publish "${common[@]}" -p:PublishAot=true -p:CppCompilerAndLinker="$(native_linker)" >"$log" 2>&1 ;;
    # ReadyToRun: precompiled, so a warm run spends about 40 % less CPU in the JIT than a plain build.
    readytorun) dotnet publish "${common[@]}" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false >"$log" 2>&1 ;;
    # The quick host: what `dotnet run` compiles, no runtime identifier, no ahead-of-time step.
    jit) dotnet build "$project" --configuration Release --nologo --verbosity quiet \
      --output "$output" -p:UseSharedCompilation=false >"$log" 2>&1 ;;
  esac
}

# swap_in FOLDER: FOLDER (in .build/hosts, with its stamp) becomes .build/host in one rename of a symbolic link, so a
# build.sh starting meanwhile runs either the old host or the new one, never half of one. The host it replaces stays
# (a process may be about to start it); older ones go. Called under the host lock.
swap_in() {
  local new="hosts/${1##*/}" previous="" link="$state/host.link.$$" old
  if [[ -L "$host_dir" ]]; then
    previous="$(readlink "$host_dir")"
  elif [[ -d "$host_dir" ]]; then # a host folder from before the link
    previous="hosts/previous-$$"
    mv "$host_dir" "$state/$previous"
  fi
  ln -sfn "$new" "$link"
  mv -T "$link" "$host_dir"
  for old in "$state"/hosts/*; do
    [[ "hosts/${old##*/}" == "$new" || "hosts/${old##*/}" == "$previous" ]] || rm -rf "$old"
  done
}

# A line every 30 s while a long compile runs, so a first run does not look hung. Its sleep is killed with it: a sleep
# left behind would hold the caller's stderr open for up to 30 s after the command (`./build.sh ... | tee` would hang).
heartbeat() {
  local started=$SECONDS sleeper=""
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  while :; do
    sleep 30 &
    sleeper=$!
    wait "$sleeper"
    echo "build.sh: still compiling the build host ($((SECONDS - started)) s)..." >&2
  done
}

require_sdk() {
  if ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "build.sh: no .NET 10 SDK found (global.json pins the 10.0 band); installed SDKs:" >&2
    dotnet --list-sdks >&2
    echo "Install the .NET 10 SDK (apt-get install dotnet-sdk-10.0) and run ./build.sh again." >&2
    exit 127
  fi
}

# build_host KIND: compiles a JIT or readytorun host of the repository's sources in the foreground and swaps it in
# (readytorun falls back to jit: it needs the runtime pack and crossgen2 from the NuGet feed). Under the host lock.
build_host() {
  local kind="$1" next="$state/host.next" log="$state/host-build.log" beat
  require_sdk
  rm -rf "$next"
  heartbeat & beat=$!
  if ! publish "$kind" "$root/build/Build.csproj" "$next" "$log"; then
    rm -rf "$next"
    kind=jit
    if ! publish jit "$root/build/Build.csproj" "$next" "$log"; then
      kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
      cat "$log" >&2
      echo "build.sh: the build host did not compile (log above, also in $log)." >&2
      exit 1
    fi
  fi
  kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
  printf '%s %s\n' "$kind" "$sources" >"$next/.sources-stamp"
  mkdir -p "$state/hosts"
  local target="$state/hosts/$kind-${sources:0:12}-$$"
  mv "$next" "$target"
  swap_in "$target"
}

# compile_native: the Native AOT compile, from a copy of the sources taken when it starts (so build/ may change
# meanwhile), into .build/native/out; swapped in only if build/ still matches that copy when it is done, else
# discarded. A failure is remembered for those sources. Holds the native lock (fd 8); takes the host lock (fd 9)
# only for the swap. 0 when the native host is in place.
compile_native() {
  local work="$state/native" copy="$state/native/src" out="$state/native/out" copied started=$SECONDS
  rm -rf "$work" && mkdir -p "$copy"
  # posix (pax) archives keep sub-second modification times, so the copy has the fingerprint of its originals.
  (cd "$root" && tar cf - --format=posix --exclude=bin --exclude=obj build Directory.Build.props Directory.Packages.props global.json) \
    | (cd "$copy" && tar xf -)
  copied="$(sources_fingerprint "$copy")"
  if publish native "$copy/build/Build.csproj" "$out" "$native_log" && [[ -x "$out/Build" ]] \
      && ! grep -q "^$copy/build/.*warning IL" "$native_log"; then
    printf 'native %s\n' "$copied" >"$out/.sources-stamp"
    exec 9>"$state/host.lock"
    flock 9
    if [[ "$(sources_fingerprint "$root")" == "$copied" ]]; then
      mkdir -p "$state/hosts"
      mv "$out" "$state/hosts/native-${copied:0:12}-$$"
      swap_in "$state/hosts/native-${copied:0:12}-$$"
      rm -f "$native_failed"
      echo "build.sh: native build host ready ($((SECONDS - started)) s)." >>"$native_log"
      rm -rf "$work"
      exec 9>&-
      return 0
    fi
    echo "build.sh: build/ changed during the native compile: its host was discarded; the next run compiles again." >>"$native_log"
    exec 9>&-
    rm -rf "$work"
    return 1
  fi
  printf '%s\n' "$copied" >"$native_failed"
  rm -rf "$work"
  return 1
}

# start_time PID: the kernel's start time of PID (field 22 of /proc/PID/stat), so that a recycled pid is not taken for
# the process that left the file. Builtins only.
start_time() {
  local stat rest
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1 # stderr first: a gone process is no message
  rest="${stat##*) }"
  read -r -a fields <<<"$rest"
  echo "${fields[19]}"
}

# hosts_running: 0 while a host that build.sh registered in .build/host-users still runs; drops the files of the others.
hosts_running() {
  local file pid recorded now running=1
  for file in "$state"/host-users/*; do
    [[ -e "$file" ]] || continue
    pid="${file##*/}"
    recorded=""
    read -r recorded 2>/dev/null <"$file" || true
    now="$(start_time "$pid" || true)"
    if [[ -n "$now" && "$now" == "$recorded" ]]; then running=0; else rm -f "$file"; fi
  done
  return $running
}

# yield_to_this_command: this build.sh (and the host it becomes) registers, and a running compile stops at once.
yield_to_this_command() {
  local group=""
  mkdir -p "$state/host-users"
  start_time $$ >"$state/host-users/$$" || return 0
  [[ -f "$state/host-native.pgid" ]] || return 0
  read -r group 2>/dev/null <"$state/host-native.pgid" || true
  [[ -n "$group" ]] || return 0
  # A compile killed outright leaves its files behind: a group is signalled only while a compile holds the lock.
  if flock -n "$state/host-native.lock" true 2>/dev/null; then
    rm -f "$state/host-native.pid" "$state/host-native.pgid"
    return 0
  fi
  kill -STOP -- "-$group" 2>/dev/null || true
}

# The detached half of BUILD_HOST=auto: build.sh runs itself again with this variable, in its own session at idle
# priority, its output in .build/host-native.log.
#
# The compile yields to every command: each build.sh that runs a host while a compile is on leaves a file named by its
# pid in .build/host-users (the host keeps that pid: build.sh execs it) and stops the compile's process group at once;
# this watcher lets the compile go on (SIGCONT) only while none of those processes lives. Idle priority alone was not
# enough: a dry run beside the compile took 1.42 times as long (the compile's memory traffic and the dry run's own
# JIT threads share the two cores). So the compile uses the machine only between commands.
if [[ -n "${BUILD_SH_NATIVE_COMPILE:-}" ]]; then
  exec 8>"$state/host-native.lock"
  flock -n 8 || exit 0 # another compile is running
  echo "$$" >"$state/host-native.pid"
  compile=""
  stop_compile() { # the compile's own process group, started below: resumed so that it sees the TERM
    [[ -n "$compile" ]] || return 0
    kill -TERM -- "-$compile" 2>/dev/null || true
    kill -CONT -- "-$compile" 2>/dev/null || true
    wait "$compile" 2>/dev/null || true
  }
  trap 'rm -f "$state/host-native.pid" "$state/host-native.pgid"' EXIT
  trap 'stop_compile; exit 143' TERM HUP INT
  host_acceptable_native() { read_stamp; [[ "$kind" == native && "$built_from" == "$sources" ]] && host_runnable; }
  if ! host_acceptable_native && ! native_failed_here; then
    while hosts_running; do sleep 0.2; done
    set -m # job control: the compile gets a process group of its own, paused and resumed as one
    compile_native &
    compile=$!
    set +m
    echo "$compile" >"$state/host-native.pgid"
    while kill -0 "$compile" 2>/dev/null; do
      if hosts_running; then kill -STOP -- "-$compile" 2>/dev/null || true; else kill -CONT -- "-$compile" 2>/dev/null || true; fi
      sleep 0.2
    done
    wait "$compile" || true
  fi
  exit 0
fi

# start_native_in_background: unless one runs already. Detached (setsid, no terminal, none of our file descriptors),
# SCHED_IDLE and nice 19 for the CPU, idle class for the disk, one core fewer than the machine has: the user's command
# runs at full speed beside it.
start_native_in_background() {
  if ! flock -n "$state/host-native.lock" true 2>/dev/null; then return 0; fi
  local cores priority=(nice -n 19)
  cores=$(nproc 2>/dev/null || echo 2)
  command -v ionice >/dev/null 2>&1 && priority+=(ionice -c 3)
  command -v chrt >/dev/null 2>&1 && priority+=(chrt --idle 0)
  yield_to_this_command # before the compile can start: it begins only once this command is over
  BUILD_SH_NATIVE_COMPILE=1 DOTNET_PROCESSOR_COUNT=$((cores > 1 ? cores - 1 : 1)) \
    setsid "${priority[@]}" bash "$root/build.sh" </dev/null >>"$native_log" 2>&1 8>&- 9>&- &
}

if ! host_acceptable; then
  mkdir -p "$state"
  # One rebuild at a time when several builds start together.
  exec 9>"$state/host.lock"
  flock 9
  if ! host_acceptable; then # again under the lock: another build.sh may have compiled the host meanwhile
    why="$(rebuild_reason)"
    case "$wanted" in
      auto | jit)
        echo "build.sh: compiling the build host ($why; about as long as dotnet run takes)..." >&2
        build_host jit
        ;;
      readytorun)
        echo "build.sh: building the readytorun build host ($why)..." >&2
        build_host readytorun
        ;;
      native)
        require_sdk
        if [[ -z "$(native_linker)" ]]; then
          echo "build.sh: no C linker (clang or gcc) for the native build host: building the readytorun host instead (apt-get install clang, or BUILD_HOST=readytorun to silence this)." >&2
          printf '%s\n' "$sources" >"$native_failed"
          build_host readytorun
        else
          exec 9>&- # the compile takes the host lock for its swap; a background compile holds the native lock
          exec 8>"$state/host-native.lock"
          if ! flock -n 8; then
            echo "build.sh: waiting for the native compile running in the background..." >&2
            flock 8
          fi
          if ! host_acceptable; then
            echo "build.sh: compiling the build host ahead of time ($why; 2-3 minutes on 2 cores, once)..." >&2
            heartbeat & beat=$!
            started=$SECONDS
            if compile_native; then
              echo "build.sh: native build host ready ($((SECONDS - started)) s)." >&2
            else
              tail -n 20 "$native_log" >&2
              echo "build.sh: the native compile failed (log above, whole in $native_log): building the readytorun host instead (delete $native_failed to try the native one again after a fix)." >&2
              exec 9>"$state/host.lock"
              flock 9
              host_acceptable || build_host readytorun
            fi
            kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
          fi
          exec 8>&-
        fi
        ;;
    esac
  fi
  exec 9>&-
fi

# What the host is (not what its stamp says): a JIT or readytorun host has Build.dll, the native one does not.
if [[ "$wanted" == auto && -e "$host_dir/Build.dll" ]]; then
  if [[ -z "$(native_linker)" ]]; then
    if ! native_failed_here; then
      echo "build.sh: no C linker (clang or gcc) for the native build host: staying with the JIT host (apt-get install gcc or clang for the faster one)." >&2
      printf '%s\n' "$sources" >"$native_failed"
    fi
  elif native_failed_here; then
    # Said once per failure: the second line of the file marks it as told.
    told=""
    { read -r _ || true; read -r told || true; } <"$native_failed"
    if [[ "$told" != told ]]; then
      echo "build.sh: the native build host did not compile for these sources (log: $native_log; BUILD_HOST=native shows why); running the JIT host." >&2
      echo told >>"$native_failed"
    fi
  else
    start_native_in_background
  fi
fi

# A compile may be running: it waits until this command is over. (One that this build.sh just started registered it
# already, in start_native_in_background, and begins only once it is over.)
if [[ -f "$state/host-native.pid" ]]; then yield_to_this_command; fi

if [[ -e "$host_dir/Build.dll" ]]; then
  exec dotnet "$host_dir/Build.dll" "$@"
fi
exec "$host_dir/Build" "$@"
