using System.Diagnostics;
using System.Text.Json;

namespace Build.Tests.Support;

/// <summary>Questions the engine answers about a built image, and one-off commands in it.</summary>
public static class DockerImages
{
    /// <summary>The base images cake.config points the builds at (nothing can be pulled here).</summary>
    public const string PythonImage = "omninode/python:3.11-bookworm";
    public const string BuilderImage = "omninode/poetry:1.3.2-bookworm";

    /// <summary>Config.User of the image ("" when it runs as root by default).</summary>
    public static string User(string image) => Inspect(image, "{{.Config.User}}");

    /// <summary>The diff IDs of the image's layers, base first.</summary>
    public static IReadOnlyList<string> Layers(string image) =>
        JsonSerializer.Deserialize<string[]>(Inspect(image, "{{json .RootFS.Layers}}")) ?? [];

    /// <summary>Config.Labels of the image.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string image) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Inspect(image, "{{json .Config.Labels}}")) ?? [];

    /// <summary>Every tag of the image (RepoTags), sorted.</summary>
    public static IReadOnlyList<string> Tags(string image) =>
        (JsonSerializer.Deserialize<string[]>(Inspect(image, "{{json .RepoTags}}")) ?? []).Order(StringComparer.Ordinal).ToArray();

    /// <summary>`docker run --rm` with the given entrypoint and arguments; nothing published.</summary>
    public static (int ExitCode, string Output) Exec(string image, string entrypoint, params string[] arguments) =>
        DockerEngineRequirement.Docker(["run", "--rm", "--entrypoint", entrypoint, image, .. arguments]);

    /// <summary>`python -c CODE` with the image's own python (the venv's, first on PATH).</summary>
    public static (int ExitCode, string Output) Python(string image, string code) => Exec(image, "python", "-c", code);

    /// <summary>Removes every image whose repository starts with the prefix (all its tags); returns what is left.</summary>
    public static IReadOnlyList<string> RemoveRepositories(string prefix)
    {
        var references = References(prefix);
        if (references.Count > 0)
        {
            DockerEngineRequirement.Docker(["image", "rm", "--force", .. references]);
        }

        return References(prefix);
    }

    private static IReadOnlyList<string> References(string prefix) =>
        DockerEngineRequirement.Docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(reference => reference.StartsWith(prefix, StringComparison.Ordinal))
            .ToArray();

    private static string Inspect(string image, string format)
    {
        var (exitCode, output) = DockerEngineRequirement.Docker("image", "inspect", "--format", format, image);
        Assert.That(exitCode, Is.Zero, $"docker image inspect {image}: {output}");
        return output.Trim();
    }
}

/// <summary>A detached container of an image (nothing published), removed on dispose.</summary>
public sealed class RunningContainer : IDisposable
{
    private RunningContainer(string id) => Id = id;

    public string Id { get; }

    public static RunningContainer Start(string image)
    {
        var (exitCode, output) = DockerEngineRequirement.Docker("run", "--detach", image);
        Assert.That(exitCode, Is.Zero, $"docker run --detach {image}: {output}");
        return new RunningContainer(output.Trim().Split('\n')[^1]);
    }

    /// <summary>Polls State.Health.Status until it is healthy or unhealthy or the time is up; the last status seen.</summary>
    public string WaitForHealth(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var status = "";
        while (clock.Elapsed < timeout)
        {
            status = DockerEngineRequirement.Docker(
                "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}no health check{{end}}", Id).Output.Trim();
            if (status is "healthy" or "unhealthy" or "no health check")
            {
                return status;
            }

            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        return status;
    }

    /// <summary>Polls State.Health.Status until it is <paramref name="status"/>; how long that took, or null when the time ran out.</summary>
    public TimeSpan? TimeUntilHealth(string status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (DockerEngineRequirement.Docker("inspect", "--format", "{{.State.Health.Status}}", Id).Output.Trim() == status)
            {
                return clock.Elapsed;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(250));
        }

        return null;
    }

    /// <summary>
    /// Stops every process of the container with SIGSTOP, seen from the host (docker top): the service hangs while
    /// its listening socket still accepts connections, the hardest failure for a health check to see.
    /// </summary>
    public void Freeze()
    {
        var pids = DockerEngineRequirement.Docker("top", Id, "-eo", "pid").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToArray();
        Assert.That(pids, Is.Not.Empty, "docker top listed no process");
        var (exitCode, output) = DockerEngineRequirement.Run("kill", ["-STOP", .. pids]);
        Assert.That(exitCode, Is.Zero, output);
    }

    public string Logs() => DockerEngineRequirement.Docker("logs", Id).Output;

    public void Dispose() => DockerEngineRequirement.Docker("rm", "--force", Id);
}

/// <summary>Reads a `docker build` log: did a step run or come from the cache, under either builder.</summary>
public static class BuildLog
{
    public enum StepOutcome
    {
        NotFound,
        Cached,
        Built,
    }

    /// <summary>
    /// The outcome of the first RUN/COPY step whose instruction contains <paramref name="instruction"/>. BuildKit
    /// (--progress=plain) prints "#N [stage i/n] INSTRUCTION" and later "#N CACHED"; the legacy builder prints
    /// "Step i/n : INSTRUCTION" and on the next line " ---> Using cache".
    /// </summary>
    public static StepOutcome Step(string log, string instruction)
    {
        // The host prefixes each image's lines with "[service] " (builds may run in parallel): split the log by
        // image first, so a BuildKit vertex number is only looked up among its own image's lines.
        var lines = log.Split('\n').Select(line => line.TrimEnd('\r')).Select(Unprefix).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var (image, line) = lines[i];
            if (!line.Contains(instruction, StringComparison.Ordinal))
            {
                continue;
            }

            var own = lines.Where(other => other.Image == image).Select(other => other.Line).ToArray();
            if (line.StartsWith("Step ", StringComparison.Ordinal))
            {
                var next = Array.IndexOf(own, line) + 1;
                return next < own.Length && own[next].Trim() == "---> Using cache" ? StepOutcome.Cached : StepOutcome.Built;
            }

            if (line.StartsWith('#') && line.Contains(" [", StringComparison.Ordinal))
            {
                var vertex = line[..line.IndexOf(' ')];
                return own.Contains($"{vertex} CACHED") ? StepOutcome.Cached : StepOutcome.Built;
            }
        }

        return StepOutcome.NotFound;
    }

    /// <summary>
    /// The stages the legacy builder ran, in order: the name of every "Step i/n : FROM image AS name" line (the
    /// image itself for a stage without a name). BuildKit's log has no such lines.
    /// </summary>
    public static IReadOnlyList<string> LegacyStages(string log) =>
        log.Split('\n')
            .Select(line => Unprefix(line.TrimEnd('\r')).Line)
            .Select(line => System.Text.RegularExpressions.Regex.Match(
                line, @"^Step \d+/\d+ : FROM (\S+)(?: AS (\S+))?", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Where(match => match.Success)
            .Select(match => match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value)
            .ToArray();

    private static (string Image, string Line) Unprefix(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^\[([^\]]+)\] ?(.*)$");
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : ("", line);
    }
}
