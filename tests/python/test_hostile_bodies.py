"""Every malformed or hostile body is a 4xx naming the problem, never a 500, and the node keeps serving."""

import json
import socket
import time
import unittest

from omninode_bridge.orchestrator import Orchestrator, ReducerTarget, build_app
from omninode_bridge.reducer import create_app
from omninode_bridge.server import MAX_BODY_BYTES, MAX_DEPTH

from tests.python.support import RunningServer, request

# name -> (body, expected status, words the error must contain)
HOSTILE = {
    "invalid JSON": (b'{"values": [1, 2', 400, "malformed JSON"),
    "not UTF-8": (b'{"values": [1]}\xff', 400, "not UTF-8"),
    "NaN": (b'{"values": [NaN]}', 400, "NaN"),
    "Infinity": (b'{"values": [-Infinity]}', 400, "Infinity"),
    "a float beyond a double": (b'{"values": [1e400]}', 400, "'values[0]' is not a number"),
    "an integer of 5000 digits": (b'{"values": [' + b"9" * 5000 + b"]}", 400, "digits"),
    "a string for a number": (b'{"values": [1, "2"]}', 400, "'values[1]' is not a number: '2'"),
    "a bool for a number": (b'{"values": [true]}', 400, "'values[0]' is not a number: True"),
    "an object for the list": (b'{"values": {"a": 1}}', 400, "'values'"),
    "null for the list": (b'{"values": null}', 400, "'values'"),
    "missing list": (b'{"other": []}', 400, "'values' is missing"),
    "an array body": (b"[1, 2]", 400, "JSON object"),
    "a string body": (b'"values"', 400, "JSON object"),
    "empty body": (b"", 400, "malformed JSON"),
    "nested 100000 deep": (b"[" * 100_000 + b"]" * 100_000, 400, "nested deeper"),
    "objects nested past the limit": (b'{"a":' * (MAX_DEPTH + 1) + b"1" + b"}" * (MAX_DEPTH + 1), 400, "nested deeper"),
    "unclosed nesting": (b"[" * 200_000, 400, "nested deeper"),
    "nested values": (b'{"values": [[1]]}', 400, "'values[0]' is not a number: a JSON array"),
    "a float sum that overflows": (b'{"values": [1e308, 1e308]}', 400, "overflows"),
    "an integer sum too long to print": (
        json.dumps({"values": [10 ** 4000] * 9}).encode(), 400, "more than"),
}


class HostileBodiesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reducer = RunningServer(create_app()).__enter__()
        cls.orchestrator = RunningServer(build_app(Orchestrator(ReducerTarget("127.0.0.1", cls.reducer.port), 5))).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.orchestrator.__exit__(None, None, None)
        cls.reducer.__exit__(None, None, None)

    def nodes(self):
        return (("reducer", self.reducer, "/reduce"), ("orchestrator", self.orchestrator, "/jobs"))

    def test_each_hostile_body_is_a_4xx_naming_the_problem_and_the_node_keeps_serving(self):
        for node, server, path in self.nodes():
            for name, (raw, expected, words) in HOSTILE.items():
                if node == "orchestrator" and "sum" in name:
                    continue  # the orchestrator sums what reducers answered: covered by the reducer
                with self.subTest(node=node, body=name):
                    status, body = request(server, "POST", path, raw=raw)
                    self.assertEqual(status, expected, body)
                    self.assertIn(words, body["error"])
                    self.assertEqual(request(server, "GET", "/health")[0], 200)

    def test_wrong_parts_are_named(self):
        for job, words in (({"values": [1], "parts": True}, "'parts' must be an integer, got True"),
                           ({"values": [1], "parts": "2"}, "'parts' must be an integer"),
                           ({"values": [1], "parts": 65}, "'parts' must be between 1 and 64")):
            with self.subTest(job=job):
                status, body = request(self.orchestrator, "POST", "/jobs", job)
                self.assertEqual(status, 400)
                self.assertIn(words, body["error"])

    def test_declared_oversized_body_is_413_before_it_is_read(self):
        for _node, server, path in self.nodes():
            status, body = request(server, "POST", path, raw=b"", headers={"Content-Length": str(10 ** 12)})
            self.assertEqual(status, 413)
            self.assertIn(str(MAX_BODY_BYTES), body["error"])

    def test_chunked_body_past_the_limit_is_413(self):
        chunk = b"1," * 50_000
        with socket.create_connection((self.reducer.host, self.reducer.port), timeout=10) as sock:
            sock.sendall(b"POST /reduce HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try:
                for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the node answered and closed before the client finished sending
            answer = sock.recv(4096)
        self.assertIn(b" 413 ", answer)
        self.assertEqual(request(self.reducer, "GET", "/health")[0], 200)

    def test_a_body_just_under_the_limit_is_answered_in_time(self):
        count = (MAX_BODY_BYTES - 20) // 2
        raw = b'{"values": [' + b"1," * (count - 1) + b"1]}"
        started = time.monotonic()
        status, body = request(self.reducer, "POST", "/reduce", raw=raw)
        self.assertEqual((status, body.get("sum")), (200, count))
        self.assertLess(time.monotonic() - started, 5)


if __name__ == "__main__":
    unittest.main()
