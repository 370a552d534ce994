#!/usr/bin/env bash
# The warm native dry run's figure and where its time goes, so that a regression of the warm dry run (goal: a median
# of at most 0.06 s through build.sh; bench/run.sh first-run, rows f_warm*) is seen and traced to its part. Needs perf
# (apt-get install linux-perf) and the native host in .build/host (BUILD_HOST=native ./build.sh --version).
#   bench/startup-profile.sh [RUNS]   # wall-time medians (RUNS, default 15, each command in turn) with the load
#                                     # average, perf stat of --help and of a Production dry run, the share of each part
# Wall time is the goal's measure and swings with the machine's load (the load average is printed with it); CPU time and
# counts hold on a busy machine too. No engine is asked (DOCKER_HOST points nowhere).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-15}"
host=.build/host/Build
die() { printf 'startup-profile: %s\n' "$*" >&2; exit 2; }
command -v perf >/dev/null || die "perf is missing (apt-get install linux-perf)."
./build.sh --version >/dev/null 2>&1 || true
[[ -x "$host" && "$(readlink .build/host)" == hosts/native-* ]] ||
  die "build.sh does not run a native host of these sources: run BUILD_HOST=native ./build.sh --version first."
export DOCKER_HOST=unix:///nonexistent.sock
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Interleaved (one run of each command in turn), so that a change of the machine's load falls on all of them alike.
printf '| command (warm, native host) | median wall time of %s | min |\n|---|---:|---:|\n' "$runs"
python3 - "$runs" "$host" <<'TIMES'
import statistics, subprocess, sys, time
runs, host = int(sys.argv[1]), sys.argv[2]
commands = [["./build.sh", "--target=Production", "--dryrun"], [host, "--target=Production", "--dryrun"],
            ["./build.sh", "--help"], [host, "--help"]]
times = {tuple(command): [] for command in commands}
for _ in range(runs + 1):  # the first round warms the page cache and is not counted
    for command in commands:
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times[tuple(command)].append(time.perf_counter() - start)
for command, spent in times.items():
    print(f"| `{' '.join(command)}` | {statistics.median(spent[1:]):.3f} s | {min(spent[1:]):.3f} s |")
TIMES
printf '\nLoad average after: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

printf '| command | task-clock | page faults |\n|---|---:|---:|\n'
for command in "--help" "--target=Production --dryrun"; do
  # shellcheck disable=SC2086 # the command's words are meant to split
  perf stat -r "$runs" -x, -e task-clock,page-faults -o "$work/stat" "$host" $command >/dev/null 2>&1
  clock="$(awk -F, '$3 == "task-clock" {printf "%.1f ms", $1}' "$work/stat")"
  faults="$(awk -F, '$3 == "page-faults" {print $1}' "$work/stat")"
  printf '| `%s` | %s | %s |\n' "$command" "$clock" "$faults"
done

# The samples of one dry run, each charged to the first part of this list that its call chain passes through.
perf record -q -F 20000 -g -o "$work/perf.data" -- "$host" --target=Production --dryrun >/dev/null 2>&1
perf script -i "$work/perf.data" -F ip,sym 2>/dev/null | python3 -c '
import sys
parts = [
    ("loader: relocation and data rehydration", ("_dl_relocate_object", "_dl_start", "RehydrateData")),
    ("task discovery: reflection over the task classes", ("TaskCatalog", "FindTaskTypes", "FrostingTaskInfo")),
    ("service container", ("Microsoft_Extensions_DependencyInjection",)),
    ("options and their help", ("OptionNames", "BuildOptionsParser", "OptionHelp")),
    ("the dry run: git, files, TOML, report", ("Build_Build_", "LibGit2Sharp", "Tomlyn", "YamlDotNet")),
    ("Cake and Spectre", ("Cake_", "Spectre_")),
]
counts, total, stack = {}, 0, []
def charge(stack):
    for name, marks in parts:
        if any(mark in frame for frame in reversed(stack) for mark in marks):
            return name
    return "other (runtime, GC, kernel)"
for line in list(sys.stdin) + [""]:
    if line.strip():
        stack.append(line.strip())
    elif stack:
        total += 1
        part = charge(stack)
        counts[part] = counts.get(part, 0) + 1
        stack = []
print()
print("| part of a dry run (perf samples) | share |")
print("|---|---:|")
for name, count in sorted(counts.items(), key=lambda item: -item[1]):
    print(f"| {name} | {100 * count / max(total, 1):.0f} % |")
'
