using System.Collections.Concurrent;
using Build.Tests.Support;

namespace Build.Tests.Images;

/// <summary>
/// The image promises against a real engine: every image builds with and without poetry.lock under BuildKit (the
/// legacy builder is refused: it cannot mount the package index's credentials), production and slim run as non-root,
/// healthy, without Poetry or dev dependencies, a .py change keeps
/// the dependency layers, and the compose file validates. The package index must answer (scripts/package-index.sh up,
/// its credentials in the environment). Each image set is built once per builder and lock case
/// (under its own registry prefix, so parallel runs and other tests never share a tag) and reused by the checks.
/// </summary>
[Category("Docker")]
[Category("Host")]
public sealed class FlavourImagesTests
{
    private const string LockWritten = "Writing lock file";
    private const string ProductionDependencyInstall = "poetry install --only main --no-root";
    private const string DevelopmentDependencyInstall = "poetry install --no-root";
    private const string LockStep = "poetry lock --no-update";
    // The production builder copies the code apart from the venv (the two layers of the production image).
    private const string CopySource = "COPY src/ /source/app/src/";
    private const string ProjectInstall = "poetry install --only-root";

    /// <summary>One prefix for everything this run tags; the teardown removes it all.</summary>
    private static readonly string RunPrefix = $"imagetests.local/{Guid.NewGuid():N}"[..25];

    private static readonly ConcurrentDictionary<BuildCase, Lazy<ImageSet>> ImageSets = new();

    private static readonly string[] Services = ["orchestrator", "reducer"];

    // BuildKit only: the legacy builder cannot mount the index credentials (see The_legacy_builder_is_refused_before_any_stage_runs).
    private static readonly string[] ClientPaths = [DockerEngineRequirement.BuildKitClient];

    public static IEnumerable<TestCaseData> Clients() =>
        ClientPaths.Select(client => new TestCaseData(client).SetArgDisplayNames(ClientName(client)));

    public static IEnumerable<TestCaseData> BuildCases() =>
        from client in ClientPaths
        from withLock in new[] { true, false }
        let buildCase = new BuildCase(client, withLock)
        select new TestCaseData(buildCase).SetArgDisplayNames(buildCase.Name);

    /// <summary>The runtime images of production and slim, one case per service and tag.</summary>
    public static IEnumerable<TestCaseData> RuntimeImages() =>
        from service in Services
        from tag in new[] { "prod", "slim" }
        select new TestCaseData(service, tag).SetArgDisplayNames($"{service}:{tag}");

    /// <summary>Every image of a set: the runtime ones and the development one, per service.</summary>
    public static IEnumerable<TestCaseData> RuntimeImagesAndDevelopment() =>
        from service in Services
        from tag in new[] { "prod", "dev", "slim" }
        select new TestCaseData(service, tag).SetArgDisplayNames($"{service}:{tag}");

    public static IEnumerable<TestCaseData> ComposeCases()
    {
        yield return new TestCaseData(null, false).SetArgDisplayNames("no registry");
        yield return new TestCaseData("127.0.0.1:5000/omninode/", false).SetArgDisplayNames("IMAGE_REGISTRY set");
        yield return new TestCaseData(null, true).SetArgDisplayNames("with the development override");
    }

    [OneTimeTearDown]
    public void RemoveTaggedImages()
    {
        if (File.Exists(DockerEngineRequirement.BuildKitClient))
        {
            var left = DockerImages.RemoveRepositories(RunPrefix);
            Assert.That(left, Is.Empty, "images of this run left after cleanup");
        }
    }

    [TestCaseSource(nameof(BuildCases))]
    public void Production_development_and_slim_build_every_image(BuildCase buildCase)
    {
        var set = Built(buildCase);
        using (Assert.EnterMultipleScope())
        {
            foreach (var (command, result) in set.Runs)
            {
                Assert.That(result.ExitCode, Is.Zero, $"{command}\n{result.All}");
                if (buildCase.WithLock)
                {
                    Assert.That(result.All, Does.Not.Contain(LockWritten), command);
                }
                else
                {
                    // The orchestrator and reducer Dockerfiles share their lock step, so a later build of this
                    // context may take it from the cache of an earlier one (its key holds the lock-less COPY of
                    // this run's unique pyproject.toml); otherwise Poetry must say it wrote the lock.
                    Assert.That(result.All.Contains(LockWritten) || BuildLog.Step(result.All, LockStep) == BuildLog.StepOutcome.Cached, Is.True,
                        $"{command}: no lock written\n{result.All}");
                }
            }

            if (!buildCase.WithLock)
            {
                // At least once per Dockerfile family (deployment/ and docker/bridge-nodes/) the lock is made for real.
                Assert.That(set.Runs.Count(run => run.Result.All.Contains(LockWritten)), Is.GreaterThanOrEqualTo(2), "builds that wrote a lock");
            }

            foreach (var image in set.AllImages)
            {
                var (exitCode, output) = DockerEngineRequirement.Docker("image", "inspect", "--format", "{{.Id}}", image);
                Assert.That(exitCode, Is.Zero, $"{image} was not built: {output}");
            }
        }
    }

