#!/usr/bin/env bash
# Bootstrap of the OmniNode Bridge build host (a Cake Frosting program in build/).
# Rebuilds the host only when its sources changed, then runs it directly: `dotnet run` would re-check the build on
# every call (about 1.7 s here), this costs a `find`. Every argument is passed through; the host's exit code is returned.
#
# BUILD_HOST chooses how the host is compiled (issue 6, docs/performance.md "Warm start"):
#   native      (default) Native AOT: a native executable, no JIT at run time; a warm dry run takes well under 0.1 s.
#               Compiling takes 2-3 minutes on 2 cores, once per change of build/. Needs a C linker (clang or gcc);
#               without one, or if the native compile fails, build.sh says so and builds the readytorun host.
#   readytorun  precompiled IL run by `dotnet`: compiles in about 20 s, a warm dry run takes about 0.4 s.
#               For editing the build host itself.
set -euo pipefail

# Builtins only on the warm path (no dirname, cat or cut): every process started is a millisecond or two.
script="${BASH_SOURCE[0]}"
[[ "$script" == */* ]] && root="${script%/*}" || root=.
root="$(cd "$root" && pwd)"
host_dir="$root/.build/host"
stamp="$host_dir/.sources-stamp"
host_kind="${BUILD_HOST:-native}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Start-up is most of a dry run's time: no tiered PGO instrumentation for a short-lived process (readytorun host).
export DOTNET_TieredPGO=0

case "$host_kind" in
  native | readytorun) ;;
  *)
    echo "build.sh: BUILD_HOST=$host_kind is not a kind of build host; use BUILD_HOST=native (the default: compiled ahead of time, fastest start) or BUILD_HOST=readytorun (run by dotnet, quickest to compile)." >&2
    exit 2
    ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  sdk=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$root/global.json")
  echo "build.sh: the .NET SDK is not installed (global.json asks for $sdk or a later feature band)." >&2
  echo "Install it: Debian/Ubuntu 'apt-get install dotnet-sdk-10.0', or the dotnet-install script from the .NET site, then run ./build.sh again." >&2
  exit 127
fi

# What the host is built from: every source and project file of build/, the shared props, global.json.
sources_fingerprint() {
  (cd "$root" && find build Directory.Build.props Directory.Packages.props global.json \
      \( -path 'build/bin' -o -path 'build/obj' -o -path '*/bin' -o -path '*/obj' \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name 'global.json' \) \
      -printf '%p %s %T@\n' | LC_ALL=C sort | md5sum)
}

# The host kind is part of the fingerprint: switching BUILD_HOST rebuilds.
sum="$(sources_fingerprint)"
fingerprint="$host_kind ${sum%% *}"
# The stamp as it stands, into $current ('' when there is none): a builtin read, no process.
read_stamp() { current=""; if [[ -f "$stamp" ]]; then read -r current <"$stamp" || true; fi; }

# The C linker Native AOT needs: clang (the SDK's default) or gcc.
native_linker() {
  if command -v clang >/dev/null 2>&1; then echo clang; elif command -v gcc >/dev/null 2>&1; then echo gcc; fi
}

# publish KIND OUTPUT LOG: compiles the host into OUTPUT (a fresh folder); 0 when it worked.
publish() {
  local kind="$1" output="$2" log="$3" rid
  rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  local common=("$root/build/Build.csproj" --configuration Release --nologo --verbosity quiet --runtime "$rid"
    --output "$output" -p:UseSharedCompilation=false)
  case "$kind" in
    native) dotnet publish "${common[@]}" -p:PublishAot=true -p:CppCompilerAndLinker="$(native_linker)" >"$log" 2>&1 ;;
    # ReadyToRun: precompiled, so a warm run spends about 40 % less CPU in the JIT than a plain build.
    readytorun) dotnet publish "${common[@]}" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false >"$log" 2>&1 ;;
    plain) dotnet build "$root/build/Build.csproj" --configuration Release --nologo --verbosity quiet \
      --output "$output" -p:UseSharedCompilation=false >"$log" 2>&1 ;;
  esac
}

# A line every 30 s while a long compile runs, so a first run does not look hung.
heartbeat() {
  local started=$SECONDS
  while sleep 30; do echo "build.sh: still compiling the build host ($((SECONDS - started)) s)..." >&2; done
}

read_stamp
if [[ "$current" != "$fingerprint" ]]; then
  mkdir -p "$root/.build"
  # One rebuild at a time when several builds start together.
  exec 9>"$root/.build/host.lock"
  flock 9
  read_stamp # again under the lock: another build.sh may have compiled the host meanwhile
  if [[ "$current" != "$fingerprint" ]]; then
    if ! dotnet --list-sdks | grep -q '^10\.'; then
      echo "build.sh: no .NET 10 SDK found (global.json pins the 10.0 band); installed SDKs:" >&2
      dotnet --list-sdks >&2
      echo "Install the .NET 10 SDK (apt-get install dotnet-sdk-10.0) and run ./build.sh again." >&2
      exit 127
    fi
    # Compiled into a fresh folder and swapped in only when it worked: a failed compile keeps the previous host.
    next="$root/.build/host.next"
    log="$root/.build/host-build.log"
    rm -rf "$next"
    built=""
    if [[ "$host_kind" == native ]]; then
      if [[ -z "$(native_linker)" ]]; then
        echo "build.sh: no C linker (clang or gcc) for the native build host: building the readytorun host instead (apt-get install clang, or BUILD_HOST=readytorun to silence this)." >&2
      else
        echo "build.sh: compiling the build host ahead of time (build/ changed; 2-3 minutes on 2 cores, once; BUILD_HOST=readytorun compiles in about 20 s)..." >&2
        heartbeat & beat=$!
        started=$SECONDS
        # Warnings in our own sources are errors (the analyzers catch most at compile time; this is the rest).
        if publish native "$next" "$log" && [[ -x "$next/Build" ]] && ! grep -q "^$root/build/.*warning IL" "$log"; then
          built=native
          echo "build.sh: native build host ready ($((SECONDS - started)) s)." >&2
        else
          tail -n 20 "$log" >&2
          echo "build.sh: the native compile failed (log above, whole in $log): building the readytorun host instead (rm -rf .build/host to try the native one again after a fix)." >&2
          rm -rf "$next"
        fi
        kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
      fi
    fi
    if [[ -z "$built" ]]; then
      [[ "$host_kind" == readytorun ]] && echo "build.sh: building the build host (build/ changed)..." >&2
      # ReadyToRun needs the runtime pack and crossgen2 from the NuGet feed; a plain build is the last resort.
      if publish readytorun "$next" "$log"; then
        built=readytorun
      else
        rm -rf "$next"
        if publish plain "$next" "$log"; then
          built=plain
        else
          cat "$log" >&2
          echo "build.sh: the build host did not compile (log above, also in $log)." >&2
          exit 1
        fi
      fi
    fi
    printf '%s' "$fingerprint" >"$next/.sources-stamp"
    # The swap: a host started a moment ago keeps running from the unlinked files.
    rm -rf "$host_dir.old"
    [[ -d "$host_dir" ]] && mv "$host_dir" "$host_dir.old"
    mv "$next" "$host_dir"
    rm -rf "$host_dir.old"
  fi
  exec 9>&-
fi

if [[ -x "$host_dir/Build" && ! -f "$host_dir/Build.dll" ]]; then
  exec "$host_dir/Build" "$@"
fi
exec dotnet "$host_dir/Build.dll" "$@"
