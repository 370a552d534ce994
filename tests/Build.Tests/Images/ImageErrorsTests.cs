using Build.Images;
using Cake.Core;

namespace Build.Tests.Images;

/// <summary>A base image that could not be pulled: why, read from whichever of docker's lines shows it.</summary>
public sealed class ImageErrorsTests
{
    private static readonly ImageSpec Reducer = new("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production",
        ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private const string Unreachable = "127.0.0.1:9/nothing/python:3.12-slim";

    [TestCase("dial tcp 127.0.0.1:9: connect: connection refused", "the registry is unreachable")]
    [TestCase("lookup registry-1.docker.io: no such host", "the registry is unreachable")]
    [TestCase("pull access denied for nothing/python, repository does not exist", "access denied (the repository does not exist or needs docker login)")]
    [TestCase("127.0.0.1:5000/nothing/python:3.12-slim: not found", "not found in the registry")]
    public void A_pull_failure_is_named_by_its_sign(string line, string reason) =>
        Assert.That(ImageErrors.PullFailureOf(["#1 [internal] load build definition", line, "------"], [Unreachable]),
            Is.EqualTo(new PullFailure(reason, line)));

    [Test]
    public void The_last_line_with_a_sign_is_the_evidence()
    {
        var pull = ImageErrors.PullFailureOf(
            ["#3 ERROR: dial tcp 127.0.0.1:9: connection refused", "ERROR: failed to solve: dial tcp 127.0.0.1:9: i/o timeout"], [Unreachable]);

        Assert.That(pull?.Evidence, Is.EqualTo("ERROR: failed to solve: dial tcp 127.0.0.1:9: i/o timeout"));
    }

    /// <summary>BuildKit loads the base images' metadata in parallel: the builder image's failure may be printed last.</summary>
    [TestCase("127.0.0.1:9/nothing/python:3.12-slim", "#2 ERROR: Head \"https://127.0.0.1:9/v2/nothing/python/manifests/3.12-slim\": connection refused")]
    [TestCase("omninode/poetry:9-bookworm", "#3 ERROR: Head \"https://registry-1.docker.io/v2/omninode/poetry/manifests/9-bookworm\": no such host")]
    public void A_line_about_the_missing_images_registry_comes_before_one_about_another(string missing, string evidence)
    {
        var pull = ImageErrors.PullFailureOf(
        [
            "#2 ERROR: Head \"https://127.0.0.1:9/v2/nothing/python/manifests/3.12-slim\": connection refused",
            "#3 ERROR: Head \"https://registry-1.docker.io/v2/omninode/poetry/manifests/9-bookworm\": no such host",
        ], [missing]);

        Assert.That(pull, Is.EqualTo(new PullFailure("the registry is unreachable", evidence)));
    }

    [Test]
    public void Output_without_a_pull_failure_has_none() =>
        Assert.That(ImageErrors.PullFailureOf(["#7 [builder 3/6] RUN ./check.sh", "ERROR: failed to solve: exit code: 3"], [Unreachable]), Is.Null);

    [Test]
    public void The_evidence_is_added_when_the_failures_own_cause_left_it_out()
    {
        var failure = new CakeException(1, " > [internal] load metadata for 127.0.0.1:9/nothing/python:3.12-slim:\ndocker failed (exit code 1): docker build");
        var pull = new PullFailure("the registry is unreachable", "#2 ERROR: dial tcp 127.0.0.1:9: connect: connection refused");

        var error = ImageErrors.BaseImagePullFailed(Reducer, [Unreachable], pull, [], failure);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.StartWith("reducer:prod needs the base image 127.0.0.1:9/nothing/python:3.12-slim, " +
                "which the engine does not have and could not pull: the registry is unreachable."));
            Assert.That(error.Message, Does.EndWith(failure.Message + Environment.NewLine + pull.Evidence));
            Assert.That(error.ExitCode, Is.EqualTo(1));
        }
    }

    [Test]
    public void Evidence_the_cause_shows_already_is_not_repeated()
    {
        var failure = new CakeException(1,
            "ERROR: failed to solve: dial tcp 127.0.0.1:9: connect: connection refused\ndocker failed (exit code 1): docker build");
        var pull = new PullFailure("the registry is unreachable", "ERROR: failed to solve: dial tcp 127.0.0.1:9: connect: connection refused");

        var error = ImageErrors.BaseImagePullFailed(Reducer, [Unreachable], pull, [], failure);

        Assert.That(error.Message, Does.EndWith(failure.Message));
    }
}
