using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>Test in the test process: the suites it runs, in order, with the filter handed to each NUnit project.</summary>
public sealed class TestTests
{
    [Test]
    public void The_dry_run_lists_every_suite_with_its_results_file()
    {
        var result = InProcessBuild.Run("--target=Test", "--dryrun");
        var output = result.Output;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            var order = new[]
                {
                    "tests/Build.Tests/Build.Tests.csproj", "tests/Cake.Frosting.Tests/Cake.Frosting.Tests.csproj",
                    "poetry run python -m unittest discover -s tests/python",
                }
                .Select(suite => output.IndexOf(suite, StringComparison.Ordinal)).ToArray();
            Assert.That(order, Is.All.GreaterThanOrEqualTo(0), output);
            Assert.That(order, Is.Ordered, output);
            Assert.That(output, Does.Contain("LogFileName=" + Path.Combine(HostRun.RepositoryRoot, "artifacts", "test-results", "Build.Tests.trx")));
        }
    }

    [Test]
    public void The_test_filter_goes_to_the_dotnet_suites()
    {
        var result = InProcessBuild.Run("--target=Test", "--test-filter=TestCategory!=Docker", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output.Split("--filter TestCategory!=Docker").Length - 1, Is.EqualTo(2), "both NUnit projects");
        }
    }
}
