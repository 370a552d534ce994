import unittest
from unittest import mock

from omninode_bridge.orchestrator import Orchestrator, ReducerTarget, build_app, resolve, split

from tests.python.support import RunningServer, fixed_reducer, request


class SplitTest(unittest.TestCase):
    def test_near_equal_contiguous_parts(self):
        self.assertEqual(split([1, 2, 3, 4, 5], 3), [[1, 2], [3, 4], [5]])
        self.assertEqual(split([1, 2, 3, 4], 2), [[1, 2], [3, 4]])
        self.assertEqual(split([1, 2, 3], 1), [[1, 2, 3]])

    def test_more_parts_than_values_gives_no_empty_parts(self):
        self.assertEqual(split([1, 2], 5), [[1], [2]])
        self.assertEqual(split([], 3), [[]])

    def test_parts_must_be_positive(self):
        with self.assertRaises(ValueError):
            split([1], 0)


class TargetTest(unittest.TestCase):
    def test_url_parsing(self):
        self.assertEqual(ReducerTarget.from_url("http://reducer:8061"), ReducerTarget("reducer", 8061))
        self.assertEqual(ReducerTarget.from_url("http://reducer"), ReducerTarget("reducer", 80))
        with self.assertRaises(ValueError):
            ReducerTarget.from_url("ftp://reducer")

    def test_resolve_lists_each_address_once(self):
        self.assertEqual(resolve(ReducerTarget("127.0.0.1", 80)), ["127.0.0.1"])


class JobsTest(unittest.TestCase):
    """Real reducers on 127.0.0.1 and 127.0.0.2 (same port), resolution patched."""

    def serve_two(self, first, second):
        one = RunningServer(first, host="127.0.0.1")
        two = RunningServer(second, host="127.0.0.2", port=one.port)
        return one, two

    def orchestrator(self, port, addresses):
        patcher = mock.patch("omninode_bridge.orchestrator.resolve", return_value=addresses)
        patcher.start()
        self.addCleanup(patcher.stop)
        return RunningServer(build_app(Orchestrator(ReducerTarget("reducer.test", port), timeout=2)))

    def test_parts_are_shared_by_all_replicas(self):
        one, two = self.serve_two(fixed_reducer("r1"), fixed_reducer("r2"))
        with one, two, self.orchestrator(one.port, ["127.0.0.1", "127.0.0.2"]) as orch:
            status, body = request(orch, "POST", "/jobs", {"values": [1, 2, 3, 4, 5, 6], "parts": 4})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["total"], body["count"], body["parts"]), (21, 6, 4))
        self.assertEqual(sorted(body["instances"]), ["r1", "r2"])
        self.assertEqual(body["failures"], [])

    def test_failing_reducer_is_retried_on_another_address_and_reported(self):
        one, two = self.serve_two(fixed_reducer("good"), fixed_reducer("bad", status=500))
        with one, two, self.orchestrator(one.port, ["127.0.0.1", "127.0.0.2"]) as orch:
            status, body = request(orch, "POST", "/jobs", {"values": list(range(10)), "parts": 4})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["total"], 45)
        self.assertEqual(body["instances"], ["good"])
        self.assertTrue(body["failures"])
        self.assertTrue(all(f["address"] == "127.0.0.2" and "500" in f["error"] for f in body["failures"]))

    def test_unreachable_address_is_retried(self):
        good = RunningServer(fixed_reducer("good"), host="127.0.0.1")
        with good, self.orchestrator(good.port, ["127.0.0.3", "127.0.0.1"]) as orch:
            status, body = request(orch, "POST", "/jobs", {"values": [1, 2, 3], "parts": 3})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["total"], 6)
        self.assertTrue(any(f["address"] == "127.0.0.3" for f in body["failures"]))

    def test_all_reducers_failing_is_502_with_the_failures(self):
        bad = RunningServer(fixed_reducer("bad", status=500), host="127.0.0.1")
        with bad, self.orchestrator(bad.port, ["127.0.0.1"]) as orch:
            status, body = request(orch, "POST", "/jobs", {"values": [1, 2], "parts": 2})
        self.assertEqual(status, 502)
        self.assertEqual(len(body["failures"]), 2)
        self.assertIn("error", body)

    def test_resolution_failure_is_502(self):
        with mock.patch("omninode_bridge.orchestrator.resolve", side_effect=OSError("no such host")):
            with RunningServer(build_app(Orchestrator(ReducerTarget("nowhere.test", 1)))) as orch:
                status, body = request(orch, "POST", "/jobs", {"values": [1]})
        self.assertEqual(status, 502)
        self.assertIn("no such host", body["error"])

    def test_bad_jobs_are_400(self):
        with RunningServer(build_app(Orchestrator(ReducerTarget("nowhere.test", 1)))) as orch:
            for job in ({"values": [1], "parts": 0}, {"values": [1], "parts": True}, {"values": [1], "parts": 1.5},
                        {"values": [1], "parts": 65}, {"values": [False]}, {"parts": 2}):
                with self.subTest(job=job):
                    self.assertEqual(request(orch, "POST", "/jobs", job)[0], 400)
            self.assertEqual(request(orch, "POST", "/jobs", raw=b"nope")[0], 400)
            self.assertEqual(request(orch, "GET", "/health")[1]["node"], "orchestrator")


if __name__ == "__main__":
    unittest.main()
