using System.Collections;
using System.Globalization;
using System.Text;
using Build.DryRun;
using Cake.Core;
using Cake.Core.IO;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Build.Tests.Support;

/// <summary>
/// Runs the real build host (<see cref="BuildHost.Create"/>, what Program runs: the same task discovery, context,
/// lifetimes and dry run) inside the test process. Every process the build would start goes to a
/// <see cref="RecordingProcessRunner"/>, the log and the task report are captured, and the process's global state
/// (environment variables, current directory, Console) is the same after the run as before: the build reads the
/// environment through Cake's <see cref="ICakeEnvironment"/>, which is an overlay here, and hands its children the
/// engine's DOCKER_HOST through each command's own environment; anything a run still changed would be put back.
/// </summary>
public static class InProcessBuild
{
    /// <summary>Serialises in-process runs: Console and the process environment are one per process.</summary>
    private static readonly System.Threading.Lock OneRunAtATime = new();

    /// <summary>Runs the build from the repository with <paramref name="arguments"/>.</summary>
    public static HostResult Run(params string[] arguments) => In(HostRun.RepositoryRoot, null, null, arguments);

    /// <summary>
    /// Runs the build from <paramref name="workingDirectory"/>, with <paramref name="environment"/> over the test
    /// process's variables (and without the ones a caller's shell may have left: BUILD_TARGET, BRIDGE_REGISTRY,
    /// GITHUB_ACTIONS, as <see cref="HostRun"/> does), recording processes in <paramref name="processes"/>.
    /// </summary>
    public static HostResult In(
        string workingDirectory, IReadOnlyDictionary<string, string>? environment, RecordingProcessRunner? processes, params string[] arguments)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var variables = Variables(environment);
        var dryRun = DryRunSwitch.Take(arguments);
        var host = BuildHost.Create(dryRun).ConfigureServices(services =>
        {
            services.AddSingleton<IProcessRunner>(processes ?? new RecordingProcessRunner());
            services.AddSingleton<ICakeEnvironment>(new OverlayEnvironment(variables, new DirectoryPath(workingDirectory)));
            services.AddSingleton<IConsole>(new CapturingConsole(output, error));
            services.AddSingleton(AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(new BufferWriter(output)),
            }));
        });

        lock (OneRunAtATime)
        {
            var saved = ProcessState.Save();
            Console.SetOut(new BufferWriter(output));
            Console.SetError(new BufferWriter(error));
            // --password-stdin reads standard input: a run here reads an empty one, never the test runner's.
            Console.SetIn(TextReader.Null);
            try
            {
                var exitCode = host.Run(dryRun.HostArguments);
                return new HostResult(exitCode, Text(output), Text(error));
            }
            finally
            {
                saved.Restore();
            }
        }
    }

    private static Dictionary<string, string> Variables(IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        variables["NO_COLOR"] = "1";
        variables.Remove("BUILD_TARGET");
        variables.Remove("BRIDGE_REGISTRY");
        variables.Remove("GITHUB_ACTIONS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return variables;
    }

    private static string Text(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    /// <summary>The global state a run may change: Console's streams, the environment, the current directory.</summary>
    private sealed record ProcessState(TextReader In, TextWriter Out, TextWriter Error, IDictionary Environment, string CurrentDirectory)
    {
        public static ProcessState Save() =>
            new(Console.In, Console.Out, Console.Error, System.Environment.GetEnvironmentVariables(), Directory.GetCurrentDirectory());

        public void Restore()
        {
            Console.SetIn(In);
            Console.SetOut(Out);
            Console.SetError(Error);
            foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            {
                if (!Environment.Contains(entry.Key))
                {
                    System.Environment.SetEnvironmentVariable((string)entry.Key, null);
                }
            }

            foreach (DictionaryEntry entry in Environment)
            {
                System.Environment.SetEnvironmentVariable((string)entry.Key, (string?)entry.Value);
            }

            Directory.SetCurrentDirectory(CurrentDirectory);
        }
    }

    /// <summary>
    /// Cake's environment with the run's own variables and working directory: Cake's own sets the process's current
    /// directory when the host sets the working directory, which would outlive the run.
    /// </summary>
    private sealed class OverlayEnvironment(IReadOnlyDictionary<string, string> variables, DirectoryPath workingDirectory) : ICakeEnvironment
    {
        private readonly CakeEnvironment _machine = new(new CakePlatform(), new CakeRuntime());

        public DirectoryPath WorkingDirectory { get; set; } = workingDirectory;

        public DirectoryPath ApplicationRoot => _machine.ApplicationRoot;

        public DirectoryPath UserHomeDirectory => _machine.UserHomeDirectory;

        public ICakePlatform Platform => _machine.Platform;

        public ICakeRuntime Runtime => _machine.Runtime;

        public DirectoryPath GetSpecialPath(SpecialPath path) => _machine.GetSpecialPath(path);

        public string? GetEnvironmentVariable(string variable) => variables.GetValueOrDefault(variable);

        public IDictionary<string, string> GetEnvironmentVariables()
        {
            // As Cake's own: keys compared without case (a later one wins when two differ only in case).
            var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in variables)
            {
                copy[key] = value;
            }

            return copy;
        }
    }

    /// <summary>Cake's console, writing the log to the run's buffers (errors apart, as on a terminal).</summary>
    private sealed class CapturingConsole(StringBuilder output, StringBuilder error) : IConsole
    {
        public ConsoleColor ForegroundColor { get; set; }

        public ConsoleColor BackgroundColor { get; set; }

        public bool SupportAnsiEscapeCodes => false;

        public void Write(string format, params object[] arg) => Append(output, format, arg);

        public void WriteLine(string format, params object[] arg) => Append(output, format, arg, newLine: true);

        public void WriteError(string format, params object[] arg) => Append(error, format, arg);

        public void WriteErrorLine(string format, params object[] arg) => Append(error, format, arg, newLine: true);

        public void Write(string value) => Append(output, value, []);

        public void WriteLine(string value) => Append(output, value, [], newLine: true);

        public void WriteError(string value) => Append(error, value, []);

        public void WriteErrorLine(string value) => Append(error, value, [], newLine: true);

        public void ResetColor()
        {
        }

        private static void Append(StringBuilder buffer, string format, object[] arg, bool newLine = false)
        {
            lock (buffer)
            {
                buffer.Append(arg.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, arg));
                if (newLine)
                {
                    buffer.AppendLine();
                }
            }
        }
    }

    /// <summary>A writer into a shared buffer, safe for the build's parallel image builds.</summary>
    private sealed class BufferWriter(StringBuilder buffer) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (buffer)
            {
                buffer.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (buffer)
            {
                buffer.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (buffer)
            {
                buffer.Append(value).AppendLine();
            }
        }
    }
}
