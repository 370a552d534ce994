import unittest

from omninode_bridge.server import BadRequest, Settings, is_number, number_list, parse_json, total


class NumbersTest(unittest.TestCase):
    def test_ints_and_finite_floats_are_numbers(self):
        for value in (0, -3, 10**30, 1.5, -0.0):
            with self.subTest(value=value):
                self.assertTrue(is_number(value))

    def test_bools_strings_none_and_non_finite_are_not_numbers(self):
        for value in (True, False, "1", None, [], {}, float("nan"), float("inf")):
            with self.subTest(value=value):
                self.assertFalse(is_number(value))

    def test_number_list_rejects_bad_shapes(self):
        for payload in ([1, 2], {"value": [1]}, {"values": 3}, {"values": [1, True]}, {"values": [1, "2"]}):
            with self.subTest(payload=payload):
                with self.assertRaises(BadRequest):
                    number_list(payload)

    def test_total_is_exact_for_ints_and_compensated_for_floats(self):
        self.assertEqual(total([10**20, 1, -(10**20)]), 1)
        self.assertEqual(total([0.1] * 10), 1.0)
        self.assertEqual(total([]), 0)

    def test_parse_json_rejects_nan_infinity_and_bad_utf8(self):
        for body in (b"[NaN]", b"[Infinity]", b"\xff", b"{"):
            with self.subTest(body=body):
                with self.assertRaises(BadRequest):
                    parse_json(body)


class SettingsTest(unittest.TestCase):
    def test_defaults(self):
        settings = Settings.from_env("reducer", 8061, env={})
        self.assertEqual((settings.port, settings.workers, settings.log_level, settings.host), (8061, 1, "INFO", "0.0.0.0"))

    def test_environment_overrides(self):
        settings = Settings.from_env("reducer", 8061, env={"PORT": "9000", "WORKERS": "4", "LOG_LEVEL": "debug"})
        self.assertEqual((settings.port, settings.workers, settings.log_level), (9000, 4, "DEBUG"))

    def test_bad_numbers_stop_with_a_message(self):
        for env in ({"PORT": "eighty"}, {"WORKERS": "0"}):
            with self.subTest(env=env):
                with self.assertRaises(SystemExit):
                    Settings.from_env("reducer", 8061, env=env)


if __name__ == "__main__":
    unittest.main()
