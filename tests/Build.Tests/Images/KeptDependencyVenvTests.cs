using Build.Tests.Support;

namespace Build.Tests.Images;

/// <summary>
/// The production venv of deployment/Dockerfile.* starts from the venv the last build kept in a cache mount and is
/// brought to the lock by `poetry install --sync`. With real BuildKit, real Poetry and the project's index, in a scratch
/// copy: a lock with idna bumped by `poetry update --lock idna` is built from an empty venv (--no-cache), then the
/// project's lock and the bumped one again, each from the kept venv. The bumped lock's venv layer must be the same,
/// byte for byte, whichever venv it started from, and the kept venv must really have been used (one package updated,
/// none installed). The development stage keeps a venv of its own (main and dev groups): after a build of the bumped
/// lock, the project's lock updates that one package there too. Non-parallelisable: another build of another lock in
/// between would change what is kept.
/// </summary>
[Category("Docker")]
[Category("Host")]
[NonParallelizable]
public sealed class KeptDependencyVenvTests
{
    private ScratchRepository _repository = null!;
    private string _registry = "";
    private HostResult _freshBumped = null!;
    private HostResult _keptProject = null!;
    private HostResult _keptBumped = null!;
    private HostResult _keptDevelopment = null!;
    private string _freshBumpedVenv = "";
    private string _keptProjectVenv = "";
    private string _keptBumpedVenv = "";
    private string _idnaInImage = "";

    private string Reducer => $"{_registry}/reducer:prod";

    [OneTimeSetUp]
    public void BuildThreeLocks()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        _repository = new ScratchRepository();
        _registry = $"kept-venv-test.local/{Guid.NewGuid():N}"[..40];
        var lockPath = _repository.PathOf("poetry.lock");
        var projectLock = File.ReadAllText(lockPath);
        var (exitCode, output) = DockerEngineRequirement.RunIn(_repository.Root,
            new Dictionary<string, string?> { ["POETRY_VIRTUALENVS_CREATE"] = "false" }, "poetry", "update", "--lock", "idna");
        Assert.That(exitCode, Is.Zero, "poetry update --lock idna (is the project's index up? scripts/package-index.sh): " + output);
        var bumpedLock = File.ReadAllText(lockPath);
        Assert.That(bumpedLock, Does.Contain("name = \"idna\"\nversion = \"3.10\"").And.Not.EqualTo(projectLock));

        _freshBumped = BuildReducer("production", "--no-cache");
        _freshBumpedVenv = VenvLayer();
        WriteLockNewToTheCache(lockPath, projectLock);
        _keptProject = BuildReducer("production");
        _keptProjectVenv = VenvLayer();
        WriteLockNewToTheCache(lockPath, bumpedLock);
        _keptBumped = BuildReducer("production");
        _keptBumpedVenv = VenvLayer();
        _idnaInImage = DockerEngineRequirement.Docker("run", "--rm", "--entrypoint", "python", Reducer, "-c",
            "import importlib.metadata as m; print(m.version('idna'))").Output.Trim();

        // The development venv: the bumped lock (from a kept venv or not, whichever this engine has), then the project's.
        BuildReducer("development");
        WriteLockNewToTheCache(lockPath, projectLock);
        _keptDevelopment = BuildReducer("development");
    }

    [OneTimeTearDown]
    public void RemoveEverything()
    {
        DockerImages.RemoveRepositories(_registry + "/");
        _repository?.Dispose();
    }

    /// <summary>A lock with a comment of its own, new to the build cache (a comment is not part of Poetry's content-hash): the step runs again.</summary>
    private static void WriteLockNewToTheCache(string lockPath, string text) =>
        File.WriteAllText(lockPath, $"{text.TrimEnd()}\n# {nameof(KeptDependencyVenvTests)} {Guid.NewGuid():N}\n");

    /// <summary>The production image's next-to-last layer: the venv (the last is the code).</summary>
    private string VenvLayer() => DockerImages.Layers(Reducer) is [.., var venv, _] ? venv : "";

    // Verbose: the build's own output, Poetry's operations among it, is what these tests read.
    private HostResult BuildReducer(string buildTarget, params string[] extra)
    {
        var result = _repository.Run(
            ["--target=BuildReducer", $"--build-target={buildTarget}", $"--registry={_registry}", "--force", "--verbosity=verbose", .. extra]);
        Assert.That(result.ExitCode, Is.Zero, result.All);
        return result;
    }

    [Test]
    public void A_no_cache_build_installs_into_an_empty_venv()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_freshBumped.All, Does.Contain("dependency venv: fresh (DEPENDENCY_VENV=fresh)"));
            Assert.That(_freshBumped.All, Does.Contain("Installing idna (3.10)"));
        }
    }

    [Test]
    public void A_bump_updates_only_the_bumped_package_in_the_kept_venv()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_keptProject.All, Does.Contain("dependency venv: the kept one, brought to the lock"));
            Assert.That(_keptProject.All, Does.Contain("Updating idna (3.10 -> 3.3)").And.Not.Contain("Installing starlette"));
            Assert.That(_keptBumped.All, Does.Contain("Updating idna (3.3 -> 3.10)").And.Not.Contain("Installing starlette"));
            Assert.That(_idnaInImage, Is.EqualTo("3.10"));
        }
    }

    [Test]
    public void The_development_stage_keeps_a_venv_of_its_own()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_keptDevelopment.All, Does.Contain("dependency venv: the kept one, brought to the lock"));
            Assert.That(_keptDevelopment.All, Does.Contain("Updating idna (3.10 -> 3.3)").And.Not.Contain("Installing starlette"));
        }
    }

    [Test]
    public void The_kept_venv_gives_the_same_layer_as_an_empty_one()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_freshBumpedVenv, Does.StartWith("sha256:"));
            Assert.That(_keptBumpedVenv, Is.EqualTo(_freshBumpedVenv), "the bumped lock's venv layer, from the kept venv and from an empty one");
            Assert.That(_keptProjectVenv, Is.Not.EqualTo(_freshBumpedVenv), "the project's lock gives another venv layer");
        }
    }
}
