using Build.Tests.Support;

namespace Build.Tests;

/// <summary>
/// The suite leaves the engine's tags as it found them: tests create, and remove, only images of their own, and
/// never build over, retag or remove a user's (a production build of the Quick start leaves orchestrator:prod
/// behind, and builds are reproducible, so a test image may well have the same id). Read once before every test
/// of the assembly and once after; the difference, if any, is put back and listed, and what cannot be put back fails.
/// </summary>
[SetUpFixture]
public sealed class EngineLeftAsFound
{
    private EngineTags? _before;

    [OneTimeSetUp]
    public void ReadTags() => _before = Engine() ? EngineTags.Read() : null;

    [OneTimeTearDown]
    public void CompareTags()
    {
        if (_before is null || EngineTags.Read() is not { } after)
        {
            return;
        }

        var changes = after.ChangesSince(_before);
        if (changes.Count == 0)
        {
            return;
        }

        // What the tests left is put back, so that the user's engine is as it was whatever a test forgot; the log names
        // it, so that the test that left it can be found. Only what cannot be put back (a user's image gone) fails.
        // A tag under a registry's name (127.0.0.1:PORT/..., the tests' own registries) is a test's, maybe one that an
        // earlier, interrupted run left behind and this run's test removed; a user's tags (orchestrator:prod, the local
        // base images) must come back whole.
        var failures = after.Restore(_before).Where(failure => !EngineTags.UnderRegistry(failure.Tag)).Select(failure => failure.Message).ToArray();
        TestContext.Progress.WriteLine(
            $"The suite changed the engine's tags ({changes.Count}), now put back:{Environment.NewLine}{string.Join(Environment.NewLine, changes)}");
        if (failures.Length > 0)
        {
            var message = $"The suite changed the engine's tags and {failures.Length} could not be put back:{Environment.NewLine}" +
                string.Join(Environment.NewLine, failures);
            // A fixture's teardown is not a test result under dotnet test: standard error carries it to the log too.
            TestContext.Error.WriteLine(message);
            Assert.Fail(message);
        }
    }

    /// <summary>Whether an engine may answer: only then is it asked (in-process runs on a machine without one pay nothing).</summary>
    private static bool Engine() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");
}
