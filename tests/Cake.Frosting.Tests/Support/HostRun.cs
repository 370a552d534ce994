using System.Text;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cake.Frosting.Tests.Support;

/// <summary>Runs a <see cref="CakeHost"/> with chosen task types, a recorder and captured console output.</summary>
internal sealed record HostResult(int ExitCode, string Output, IReadOnlyList<string> Events);

internal static class HostRun
{
    public static HostResult Run(Type[] tasks, string[] args, Action<CakeHost>? configure = null)
    {
        var output = new StringBuilder();
        var recorder = new Recorder();
        var host = new CakeHost().UseTaskTypes(tasks);
        host.ConfigureServices(services =>
        {
            services.AddSingleton(recorder);
            services.AddSingleton<IConsole>(new RecordingConsole(output));
            services.AddSingleton(AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(new StringBuilderWriter(output)),
            }));
        });
        configure?.Invoke(host);
        var exitCode = host.Run(args);
        return new HostResult(exitCode, output.ToString(), recorder.Events);
    }

    private sealed class StringBuilderWriter(StringBuilder buffer) : StringWriter(buffer)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
