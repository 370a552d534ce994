#!/usr/bin/env bash
# Stand-in for the 2-3 minute native publish in BootstrapTests (the background compile runs it as `PROGRAM OUTPUT` when
# BUILD_HOST_NATIVE_PUBLISH names it): after FAKE_NATIVE_SECONDS (of running, not paused) it writes OUTPUT/Build, a
# small ELF launcher that runs a copy of the clone's JIT host (FAKE_NATIVE_ROOT) with dotnet, so the "native" host
# really runs. FAKE_NATIVE_FAIL=1 makes it fail.
set -euo pipefail
out="$1"; mkdir -p "$out"; root="$FAKE_NATIVE_ROOT"
# The wait is made of ticks, each written to .build/fake-native-ticks with its time ($EPOCHREALTIME, a builtin), so a test
# can see when the compile made progress: a paused compile writes none.
ticks="$root/.build/fake-native-ticks"
for ((i = 0; i < ${FAKE_NATIVE_SECONDS:-3} * 20; i++)); do
  echo "$EPOCHREALTIME" >>"$ticks"
  sleep 0.05
done
[[ -z "${FAKE_NATIVE_FAIL:-}" ]] || { echo "fake native compile failed" >&2; exit 1; }
mkdir -p "$out/jit"
cp -a "$(readlink -f "$root/.build/host")/." "$out/jit/"
cat > "$out/launcher.c" <<'C'
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
    char self[PATH_MAX], dll[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) return 126;
    self[n] = 0;
    *strrchr(self, '/') = 0;
    snprintf(dll, sizeof dll, "%s/jit/Build.dll", self);
    char *args[argc + 2];
    args[0] = "dotnet"; args[1] = dll;
    for (int i = 1; i < argc; i++) args[i + 1] = argv[i];
    args[argc + 1] = 0;
    execvp("dotnet", args);
    return 127;
}
C
gcc -O0 -o "$out/Build" "$out/launcher.c"
rm "$out/launcher.c"
