using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests.Bootstrap;

public sealed class RunningCommandFilesTests
{
    [Test]
    public void A_command_whose_process_runs_counts()
    {
        using var folder = new TestRepository();
        folder.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty);

        Assert.That(new RunningCommandFiles(folder.Root).Any(), Is.True);
    }

    [Test]
    public void A_command_whose_process_is_gone_is_forgotten()
    {
        using var folder = new TestRepository();
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        folder.Write(ended.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty);

        var any = new RunningCommandFiles(folder.Root).Any();

        Assert.That((any, Directory.GetFiles(folder.Root).Length), Is.EqualTo((false, 0)));
    }

    [Test]
    public void A_pid_taken_by_a_process_started_after_the_file_was_written_is_a_recycled_pid()
    {
        using var folder = new TestRepository();
        var file = folder.PathOf(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        folder.Write(Path.GetFileName(file), string.Empty);
        File.SetLastWriteTimeUtc(file, RunningCommandFiles.ProcessStart(Environment.ProcessId)!.Value.AddMinutes(-5));

        Assert.That((new RunningCommandFiles(folder.Root).Any(), File.Exists(file)), Is.EqualTo((false, false)));
    }

    [Test]
    public void No_folder_means_no_command()
    {
        Assert.That(new RunningCommandFiles("/nonexistent/commands").Any(), Is.False);
    }
}
