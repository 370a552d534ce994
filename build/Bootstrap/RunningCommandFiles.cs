using System.Globalization;

namespace Build.Bootstrap;

/// <summary>
/// The commands build.sh registered in <see cref="HostCache.Commands"/>: one empty file per command, named by its pid
/// (build.sh execs the host, so the pid is the host's until the command ends). A file whose process is gone, or whose
/// pid now belongs to a process started after the file was written (a recycled pid), is removed.
/// </summary>
public sealed class RunningCommandFiles(string folder) : IRunningCommands
{
    public bool Any()
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }

        var running = false;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if (int.TryParse(file.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && StartedBy(pid, file.LastWriteTimeUtc))
            {
                running = true;
            }
            else
            {
                file.Delete();
            }
        }

        return running;
    }

    /// <summary>Whether process <paramref name="pid"/> runs and was started no later than <paramref name="registered"/>.</summary>
    public static bool StartedBy(int pid, DateTime registered)
    {
        var started = ProcessStart(pid);
        return started is not null && started <= registered + TimeSpan.FromSeconds(1);
    }

    /// <summary>When the process started: field 22 of /proc/PID/stat (clock ticks after boot) plus the boot time of /proc/stat.</summary>
    public static DateTime? ProcessStart(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[19], CultureInfo.InvariantCulture);
        var boot = File.ReadLines("/proc/stat").First(line => line.StartsWith("btime ", StringComparison.Ordinal));
        var bootTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(boot[6..], CultureInfo.InvariantCulture)).UtcDateTime;
        return bootTime + TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }
}
