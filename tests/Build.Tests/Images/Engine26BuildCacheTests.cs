using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Images;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;

namespace Build.Tests.Images;

/// <summary>
/// --build-cache=local,dir=… for real, the code path the GitHub workflow takes with type=gha: on Docker Engine 26 with
/// the containerd image store (a one-node lab of scripts/swarm-lab.sh, named by DOCKER_HOST), a first Production writes
/// one cache folder per image; with the images and the engine's whole build cache removed, a second Production with the
/// same option takes its layers from those folders (BuildKit says CACHED for the dependency install) and gives the same
/// image manifests. The lab's base images come from the test engine, or from the docker save archive named by
/// BRIDGE_TEST_BASE_IMAGES where the test engine must not be touched.
/// </summary>
[Category("Docker")]
[Category("Host")]
[Category("Swarm")]
[Category("Engine26")]
[NonParallelizable]
public sealed class Engine26BuildCacheTests
{

    private string _folder = "";
    private string _cache = "";
    private SwarmLab? _lab;
    private Debian13Toolchain? _toolchain;
    private HostResult? _first;
    private HostResult? _second;
    private TimeSpan _firstTime;
    private TimeSpan _secondTime;
    private readonly Dictionary<string, string> _firstManifests = [];
    private readonly Dictionary<string, string> _secondManifests = [];

    [OneTimeSetUp]
    public void BuildTwiceThroughTheExportedCache()
    {
        SwarmLab.RequireForBaseImages();
        _toolchain = Debian13Toolchain.From(Environment.GetEnvironmentVariable);
        new ToolchainProvisioner(new CommandRunner(new ProcessContext()), _toolchain).Ensure();
        _folder = Directory.CreateTempSubdirectory("bridge-engine26-build-cache-").FullName;
        _cache = Path.Combine(_folder, "cache");
        _lab = SwarmLab.Up(1, SwarmLab.BaseImageArchive(_folder), SwarmLab.Debian13Engine);

        string[] arguments = ["--target=Production", "--force", $"--build-cache=local,dir={_cache}", "--verbosity=verbose"];
        var clock = Stopwatch.StartNew();
        _first = HostRun.In(HostRun.RepositoryRoot, Engine, [.. arguments, $"--report={Path.Combine(_folder, "first.json")}"]);
        _firstTime = clock.Elapsed;
        Assert.That(_first.ExitCode, Is.Zero, _first.All);
        ReadManifests(_firstManifests);

        // Nothing of the first build is left in the engine: its images and every record of BuildKit's cache.
        var images = LabDocker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(image => ImageTable.ServiceNames.Any(service => image.StartsWith(service + ":", StringComparison.Ordinal))).ToArray();
        Assert.That(LabDocker(["image", "rm", .. images]).ExitCode, Is.Zero);
        var (pruned, pruneOutput) = LabDocker("builder", "prune", "-af");
        Assert.That(pruned, Is.Zero, pruneOutput);

        clock.Restart();
        _second = HostRun.In(HostRun.RepositoryRoot, Engine, [.. arguments, $"--report={Path.Combine(_folder, "second.json")}"]);
        _secondTime = clock.Elapsed;
        Assert.That(_second.ExitCode, Is.Zero, _second.All);
        ReadManifests(_secondManifests);
        TestContext.Progress.WriteLine($"Production with an empty cache folder: {_firstTime.TotalSeconds:0.0} s; " +
            $"after removing the images and the build cache, from the folder: {_secondTime.TotalSeconds:0.0} s");
    }

    [OneTimeTearDown]
    public void TearDown() => SwarmLab.DownAndDelete(_lab, _folder);

