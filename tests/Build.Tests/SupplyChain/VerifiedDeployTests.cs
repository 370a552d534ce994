using Build.Images;
using Build.SupplyChain;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Cosign;

namespace Build.Tests.SupplyChain;

/// <summary>
/// Deploy --verify-key on a real swarm (a one-node lab of scripts/swarm-lab.sh): images built and pushed by the lab's
/// manager to the lab's registry (where Deploy reads their digests, as every node pulls them), signed and attested with
/// one key, checked against another: Deploy exits 14 naming each image by the digest it would have deployed, and the
/// stack that ran before runs on exactly as it was (services with their versions and images, tasks with their ids).
/// </summary>
[Category("Docker")]
[Category("Host")]
[Category("Swarm")]
[Category("Debian12")]
[NonParallelizable]
public sealed class VerifiedDeployTests
{
    private const string Stack = "omninode-bridge";
    private const string Password = "deploy-pass-a8e1";

    private string _archive = "";
    private SwarmLab? _lab;
    private CosignKeys? _keys;
    private string _folder = "";

    [OneTimeSetUp]
    public void Start()
    {
        SwarmLab.Require();
        LocalRegistry.Require();
        _folder = Directory.CreateTempSubdirectory("bridge-verified-deploy-").FullName;
        _archive = Path.Combine(_folder, "base.tar");
        var (saved, output) = DockerEngineRequirement.Docker("save", "-o", _archive, DockerImages.PythonImage);
        Assert.That(saved, Is.Zero, output);
        _lab = SwarmLab.Up(1, _archive);
        _keys = new CosignKeys();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _keys?.Dispose();
        SwarmLab.Run("down");
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public void Deploy_refuses_images_signed_by_another_key_and_leaves_the_running_stack_as_it_was()
    {
        var signer = _keys!.Generate("signer", Password);
        var other = _keys.Generate("other", "other-pass-77c0");
        PushSigned(signer.PrivateKey);

        // A stack of the project's name already runs: what a refused Deploy must leave alone.
        var stackFile = Path.Combine(_folder, "running.yml");
        File.WriteAllText(stackFile, $"""
            version: "3.8"
            services:
              orchestrator:
                image: {DockerImages.PythonImage}
                command: ["sleep", "infinity"]
            """);
        var (deployed, deployOutput) = LabDocker("stack", "deploy", "--compose-file", stackFile, "--resolve-image", "never", Stack);
        Assert.That(deployed, Is.Zero, deployOutput);
        var before = WaitForRunningState();
        Assert.That(before, Does.Contain($"{Stack}_orchestrator {DockerImages.PythonImage}"));

        var result = HostRun.In(HostRun.RepositoryRoot, new Dictionary<string, string> { ["DOCKER_HOST"] = _lab!.DockerHost },
            "--target=Deploy", "--exclusive", $"--registry={_lab.Registry}", $"--verify-key={other.PublicKey}",
            $"--docker={DockerEngineRequirement.BuildKitClient}");
        var after = State();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.ImageNotVerified), result.All);
            foreach (var service in ImageTable.ServiceNames)
            {
                Assert.That(result.All,
                    Does.Match($@"- {_lab.Registry}/{service}@sha256:[0-9a-f]{{64}}: signed by another key \(invalid signature\)"));
            }

            Assert.That(result.All, Does.Not.Contain("docker stack deploy"));
            Assert.That(after, Is.EqualTo(before), "services (id, version, image, replicas) and tasks (id, state) as before");
        }
    }

    /// <summary>One-label images as orchestrator and reducer under every tag Deploy may choose, pushed, signed and attested.</summary>
    private void PushSigned(string privateKey)
    {
        var (_, sha) = DockerEngineRequirement.RunIn(HostRun.RepositoryRoot, null, "git", "rev-parse", "--short=7", "HEAD");
        string[] tags = ["prod", $"sha-{sha.Trim()}"];
        var root = Directory.CreateDirectory(Path.Combine(_folder, "root")).FullName;
        var children = new ChildEnvironment();
        var runner = new CommandRunner(new ProcessContext(), children: children);
        var toolchain = CosignKeys.Toolchain();
        var labRegistry = _lab!.Registry[.._lab.Registry.IndexOf('/', StringComparison.Ordinal)];
        var signer = new ImageSigner(runner, () => new CosignCommands(toolchain.Cosign, toolchain.TufRoot, transparencyLog: false), new SideEffects(),
            children, () => PlainHttpRegistries.Loopback with { Registries = [labRegistry] });
        var request = new SigningRequest(privateKey, Password, root);
        foreach (var service in ImageTable.ServiceNames)
        {
            var repository = $"{_lab.Registry}/{service}";
            var context = Directory.CreateDirectory(Path.Combine(_folder, "context-" + service)).FullName;
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {DockerImages.PythonImage}\nLABEL org.omninode.verified-deploy-test={service}\n");
            var (built, buildOutput) = LabDocker(["build", .. tags.SelectMany(tag => new[] { "--tag", $"{repository}:{tag}" }), context]);
            Assert.That(built, Is.Zero, buildOutput);
            var digest = "";
            foreach (var tag in tags)
            {
                var (pushed, pushOutput) = LabDocker("push", $"{repository}:{tag}");
                Assert.That(pushed, Is.Zero, pushOutput);
                digest = System.Text.RegularExpressions.Regex.Match(pushOutput, "digest: (sha256:[0-9a-f]{64})").Groups[1].Value;
            }

            var spec = new ImageSpec(service, ImageFlavour.Production, repository, "Dockerfile", "production", tags,
                new Dictionary<string, string>(), new Dictionary<string, string>());
            Directory.CreateDirectory(Path.Combine(root, SbomFiles.Folder));
            File.Copy(Path.Combine(HostRun.RepositoryRoot, "tests/Build.Tests/SupplyChain/small-image.spdx.json"),
                SbomFiles.PathFor(root, service, ImageFlavour.Production), overwrite: true);
            signer.Prepare(request, [spec]);
            Assert.That(signer.Sign(request, spec, $"{repository}@{digest}"), Is.EqualTo("signed"));
        }
    }

    /// <summary>The stack's services and tasks once every task runs (bounded: 60 s).</summary>
    private string WaitForRunningState()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = State();
            if (state.Contains(" running", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                Assert.That(state, Does.Contain(" running"), "the running stack's task");
                return state;
            }

            Thread.Sleep(1000);
        }
    }

    private string State()
    {
        var (_, services) = LabDocker("service", "ls", "--filter", $"label=com.docker.stack.namespace={Stack}",
            "--format", "{{.ID}} {{.Name}} {{.Image}} {{.Replicas}}");
        var (_, versions) = LabDocker("service", "inspect", "--format", "{{.ID}} {{.Version.Index}} {{.UpdatedAt}}", $"{Stack}_orchestrator");
        var (_, tasks) = LabDocker("stack", "ps", "--format", "{{.ID}} {{.Name}} {{.Image}} {{.CurrentState}}", Stack);
        // "Running 5 seconds ago": the state word stays, the age moves on.
        var taskStates = string.Join('\n', tasks.Split('\n').Select(line => string.Join(' ', line.Split(' ').Take(4))));
        return $"{services.Trim()}\n{versions.Trim()}\n{taskStates.Trim()}".ToLowerInvariant();
    }

    private (int ExitCode, string Output) LabDocker(params string[] arguments) =>
        DockerEngineRequirement.RunIn(null, new Dictionary<string, string?> { ["DOCKER_HOST"] = _lab!.DockerHost }, DockerEngineRequirement.BuildKitClient,
            arguments);
}
