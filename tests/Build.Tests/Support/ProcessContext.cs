using System.Diagnostics;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Build.Tests.Support;

/// <summary>
/// Just enough of an <see cref="ICakeContext"/> for a <see cref="Build.Tools.CommandRunner"/> that starts real
/// processes (the Docker-category tests): a log that collects lines and a System.Diagnostics process runner.
/// </summary>
public sealed class ProcessContext(IProcessRunner? processRunner = null) : ICakeContext
{
    public CollectingLog CollectedLog { get; } = new();

    public ICakeLog Log => CollectedLog;

    public IProcessRunner ProcessRunner { get; } = processRunner ?? new SystemProcessRunner();

    public IFileSystem FileSystem => throw new NotSupportedException();
    public ICakeEnvironment Environment => throw new NotSupportedException();
    public IGlobber Globber => throw new NotSupportedException();
    public ICakeArguments Arguments => throw new NotSupportedException();
    public IRegistry Registry => throw new NotSupportedException();
    public IToolLocator Tools => throw new NotSupportedException();
    public ICakeDataResolver Data => throw new NotSupportedException();
    public ICakeConfiguration Configuration => throw new NotSupportedException();

    public sealed class CollectingLog : ICakeLog
    {
        private readonly List<string> _lines = [];

        public Verbosity Verbosity { get; set; } = Verbosity.Normal;

        public IReadOnlyList<string> Lines { get { lock (_lines) { return _lines.ToArray(); } } }

        public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
        {
            lock (_lines)
            {
                _lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
            }
        }
    }

    private sealed class SystemProcessRunner : IProcessRunner
    {
        public IProcess Start(FilePath filePath, ProcessSettings settings)
        {
            var info = new ProcessStartInfo(filePath.FullPath, settings.Arguments.Render())
            {
                WorkingDirectory = settings.WorkingDirectory?.FullPath ?? "",
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in settings.EnvironmentVariables ?? new Dictionary<string, string>())
            {
                info.Environment[key] = value;
            }

            var process = Process.Start(info)!;
            var output = new List<string>();
            var error = new List<string>();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (output)
                    {
                        output.Add(e.Data);
                    }

                    settings.RedirectedStandardOutputHandler?.Invoke(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (error)
                    {
                        error.Add(e.Data);
                    }

                    settings.RedirectedStandardErrorHandler?.Invoke(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new Wrapped(process, output, error);
        }
    }

    private sealed class Wrapped(Process process, List<string> output, List<string> error) : IProcess
    {
        public void Dispose() => process.Dispose();

        public void WaitForExit() => process.WaitForExit();

        public bool WaitForExit(int milliseconds) => process.WaitForExit(milliseconds);

        public int GetExitCode() => process.ExitCode;

        public IEnumerable<string> GetStandardError() { lock (error) { return error.ToArray(); } }

        public IEnumerable<string> GetStandardOutput() { lock (output) { return output.ToArray(); } }

        public void Kill() => process.Kill(entireProcessTree: true);
    }
}
