using System.Text;
using Build.Tests.Support;

namespace Build.Tests.PackageIndex;

/// <summary>
/// The services' dependencies from a private index, end to end: real Poetry 1.3.2 and real BuildKit against a real
/// index behind basic auth (scripts/package-index.sh on a port of the test's own, so stopping it or refusing a password
/// touches no other build on the machine). A scratch copy whose pyproject.toml names that index has a stale lock;
/// EnsureLock regenerates it there, the reducer's production image installs exactly the locked distributions, an edit
/// of a .py file still builds once the index is down (the install layer is cached), and a build that must reach the
/// index fails naming it when it is down, and naming the credentials when the password is wrong. The password is never
/// printed, written to the report or .build/, or kept in the image. The steps run in order, one fixture, one index.
/// </summary>
[Category("Docker")]
[Category("Host")]
[NonParallelizable]
public sealed class PackageIndexBuildTests
{
    private ScratchRepository _repository = null!;
    private TestPackageIndex _index = null!;
    private string _registry = "";
    private readonly StringBuilder _printed = new();
    private (string Name, string Version, string Category)[] _packagesBefore = [];
    private HostResult _ensureLock = null!;
    private HostResult _lockedCheck = null!;
    private HostResult _indexUp = null!;
    private string _installed = "";
    private bool _passwordInImage;
    private HostResult _editWithIndexDown = null!;
    private HostResult _noCacheWithIndexDown = null!;
    private HostResult _wrongPassword = null!;

    private string Reducer => $"{_registry}/reducer:prod";

    /// <summary>The scenario runs once, in order; each test below asserts on one step of it.</summary>
    [OneTimeSetUp]
    public void RunTheScenario()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        _index = new TestPackageIndex();
        _repository = new ScratchRepository();
        // Its own registry name: the user's reducer:prod stays as it is.
        _registry = $"index-build-test.local/{Guid.NewGuid():N}"[..40];
        var pyproject = _repository.PathOf("pyproject.toml");
        File.WriteAllText(pyproject, File.ReadAllText(pyproject).Replace("http://127.0.0.1:3141/simple/", _index.Url, StringComparison.Ordinal));
        _packagesBefore = Packages(File.ReadAllText(_repository.PathOf("poetry.lock")));

        _ensureLock = Build(null, "--target=EnsureLock", "--no-install");
        _lockedCheck = Build(null, "--target=EnsureLock", "--no-install", "--locked");

        _indexUp = BuildReducer(null, "--force");
        if (_indexUp.ExitCode == 0)
        {
            _installed = DockerEngineRequirement.Docker("run", "--rm", "--entrypoint", "python", Reducer, "-c",
                "import importlib.metadata as m; print('\\n'.join(sorted(f'{d.metadata[\"Name\"].lower()}=={d.version}' for d in m.distributions())))").Output;
            var image = Path.Combine(_repository.Root, "reducer.tar");
            DockerEngineRequirement.Docker("save", "-o", image, Reducer);
            _passwordInImage = Contains(File.ReadAllBytes(image), _index.Password);
            File.Delete(image);
        }

        _index.Stop();
        File.AppendAllText(_repository.PathOf("src/omninode_bridge/reducer.py"), "\n# an edit after the index went down\n");
        _editWithIndexDown = BuildReducer();
        _noCacheWithIndexDown = BuildReducer(null, "--no-cache", "--force");

