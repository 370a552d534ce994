using System.Diagnostics;
using System.Globalization;
using Build.Reporting;
using Build.Tools;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Provisioning;

/// <summary>
/// Setting up the machine (packages, the engine, the local base images, the tests' tools) as a phase of its own,
/// wherever in the run it is needed: one line per step in the log (what, why, how long), the tools' own output (apt,
/// mmdebstrap) in <see cref="LogFile"/> instead, whose last lines lead the error when a step fails; each step goes to
/// the report, which draws it before the tasks and does not book its time on the task that needed it.
/// </summary>
/// <param name="effects">The run's side effects: a real run writes the log and its steps succeed; the dry run's steps
/// are planned and write nothing.</param>
public sealed class ProvisioningPhase(ICakeLog log, string logFile, Action<ProvisioningEntry> record, DateTimeOffset runStart, ISideEffects effects)
{
    /// <summary>How many of the log's last lines a failed step shows.</summary>
    public const int FailureTailLines = 15;

    private readonly object _gate = new();

    /// <summary>Where the tools' output goes (.build/provisioning.log of the repository).</summary>
    public string LogFile => logFile;

    /// <summary>
    /// Runs one step; <paramref name="run"/> gets the sink for its tools' output lines. Its line in the log says what,
    /// why and how long; a failure keeps its exit code and adds the log's last lines.
    /// </summary>
    public T Step<T>(string step, string why, Func<Action<string>, T> run)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Write($"== {started:yyyy-MM-dd HH:mm:ss} UTC: {step} ({why})");
        try
        {
            var result = run(Write);
            Done(step, why, started, clock.Elapsed, effects.Make(() => TaskStatuses.Succeeded, () => TaskStatuses.Planned));
            return result;
        }
        catch (CakeException exception)
        {
            Done(step, why, started, clock.Elapsed, "failed");
            throw new CakeException(exception.ExitCode, $"{exception.Message}{Environment.NewLine}{Tail()}");
        }
        catch
        {
            Done(step, why, started, clock.Elapsed, "failed");
            throw;
        }
    }

    /// <summary>As <see cref="Step{T}"/>, for a step that returns nothing.</summary>
    public void Step(string step, string why, Action<Action<string>> run) => Step(step, why, output =>
    {
        run(output);
        return true;
    });

    private void Done(string step, string why, DateTimeOffset started, TimeSpan took, string status)
    {
        record(new ProvisioningEntry(step, why, Math.Max(0, Math.Round((started - runStart).TotalSeconds, 3)), Math.Round(took.TotalSeconds, 3), status));
        log.Information("Provisioning: {0} ({1}): {2} in {3} s", step, why, status, took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
    }

    private void Write(string line) => effects.Make(() =>
    {
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            File.AppendAllText(logFile, line + Environment.NewLine);
        }
    });

    /// <summary>The log's last lines: what the tool said before it failed.</summary>
    private string Tail()
    {
        lock (_gate)
        {
            var lines = File.Exists(logFile) ? File.ReadLines(logFile).Where(line => line.Trim().Length > 0).TakeLast(FailureTailLines) : [];
            return $"The last lines of {logFile}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
        }
    }
}
