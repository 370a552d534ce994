#!/usr/bin/env bash
# Whether a venv kept in a BuildKit cache mount and updated by `poetry install --sync` gives the same layer as a fresh
# install (bench/venv-cache/Dockerfile): for each builder image, lock A (the project's) and lock B (idna bumped, as
# bench/run.sh bump makes it), then B built on A's kept venv against B on an empty cache, and A built back on B's venv
# against A on an empty cache. Prints each build's time and layer digest and "same"/"DIFFERENT" per pair; exit 1 when
# any pair differs. Needs a Docker 26 engine with buildx (the Debian 13 toolchain's client), the package index
# answering on 127.0.0.1:3141 where the engine runs (e.g. inside a SWARM_LAB_ENGINE=debian13 node's namespace).
#   bench/venv-cache/prove.sh [BUILDER_IMAGE]...   (default: omninode/poetry:1.3.2-bookworm omninode/poetry:2.1.2-trixie)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
toolchain="$(dirname "$(ls -d "${BRIDGE_TOOLCHAINS:-/var/lib/omninode-bridge/toolchains}"/debian13-docker*/.complete | head -n 1)")"
export DOCKER_CONFIG="$toolchain/client"
docker="$toolchain/bin/docker"
eval "export $("$root/scripts/package-index.sh" up | grep ^POETRY_HTTP_BASIC_ | tr '\n' ' ')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_id="$(date +%s)"
failed=0

# build BUILDER NAME CONTEXT CACHE_ID: the venv stage's one layer digest, and the time.
build() {
  local started ended
  started=$(date +%s%N)
  "$docker" buildx build --progress plain -f "$root/bench/venv-cache/Dockerfile" --target out -t "venv-cache-proof/$2" \
    --build-arg "BUILDER_IMAGE=$1" --build-arg "VENV_CACHE=$4" \
    --secret id=index_username,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME \
    --secret id=index_password,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD \
    --network host --load "$3" >"$work/$2.log" 2>&1 || { tail -n 30 "$work/$2.log" >&2; exit 2; }
  ended=$(date +%s%N)
  layer="$("$docker" image inspect --format '{{index .RootFS.Layers 0}}' "venv-cache-proof/$2")"
  printf '%-28s %6d ms  %s  %s\n' "$2" $(( (ended - started) / 1000000 )) "$layer" \
    "$(grep -o 'Package operations: .*' "$work/$2.log" | head -n 1)"
}
compare() {
  local a b
  a="$("$docker" image inspect --format '{{index .RootFS.Layers 0}}' "venv-cache-proof/$1")"
  b="$("$docker" image inspect --format '{{index .RootFS.Layers 0}}' "venv-cache-proof/$2")"
  if [[ "$a" == "$b" ]]; then echo "same: $1 = $2"; else echo "DIFFERENT: $1 $a, $2 $b"; failed=1; fi
}

for builder in "${@:-omninode/poetry:1.3.2-bookworm omninode/poetry:2.1.2-trixie}"; do
  for b in $builder; do
    tag="$(tr -c 'a-z0-9\n' '-' <<<"${b#*:}")"
    for lock in a b; do
      mkdir -p "$work/$tag-$lock"
      cp -r "$root/pyproject.toml" "$root/poetry.lock" "$root/tools" "$work/$tag-$lock/"
    done
    # The project's pyproject.toml names its source the Poetry 1 way (default = true); Poetry 2 wants a priority, and a
    # lock of its own.
    poetry2=false
    [[ "$b" == *poetry:2.* ]] && poetry2=true
    for lock in a b; do
      $poetry2 && sed -i 's/^default = true$/priority = "primary"/' "$work/$tag-$lock/pyproject.toml"
      [[ $lock == b ]] && update="poetry update --lock idna" || update="true"
      $poetry2 && relock="poetry lock" || relock="true"
      "$docker" run --rm --network host -e POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME -e POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD \
        -v "$work/$tag-$lock:/w" -w /w "$b" sh -c "$relock >/dev/null && $update >/dev/null && chown -R $(id -u):$(id -g) /w"
    done
    grep -A1 'name = "idna"' "$work/$tag-b/poetry.lock" | grep -q '"3.10"' || { echo "idna did not move to 3.10 in lock b" >&2; exit 2; }
    build "$b" "$tag-a-fresh" "$work/$tag-a" "kept-$run_id-$tag"
    build "$b" "$tag-b-on-a" "$work/$tag-b" "kept-$run_id-$tag"
    build "$b" "$tag-b-fresh" "$work/$tag-b" "empty-$run_id-$tag-b"
    compare "$tag-b-on-a" "$tag-b-fresh"
    # Back again, with a comment that makes lock a new to the build cache (as bench/run.sh bump does).
    echo "# back $run_id" >>"$work/$tag-a/poetry.lock"
    build "$b" "$tag-a-on-b" "$work/$tag-a" "kept-$run_id-$tag"
    build "$b" "$tag-a-fresh-again" "$work/$tag-a" "empty-$run_id-$tag-a"
    compare "$tag-a-on-b" "$tag-a-fresh-again"
    compare "$tag-a-on-b" "$tag-a-fresh"
  done
done
exit "$failed"
