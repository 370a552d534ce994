"""Before each run of the bump group: poetry.lock becomes the other of two locks (the project's, and the same with one
package bumped), with a comment that makes this run's file new to the build cache. Comments are not part of Poetry's
content-hash, so the lock stays fresh for EnsureLock.

    python3 bench/bump_lock.py LOCK PROJECT_LOCK BUMPED_LOCK
"""
import sys
import time

lock, project, bumped = sys.argv[1:4]
current = open(lock, encoding="utf-8").read()
source = project if open(bumped, encoding="utf-8").read().split("\n# bench bump")[0] == current.split("\n# bench bump")[0] else bumped
text = open(source, encoding="utf-8").read().rstrip("\n")
with open(lock, "w", encoding="utf-8") as out:
    out.write(f"{text}\n# bench bump {time.time_ns()}\n")
