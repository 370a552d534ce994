using Build.Images.Digest;
using Build.Tests.Support;

namespace Build.Tests.Images.Digest;

public sealed class InputDigesterTests
{
    private const string Dockerfile = """
        ARG PYTHON_IMAGE=python:3.12-slim
        ARG BUILDER_IMAGE=${PYTHON_IMAGE}
        FROM ${BUILDER_IMAGE} AS base
        COPY tools/bridge-devtools/ tools/bridge-devtools/
        COPY pyproject.toml poetry.loc[k] ./
        FROM base AS development
        COPY src/ src/
        FROM ${PYTHON_IMAGE} AS production
        COPY --from=base /app/src /app/src
        """;

    private const string Ignore = "*\n!pyproject.toml\n!poetry.lock\n!src/\n!tools/bridge-devtools/\n**/__pycache__/\n**/*.pyc\n";

    private static readonly Dictionary<string, string> Args = new()
    {
        ["PYTHON_IMAGE"] = "omninode/python:3.11-bookworm",
        ["BUILDER_IMAGE"] = "omninode/poetry:1.3.2-bookworm",
    };

    private TestRepository _repository = null!;
    private Dictionary<string, string> _baseIds = null!;

    [SetUp]
    public void CreateRepository()
    {
        _repository = new TestRepository()
            .Write("deployment/Dockerfile.orchestrator", Dockerfile)
            .Write(".dockerignore", Ignore)
            .Write("pyproject.toml", "[tool.poetry]\nname = \"x\"\n")
            .Write("poetry.lock", "# lock\n")
            .Write("src/omninode_bridge/__init__.py", "")
            .Write("src/omninode_bridge/orchestrator.py", "print('hi')\n")
            .Write("tools/bridge-devtools/pyproject.toml", "[tool.poetry]\n")
            .Write("README.md", "not copied\n");
        _baseIds = new() { ["omninode/python:3.11-bookworm"] = "sha256:aaa", ["omninode/poetry:1.3.2-bookworm"] = "sha256:bbb" };
    }

    [TearDown]
    public void DeleteRepository() => _repository.Dispose();

    private string Digest(string stage = "production", IReadOnlyDictionary<string, string>? args = null) =>
        new InputDigester(_repository.Root, FileHashCache.InMemory(), image => _baseIds.GetValueOrDefault(image))
            .Digest("deployment/Dockerfile.orchestrator", stage, args ?? Args);

    public static IEnumerable<TestCaseData> ChangingInputs()
    {
        yield return Case("Dockerfile_edit", t => t._repository.Write("deployment/Dockerfile.orchestrator", Dockerfile + "\nENV X=1\n"));
        yield return Case("Copied_file_edit", t => t._repository.Write("src/omninode_bridge/orchestrator.py", "print('bye')\n"));
        yield return Case("New_py_file_under_src", t => t._repository.Write("src/omninode_bridge/new_module.py", ""));
        yield return Case("Lock_appears_for_the_optional_wildcard", t => t._repository.Write("poetry.lock", "# new\n"),
            setup: t => File.Delete(t._repository.PathOf("poetry.lock")));
        yield return Case("Local_path_dependency_edit", t => t._repository.Write("tools/bridge-devtools/pyproject.toml", "[tool.poetry]\nname = \"d\"\n"));
        yield return Case("Base_image_id_change", t => t._baseIds["omninode/python:3.11-bookworm"] = "sha256:ccc");
        yield return Case("Base_image_missing", t => t._baseIds.Remove("omninode/poetry:1.3.2-bookworm"));
        yield return Case("Dockerignore_lets_a_file_in", t => t._repository.Write(".dockerignore", Ignore.Replace("**/*.pyc\n", "")),
            setup: t => t._repository.Write("src/x.pyc", "1"));
        yield return Case("File_mode_change", t => MakeExecutable(t._repository.PathOf("src/omninode_bridge/orchestrator.py")));

        static TestCaseData Case(string name, Action<InputDigesterTests> change, Action<InputDigesterTests>? setup = null) =>
            new TestCaseData(change, setup).SetName($"Digest_changes_on_{name}");
    }

    private static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("file modes are a Unix input");
        }
        else
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
    }

    [TestCaseSource(nameof(ChangingInputs))]
    public void Digest_changes_when_an_input_changes(Action<InputDigesterTests> change, Action<InputDigesterTests>? setup)
    {
        setup?.Invoke(this);
        var before = Digest();
        change(this);
        Assert.That(Digest(), Is.Not.EqualTo(before));
    }

    [Test]
    public void Digest_changes_with_the_stage() => Assert.That(Digest("development"), Is.Not.EqualTo(Digest("production")));

    [Test]
    public void Digest_changes_with_a_build_argument() =>
        Assert.That(Digest(args: new Dictionary<string, string>(Args) { ["POETRY_VERSION"] = "1.8.5" }), Is.Not.EqualTo(Digest()));

    public static IEnumerable<TestCaseData> IgnoredChanges()
    {
        yield return new TestCaseData("src/omninode_bridge/__pycache__/orchestrator.cpython-311.pyc").SetName("Digest_ignores_a_new_pycache_file");
        yield return new TestCaseData("src/omninode_bridge/stale.pyc").SetName("Digest_ignores_a_new_pyc_file");
        yield return new TestCaseData("build/Tasks/New.cs").SetName("Digest_ignores_a_file_outside_the_copied_paths");
        yield return new TestCaseData("tests/test_new.py").SetName("Digest_ignores_a_new_test_file");
    }

    [TestCaseSource(nameof(IgnoredChanges))]
    public void Digest_does_not_change_for_files_the_build_cannot_see(string added)
    {
        var before = Digest();
        _repository.Write(added, "x");
        Assert.That(Digest(), Is.EqualTo(before));
    }

    [Test]
    public void Digest_is_stable_and_lists_exactly_the_copied_files()
    {
        var digester = new InputDigester(_repository.Root, FileHashCache.InMemory(), image => _baseIds.GetValueOrDefault(image));
        var inputs = digester.Inputs("deployment/Dockerfile.orchestrator", "production", Args);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(inputs.Files.Select(file => file.Path), Is.EqualTo(new[]
            {
                "poetry.lock", "pyproject.toml", "src/omninode_bridge/__init__.py", "src/omninode_bridge/orchestrator.py",
                "tools/bridge-devtools/pyproject.toml",
            }));
            Assert.That(inputs.BaseImageIds.Keys, Is.EquivalentTo(Args.Values));
            Assert.That(inputs.Digest(), Is.EqualTo(Digest()).And.StartsWith("sha256:"));
        }
    }

    [Test]
    public void Without_the_code_folders_the_digest_ignores_an_edit_there_and_still_sees_the_lock()
    {
        var digester = new InputDigester(_repository.Root, FileHashCache.InMemory(), image => _baseIds.GetValueOrDefault(image));
        string Packages() => digester.Inputs("deployment/Dockerfile.orchestrator", "production", Args).Without(["src/omninode_bridge"]).Digest();
        var before = Packages();
        _repository.Write("src/omninode_bridge/orchestrator.py", "print('bye')\n").Write("src/omninode_bridge/new.py", "");
        var afterCodeEdit = Packages();
        _repository.Write("poetry.lock", "# bumped\n");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterCodeEdit, Is.EqualTo(before));
            Assert.That(Packages(), Is.Not.EqualTo(before));
        }
    }
}
