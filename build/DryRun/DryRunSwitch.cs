namespace Build.DryRun;

/// <summary>
/// Whether this run is the build's dry run. Cake.Frosting's own dry run lists the task names and skips every Run;
/// the build's says more (each command a task would run, the lock verdict, what Verify would check), so the build
/// takes Cake's dry-run spellings off the command line before the host parses it, runs the tasks with the dry run's
/// services (<see cref="DryRunServices"/>: a command runner that prints, side effects that are told), and numbers them
/// with <see cref="DryRunExecutionStrategy"/>. The switch is read there and nowhere else. The build
/// decides this alone, through the host's public <c>ConfigureServices</c>: swapping the stock Cake.Frosting package
/// in keeps the same dry run.
/// </summary>
/// <param name="IsDryRun">Whether one of the spellings was given (and not set to false).</param>
/// <param name="HostArguments">The command line without the dry-run spellings, for the host.</param>
public sealed record DryRunSwitch(bool IsDryRun, IReadOnlyList<string> HostArguments)
{
    /// <summary>Cake's spellings of the dry run (Cake.Tool accepts the same).</summary>
    public static readonly IReadOnlyList<string> Spellings = ["dryrun", "dry-run", "noop", "whatif"];

    /// <summary>Takes every dry-run spelling (<c>--dryrun</c>, <c>--dryrun=true|false</c>, …) out of <paramref name="args"/>.</summary>
    public static DryRunSwitch Take(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dryRun = false;
        var rest = new List<string>();
        foreach (var token in args)
        {
            if (Value(token) is { } value)
            {
                dryRun = value;
            }
            else
            {
                rest.Add(token);
            }
        }

        return new DryRunSwitch(dryRun, rest);
    }

    // A spelling alone means true; any value other than false (as Cake reads a switch) means true too.
    private static bool? Value(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var body = token[2..];
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? body[..eq] : body;
        if (!Spellings.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return eq < 0 || !bool.TryParse(body[(eq + 1)..], out var parsed) || parsed;
    }
}
