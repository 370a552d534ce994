using Cake.Core.Configuration;
using Cake.Core.Diagnostics;

namespace Build.DryRun;

/// <summary>
/// The closing lines of the build's dry run ("This was a dry run."). They are log output, not part of the task table,
/// and come last as in Cake's own dry run: after the table when Cake prints one (<see cref="DryRunReportPrinter"/>),
/// after the teardown when <c>--no-report</c> leaves the table out (<see cref="DryRunExecutionStrategy"/>).
/// </summary>
public static class DryRunClosing
{
    /// <summary>The Cake setting that <c>--no-report</c> sets: Cake then prints no task table.</summary>
    public const string NoReportSetting = "Settings_NoReport";

    /// <summary>Whether Cake prints the task table at the end of this run.</summary>
    public static bool TablePrinted(ICakeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !bool.TryParse(configuration.GetValue(NoReportSetting), out var noReport) || !noReport;
    }

    public static void Write(ICakeLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.Information(string.Empty);
        log.Information("This was a dry run.");
        log.Information("No tasks were actually executed.");
    }
}
