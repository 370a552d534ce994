"""The nodes as real processes: SIGTERM shutdown, WORKERS, healthcheck, hot reload."""

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from omninode_bridge import healthcheck

from tests.python import SOURCE_PATHS


def start_node(module: str, **env: str) -> tuple[subprocess.Popen, int]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(SOURCE_PATHS), "HOST": "127.0.0.1", "PORT": "0", **env}
    process = subprocess.Popen([sys.executable, "-m", module], env=environment,
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = process.stderr.readline()
    match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        raise AssertionError(f"no listening line: {line!r}")
    return process, int(match.group(1))


def healthy(port: int, timeout: float = 20.0) -> bool:
    """uvicorn's worker processes import the app after the socket listens: a loaded machine takes seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.redirect_stderr(io.StringIO()):
            if healthcheck.main([f"http://127.0.0.1:{port}/health"]) == 0:
                return True
        time.sleep(0.2)
    return False


class ShutdownTest(unittest.TestCase):
    def check_sigterm(self, module: str, workers: str) -> None:
        process, port = start_node(module, WORKERS=workers)
        try:
            self.assertTrue(healthy(port), "the node did not answer /health within 20 s")
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            self.assertEqual(process.wait(10), 0)
            self.assertLess(time.monotonic() - started, 5)
        finally:
            if process.poll() is None:
                process.kill()
            process.stderr.close()

    def test_reducer_exits_0_on_sigterm(self):
        self.check_sigterm("omninode_bridge.reducer", "1")

    def test_orchestrator_with_workers_exits_0_on_sigterm(self):
        self.check_sigterm("omninode_bridge.orchestrator", "3")

    def test_healthcheck_fails_when_nothing_listens(self):
        process, port = start_node("omninode_bridge.reducer")
        process.send_signal(signal.SIGTERM)
        process.wait(10)
        process.stderr.close()
        with contextlib.redirect_stderr(io.StringIO()) as stderr:
            self.assertEqual(healthcheck.main([f"http://127.0.0.1:{port}/health"]), 1)
        self.assertIn("refused", stderr.getvalue())

    def test_healthcheck_fails_on_an_answer_other_than_200(self):
        import http.server
        import threading

        class Unavailable(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(503)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Unavailable)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with contextlib.redirect_stderr(io.StringIO()) as stderr:
                self.assertEqual(healthcheck.main([f"http://127.0.0.1:{server.server_port}/health"]), 1)
            self.assertIn("503", stderr.getvalue())
        finally:
            server.shutdown()
            server.server_close()


class ReloadTest(unittest.TestCase):
    def test_snapshot_sees_py_changes_only(self):
        from bridge_devtools.reload import changed, snapshot

        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "a.py").write_text("x = 1\n")
            (root / "notes.txt").write_text("x")
            before = snapshot([root])
            (root / "notes.txt").write_text("y")
            self.assertEqual(changed(before, snapshot([root])), [])
            (root / "b.py").write_text("y = 2\n")
            self.assertEqual(changed(before, snapshot([root])), [str(root / "b.py")])

    def test_child_restarts_on_change_and_runner_exits_0_on_sigterm(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            module = root / "watched.py"
            module.write_text("x = 1\n")
            starts = root / "starts.log"
            child = f"open({str(starts)!r}, 'a').write('start\\n'); import time; time.sleep(60)"
            environment = {**os.environ, "PYTHONPATH": os.pathsep.join(SOURCE_PATHS)}
            runner = subprocess.Popen(
                [sys.executable, "-m", "bridge_devtools.reload", "--watch", folder, "--interval", "0.1",
                 "--", sys.executable, "-c", child],
                env=environment, stderr=subprocess.DEVNULL)
            try:
                self.assertTrue(self.wait_for(lambda: starts.exists() and starts.read_text().count("start") == 1))
                time.sleep(0.3)
                module.write_text("x = 2  # edited\n")
                os.utime(module, (time.time() + 5, time.time() + 5))
                self.assertTrue(self.wait_for(lambda: starts.read_text().count("start") == 2))
                runner.send_signal(signal.SIGTERM)
                self.assertEqual(runner.wait(10), 0)
            finally:
                if runner.poll() is None:
                    runner.kill()

    @staticmethod
    def wait_for(condition, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return False


if __name__ == "__main__":
    unittest.main()
