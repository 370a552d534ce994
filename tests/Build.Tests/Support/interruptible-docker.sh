#!/bin/sh
# A docker client for the interruption tests: answers the probes, and its `build` runs until a signal stops it.
# Each call and each signal is appended to $FAKE_DOCKER_LOG. FAKE_DOCKER_STUBBORN=1: the build ignores SIGINT and SIGTERM.
echo "call $*" >> "$FAKE_DOCKER_LOG"
case "$1" in
  version) echo '{"Client":{"Version":"20.10.24","ApiVersion":"1.41"},"Server":{"Version":"20.10.24","ApiVersion":"1.41","Os":"linux"}}' ;;
  buildx) exit 1 ;;
  build)
    sleep 120 &
    sleeper=$!
    if [ "${FAKE_DOCKER_STUBBORN:-}" = 1 ]; then
      trap 'echo "ignored INT" >> "$FAKE_DOCKER_LOG"' INT
      trap 'echo "ignored TERM" >> "$FAKE_DOCKER_LOG"' TERM
    else
      trap 'echo "got INT" >> "$FAKE_DOCKER_LOG"; kill $sleeper; exit 130' INT
      trap 'echo "got TERM" >> "$FAKE_DOCKER_LOG"; kill $sleeper; exit 143' TERM
    fi
    echo "started $$ $sleeper" >> "$FAKE_DOCKER_LOG"
    echo "Step 1/9 : FROM omninode/python:3.11-bookworm"
    while kill -0 $sleeper 2>/dev/null; do wait $sleeper; done
    echo "finished" >> "$FAKE_DOCKER_LOG" ;;
  *) echo "Error: No such object" >&2; exit 1 ;;
esac
