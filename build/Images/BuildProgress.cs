using System.Globalization;
using System.Text.RegularExpressions;

namespace Build.Images;

/// <summary>
/// What a person needs of one docker build's output while it runs: a line when a Dockerfile stage is done, the
/// warnings, the step that failed; at the end, how many steps ran and how many came from the cache. BuildKit's plain
/// progress (a vertex's digest, its transfers, every line a RUN step prints) is for the build's log file, not the
/// console. Reads BuildKit's <c>--progress=plain</c> and the legacy builder's <c>Step N/M</c> form; one instance per
/// build, its lines read in the order they came.
/// </summary>
public sealed partial class BuildProgress
{
    /// <summary>How many of a failed step's own last lines are shown: BuildKit 20.10's error block does not repeat them.</summary>
    public const int FailedStepLines = 10;

    private readonly Dictionary<string, Vertex> _vertices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warnings = new(StringComparer.Ordinal);
    private int _legacySteps;
    private int _legacyCached;

    /// <summary>Dockerfile steps finished so far (from the cache or run).</summary>
    public int Steps => _legacySteps + _vertices.Values.Count(vertex => vertex.Step is not null && vertex.Finished);

    /// <summary>Of <see cref="Steps"/>, those the cache answered.</summary>
    public int Cached => _legacyCached + _vertices.Values.Count(vertex => vertex.Step is not null && vertex.Cached);

    /// <summary>How many warnings were shown.</summary>
    public int Warnings => _warnings.Count;

    /// <summary>The lines to show for one line of output: none for most of them.</summary>
    public IReadOnlyList<string> Read(string line)
    {
        line = line.TrimEnd();
        if (VertexLine().Match(line) is { Success: true } vertexLine)
        {
            return ReadVertex(vertexLine.Groups["id"].Value, vertexLine.Groups["rest"].Value);
        }

        if (LegacyStep().IsMatch(line))
        {
            _legacySteps++;
            return [];
        }

        if (line.Trim() == "---> Using cache")
        {
            _legacyCached++;
            return [];
        }

        // What the client prints itself: BuildKit's error block and the legacy builder's lines are in the failure's
        // message; a warning of either is shown now.
        return Warning(line.Trim(), line.Trim());
    }

    /// <summary>The closing line of a build that succeeded: its time and what the cache gave.</summary>
    public string Summary(TimeSpan took, string logFile) =>
        string.Create(CultureInfo.InvariantCulture,
            $"built in {took.TotalSeconds:0.0} s: {Steps} steps, {Cached} from the cache{WarningCount()}; whole output in {logFile}");

    private string WarningCount() => Warnings switch
    {
        0 => "",
        1 => ", 1 warning",
        var count => $", {count} warnings",
    };

    private IReadOnlyList<string> ReadVertex(string id, string rest)
    {
        if (!_vertices.TryGetValue(id, out var vertex))
        {
            // BuildKit names a vertex on its first line ("#8 [base 3/6] RUN …", "#15 exporting to image").
            _vertices[id] = new Vertex(rest, StepName().Match(rest) is { Success: true } step ? step : null);
            return [];
        }

        if (rest == "CACHED" || DoneLine().IsMatch(rest))
        {
            vertex.Finished = true;
            vertex.Cached = rest == "CACHED";
            return StageDone(vertex);
        }

        if (rest.StartsWith("ERROR", StringComparison.Ordinal))
        {
            return [$"failed: {vertex.Name}: {rest["ERROR".Length..].TrimStart(':', ' ')}", .. vertex.Output.Select(output => "  " + output)];
        }

        // A RUN step's own line comes after the time since the step started ("#14 6.020 text").
        if (TimedLine().Match(rest) is not { Success: true } timed)
        {
            return [];
        }

        var text = timed.Groups["text"].Value.TrimEnd();
        if (text.Trim().Length == 0)
        {
            return [];
        }

        vertex.Keep(text);
        return Warning(text.Trim(), $"{vertex.Position} {text.Trim()}");
    }

    /// <summary>The line of a stage whose last step is done (steps of one stage run in order, so its last is done last).</summary>
    private IReadOnlyList<string> StageDone(Vertex vertex)
    {
        if (vertex.Step is not { } step || step.Groups["number"].Value != step.Groups["count"].Value)
        {
            return [];
        }

        var stage = step.Groups["stage"].Value;
        var count = step.Groups["count"].Value;
        var cached = _vertices.Values.Count(other => other.Step is { } otherStep && otherStep.Groups["stage"].Value == stage && other.Cached);
        var name = stage.Length == 0 ? "stage" : $"stage {stage}";
        var fromCache = cached.ToString(CultureInfo.InvariantCulture) == count ? "all" : cached.ToString(CultureInfo.InvariantCulture);
        return [$"{name}: {count} steps, {fromCache} from the cache"];
    }

    private IReadOnlyList<string> Warning(string text, string shown) =>
        WarningText().IsMatch(text) && _warnings.Add(shown) ? [shown] : [];

    private sealed class Vertex(string name, Match? step)
    {
        public string Name { get; } = name;

        /// <summary>Where in the Dockerfile: "[base 3/6]"; the name itself for BuildKit's own vertices.</summary>
        public string Position => Step is { } step ? $"[{step.Groups["position"].Value}]" : Name;

        /// <summary>The step's stage and number, when the vertex is a Dockerfile step.</summary>
        public Match? Step { get; } = step;

        public bool Finished { get; set; }

        public bool Cached { get; set; }

        private readonly Tools.OutputTail _output = new(FailedStepLines);

        /// <summary>The step's own last lines.</summary>
        public IReadOnlyList<string> Output => _output.Lines;

        public void Keep(string line) => _output.Add(line);
    }

    // "#14 …": a line of BuildKit's plain progress about vertex 14.
    [GeneratedRegex(@"^#(?<id>\d+) (?<rest>.*)$")]
    private static partial Regex VertexLine();

    // "[production-builder 1/4] RUN …", "[2/3] COPY …" (an unnamed stage of a one-stage Dockerfile); not "[internal] …".
    [GeneratedRegex(@"^\[(?<position>(?:(?<stage>[^\]\s]+) )?(?<number>\d+)/(?<count>\d+))\] ")]
    private static partial Regex StepName();

    [GeneratedRegex(@"^DONE \d+(\.\d+)?s$")]
    private static partial Regex DoneLine();

    [GeneratedRegex(@"^\d+\.\d+ ?(?<text>.*)$")]
    private static partial Regex TimedLine();

    [GeneratedRegex(@"^Step \d+/\d+ : ")]
    private static partial Regex LegacyStep();

    // "WARNING: …", "Warning: …", "[WARNING]: …", "WARN[0000] …": how docker, BuildKit, pip and Poetry start a warning.
    [GeneratedRegex(@"^\[?(WARN|WARNING|Warning)\b")]
    private static partial Regex WarningText();
}
