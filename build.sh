#!/usr/bin/env bash
# Bootstrap of the build host (Cake Frosting, build/): finds the SDK, picks or builds the host, execs it with every argument.
# BUILD_HOST=auto|native|readytorun|jit: README. The native compile is C# (build/Bootstrap/); docs/performance.md, "The first run".
set -euo pipefail
script="${BASH_SOURCE[0]}"
[[ "$script" == */* ]] && root="${script%/*}" || root=.
CDPATH='' cd -- "$root" && root="$PWD" && cd -- "$OLDPWD" # absolute with builtins: a subshell's fork counts on the warm path
state="$root/.build" cache="${BUILD_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/omninode-bridge/build-host}"
wanted="${BUILD_HOST:-auto}"
# Start-up is most of a dry run's time: no tiered PGO instrumentation for a short-lived process (JIT hosts).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_TieredPGO=0
case "$wanted" in
  auto | native | readytorun | jit) ;;
  *)
    echo "build.sh: BUILD_HOST=$wanted is not a kind of build host; use BUILD_HOST=auto (the default: the machine's native host, or a quick" \
      "JIT host at once and the native one compiled in the background), BUILD_HOST=native (compiled ahead of time in the foreground)," \
      "BUILD_HOST=readytorun (run by dotnet) or BUILD_HOST=jit (quickest to compile, no native compile)." >&2
    exit 2 ;;
esac
if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK is not installed (global.json asks for $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$root/global.json") or a" \
    "later feature band). Install it: Debian/Ubuntu 'apt-get install dotnet-sdk-10.0', or the dotnet-install script from the .NET site." >&2
  exit 127
fi

# compiling: 0 while a native compile runs on the machine (the pid in its file lives). Builtins only on the warm path.
compiling() { local pid="" && { [[ -f "$cache/compile.pid" ]] && read -r pid <"$cache/compile.pid" || true; } && [[ -n "$pid" && -d "/proc/$pid" ]]; }

# While a native compile runs on the machine, this command registers (a file named by its pid, which the host keeps:
# build.sh execs it) and stops the compile's process group at once; the compile resumes it once no command runs.
if compiling; then
  : >"$cache/commands/$$" 2>/dev/null || true
  group="" && { read -r group <"$cache/compile.group" || true; } 2>/dev/null
  [[ "$group" -gt 1 ]] 2>/dev/null && kill -STOP -- "-$group" 2>/dev/null || true
fi

# runnable DIR: a host there can start, whatever else says so: a non-empty executable ELF file Build, or Build.dll (a
# PE file) with its runtimeconfig for dotnet. A truncated, deleted or non-executable host is rebuilt, not run.
runnable() {
  local magic=""
  if [[ -e "$1/Build.dll" ]]; then
    [[ -s "$1/Build.runtimeconfig.json" ]] && IFS= read -r -n 2 magic <"$1/Build.dll" 2>/dev/null
    [[ "$magic" == MZ ]]
  else
    [[ -x "$1/Build" ]] && IFS= read -r -n 4 magic <"$1/Build" 2>/dev/null
    [[ "$magic" == $'\x7fELF' ]]
  fi
}

# The warm path: the clone's native host runs at once and checks its sources itself, in-process (listing them here was half
# of this script's time); it comes back with BUILD_SH_SOURCES_CHANGED=1 when they changed (build/Bootstrap/WarmStart.cs).
[[ "$wanted" == auto || "$wanted" == native ]] && [[ -z "${BUILD_SH_SOURCES_CHANGED:-}" && -f "$state/host/checks-its-sources" ]] &&
  runnable "$state/host" && BUILD_SH_WARM="$BASH:$root/build.sh" exec "$state/host/Build" "$@"
unset BUILD_SH_SOURCES_CHANGED BUILD_SH_WARM

# The content hash of the host's sources, the same in every clone of a commit (build/Bootstrap/SourceFingerprint.cs and build.ps1
# alike), kept with the files' sizes, times and inodes (hashing is most of the warm path's time); find in the C locale loads no locale data.
hosted() { LC_ALL=C find build Directory.Build.props Directory.Packages.props global.json \( -name bin -o -name obj \) -prune \
  -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name global.json \) "$@"; }
listing=$(cd "$root" && hosted -printf '%p %s %T@ %i\n') && sources="" seen=""
{ IFS= read -r sources && IFS= read -rd '' seen; } 2>/dev/null <"$state/host-sources" || true
if [[ -z "$sources" || "$seen" != "$listing" ]]; then
  sources=$(cd "$root" && hosted -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum)
  sources="${sources%% *}" && mkdir -p "$state" && printf '%s\n%s' "$sources" "$listing" >"$state/host-sources.$$"
  mv "$state/host-sources.$$" "$state/host-sources"
fi
native="$cache/native/$sources"

# run DIR ARGS: DIR becomes .build/host (a symbolic link swapped in one rename) and runs the command.
run() {
  local dir="$1" && shift
  if [[ ! -L "$state/host" || ! "$state/host" -ef "$dir" ]]; then
    [[ -L "$state/host" || ! -e "$state/host" ]] || rm -rf "$state/host"
    ln -sfn "hosts/${dir##*/}" "$state/host.$$" && mv -T "$state/host.$$" "$state/host"
  fi
  [[ -e "$dir/Build.dll" ]] && exec dotnet "$dir/Build.dll" "$@"
  exec "$dir/Build" "$@"
}

