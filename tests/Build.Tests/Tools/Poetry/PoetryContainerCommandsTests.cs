using Build.Tools.Poetry;

namespace Build.Tests.Tools.Poetry;

/// <summary>Poetry's command lines in a builder image, by the exact arguments they produce.</summary>
public sealed class PoetryContainerCommandsTests
{
    private static readonly PoetryContainerSettings Settings = new(
        "omninode/poetry:2.1.2-trixie", "/srv/mono/apps/app", ["/srv/mono"],
        ["POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME", "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"]);

    private static readonly string[] RunPrefix =
    [
        "run", "--rm", "--network host", "--volume /srv/mono:/srv/mono", "--workdir /srv/mono/apps/app",
        "--env POETRY_NO_INTERACTION=1", "--env POETRY_VIRTUALENVS_CREATE=false",
        "--env POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME", "--env POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD",
    ];

    private static readonly object[] LockCases =
    [
        new object[] { Array.Empty<string>(), new[] { "lock", "--no-interaction", "--no-ansi" } },
        new object[] { new[] { "--no-update" }, new[] { "lock", "--no-update", "--no-interaction", "--no-ansi" } },
    ];

    [TestCaseSource(nameof(LockCases))]
    public void Lock_runs_poetry_in_the_image_and_gives_the_lock_back_its_owner(string[] lockArguments, string[] poetryArguments)
    {
        var command = new PoetryContainerCommands("docker").Lock(Settings, lockArguments);
        Assert.That(command.ArgumentList, Is.EqualTo(RunPrefix.Concat(
            ["--entrypoint sh", "omninode/poetry:2.1.2-trixie", "-c", PoetryContainerCommands.LockScript, "sh", .. poetryArguments])));
    }

    [Test]
    public void The_credentials_are_handed_by_name_never_by_value()
    {
        var line = new PoetryContainerCommands("docker").Lock(Settings, []).Render();
        Assert.That(line, Does.Contain("--env POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD ").And.Not.Contain("PASSWORD="));
    }

    [TestCase("2.1.2", new[] { "check", "--lock" })]
    [TestCase("1.3.2", new[] { "lock", "--check" })]
    public void Check_asks_the_images_poetry_in_its_own_words(string version, string[] check) =>
        Assert.That(new PoetryContainerCommands("docker").Check(Settings, Version.Parse(version)).ArgumentList,
            Is.EqualTo(RunPrefix.Concat(["omninode/poetry:2.1.2-trixie", "poetry", .. check, "--no-interaction", "--no-ansi"])));
}
