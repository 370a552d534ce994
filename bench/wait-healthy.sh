#!/usr/bin/env bash
# The guide's wait after `docker-compose up -d`: ask `docker inspect` for the health of every container of the
# compose project twice a second until all are healthy; give up after 120 s (exit 1).
#   bench/wait-healthy.sh PROJECT [DOCKER]
set -uo pipefail
project="$1"
docker="${2:-docker}"
for ((i = 0; i < 240; i++)); do
  ids=$("$docker" ps --quiet --filter "label=com.docker.compose.project=$project")
  if [[ -n "$ids" ]] && ! "$docker" inspect --format '{{.State.Health.Status}}' $ids | grep -qv '^healthy$'; then
    exit 0
  fi
  sleep 0.5
done
echo "wait-healthy: project $project not healthy after 120 s" >&2
exit 1
