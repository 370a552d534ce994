import socket
import unittest

from omninode_bridge.reducer import create_app
from omninode_bridge.server import MAX_BODY_BYTES, instance_id

from tests.python.support import RunningServer, request


class ReducerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.running = RunningServer(create_app()).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.running.__exit__(None, None, None)

    def test_health_names_node_and_instance(self):
        status, body = request(self.running, "GET", "/health")
        self.assertEqual(status, 200)
        self.assertEqual(body, {"status": "ok", "node": "reducer", "instance": instance_id()})

    def test_reduce_sums_and_counts(self):
        status, body = request(self.running, "POST", "/reduce", {"values": [1, 2, 3.5, -1]})
        self.assertEqual(status, 200)
        self.assertEqual(body, {"sum": 5.5, "count": 4, "instance": instance_id()})

    def test_reduce_of_nothing_is_zero(self):
        self.assertEqual(request(self.running, "POST", "/reduce", {"values": []})[1]["sum"], 0)

    def test_bad_input_is_400_json(self):
        cases = {
            "malformed": b"{not json",
            "bool": b'{"values": [1, true]}',
            "string": b'{"values": ["1"]}',
            "not a list": b'{"values": 5}',
            "missing": b"{}",
            "array body": b"[1, 2]",
            "nan": b'{"values": [NaN]}',
        }
        for name, raw in cases.items():
            with self.subTest(name):
                status, body = request(self.running, "POST", "/reduce", raw=raw)
                self.assertEqual(status, 400)
                self.assertIn("error", body)

    def test_unknown_path_is_404_and_wrong_method_405(self):
        self.assertEqual(request(self.running, "GET", "/nope")[0], 404)
        self.assertEqual(request(self.running, "GET", "/reduce")[0], 405)
        self.assertEqual(request(self.running, "POST", "/health", {})[0], 405)

    def test_body_without_length_is_411_and_oversized_is_413(self):
        with socket.create_connection((self.running.host, self.running.port), timeout=5) as sock:
            sock.sendall(b"POST /reduce HTTP/1.0\r\n\r\n")
            self.assertIn(b" 411 ", sock.recv(1024))
        status, _ = request(self.running, "POST", "/reduce", raw=b"",
                            headers={"Content-Length": str(MAX_BODY_BYTES + 1)})
        self.assertEqual(status, 413)

    def test_server_survives_garbage_and_keeps_answering(self):
        with socket.create_connection((self.running.host, self.running.port), timeout=5) as sock:
            sock.sendall(b"\x00\x01garbage\r\n\r\n")
            sock.recv(1024)
        self.assertEqual(request(self.running, "GET", "/health")[0], 200)


if __name__ == "__main__":
    unittest.main()
