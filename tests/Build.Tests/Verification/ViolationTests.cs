using Build.Images;
using Build.Tests.Support;
using Build.Verification;

namespace Build.Tests.Verification;

/// <summary>
/// Builds a deliberately bad image (root, no HEALTHCHECK) from the local base image and checks that Verify's checker
/// reports both. Needs a docker engine (DOCKER_HOST when set): ignored with a reason without one, fails on a CI.
/// </summary>
[Category("Docker")]
public sealed class ViolationTests
{
    private const string BaseImage = "omninode/python:3.11-bookworm";
    private readonly string _tag = $"verify-bad-image-test:{Guid.NewGuid():N}"[..40];

    [SetUp]
    public void NeedsAnEngine()
    {
        if (TestEnvironment.FindOnPath("docker") is null)
        {
            TestEnvironment.IgnoreExceptOnCi("docker is not installed.");
        }

        var (exitCode, _, error) = TestEnvironment.Run("docker", ["version", "--format", "{{.Server.Version}}"], Path.GetTempPath());
        if (exitCode != 0)
        {
            TestEnvironment.IgnoreExceptOnCi(
                $"No docker engine answers (DOCKER_HOST={Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset"}): {error.Trim()}");
        }

        if (TestEnvironment.Run("docker", ["image", "inspect", BaseImage], Path.GetTempPath()).ExitCode != 0)
        {
            TestEnvironment.IgnoreExceptOnCi($"The local base image {BaseImage} is missing: ./build.sh --target=BaseImages builds it.");
        }
    }

    [TearDown]
    public void RemoveImage() => TestEnvironment.Run("docker", ["image", "rm", "--force", _tag], Path.GetTempPath());

    [Test]
    public void Verify_reports_an_image_that_runs_as_root_without_a_healthcheck()
    {
        var context = Directory.CreateTempSubdirectory("verify-bad-image-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {BaseImage}\nCMD [\"python3\", \"-c\", \"print('no user, no health check')\"]\n");
            var build = TestEnvironment.Run("docker",
                ["build", "--tag", _tag, "--label", "org.opencontainers.image.title=bad", "--label", "org.opencontainers.image.version=0", "."], context,
                new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" });
            Assert.That(build.ExitCode, Is.Zero, build.StdOut + build.StdErr);

            var inspect = TestEnvironment.Run("docker", ["image", "inspect", _tag], context);
            Assert.That(inspect.ExitCode, Is.Zero, inspect.StdErr);
            var facts = ImageFacts.Parse(_tag, ImageFlavour.Production, inspect.StdOut);
            var violations = ImageRules.Check(facts, new VerifyBudget(1000, 1000), requireRevision: false);
            Assert.That(violations.Select(violation => violation.Rule), Is.EquivalentTo(new[] { ImageRules.RunsAsRoot, ImageRules.NoHealthcheck }),
                string.Join("\n", violations));
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }
}
