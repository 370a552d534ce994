using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>EnsureLock in the test process: its dry run says the lock's verdict; --locked refuses a stale lock.</summary>
public sealed class EnsureLockTests
{
    [Test]
    public void The_dry_run_judges_the_committed_lock_fresh_and_starts_no_process()
    {
        using var repository = new ScratchRepository();
        var processes = new RecordingProcessRunner();
        var result = InProcessBuild.In(repository.Root, null, processes, "--target=EnsureLock", "--dryrun");
        using var report = JsonDocument.Parse(File.ReadAllText(repository.PathOf("artifacts/build-report.json")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(report.RootElement.GetProperty("lock").GetProperty("state").GetString(), Is.EqualTo("fresh"), "the verdict, in the report");
            Assert.That(report.RootElement.GetProperty("dryRun").GetBoolean(), Is.True);
            Assert.That(processes.CommandLines, Is.Empty);
        }
    }

    [Test]
    public void Locked_refuses_a_stale_lock_as_bad_input_and_leaves_it_as_it_is()
    {
        using var repository = new ScratchRepository();
        File.AppendAllText(repository.PathOf("pyproject.toml"), "\n[tool.poetry.group.ci.dependencies]\nrequests = \"^2.31\"\n");
        var before = repository.Snapshot();
        var processes = new RecordingProcessRunner();
        var result = InProcessBuild.In(repository.Root, null, processes, "--target=EnsureLock", "--locked");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("stale"));
            Assert.That(processes.CommandLines, Is.Empty, "--locked never starts Poetry");
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }

    [Test]
    public void The_dry_run_of_a_stale_pep_621_lock_shows_poetry_2_in_the_builder_image_and_changes_nothing()
    {
        using var repository = new ScratchRepository();
        var app = repository.PathOf("monorepo/apps/app");
        ScratchRepository.Copy(Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Tools", "Poetry", "Monorepo"), repository.PathOf("monorepo"));
        var pyproject = Path.Combine(app, "pyproject.toml");
        File.WriteAllText(pyproject, File.ReadAllText(pyproject).Replace("idna (>=3.3,<3.4)", "idna (>=3.3,<3.5)", StringComparison.Ordinal));
        var before = repository.Snapshot();
        var processes = new RecordingProcessRunner();
        var result = InProcessBuild.In(repository.Root, null, processes, "--target=EnsureLock", $"--python-project={app}", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.All,
                Does.Contain($"docker run --rm --network host --volume {repository.PathOf("monorepo")}:{repository.PathOf("monorepo")} --workdir {app}"));
            Assert.That(result.All, Does.Contain("--entrypoint sh omninode/poetry:2.1.2-trixie").And.Contain("sh lock --no-interaction --no-ansi"));
            Assert.That(processes.CommandLines.Where(line => line.Contains(" run ", StringComparison.Ordinal)), Is.Empty, "shown, never started");
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }
}
