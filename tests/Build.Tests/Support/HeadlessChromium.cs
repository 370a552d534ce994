using Build.Tests.Support;

namespace Build.Tests.Support;

/// <summary>
/// The machine's Chromium (Debian's <c>chromium</c>), run headless against a file:// URL: a screenshot and the DOM
/// after layout. Tests that need it are ignored with a reason without it, and fail when CI is set (the Test task
/// installs it there). Every run gets a fresh profile and no network: the report must need none.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser's path; ignores the test (fails it on a CI) when there is none.</summary>
    public static string Require()
    {
        var found = Environment.GetEnvironmentVariable("BRIDGE_CHROMIUM") is { Length: > 0 } chosen && File.Exists(chosen)
            ? chosen
            : Candidates.FirstOrDefault(File.Exists) ?? TestEnvironment.FindOnPath("chromium");
        if (found is null)
        {
            TestEnvironment.IgnoreExceptOnCi("No Chromium to render the HTML report in (apt-get install chromium, or set BRIDGE_CHROMIUM).");
        }

        return found!;
    }

    /// <summary>A PNG screenshot of <paramref name="htmlFile"/> at the given window size.</summary>
    public static byte[] Screenshot(string chromium, string htmlFile, int width = 1280, int height = 900)
    {
        using var profile = TestEnvironment.CreateTempDirectory();
        var png = Path.Combine(profile.Path, "screenshot.png");
        var (exitCode, output, error) = Run(chromium, profile.Path, $"--window-size={width},{height}", $"--screenshot={png}", new Uri(htmlFile).AbsoluteUri);
        Assert.That(File.Exists(png), Is.True, $"chromium wrote no screenshot (exit code {exitCode}): {output}{error}");
        return File.ReadAllBytes(png);
    }

    /// <summary>The document after parsing and layout, as Chromium serialises it.</summary>
    public static string DumpDom(string chromium, string htmlFile)
    {
        using var profile = TestEnvironment.CreateTempDirectory();
        var (exitCode, output, error) = Run(chromium, profile.Path, "--dump-dom", new Uri(htmlFile).AbsoluteUri);
        Assert.That(exitCode, Is.Zero, error);
        return output;
    }

    private static (int ExitCode, string Output, string Error) Run(string chromium, string profile, params string[] arguments) =>
        TestEnvironment.Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(profile, "profile")}", .. arguments,
            ],
            workingDirectory: profile);
}
