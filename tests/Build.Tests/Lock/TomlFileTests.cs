using System.Diagnostics;
using Build.Lock;
using System.Runtime.CompilerServices;

namespace Build.Tests.Lock;

/// <summary>
/// The build reads pyproject.toml and poetry.lock as strictly as Poetry and Python's tomllib do: a file either of them
/// rejects (a duplicate key, a table defined twice, an inline table extended later …) is rejected here too, with its
/// line, instead of letting the last value win. python3's tomllib is the oracle for every file of the tables.
/// </summary>
public sealed class TomlFileTests
{
    // Found from this source file: test cases are listed before NUnit knows the test directory.
    private static string Folder(string kind, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "TomlFiles", kind);

    public static IEnumerable<TestCaseData> InvalidFiles() =>
        Directory.EnumerateFiles(Folder("Invalid")).Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    public static IEnumerable<TestCaseData> ValidFiles() =>
        Directory.EnumerateFiles(Folder("Valid")).Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(InvalidFiles))]
    public void A_file_tomllib_rejects_is_rejected_with_its_line(string path)
    {
        var oracle = Tomllib(path);
        var error = Assert.Catch<LockFileException>(() => TomlFile.Load(path));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(oracle.Accepted, Is.False, $"tomllib accepts {Path.GetFileName(path)}, so it does not belong to the invalid files");
            Assert.That(error?.Line, Is.Not.Null.And.GreaterThan(0), error?.Message);
            Assert.That(error?.Message, Does.StartWith($"{path}:{error?.Line}"));
        }
    }

    [TestCaseSource(nameof(ValidFiles))]
    public void A_file_tomllib_accepts_is_read(string path)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Tomllib(path).Accepted, Is.True, $"tomllib rejects {Path.GetFileName(path)}, so it does not belong to the valid files");
            Assert.That(() => TomlFile.Load(path), Throws.Nothing);
        }
    }

    [Test]
    public void A_duplicate_version_names_the_line_of_the_second_one()
    {
        var path = Path.Combine(Folder("Invalid"), "duplicate-key.toml");
        var error = Assert.Catch<LockFileException>(() => TomlFile.Load(path));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.Line, Is.EqualTo(4));
            Assert.That(error?.Message, Does.Contain("version"));
        }
    }

    private sealed record OracleVerdict(bool Accepted, string Message);

    private static OracleVerdict Tomllib(string path)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "import sys, tomllib\ntry:\n    tomllib.load(open(sys.argv[1], 'rb'))\n" +
            "except tomllib.TOMLDecodeError as error:\n    print(error)\n    sys.exit(1)");
        start.ArgumentList.Add(path);
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        return new OracleVerdict(python.ExitCode == 0, output.Trim());
    }
}
