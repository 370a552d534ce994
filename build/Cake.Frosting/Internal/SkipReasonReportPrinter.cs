using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>
/// Decorates Cake's report printer: fills the "Skip Reason" of tasks skipped by ShouldRun (Cake's criteria
/// message is fixed at registration, a Frosting ShouldRun reason is known only when it runs).
/// </summary>
internal sealed class SkipReasonReportPrinter : ICakeReportPrinter
{
    private readonly ICakeReportPrinter _inner;
    private readonly SkipReasons _reasons;

    public SkipReasonReportPrinter(ICakeReportPrinter inner, SkipReasons reasons)
    {
        _inner = inner;
        _reasons = reasons;
    }

    public void Write(CakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var filled = new CakeReport();
        foreach (var entry in report)
        {
            var message = entry.SkippedMessage;
            if (entry.ExecutionStatus == CakeTaskExecutionStatus.Skipped && string.IsNullOrEmpty(message))
            {
                message = _reasons.Get(entry.TaskName) ?? string.Empty;
            }

            filled.Add(entry.TaskName, message, entry.Category, entry.Duration, entry.ExecutionStatus);
        }

        _inner.Write(filled);
    }

    public void WriteStep(string name, Verbosity verbosity) => _inner.WriteStep(name, verbosity);

    public void WriteLifeCycleStep(string name, Verbosity verbosity) => _inner.WriteLifeCycleStep(name, verbosity);

    public void WriteSkippedStep(string name, Verbosity verbosity) => _inner.WriteSkippedStep(name, verbosity);
}
