using Cake.Core.IO;

namespace Build.Tests.Support;

/// <summary>
/// Cake.Testing is not served here; this records every process the build would start and answers with canned
/// output, which is all the wrapper and task tests need.
/// </summary>
public sealed class RecordingProcessRunner : IProcessRunner
{
    private readonly List<(FilePath Program, ProcessSettings Settings)> _started = [];

    public Func<string, string, (int ExitCode, string[] Output)> Respond { get; set; } = (_, _) => (0, []);

    public IReadOnlyList<(FilePath Program, ProcessSettings Settings)> Started => _started;

    public IReadOnlyList<string> CommandLines => _started.Select(s => $"{s.Program.FullPath} {s.Settings.Arguments.Render()}").ToArray();

    public IProcess Start(FilePath filePath, ProcessSettings settings)
    {
        _started.Add((filePath, settings));
        var (exitCode, output) = Respond(filePath.FullPath, settings.Arguments.Render());
        // As Cake's own runner does: a redirected line goes through the handler as it is read.
        if (settings.RedirectedStandardOutputHandler is { } handler)
        {
            foreach (var line in output)
            {
                handler(line);
            }
        }

        return new FinishedProcess(exitCode, output);
    }

    private sealed class FinishedProcess(int exitCode, string[] output) : IProcess
    {
        public void Dispose()
        {
        }

        public void WaitForExit()
        {
        }

        public bool WaitForExit(int milliseconds) => true;

        public int GetExitCode() => exitCode;

        public IEnumerable<string> GetStandardError() => [];

        public IEnumerable<string> GetStandardOutput() => output;

        public void Kill()
        {
        }
    }
}
