using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.DryRun;

/// <summary>
/// The dry run's standard output, byte for byte, against the files in Golden/: what users read before a build must
/// not change by accident when the code behind it does. Each run is in-process, in a scratch copy of the repository
/// (no .git, so no sha or branch tags), with DOCKER_HOST at a canned engine that has no image at all (every image
/// "would build", after the local base images), and CI unset (Verify is skipped). Normalised, because they vary by
/// machine and run only: the scratch copy's path (the socket is inside it), the durations of Cake's task table and of
/// the provisioning lines, and the PackageIndex task's one line, which says whether the project's index answers on
/// this machine right now.
/// Set UPDATE_GOLDEN=1 to rewrite the files from this code.
/// </summary>
public sealed partial class DryRunGoldenTests
{
    private static IEnumerable<TestCaseData> Runs()
    {
        yield return new TestCaseData("production", new[] { "--target=Production", "--dryrun" })
            .SetName("A_production_dry_run_prints_what_it_printed_before");
        yield return new TestCaseData("scale", new[] { "--target=Scale", "--scale=orchestrator=3", "--scale=reducer=2", "--dryrun" })
            .SetName("A_scale_dry_run_prints_what_it_printed_before");
        yield return new TestCaseData("deploy", new[]
            {
                "--target=Deploy", "--registry=127.0.0.1:5000/omninode", "--registry-username=ci", "--registry-password=not-shown",
                "--swarm-init", "--scale=reducer=2", "--dryrun",
            })
            .SetName("A_deploy_dry_run_prints_what_it_printed_before");
    }

    [TestCaseSource(nameof(Runs))]
    public void Dry_run_output_is_the_golden_file(string name, string[] arguments)
    {
        using var repository = new ScratchRepository();
        var socket = repository.PathOf("engine.sock");
        using var engine = new CannedEngine(socket, request => request switch
        {
            "/_ping" => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 2\r\n\r\nOK",
            "/version" => CannedEngine.Http(200, """{"Version":"20.10.24-canned","ApiVersion":"1.41"}"""),
            _ => CannedEngine.Http(404, """{"message":"no such object"}"""),
        });
        var result = InProcessBuild.In(repository.Root, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix://" + socket, ["CI"] = "" }, null, arguments);
        var output = Normalise(result.Output, repository.Root);
        var golden = Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "DryRun", "Golden", name + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, output);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(output, Is.EqualTo(File.ReadAllText(golden)), $"{golden} (UPDATE_GOLDEN=1 rewrites it)");
        }
    }

    /// <summary>The scratch copy's path, line endings, the task table's and provisioning's durations, the index's state.</summary>
    private static string Normalise(string output, string root) => IndexState().Replace(ProvisioningDuration().Replace(
        Duration().Replace(output.ReplaceLineEndings("\n").Replace(root, "<repository>", StringComparison.Ordinal), "00:00:00.0000000"), "$1 in 0.0 s"),
        "Package index: <whether it answers on this machine>");

    [GeneratedRegex(@"\d\d:\d\d:\d\d\.\d{7}")]
    private static partial Regex Duration();

    [GeneratedRegex("^Package index: .*$", RegexOptions.Multiline)]
    private static partial Regex IndexState();

    [GeneratedRegex(@"^(Provisioning: .*) in \d+\.\d s$", RegexOptions.Multiline)]
    private static partial Regex ProvisioningDuration();
}