    [Test]
    public void The_first_build_writes_a_cache_folder_per_image()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var image in Images)
            {
                var folder = Path.Combine(_cache, image);
                Assert.That(Path.Combine(folder, "index.json"), Does.Exist, image);
                Assert.That(Directory.EnumerateFiles(Path.Combine(folder, "blobs", "sha256")).Count(), Is.GreaterThan(1), image);
                Assert.That(_first!.Output, Does.Contain($"--cache-to type=local,dest={folder},mode=max"));
            }

            // The images' own builds (not the SBOM generator's) leave the inline cache out.
            var imageBuilds = _first!.Output.Split('\n').Where(line => line.Contains(" build -f deployment/Dockerfile.", StringComparison.Ordinal)).ToArray();
            Assert.That(imageBuilds, Has.Length.EqualTo(2).And.None.Contains("BUILDKIT_INLINE_CACHE"));
        }
    }

    [Test]
    public void The_second_build_takes_the_dependency_install_from_the_cache_folder()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var service in ImageTable.ServiceNames)
            {
                Assert.That(_second!.Output, Does.Match($@"\[{service}\] #\d+ importing cache manifest from local:"), service);
                Assert.That(InstallStepCached(_second.Output, service), Is.True, $"{service}: poetry install --only main is CACHED");
                Assert.That(InstallStepCached(_first!.Output, service), Is.False, $"{service}: the first build ran the install");
            }
        }
    }

    [Test]
    public void The_build_from_the_cache_gives_the_same_image_manifests()
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            TestContext.Out.WriteLine($"{service}: image manifest {_firstManifests[service]} then {_secondManifests[service]}");
        }

        Assert.That(_secondManifests, Is.EqualTo(_firstManifests));
    }

    [Test]
    public void A_builder_without_cache_export_is_refused_before_the_first_image()
    {
        // docker 20.10's client drives the engine's BuildKit through DOCKER_BUILDKIT=1, which has no --cache-to.
        var refused = HostRun.In(HostRun.RepositoryRoot, Engine, "--target=BuildReducer", "--build-target=production", "--force",
            $"--docker={DockerEngineRequirement.BuildKitClient}", $"--build-cache=local,dir={Path.Combine(_folder, "refused")}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.BadInput), refused.All);
            Assert.That(refused.All, Does.Contain("--build-cache=local,dir=... asks buildx to export the layer cache, but the builder is the " +
                $"BuildKit built into {DockerEngineRequirement.BuildKitClient} (DOCKER_BUILDKIT=1)"));
            Assert.That(refused.All, Does.Not.Contain("--cache-to").And.Not.Contain("   at "));
            Assert.That(Path.Combine(_folder, "refused"), Does.Not.Exist);
        }
    }

    private IReadOnlyDictionary<string, string> Engine => new Dictionary<string, string> { ["DOCKER_HOST"] = _lab!.DockerHost };

    private static IEnumerable<string> Images => ImageTable.ServiceNames.Select(service => $"{service}-production");

    /// <summary>Whether BuildKit printed CACHED for the RUN step of <paramref name="service"/> that installs the main dependencies.</summary>
    private static bool InstallStepCached(string output, string service)
    {
        var prefix = Regex.Escape($"[{service}] ");
        var step = Regex.Match(output, $@"^{prefix}(#\d+) \[production-builder \d+/\d+\] RUN .*poetry install --only main", RegexOptions.Multiline);
        Assert.That(step.Success, Is.True, $"{service}: no install step in the output");
        return Regex.IsMatch(output, $@"^{prefix}{step.Groups[1].Value} CACHED\s*$", RegexOptions.Multiline);
    }

    /// <summary>The lab engine's client: the toolchain's, with its plugins (buildx answers `builder prune`).</summary>
    private (int ExitCode, string Output) LabDocker(params string[] arguments) =>
        DockerEngineRequirement.RunIn(null,
            new Dictionary<string, string?> { ["DOCKER_HOST"] = _lab!.DockerHost, ["DOCKER_CONFIG"] = _toolchain!.ClientConfig },
            _toolchain.Docker, arguments);

    /// <summary>
    /// The image (platform) manifest of each service's production image, read from `docker save`: the containerd store's
    /// image id is the index, whose provenance records when the build ran.
    /// </summary>
    private void ReadManifests(Dictionary<string, string> into)
    {
        foreach (var service in ImageTable.ServiceNames)
        {
            var archive = Path.Combine(_folder, $"{service}.tar");
            var (saved, output) = LabDocker("save", "-o", archive, $"{service}:prod");
            Assert.That(saved, Is.Zero, output);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            using (var reader = new TarReader(File.OpenRead(archive)))
            {
                while (reader.GetNextEntry() is { } entry)
                {
                    if (entry.DataStream is { Length: < 65536 } data)
                    {
                        using var copy = new MemoryStream();
                        data.CopyTo(copy);
                        files[entry.Name] = copy.ToArray();
                    }
                }
            }

            File.Delete(archive);
            string Blob(string digest) => "blobs/sha256/" + digest["sha256:".Length..];
            var top = JsonDocument.Parse(files["index.json"]).RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
            var index = JsonDocument.Parse(files[Blob(top)]).RootElement;
            into[service] = index.GetProperty("manifests").EnumerateArray()
                .Single(entry => !(entry.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty("vnd.docker.reference.type", out _)))
                .GetProperty("digest").GetString()!;
        }
    }
}