        _index.Start();
        _wrongPassword = BuildReducer("not-the-password", "--no-cache", "--force");
    }

    [OneTimeTearDown]
    public void RemoveEverything()
    {
        DockerImages.RemoveRepositories(_registry + "/");
        _repository?.Dispose();
        _index?.Dispose();
    }

    private HostResult Build(string? password, params string[] arguments)
    {
        var result = HostRun.In(_repository.Root, _index.Credentials(password), arguments);
        _printed.AppendLine(result.All);
        return result;
    }

    private HostResult BuildReducer(string? password = null, params string[] extra) =>
        Build(password, ["--target=BuildReducer", "--build-target=production", $"--registry={_registry}", "--no-install", .. extra]);

    [Test]
    public void EnsureLock_regenerates_the_stale_lock_against_the_index()
    {
        var lockText = File.ReadAllText(_repository.PathOf("poetry.lock"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_ensureLock.ExitCode, Is.Zero, _ensureLock.All);
            Assert.That(_lockedCheck.ExitCode, Is.Zero, "--locked accepts the regenerated lock as fresh: " + _lockedCheck.All);
            Assert.That(lockText, Does.Contain($"url = \"{_index.Url.TrimEnd('/')}\"").And.Not.Contain(":3141/"));
            Assert.That(Packages(lockText), Is.EqualTo(_packagesBefore), "the same distributions, now from the test's index");
        }
    }

    [Test]
    public void The_production_image_installs_the_locked_distributions_and_keeps_no_password()
    {
        Assert.That(_indexUp.ExitCode, Is.Zero, _indexUp.All);
        var locked = Packages(File.ReadAllText(_repository.PathOf("poetry.lock")))
            .Where(package => package.Category == "main")
            .Select(package => $"{package.Name}=={package.Version}")
            .ToArray();
        // The project itself is installed too; a locked package whose marker does not hold on Linux (colorama) is not.
        var installed = _installed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(distribution => !distribution.StartsWith("omninode-bridge==", StringComparison.Ordinal))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(installed, Is.SubsetOf(locked), "every distribution in the image, at the locked version");
            Assert.That(installed.Select(distribution => distribution.Split("==")[0]), Is.SupersetOf(new[] { "starlette", "uvicorn", "httpx", "marshmallow" }));
            Assert.That(_passwordInImage, Is.False, "no layer, config or history of the image holds the password");
        }
    }

    [Test]
    public void An_edit_of_a_py_file_builds_with_the_index_down() =>
        Assert.That(_editWithIndexDown.ExitCode, Is.Zero, _editWithIndexDown.All);

    [Test]
    public void A_no_cache_build_with_the_index_down_fails_naming_the_index()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_noCacheWithIndexDown.ExitCode, Is.Not.Zero, _noCacheWithIndexDown.All);
            Assert.That(_noCacheWithIndexDown.All,
                Does.Contain($"reducer:prod could not install its dependencies: the package index 'omninode-index' at {_index.Url} is not reachable"));
            // Poetry's own traceback lines start with "at /usr/lib/python3/…"; the build host's frames would not.
            Assert.That(_noCacheWithIndexDown.All, Does.Not.Match(@"\n\s+at (Build|Cake|System)\."));
        }
    }

    [Test]
    public void A_no_cache_build_with_a_wrong_password_fails_naming_the_refused_credentials()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_wrongPassword.ExitCode, Is.Not.Zero, _wrongPassword.All);
            Assert.That(_wrongPassword.All, Does.Contain(
                $"reducer:prod could not install its dependencies: the package index 'omninode-index' refused the credentials (HTTP 401 at {_index.Url})"));
            Assert.That(_wrongPassword.All, Does.Not.Contain("not-the-password"));
        }
    }

    [Test]
    public void The_password_is_in_no_output_report_or_build_state()
    {
        var files = new[] { ".build", "artifacts" }
            .Select(_repository.PathOf)
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(path => Contains(File.ReadAllBytes(path), _index.Password))
            .ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_printed.ToString(), Does.Not.Contain(_index.Password));
            Assert.That(files, Is.Empty, "files that hold the password");
            Assert.That(File.Exists(_repository.PathOf("artifacts/build-report.json")), Is.True, "the report was written, and checked");
        }
    }

    /// <summary>name==version and category of every [[package]] of a poetry.lock.</summary>
    private static (string Name, string Version, string Category)[] Packages(string lockText) =>
        System.Text.RegularExpressions.Regex.Matches(lockText,
                "\\[\\[package\\]\\]\\s+name = \"(?<name>[^\"]+)\"\\s+version = \"(?<version>[^\"]+)\"[\\s\\S]*?category = \"(?<category>[^\"]+)\"")
            .Select(match => (match.Groups["name"].Value.ToLowerInvariant(), match.Groups["version"].Value, match.Groups["category"].Value))
            .OrderBy(package => package.Item1, StringComparer.Ordinal)
            .ToArray();

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
