using System.Text.Json;
using Build.Images;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;

namespace Build.Tests.SupplyChain;

/// <summary>
/// The supply chain end to end on Docker Engine 26 with the containerd image store, the engine people run today: a
/// one-node lab of scripts/swarm-lab.sh whose node runs the Debian 13 toolchain's dockerd, named by DOCKER_HOST (not the
/// build's project engine, so the build picks its client from the engine's answer). Two --no-cache builds of this
/// commit, each pushed to the lab's registry; the second run signs at Push, verifies with the trusted key and deploys.
/// What is checked is read from the registry's HTTP API, cosign and the swarm, not from the build's own words.
/// </summary>
[Category("Docker")]
[Category("Host")]
[Category("Swarm")]
[Category("Engine26")]
[NonParallelizable]
public sealed class Engine26SupplyChainTests
{
    private const string Password = "engine26-pass-5c3e";
    private const string SlsaProvenance = "https://slsa.dev/provenance/";

    private string _folder = "";
    private SwarmLab? _lab;
    private CosignKeys? _keys;
    private (string PrivateKey, string PublicKey) _trusted;
    private (string PrivateKey, string PublicKey) _other;
    private RegistryReader? _registry;
    private string _tag = "";
    private HostResult? _firstPush;
    private HostResult? _deploy;
    private HostResult? _verify;
    private HostResult? _composeUp;
    private HostResult? _scale;
    private HostResult? _composeDown;
    private readonly Dictionary<string, (string Index, string Platform)> _first = [];
    private readonly Dictionary<string, (string Index, string Platform)> _deployed = [];

    private string RegistryAddress => _lab!.Registry[.._lab.Registry.IndexOf('/', StringComparison.Ordinal)];

    private string RepositoryPath(string service) => $"{_lab!.Registry[(RegistryAddress.Length + 1)..]}/{service}";

    private string DeployReportPath => Path.Combine(_folder, "deploy.json");

    [OneTimeSetUp]
    public void BuildPushSignAndDeployTwice()
    {
        SwarmLab.RequireForBaseImages();
        LocalRegistry.Require();
        // Fetched once per machine (a no-op when an earlier run did), as the Debian 13 engine's own test does.
        var toolchain = Debian13Toolchain.From(Environment.GetEnvironmentVariable);
        new ToolchainProvisioner(new CommandRunner(new ProcessContext()), toolchain).Ensure();
        _folder = Directory.CreateTempSubdirectory("bridge-engine26-supply-chain-").FullName;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _lab = SwarmLab.Up(1, SwarmLab.BaseImageArchive(_folder), SwarmLab.Debian13Engine);
        TestContext.Progress.WriteLine($"lab up (Docker 26, containerd store): {clock.Elapsed.TotalSeconds:0} s");
        _registry = new RegistryReader(RegistryAddress);
        _keys = new CosignKeys();
        _trusted = _keys.Generate("trusted", Password);
        _other = _keys.Generate("other", "other-pass-9d21");
        var (_, sha) = DockerEngineRequirement.RunIn(HostRun.RepositoryRoot, null, "git", "rev-parse", "--short=7", "HEAD");
        _tag = $"sha-{sha.Trim()}";

        // No --docker: which client builds is the build's choice on this engine.
        var engine = new Dictionary<string, string> { ["DOCKER_HOST"] = _lab.DockerHost };
        clock.Restart();
        _firstPush = HostRun.In(HostRun.RepositoryRoot, engine, "--target=Push", "--no-cache", "--force", $"--registry={_lab.Registry}",
            $"--report={Path.Combine(_folder, "push.json")}");
        Assert.That(_firstPush.ExitCode, Is.Zero, _firstPush.All);
        ReadPushed(_first);
        TestContext.Progress.WriteLine($"first --no-cache build and Push: {clock.Elapsed.TotalSeconds:0} s");
        // The compose stack of the pushed production images on the same engine, before the swarm stack takes the
        // orchestrator's port, under a project name of its own.
        clock.Restart();
        string[] stack = [$"--registry={_lab.Registry}", "--project-name=engine26-compose", "--build-target=production"];
        _composeUp = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=ComposeUp", .. stack, $"--report={ComposeReportPath}"]);
        _scale = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=Scale", "--scale=reducer=2", .. stack]);
        _composeDown = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=ComposeDown", .. stack]);
        TestContext.Progress.WriteLine($"ComposeUp, Scale and ComposeDown: {clock.Elapsed.TotalSeconds:0} s");
        clock.Restart();

        _deploy = HostRun.In(HostRun.RepositoryRoot, new Dictionary<string, string>(engine) { ["COSIGN_PASSWORD"] = Password },
            "--target=Deploy", "--no-cache", "--force", $"--registry={_lab.Registry}", $"--sign-key={_trusted.PrivateKey}",
            $"--verify-key={_trusted.PublicKey}", $"--report={DeployReportPath}");
        Assert.That(_deploy.ExitCode, Is.Zero, _deploy.All);
        ReadPushed(_deployed);
        TestContext.Progress.WriteLine($"second --no-cache build, signed Push, verified Deploy: {clock.Elapsed.TotalSeconds:0} s");
        _verify = HostRun.In(HostRun.RepositoryRoot, engine, "--target=Verify", $"--registry={_lab.Registry}", $"--verify-key={_trusted.PublicKey}",
            $"--report={Path.Combine(_folder, "verify.json")}");

    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _registry?.Dispose();
        _keys?.Dispose();
        SwarmLab.DownAndDelete(_lab, _folder);
    }