# adopt_native: the machine's native host of these sources, hard-linked into the clone (a copy across file systems):
# the host finds the repository from its own folder. 0 when the clone has it.
adopt_native() {
  local dir="$state/hosts/native-$sources"
  if ! runnable "$dir" && runnable "$native"; then
    mkdir -p "$state/hosts" && rm -rf "$dir" "$dir.$$"
    cp -al "$native" "$dir.$$" 2>/dev/null || { rm -rf "$dir.$$" && cp -a "$native" "$dir.$$"; }
    mv -T "$dir.$$" "$dir"
  fi
  runnable "$dir"
}

# build KIND: compiles the clone's jit or readytorun host of these sources (readytorun falls back to jit: it needs the
# runtime pack from the NuGet feed). Under .build/host.lock: two build.sh at once compile one host.
build() {
  local kind="$1" dir="$state/hosts/$1-$sources" log="$state/host-build.log" why="no host yet" old
  mkdir -p "$state/hosts" && exec 9>"$state/host.lock" && flock 9
  if ! runnable "$dir"; then
    [[ -e "$state/host" ]] && why="build/ changed"
    [[ -e "$dir" ]] && why="the host in .build/host cannot start: missing, empty or not executable"
    echo "build.sh: compiling the $kind build host ($why; about as long as dotnet run takes)..." >&2
    dotnet --list-sdks | grep -q '^10\.' || { echo "build.sh: no .NET 10 SDK found (global.json pins the 10.0 band; installed:" \
      "$(dotnet --list-sdks | tr '\n' ' ')). Install it (apt-get install dotnet-sdk-10.0) and run ./build.sh again." >&2; exit 127; }
    local common=("$root/build/Build.csproj" --configuration Release --nologo --verbosity quiet --output "$dir.next" -p:UseSharedCompilation=false)
    rm -rf "$dir" "$dir.next"
    if ! { [[ "$kind" == readytorun ]] && dotnet publish "${common[@]}" --runtime "linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')" \
        --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false >"$log" 2>&1; }; then
      rm -rf "$dir.next"
      dotnet build "${common[@]}" >"$log" 2>&1 || { cat "$log" >&2; echo "build.sh: the build host did not compile (log above, also in $log)." >&2; exit 1; }
    fi
    mv -T "$dir.next" "$dir"
    # The clone's older hosts go, but the one .build/host names now: a command may be starting it.
    for old in "$state"/hosts/*-*; do [[ "$old" == "$dir" || "$state/host" -ef "$old" ]] || rm -rf "$old"; done
  fi
  exec 9>&-
}

# say_once MESSAGE: on stderr, once per clone and sources (.build/host-native.told holds the sources it was said for).
say_once() {
  local told="" && { [[ -f "$state/host-native.told" ]] && read -r told <"$state/host-native.told" || true; }
  [[ "$told" == "$sources" ]] || { echo "build.sh: $1" >&2; echo "$sources" >"$state/host-native.told"; }
}

jit="$state/hosts/jit-$sources"
if [[ "$wanted" == auto || "$wanted" == native ]] && adopt_native; then run "$state/hosts/native-$sources" "$@"; fi
if [[ "$wanted" == native ]]; then
  # A native compile that failed for these sources is remembered: its readytorun stand-in runs until build/ changes.
  [[ -f "$native.failed" ]] && runnable "$state/hosts/readytorun-$sources" && run "$state/hosts/readytorun-$sources" "$@"
  build jit
  echo "build.sh: compiling the build host ahead of time (2-3 minutes on 2 cores, once per machine)..." >&2
  if dotnet "$jit/Build.dll" --bootstrap-native foreground "$root" "$sources" "$cache" && adopt_native; then run "$state/hosts/native-$sources" "$@"; fi
  kept="" && [[ -f "$native.failed" ]] && kept=" (log: $native.log; delete $native.failed to try again after a fix)" # not when abandoned
  echo "build.sh: building the readytorun host instead$kept." >&2 && wanted=readytorun
fi
if [[ "$wanted" == readytorun ]]; then build readytorun && run "$state/hosts/readytorun-$sources" "$@"; fi
build jit
if [[ "$wanted" == auto ]]; then
  if [[ -f "$native.failed" ]]; then
    read -r why <"$native.failed" || true
    say_once "$why; running the JIT host."
  elif ! command -v gcc >/dev/null 2>&1 && ! command -v clang >/dev/null 2>&1; then
    say_once "no C linker (clang or gcc) for the native build host: staying with the JIT host (apt-get install gcc or clang for the faster one)."
  elif ! compiling; then
    # Registered first, so the compile begins once this command is over. Detached (a session of its own, none of our
    # file descriptors); it runs the compile at idle priority, at most one per machine (build/Bootstrap/).
    mkdir -p "$cache/commands" && : >"$cache/commands/$$"
    setsid dotnet "$jit/Build.dll" --bootstrap-native background "$root" "$sources" "$cache" \
      </dev/null >>"$state/host-native.log" 2>&1 9>&- &
  fi
fi
run "$jit" "$@"