    [TestCaseSource(nameof(RuntimeImages))]
    public void Production_and_slim_images_run_as_a_numeric_non_root_user(string service, string tag)
    {
        var image = RuntimeImage(service, tag);
        var user = DockerImages.User(image);
        var (exitCode, uid) = DockerImages.Exec(image, "id", "-u");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(user, Does.Match(@"^[1-9][0-9]*(:[0-9]+)?$"), "Config.User");
            Assert.That(exitCode, Is.Zero, uid);
            Assert.That(uid.Trim(), Is.Not.EqualTo("0"));
        }
    }

    [TestCaseSource(nameof(RuntimeImages))]
    public void Production_and_slim_images_report_healthy(string service, string tag)
    {
        using var container = RunningContainer.Start(RuntimeImage(service, tag));
        var status = container.WaitForHealth(TimeSpan.FromSeconds(60));
        Assert.That(status, Is.EqualTo("healthy"), container.Logs());
    }

    [TestCaseSource(nameof(RuntimeImages))]
    public void The_health_check_of_production_and_slim_images_catches_a_hung_service_within_30_s(string service, string tag)
    {
        using var container = RunningContainer.Start(RuntimeImage(service, tag));
        Assert.That(container.WaitForHealth(TimeSpan.FromSeconds(60)), Is.EqualTo("healthy"), container.Logs());
        container.Freeze();
        Assert.That(container.TimeUntilHealth("unhealthy", TimeSpan.FromSeconds(45)), Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(30)));
    }

    [TestCaseSource(nameof(RuntimeImages))]
    public void Production_and_slim_images_contain_neither_poetry_nor_dev_dependencies(string service, string tag)
    {
        var image = RuntimeImage(service, tag);
        var poetryCommand = DockerImages.Exec(image, "sh", "-c", "command -v poetry");
        var poetryModule = DockerImages.Python(image, "import poetry");
        var devtools = DockerImages.Python(image, "import bridge_devtools");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(poetryCommand.ExitCode, Is.Not.Zero, $"poetry on PATH: {poetryCommand.Output}");
            Assert.That(poetryModule.Output, Does.Contain("No module named 'poetry'"));
            Assert.That(devtools.Output, Does.Contain("No module named 'bridge_devtools'"));
        }
    }

    [TestCaseSource(nameof(Services))]
    public void The_development_image_has_the_dev_dependency_the_runtime_images_lack(string service)
    {
        // The control of the test above: the same import works where the dev group belongs.
        var set = Built(new BuildCase(DockerEngineRequirement.BuildKitClient, WithLock: true));
        var (exitCode, output) = DockerImages.Python(set.Image(service, "dev"), "import bridge_devtools.reload");
        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public void The_legacy_builder_is_refused_before_any_stage_runs()
    {
        // The Dockerfiles mount the package index's credentials as BuildKit secrets; the legacy builder cannot, and a
        // build argument would leave them in the image history: the build stops and names the way out instead.
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.LegacyClient);
        var result = HostRun.Run("--target=BuildReducer", "--build-target=production", $"--docker={DockerEngineRequirement.LegacyClient}",
            $"--tag={RunPrefix[(RunPrefix.LastIndexOf('/') + 1)..]}-legacy", "--force");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("legacy builder, which cannot mount secrets"));
            Assert.That(result.All, Does.Not.Contain("Step 1/"));
        }
    }

    [TestCaseSource(nameof(Clients))]
    public void Touching_a_py_file_takes_the_production_dependency_install_from_the_cache(string client)
    {
        var rebuild = RebuildAfterTouchingPython(client, "production");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(BuildLog.Step(rebuild.Log, ProductionDependencyInstall), Is.EqualTo(BuildLog.StepOutcome.Cached), rebuild.Log);
            Assert.That(BuildLog.Step(rebuild.Log, ProjectInstall), Is.EqualTo(BuildLog.StepOutcome.Cached),
                "the venv is staged before the code: " + rebuild.Log);
            Assert.That(BuildLog.Step(rebuild.Log, CopySource), Is.EqualTo(BuildLog.StepOutcome.Built), rebuild.Log);
            Assert.That(rebuild.After, Is.Not.EqualTo(rebuild.Before));
        }
    }

    [TestCaseSource(nameof(Clients))]
    public void Touching_a_py_file_changes_only_the_development_layers_from_copy_src_on(string client)
    {
        var rebuild = RebuildAfterTouchingPython(client, "development");
        // The last two layers are COPY src/ and `poetry install --only-root`; all before, the dependency install
        // included, must be the very same layers.
        const int sourceLayers = 2;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(BuildLog.Step(rebuild.Log, DevelopmentDependencyInstall), Is.EqualTo(BuildLog.StepOutcome.Cached), rebuild.Log);
            Assert.That(rebuild.After, Has.Count.EqualTo(rebuild.Before.Count));
            if (client == DockerEngineRequirement.LegacyClient)
            {
                // Under BuildKit the host passes --cache-from <previous image> (layer reuse across builds); dockerd 20.10's BuildKit
                // then re-exports the cached steps from the imported inline cache with new diff ids, although every
                // step says CACHED. Layer identity therefore holds for the legacy builder only; the CACHED step
                // above is the proof of reuse for both.
                Assert.That(rebuild.After.SkipLast(sourceLayers), Is.EqualTo(rebuild.Before.SkipLast(sourceLayers)));
            }

            Assert.That(rebuild.After.TakeLast(sourceLayers), Is.Not.EqualTo(rebuild.Before.TakeLast(sourceLayers)));
        }
    }

    [TestCaseSource(nameof(ComposeCases))]
    public void The_compose_file_passes_docker_compose_config(string? registry, bool developmentOverride)
    {
        var compose = DockerEngineRequirement.RequireClient("/usr/bin/docker-compose");
        string[] files = developmentOverride
            ? ["-f", "deployment/docker-compose.bridge.yml", "-f", "deployment/docker-compose.bridge.dev.yml"]
            : ["-f", "deployment/docker-compose.bridge.yml"];
        var environment = new Dictionary<string, string?> { ["IMAGE_REGISTRY"] = registry, ["IMAGE_TAG"] = null, ["BUILD_TARGET"] = null };
        var (exitCode, output) = DockerEngineRequirement.RunIn(HostRun.RepositoryRoot, environment, compose, [.. files, "config"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, output);
            foreach (var service in Services)
            {
                Assert.That(output, Does.Contain($"image: {registry}{service}:dev"));
            }
        }
    }

    [Test]
    public void A_broken_pyproject_fails_the_lock_step_with_poetrys_message()
    {
        var client = DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("poetry.lock"));
        File.AppendAllText(repository.PathOf("pyproject.toml"), "name = [broken\n");
        // Straight to docker: the host reads pyproject.toml itself and would stop before any build.
        var environment = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" };
        var (exitCode, output) = DockerEngineRequirement.RunIn(repository.Root, environment, client,
            "build", "--progress=plain", "-f", "deployment/Dockerfile.reducer", "--target", "production",
            "--build-arg", $"PYTHON_IMAGE={DockerImages.PythonImage}", "--build-arg", $"BUILDER_IMAGE={DockerImages.BuilderImage}", ".");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain($"+ {LockStep}"));
            Assert.That(output, Does.Contain("Invalid TOML file /app/pyproject.toml"));
            Assert.That(output, Does.Not.Contain("poetry install"), "the build went past the lock step");
        }
    }

    private static ImageSet Built(BuildCase buildCase)
    {
        DockerEngineRequirement.RequireClient(buildCase.Client);
        return ImageSets.GetOrAdd(buildCase, key =>
            new Lazy<ImageSet>(() => ImageSet.Build(key, $"{RunPrefix}/{key.Name.Replace(", ", "-").Replace(' ', '-')}"))).Value;
    }

    private static string RuntimeImage(string service, string tag)
    {
        var set = Built(new BuildCase(DockerEngineRequirement.BuildKitClient, WithLock: true));
        Assert.That(set.Runs.Where(run => run.Result.ExitCode != 0).Select(run => run.Command), Is.Empty, "the images did not build");
        return set.Image(service, tag);
    }

    private static string ClientName(string client) => client == DockerEngineRequirement.LegacyClient ? "legacy" : "buildkit";

    /// <summary>Builds the reducer in a scratch copy, appends a comment to a module, builds again.</summary>
    private static Rebuild RebuildAfterTouchingPython(string client, string buildTarget)
    {
        DockerEngineRequirement.RequireClient(client);
        using var repository = new ScratchRepository();
        var registry = $"{RunPrefix}/touch-{ClientName(client)}-{buildTarget}";
        var image = $"{registry}/reducer:{(buildTarget == "production" ? "prod" : "dev")}";
        // Verbose: the build's own output, step by step, is what these tests read (the console shows stages otherwise).
        string[] arguments = ["--target=BuildReducer", $"--build-target={buildTarget}", $"--docker={client}", $"--registry={registry}", "--verbosity=verbose"];

        var first = repository.Run(arguments);
        Assert.That(first.ExitCode, Is.Zero, first.All);
        var before = DockerImages.Layers(image);

        File.AppendAllText(repository.PathOf("src/omninode_bridge/reducer.py"), $"\n# touched by {nameof(FlavourImagesTests)} {Guid.NewGuid():N}\n");
        var second = repository.Run(arguments);
        Assert.That(second.ExitCode, Is.Zero, second.All);
        return new Rebuild(before, DockerImages.Layers(image), second.All);
    }

    /// <summary>A docker client and whether the committed lock is in the build context.</summary>
    public sealed record BuildCase(string Client, bool WithLock)
    {
        public string Name => $"{ClientName(Client)}, {(WithLock ? "with lock" : "no lock")}";
    }

    private sealed record Rebuild(IReadOnlyList<string> Before, IReadOnlyList<string> After, string Log);

    /// <summary>The six images of one build case, under their own registry prefix, and the host runs that made them.</summary>
    private sealed class ImageSet(string registry, IReadOnlyList<(string Command, HostResult Result)> runs)
    {
        public string Registry => registry;

        public IReadOnlyList<(string Command, HostResult Result)> Runs { get; } = runs;

        public IEnumerable<string> AllImages => from service in Services from tag in new[] { "prod", "dev", "slim" } select Image(service, tag);

        public string Image(string service, string tag) => $"{registry}/{service}:{tag}";

        /// <summary>
        /// With the lock: the umbrella targets in the repository, as a user runs them. Without: a scratch copy
        /// without poetry.lock, each image task --exclusive, since EnsureLock (a dependency) would write the lock
        /// first. A unique comment in pyproject.toml keeps the lock step out of the cache, so it runs every time.
        /// </summary>
        public static ImageSet Build(BuildCase buildCase, string registry)
        {
            // Verbose: whether Poetry wrote a lock is read from the build's own output.
            string[] common = [$"--docker={buildCase.Client}", $"--registry={registry}", "--verbosity=verbose"];
            if (buildCase.WithLock)
            {
                return new ImageSet(registry, Run(HostRun.RepositoryRoot, common, ["--target=Production"], ["--target=Development"], ["--target=Slim"]));
            }

            using var repository = new ScratchRepository();
            File.Delete(repository.PathOf("poetry.lock"));
            File.AppendAllText(repository.PathOf("pyproject.toml"), $"# {nameof(FlavourImagesTests)} {Guid.NewGuid():N}\n");
            var runs = Run(repository.Root, [.. common, "--exclusive"],
                ["--target=BuildOrchestrator", "--build-target=production"],
                ["--target=BuildReducer", "--build-target=production"],
                ["--target=BuildOrchestrator", "--build-target=development"],
                ["--target=BuildReducer", "--build-target=development"],
                ["--target=BuildSlimOrchestrator"],
                ["--target=BuildSlimReducer"]);
            Assert.That(File.Exists(repository.PathOf("poetry.lock")), Is.False, "the host wrote a lock: the images did not make their own");
            return new ImageSet(registry, runs);
        }

        private static (string Command, HostResult Result)[] Run(string workingDirectory, string[] common, params string[][] invocations) =>
            invocations
                .Select(arguments => (string.Join(' ', [.. arguments, .. common]), HostRun.In(workingDirectory, null, [.. arguments, .. common])))
                .ToArray();
    }
}
