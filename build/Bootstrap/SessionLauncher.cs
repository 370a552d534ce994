using System.Diagnostics;

namespace Build.Bootstrap;

/// <summary>
/// Starts the compile through <c>setsid</c>: a session and process group of its own whose id is the compile's pid, so
/// one signal to the group pauses, resumes or stops every process the publish starts (MSBuild, ILC, the linker).
/// </summary>
/// <param name="idle">
/// Run the compile at idle priority: <c>nice -n 19</c>, <c>ionice -c 3</c> (idle disk class), <c>chrt --idle 0</c>
/// (SCHED_IDLE), those of them the machine has. Only the compile: the supervisor must react at once when a command starts.
/// </param>
public sealed class SessionLauncher(bool idle) : ICompileLauncher
{
    private static readonly string[][] IdlePriority = [["nice", "-n", "19"], ["ionice", "-c", "3"], ["chrt", "--idle", "0"]];

    public ICompileJob Start(ProcessSpec spec, string log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var path = System.Environment.GetEnvironmentVariable("PATH");
        var priority = idle ? IdlePriority.Where(command => NativePublish.OnPath(command[0], path)).SelectMany(command => command) : [];
        // sh only redirects: the log is written by the compile itself, so a paused compile holds no pipe of ours.
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in priority.Concat(["sh", "-c", "exec \"$@\" >\"$0\" 2>&1", log, spec.Program]).Concat(spec.Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {spec.Program}");
        process.StandardInput.Close();
        return new SessionJob(process);
    }

    private sealed class SessionJob(Process process) : ICompileJob
    {
        public bool HasExited => process.HasExited;

        public int Group => process.Id;

        public int ExitCode => process.ExitCode;

        public void Pause() => Signal("STOP");

        public void Resume() => Signal("CONT");

        public void Stop()
        {
            Signal("TERM");
            Signal("CONT"); // a paused process sees the TERM only once it runs
            process.WaitForExit();
        }

        private void Signal(string signal)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", "-" + process.Id]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
    }
}
