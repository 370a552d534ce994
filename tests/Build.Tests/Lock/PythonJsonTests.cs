using Build.Lock;
using Build.Tests.Support;
using NUnit.Framework;
using Tomlyn.Model;

namespace Build.Tests.Lock;

public sealed class PythonJsonTests
{
    private static readonly object[] Strings =
    [
        new object[] { "plain", "\"plain\"" },
        new object[] { "caf\u00e9 na\u00efve", "\"caf\\u00e9 na\\u00efve\"" },
        new object[] { "\u0416\u4e2d\u00c9", "\"\\u0416\\u4e2d\\u00c9\"" },
        new object[] { "rocket \U0001F680", "\"rocket \\ud83d\\ude80\"" },
        new object[] { "say \"hi\"", "\"say \\\"hi\\\"\"" },
        new object[] { "C:\\path\\x", "\"C:\\\\path\\\\x\"" },
        new object[] { "a/b", "\"a/b\"" },
        new object[] { "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"" },
        new object[] { "\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"" },
        new object[] { "del\u007f", "\"del\\u007f\"" },
        new object[] { "\u00a0nbsp \u2028", "\"\\u00a0nbsp \\u2028\"" },
        new object[] { "\uFFFD\uE000", "\"\\ufffd\\ue000\"" },
        new object[] { "", "\"\"" },
    ];

    [TestCaseSource(nameof(Strings))]
    public void Strings_are_escaped_as_ensure_ascii_does(string value, string expected) =>
        Assert.That(PythonJson.Dumps(value), Is.EqualTo(expected));

    private static readonly object[] Scalars =
    [
        new object?[] { null, "null" },
        new object[] { true, "true" },
        new object[] { false, "false" },
        new object[] { 0L, "0" },
        new object[] { -42L, "-42" },
        new object[] { long.MaxValue, "9223372036854775807" },
        new object[] { long.MinValue, "-9223372036854775808" },
        new object[] { 1.5, "1.5" },
        new object[] { 100.0, "100.0" },
        new object[] { -0.0, "-0.0" },
        new object[] { 0.0, "0.0" },
        new object[] { 1e16, "1e+16" },
        new object[] { 1e15, "1000000000000000.0" },
        new object[] { 1.2345e-7, "1.2345e-07" },
        new object[] { 0.0001, "0.0001" },
        new object[] { 0.00001, "1e-05" },
        new object[] { 1e300, "1e+300" },
        new object[] { 0.1 + 0.2, "0.30000000000000004" },
        new object[] { 123456789.125, "123456789.125" },
        new object[] { double.NaN, "NaN" },
        new object[] { double.PositiveInfinity, "Infinity" },
        new object[] { double.NegativeInfinity, "-Infinity" },
    ];

    [TestCaseSource(nameof(Scalars))]
    public void Scalars_are_written_as_Python_writes_them(object? value, string expected) =>
        Assert.That(PythonJson.Dumps(value), Is.EqualTo(expected));

    [Test]
    public void Nested_tables_and_arrays_use_python_separators_and_keep_list_order()
    {
        var table = TomlFile.Parse("b = [3, 1, {z = 1, a = [true, \"x\"]}]\na = { y = {} , x = [] }\n", "t.toml");
        Assert.That(PythonJson.Dumps(table), Is.EqualTo("{\"a\": {\"x\": [], \"y\": {}}, \"b\": [3, 1, {\"a\": [true, \"x\"], \"z\": 1}]}"));
    }

    [Test]
    public void Keys_sort_by_code_point_with_mixed_case_non_ascii_and_astral_keys()
    {
        var table = new TomlTable
        {
            ["b"] = 1L,
            ["B"] = 2L,
            ["_"] = 3L,
            ["\u00e9"] = 4L,
            ["\U0001F600"] = 5L,
            ["\uFF21"] = 6L,
            ["a-b"] = 7L,
            ["a_b"] = 8L,
            ["a"] = 9L,
        };

        // U+FF21 sorts before U+1F600 by code point although its UTF-16 unit is larger than the surrogate's.
        Assert.That(PythonJson.Dumps(table), Is.EqualTo(
            "{\"B\": 2, \"_\": 3, \"a\": 9, \"a-b\": 7, \"a_b\": 8, \"b\": 1, \"\\u00e9\": 4, \"\\uff21\": 6, \"\\ud83d\\ude00\": 5}"));
    }

    [Test]
    public void Code_point_comparer_orders_astral_after_the_whole_BMP() =>
        Assert.That(PythonJson.CodePointComparer.Compare("\U00010000", "\uFFFF"), Is.GreaterThan(0));

    [Test]
    public void Toml_datetimes_are_refused_as_Python_json_refuses_them()
    {
        var table = TomlFile.Parse("when = 1979-05-27T07:32:00Z\n", "t.toml");
        Assert.That(() => PythonJson.Dumps(table), Throws.TypeOf<NotSupportedException>().With.Message.Contains("not JSON serializable"));
    }

    private const string CrossCheckToml = """
        plain = "abc"
        unicode = "café – Ωmega ✓ 中文"
        astral = "rocket 🚀 and 𝄞"
        quotes = "say \"hi\" / slash"
        backslash = 'C:\dir\file'
        controls = "nl\n cr\r tab\t bs\b ff\f nul\u0000 us\u001f del\u007f nbsp\u00a0 ls\u2028"
        ints = [0, -1, 9223372036854775807, -9223372036854775808, 0x1F, 0o17, 0b101]
        floats = [1.5, 100.0, -0.0, 1e16, 1e15, 1.2345e-7, 0.0001, 0.00001, 1e300, 0.30000000000000004, 5e-324, 1.7976931348623157e308, 123456789.125, 2.5e-5]
        bools = [true, false]
        nested = [[1, [2, []]], {}, { k = "v" }]
        "Zeta" = 1
        "zeta" = 2
        "ÉCOLE" = 3
        "école" = 4
        "😀" = 5
        "Ａ" = 6
        "_x" = 7
        "a-b" = 8
        "a_b" = 9
        "a.b" = 10
        [table.inner]
        "ключ" = "значение"
        b = 1
        A = 2
        [[array]]
        x = 1
        [[array]]
        y = "😀"
        """;

    [Test]
    public void Output_matches_real_python3_json_dumps_of_the_same_toml()
    {
        var python = TestEnvironment.FindOnPath("python3");
        if (python is null)
        {
            TestEnvironment.IgnoreExceptOnCi("python3 is not on PATH; cannot cross-check json.dumps");
            return;
        }

        var script = "import json,sys,tomllib; sys.stdout.write(json.dumps(tomllib.loads(sys.stdin.read()), sort_keys=True))";
        var (exitCode, output, error) = TestEnvironment.Run(python, ["-c", script], Path.GetTempPath(), stdin: CrossCheckToml);
        if (exitCode != 0 && error.Contains("No module named 'tomllib'", StringComparison.Ordinal))
        {
            TestEnvironment.IgnoreExceptOnCi("python3 is older than 3.11 (no tomllib)");
        }

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(PythonJson.Dumps(TomlFile.Parse(CrossCheckToml, "cross-check.toml")), Is.EqualTo(output));
    }
}
