using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Build.Tools;

/// <summary>
/// Stops the child processes of an interrupted run. A terminal sends Ctrl-C to the whole process group, so the
/// children usually got the signal themselves and end on their own: they are given <see cref="Grace"/> for that. A
/// signal sent to the host alone (kill PID, a CI runner) never reached them: then each gets SIGTERM, and what still
/// runs after <see cref="Patience"/> more is killed with its own children (a grandchild would otherwise keep the
/// output pipe open, and the host waiting on it). The commands' own threads wait for their process meanwhile, so no
/// child outlives the host. Linux reads the children from /proc; elsewhere the children's own signal has to do.
/// </summary>
public static class ChildProcesses
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const int SigTerm = 15;

    /// <summary>Starts the stopping on a worker thread: the signal handler's thread must not wait.</summary>
    public static void StopInBackground() => Task.Run(Stop);

    private static void Stop()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Thread.Sleep(Grace);
        foreach (var pid in DirectChildren())
        {
            _ = Kill(pid, SigTerm);
        }

        var deadline = DateTime.UtcNow + Patience;
        while (DirectChildren().Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        foreach (var pid in DirectChildren())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended meanwhile.
            }
        }
    }

    /// <summary>Every live process whose parent is this host (zombies, already ended, are left to their waiter).</summary>
    private static List<int> DirectChildren()
    {
        var self = Environment.ProcessId;
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (command) state ppid …"; the command may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && fields[0] != "Z" && int.TryParse(fields[1], out var parent) && parent == self)
                {
                    children.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }

        return children;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