    private string ComposeReportPath => Path.Combine(_folder, "compose.json");

    [Test]
    public void ComposeUp_and_Scale_run_the_stack_with_the_toolchain_s_Compose_v2()
    {
        var engine = JsonDocument.Parse(File.ReadAllText(ComposeReportPath)).RootElement.GetProperty("engine");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_composeUp!.ExitCode, Is.Zero, _composeUp.All);
            Assert.That(_scale!.ExitCode, Is.Zero, _scale.All);
            Assert.That(_composeDown!.ExitCode, Is.Zero, _composeDown.All);
            Assert.That(engine.GetProperty("compose").GetString(), Does.StartWith($"docker compose {Debian13Toolchain.Upstream("docker-compose")}"));
            Assert.That(_composeUp.Output, Does.Contain($"{Debian13Toolchain.From(Environment.GetEnvironmentVariable).Docker} compose"),
                "the toolchain's client runs Compose v2");
        }
    }

    [Test]
    public void Verify_finds_provenance_and_the_SBOM_attached_to_each_pushed_image()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_verify!.ExitCode, Is.Zero, _verify.All);
            foreach (var service in new[] { "orchestrator", "reducer" })
            {
                Assert.That(_verify.Output, Does.Match($@"{service}:prod: attestations .*https://slsa\.dev/provenance/")
                    .And.Contain("https://spdx.dev/Document"));
            }
        }
    }

    [Test]
    public void The_build_uses_buildx_of_the_toolchain_on_the_engine_s_containerd_store_and_the_report_names_them()
    {
        var engine = JsonDocument.Parse(File.ReadAllText(DeployReportPath)).RootElement.GetProperty("engine");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.GetProperty("endpoint").GetString(), Is.EqualTo(_lab!.DockerHost));
            Assert.That(engine.GetProperty("version").GetString(), Does.StartWith($"{Debian13Toolchain.Upstream("docker.io")}+"));
            Assert.That(engine.GetProperty("imageStore").GetString(), Is.EqualTo("containerd"));
            Assert.That(engine.GetProperty("builder").GetString(), Is.EqualTo($"buildx {Debian13Toolchain.Upstream("docker-buildx")}"));
            Assert.That(_deploy!.Output, Does.Contain("--attest type=provenance,mode=max --attest type=sbom,generator="));
        }
    }

    /// <summary>
    /// The image (platform) manifest is the same; the index around it may differ, because its provenance records when
    /// each build ran, so the test asserts on the platform manifest and only reports the two index digests.
    /// </summary>
    [Test]
    public void Two_no_cache_builds_of_one_commit_push_the_same_platform_manifest()
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            TestContext.Out.WriteLine($"{service}: index {_first[service].Index} then {_deployed[service].Index}, " +
                $"image manifest {_first[service].Platform} then {_deployed[service].Platform}");
            Assert.That(_deployed[service].Platform, Is.EqualTo(_first[service].Platform), service);
        }
    }

    [Test]
    public void The_pushed_index_holds_an_attestation_manifest_with_SLSA_provenance_about_its_image()
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            var repository = RepositoryPath(service);
            var (_, index) = _registry!.Manifest(repository, _deployed[service].Index);
            var attestation = index.GetProperty("manifests").EnumerateArray().Single(entry =>
                entry.TryGetProperty("annotations", out var annotations)
                && annotations.GetProperty("vnd.docker.reference.type").GetString() == "attestation-manifest");
            var (_, manifest) = _registry.Manifest(repository, attestation.GetProperty("digest").GetString()!);
            var layer = manifest.GetProperty("layers").EnumerateArray().Single(entry => entry.GetProperty("annotations")
                .GetProperty("in-toto.io/predicate-type").GetString()!.StartsWith(SlsaProvenance, StringComparison.Ordinal));
            var statement = _registry.JsonBlob(repository, layer.GetProperty("digest").GetString()!);
            var subjects = statement.GetProperty("subject").EnumerateArray()
                .Select(subject => "sha256:" + subject.GetProperty("digest").GetProperty("sha256").GetString());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(attestation.GetProperty("annotations").GetProperty("vnd.docker.reference.digest").GetString(),
                    Is.EqualTo(_deployed[service].Platform), $"{service}: the attestation is about the image manifest");
                Assert.That(layer.GetProperty("mediaType").GetString(), Is.EqualTo("application/vnd.in-toto+json"));
                Assert.That(statement.GetProperty("_type").GetString(), Does.StartWith("https://in-toto.io/Statement/"));
                Assert.That(statement.GetProperty("predicateType").GetString(), Does.StartWith(SlsaProvenance));
                // One subject per name the image was built with (its tags), each the image manifest's digest.
                Assert.That(subjects, Is.Not.Empty.And.All.EqualTo(_deployed[service].Platform), service);
            }
        }
    }

    [Test]
    public void Cosign_accepts_the_signed_containerd_store_images_with_the_public_key_and_rejects_them_with_another()
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            var reference = $"{_lab!.Registry}/{service}@{_deployed[service].Index}";
            using (Assert.EnterMultipleScope())
            {
                Assert.That(CosignKeys.Verify("verify", _trusted.PublicKey, reference).ExitCode, Is.Zero, reference);
                Assert.That(CosignKeys.Verify("verify-attestation", _trusted.PublicKey, reference).ExitCode, Is.Zero, reference);
                Assert.That(CosignKeys.Verify("verify", _other.PublicKey, reference).ExitCode, Is.Not.Zero, reference);
                Assert.That(CosignKeys.Verify("verify-attestation", _other.PublicKey, reference).ExitCode, Is.Not.Zero, reference);
            }
        }
    }

    [Test]
    public void Deploy_with_the_trusted_key_converges_on_the_verified_digests()
    {
        var report = JsonDocument.Parse(File.ReadAllText(DeployReportPath)).RootElement;
        var signatures = report.GetProperty("images").EnumerateArray()
            .Where(image => image.GetProperty("flavour").GetString() == "production")
            .Select(image => image.GetProperty("signature").GetString());
        var (_, services) = DockerEngineRequirement.RunIn(null, new Dictionary<string, string?> { ["DOCKER_HOST"] = _lab!.DockerHost },
            DockerEngineRequirement.BuildKitClient, "service", "ls", "--format", "{{.Name}} {{.Image}} {{.Replicas}}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(signatures, Is.EqualTo(new[] { "verified", "verified" }));
            foreach (var service in ImageTable.ServiceNames)
            {
                Assert.That(services, Does.Contain($"omninode-bridge_{service} {_lab.Registry}/{service}@{_deployed[service].Index} 1/1"), services);
            }
        }
    }

    /// <summary>The index and image manifest digests of each service's commit tag, as the registry holds them now.</summary>
    private void ReadPushed(Dictionary<string, (string Index, string Platform)> into)
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            var (digest, index) = _registry!.Manifest(RepositoryPath(service), _tag);
            into[service] = (digest, RegistryReader.PlatformManifest(index).GetProperty("digest").GetString()!);
        }
    }
}
