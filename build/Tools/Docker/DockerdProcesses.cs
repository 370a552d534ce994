namespace Build.Tools.Docker;

/// <summary>dockerd processes as /proc shows them.</summary>
public static class DockerdProcesses
{
    public sealed record Dockerd(int Pid, IReadOnlyList<string> Hosts);

    /// <summary>The arguments of a live dockerd process; null when the pid is not a dockerd (or gone).</summary>
    public static IReadOnlyList<string>? CommandLine(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return arguments.Length > 0 && Path.GetFileName(arguments[0]) == "dockerd"
                && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ") ? arguments : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every dockerd that shares this process's network namespace: two engines in one namespace both claim docker0
    /// and its addresses, so the project engine is never started beside one.
    /// </summary>
    public static IReadOnlyList<Dockerd> InThisNetworkNamespace()
    {
        var ours = NetworkNamespace("self");
        if (ours is null)
        {
            return [];
        }

        var found = new List<Dockerd>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || CommandLine(pid) is not { } arguments
                || NetworkNamespace(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) != ours)
            {
                continue;
            }

            found.Add(new Dockerd(pid, Hosts(arguments)));
        }

        return found;
    }

    /// <summary>The --host/-H values of a dockerd command line (both the "--host X" and "--host=X" spellings).</summary>
    public static IReadOnlyList<string> Hosts(IReadOnlyList<string> arguments)
    {
        var hosts = new List<string>();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            if (argument is "--host" or "-H" && index + 1 < arguments.Count)
            {
                hosts.Add(arguments[++index]);
            }
            else if (argument.StartsWith("--host=", StringComparison.Ordinal) || argument.StartsWith("-H=", StringComparison.Ordinal))
            {
                hosts.Add(argument[(argument.IndexOf('=') + 1)..]);
            }
        }

        return hosts;
    }

    private static string? NetworkNamespace(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
