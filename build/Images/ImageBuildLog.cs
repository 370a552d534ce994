using Cake.Core;
using Cake.Frosting;

namespace Build.Images;

/// <summary>
/// Where one image build's output goes: every line into its log file (artifacts/build-logs/, named in the summary and
/// in a failure, so nothing is lost), and to the console either every line (<c>--verbosity=verbose</c> or
/// <c>diagnostic</c>) or only what <see cref="BuildProgress"/> picks. The file is opened on the first line, so a
/// build that never ran (a dry run) writes none; the previous build's log of the same image is replaced.
/// </summary>
/// <param name="name">The log's name: {service}-{flavour} for an image of the table (<see cref="NameOf"/>).</param>
public sealed class ImageBuildLog(string repositoryRoot, string name, bool everyLine, Action<string> show) : IDisposable
{
    /// <summary>The folder of the build logs, relative to the repository root (as messages name it).</summary>
    public const string Folder = "artifacts/build-logs";

    private readonly object _gate = new();
    private readonly string _path = Path.Combine(repositoryRoot, Folder, name + ".log");
    private StreamWriter? _file;

    /// <summary>What was read of the output so far.</summary>
    public BuildProgress Progress { get; } = new();

    /// <summary>The log file as messages name it: relative to the repository root.</summary>
    public string File => $"{Folder}/{name}.log";

    /// <summary>The log name of an image: reducer-production, orchestrator-slim.</summary>
    public static string NameOf(ImageSpec spec) => $"{spec.Service}-{spec.Flavour.ToString().ToLowerInvariant()}";

    /// <summary>The closing line of a build that succeeded.</summary>
    public string Summary(TimeSpan took) => Progress.Summary(took, File);

    /// <summary>A failed build's error with the log named last: the console showed only part of the output.</summary>
    public CakeException Failed(CakeException exception) =>
        new(exception.ExitCode, $"{exception.Message}{Environment.NewLine}The build's whole output: {File}", exception);

    /// <summary>One line of the build's output.</summary>
    public void Line(string line)
    {
        IReadOnlyList<string> shown;
        lock (_gate)
        {
            if (_file is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                // Flushed line by line: a build that is killed or interrupted still leaves what it printed.
                _file = new StreamWriter(_path, append: false) { AutoFlush = true };
            }

            _file.WriteLine(ConsoleColour.Strip(line));
            shown = Progress.Read(line);
        }

        if (everyLine)
        {
            show(line);
            return;
        }

        foreach (var picked in shown)
        {
            show(picked);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }
}
