using Build.Swarm;
using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>StackFile in the test process: it writes the stack file only when the compose file changed it.</summary>
public sealed class StackFileTests
{
    [Test]
    public void An_up_to_date_stack_file_is_left_as_it_is()
    {
        using var repository = new ScratchRepository();
        var before = repository.Snapshot();
        var result = repository.RunInProcess("--target=StackFile");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain($"{StackFileGenerator.StackFileRelative} is up to date with {StackFileGenerator.ComposeFileRelative}."));
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }

    [Test]
    public void A_changed_compose_file_is_written_through_to_the_stack_file_and_the_dry_run_only_says_so()
    {
        using var repository = new ScratchRepository();
        var compose = repository.PathOf(StackFileGenerator.ComposeFileRelative);
        File.WriteAllText(compose, File.ReadAllText(compose).Replace("interval: 1s", "interval: 2s", StringComparison.Ordinal));
        var before = repository.Snapshot();

        var dryRun = repository.RunInProcess("--target=StackFile", "--dryrun");
        var afterDryRun = repository.Snapshot();
        var run = repository.RunInProcess("--target=StackFile");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.All);
            Assert.That(dryRun.Output, Does.Contain($"would write {StackFileGenerator.StackFileRelative} from {StackFileGenerator.ComposeFileRelative}"));
            Assert.That(afterDryRun, Is.EqualTo(before), "a dry run writes nothing");
            Assert.That(run.ExitCode, Is.Zero, run.All);
            Assert.That(run.Output, Does.Contain($"Wrote {StackFileGenerator.StackFileRelative}"));
            Assert.That(File.ReadAllText(repository.PathOf(StackFileGenerator.StackFileRelative)), Does.Contain("interval: 2s"));
            Assert.That(StackDefinition.Read(repository.Root).IsCurrent, Is.True);
        }
    }
}
