"""Restart a command whenever a watched .py file changes (stdlib polling).

    python -m bridge_devtools.reload [--watch DIR]... [--interval S] -- CMD ARGS...

SIGTERM/SIGINT are passed to the child; the runner then exits 0. If the child
dies on its own (say a syntax error mid-edit), the runner waits for the next
change and starts it again instead of exiting.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable

Snapshot = dict[str, float]


def snapshot(roots: Iterable[Path], suffix: str = ".py") -> Snapshot:
    files: Snapshot = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                if name.endswith(suffix):
                    path = os.path.join(dirpath, name)
                    try:
                        files[path] = os.stat(path).st_mtime
                    except FileNotFoundError:
                        pass
    return files


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def say(message: str) -> None:
    print(f"[reload] {message}", file=sys.stderr, flush=True)


def stop_child(child: subprocess.Popen[bytes] | None, grace: float = 10.0) -> None:
    if child is None or child.poll() is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def run(command: list[str], roots: list[Path], interval: float) -> int:
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    state = snapshot(roots)
    child: subprocess.Popen[bytes] | None = subprocess.Popen(command)
    say(f"started pid {child.pid}: {' '.join(command)} (watching {', '.join(map(str, roots))})")
    reported_exit = False
    while not stopping:
        time.sleep(interval)
        if child is not None and child.poll() is not None and not reported_exit:
            say(f"child exited with {child.returncode}; waiting for a change")
            reported_exit = True
        current = snapshot(roots)
        diff = changed(state, current)
        state = current
        if diff and not stopping:
            say(f"changed: {', '.join(diff[:5])}{' ...' if len(diff) > 5 else ''}; restarting")
            stop_child(child)
            child = subprocess.Popen(command)
            reported_exit = False
    stop_child(child)
    say("stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bridge-reload", description=__doc__.splitlines()[0])
    parser.add_argument("--watch", action="append", type=Path, help="directory to watch (repeatable; default: src)")
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval in seconds")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command to run")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command is required after --")
    return run(command, args.watch or [Path("src")], args.interval)


if __name__ == "__main__":
    raise SystemExit(main())
