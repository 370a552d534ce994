using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.DryRun;

/// <summary>
/// Cake's task table, then the dry run's closing lines, so that they come last as in Cake's own dry run (the host
/// prints the table after the engine is done, later than any strategy or lifetime hook).
/// </summary>
public sealed class DryRunReportPrinter(ICakeReportPrinter inner, ICakeLog log) : ICakeReportPrinter
{
    public void Write(CakeReport report)
    {
        inner.Write(report);
        DryRunClosing.Write(log);
    }

    public void WriteStep(string name, Verbosity verbosity) => inner.WriteStep(name, verbosity);

    public void WriteLifeCycleStep(string name, Verbosity verbosity) => inner.WriteLifeCycleStep(name, verbosity);

    public void WriteSkippedStep(string name, Verbosity verbosity) => inner.WriteSkippedStep(name, verbosity);
}
