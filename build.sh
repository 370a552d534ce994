#!/usr/bin/env bash
# Bootstrap of the OmniNode Bridge build host (a Cake Frosting program in build/).
# Rebuilds the host only when its sources changed, then runs the built assembly directly:
# `dotnet run` would re-check the build on every call (about 1.7 s here), this costs a `find`.
# Every argument is passed through; the host's exit code is returned.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host_dir="$root/.build/host"
host_dll="$host_dir/Build.dll"
stamp="$host_dir/.sources-stamp"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Start-up is most of a dry run's time: no tiered PGO instrumentation for a short-lived process.
export DOTNET_TieredPGO=0

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
      -printf '%p %s %T@\n' | LC_ALL=C sort | md5sum | cut -d' ' -f1)
}

fingerprint="$(sources_fingerprint)"
if [[ ! -f "$host_dll" || ! -f "$stamp" || "$(cat "$stamp")" != "$fingerprint" ]]; then
  mkdir -p "$host_dir"
  # One rebuild at a time when several builds start together.
  exec 9>"$host_dir/.lock"
  flock 9
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$fingerprint" ]]; then
    if ! dotnet --list-sdks | grep -q '^10\.'; then
      echo "build.sh: no .NET 10 SDK found (global.json pins the 10.0 band); installed SDKs:" >&2
      dotnet --list-sdks >&2
      echo "Install the .NET 10 SDK (apt-get install dotnet-sdk-10.0) and run ./build.sh again." >&2
      exit 127
    fi
    echo "build.sh: building the build host (sources changed)..." >&2
    # issue 6: ReadyToRun (precompiled) host: a warm dry run spends about 40 % less CPU in the JIT. Needs the
    # runtime pack and crossgen2 from the NuGet feed; falls back to a plain build. BUILD_HOST_READYTORUN=0: off.
    rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
    if [[ "${BUILD_HOST_READYTORUN:-1}" == 1 ]] && dotnet publish "$root/build/Build.csproj" --configuration Release --nologo \
        --verbosity quiet --runtime "$rid" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
        --output "$host_dir" -p:UseSharedCompilation=false >"$host_dir/build.log" 2>&1; then
      :
    elif ! dotnet build "$root/build/Build.csproj" --configuration Release --nologo --verbosity quiet \
        --output "$host_dir" -p:UseSharedCompilation=false >"$host_dir/build.log" 2>&1; then
      cat "$host_dir/build.log" >&2
      echo "build.sh: the build host did not compile (log above, also in $host_dir/build.log)." >&2
      exit 1
    fi
    printf '%s' "$fingerprint" >"$stamp"
  fi
  exec 9>&-
fi

exec dotnet "$host_dll" "$@"
