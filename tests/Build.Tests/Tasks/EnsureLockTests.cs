using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>EnsureLock in the test process: its dry run says the lock's verdict; --locked refuses a stale lock.</summary>
public sealed class EnsureLockTests
{
    [Test]
    public void The_dry_run_says_the_committed_lock_is_fresh_and_starts_no_process()
    {
        var processes = new RecordingProcessRunner();
        var result = InProcessBuild.In(HostRun.RepositoryRoot, null, processes, "--target=EnsureLock", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("poetry.lock is fresh"));
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
}
