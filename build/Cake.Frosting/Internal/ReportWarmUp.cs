using Cake.Cli;
using Cake.Core;
using Spectre.Console;

namespace Cake.Frosting.Internal;

/// <summary>
/// Renders a throw-away task report to a null console on a background thread while the tasks run. Spectre's table
/// layout is the dearest first use of a short build (about 0.1 s of JIT and width tables on this 2-core machine);
/// done in parallel, the real report at the end finds it warm. Same printer, same output: only the wait moves.
/// </summary>
internal static class ReportWarmUp
{
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(TextWriter.Null),
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.TrueColor,
                Interactive = InteractionSupport.No,
            });
            var report = new CakeReport();
            report.Add("Setup", CakeReportEntryCategory.Setup, TimeSpan.FromMilliseconds(1));
            report.Add("Task", TimeSpan.FromSeconds(1));
            report.AddSkipped("Skipped", "a reason long enough to wrap over more than one line of the table");
            report.AddFailed("Failed", TimeSpan.FromSeconds(2));
            new CakeSpectreReportPrinter(console).Write(report);
        }
        catch (Exception)
        {
            // A warm-up only: whatever fails here fails again, visibly, in the real report.
        }
    }, null);
}
