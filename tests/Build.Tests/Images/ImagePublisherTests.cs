using Build.Images;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Images;

/// <summary>The push and login command lines of Push, in-process with the recording process runner.</summary>
public sealed class ImagePublisherTests
{
    private static readonly string[] References = ["127.0.0.1:5000/omninode/orchestrator:prod", "127.0.0.1:5000/omninode/orchestrator:0.1.0"];

    private static (ImagePublisher Publisher, RecordingProcessRunner Processes) Publisher(int loginExitCode = 0, string loginError = "")
    {
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.StartsWith("login", StringComparison.Ordinal)
                ? (loginExitCode, loginExitCode == 0 ? [] : [loginError])
                : (0, []),
        };
        var cake = new ProcessContext(processes);
        var docker = new DockerCommands("docker", new DirectoryPath("/repo"));
        var publisher = new ImagePublisher(new CommandRunner(cake), () => docker, new SideEffects(), cake.Log);
        return (publisher, processes);
    }

    [Test]
    public void Without_credentials_every_reference_is_pushed_in_order_and_nothing_else_runs()
    {
        var (publisher, processes) = Publisher();
        publisher.Push(new PushOptions("127.0.0.1:5000/omninode", null, null, false), () => References);
        Assert.That(processes.CommandLines, Is.EqualTo(new[]
        {
            "docker push 127.0.0.1:5000/omninode/orchestrator:prod",
            "docker push 127.0.0.1:5000/omninode/orchestrator:0.1.0",
        }));
    }

    [Test]
    public void With_credentials_the_login_and_every_push_share_one_throw_away_docker_config()
    {
        var (publisher, processes) = Publisher();
        publisher.Push(new PushOptions("127.0.0.1:5000/omninode", "ci", "secret", false), () => References);
        var configs = processes.Started
            .Select(started => started.Settings.EnvironmentVariables is { } variables && variables.TryGetValue("DOCKER_CONFIG", out var config) ? config : null)
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Has.Count.EqualTo(3));
            Assert.That(processes.CommandLines[0], Does.StartWith("docker login --username ci --password-stdin 127.0.0.1:5000"));
            Assert.That(processes.CommandLines.Skip(1), Is.All.StartsWith("docker push "));
            Assert.That(configs, Is.All.Not.Null.And.EqualTo(configs[0]));
            Assert.That(Directory.Exists(configs[0]), Is.False, "the docker config folder is removed after the push");
        }
    }

    [Test]
    public void A_refused_login_names_the_user_and_pushes_nothing()
    {
        var (publisher, processes) = Publisher(loginExitCode: 1, loginError: "Error response from daemon: login attempt failed: unauthorized");
        var failure = Assert.Throws<CakeException>(() => publisher.Push(new PushOptions("127.0.0.1:5000/omninode", "ci", "wrong", false), () => References));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.LoginRefused));
            Assert.That(failure.Message, Does.Contain("refused the login of user 'ci'"));
            Assert.That(processes.CommandLines, Has.None.StartsWith("docker push"));
        }
    }

    [Test]
    public void Without_a_registry_push_is_bad_input_and_asks_for_no_image()
    {
        var (publisher, processes) = Publisher();
        var asked = false;
        var failure = Assert.Throws<CakeException>(() => publisher.Push(new PushOptions(null, null, null, false), () => { asked = true; return References; }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(failure.Message, Does.Contain("--registry=HOST[:PORT]/NAMESPACE"));
            Assert.That(asked, Is.False);
            Assert.That(processes.CommandLines, Is.Empty);
        }
    }
    private static readonly ImageSpec Orchestrator = new("orchestrator", ImageFlavour.Production, "127.0.0.1:5000/omninode/orchestrator",
        "deployment/Dockerfile.orchestrator", "production", ["prod", "0.1.0"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ImagePublisher PublisherWith(ISideEffects effects)
    {
        var cake = new ProcessContext(new RecordingProcessRunner());
        return new ImagePublisher(new CommandRunner(cake), () => new DockerCommands("docker", new DirectoryPath("/repo")), effects, cake.Log);
    }

    [Test]
    public void The_pushed_reference_names_the_digest_docker_push_printed_for_the_primary_tag()
    {
        var digests = new Dictionary<string, string> { ["127.0.0.1:5000/omninode/orchestrator:prod"] = Digest };

        Assert.That(PublisherWith(new SideEffects()).PushedReference(digests, Orchestrator), Is.EqualTo($"127.0.0.1:5000/omninode/orchestrator@{Digest}"));
    }

    [Test]
    public void A_real_push_without_a_digest_stops_before_signing_the_tag_instead()
    {
        var error = Assert.Throws<CakeException>(() => PublisherWith(new SideEffects()).PushedReference(new Dictionary<string, string>(), Orchestrator));

        Assert.That(error!.Message, Does.Contain("printed no digest for 127.0.0.1:5000/omninode/orchestrator:prod").And.Contain("unsigned"));
    }

    [Test]
    public void The_dry_run_names_the_digest_it_would_sign()
    {
        var reference = PublisherWith(new Build.DryRun.PlannedSideEffects()).PushedReference(new Dictionary<string, string>(), Orchestrator);

        Assert.That(reference,
            Is.EqualTo("127.0.0.1:5000/omninode/orchestrator@<the digest docker push prints for 127.0.0.1:5000/omninode/orchestrator:prod>"));
    }
}
