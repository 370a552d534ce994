using Cake.Core;

namespace Build.Tools.Docker;

/// <summary>
/// Asks the docker clients of this machine what they can build with and picks one (<see cref="BuilderChoice"/>).
/// It runs only when an image is really built, so an unchanged run starts no docker process. The questions
/// (`docker version`, `docker buildx version` of every candidate) run at once: about the cost of one. With
/// <paramref name="answers"/> they are asked once per fingerprint of the client, its plugins and the engine
/// (<paramref name="fingerprintOf"/>), so a later build starts none of them.
/// </summary>
public sealed class BuilderProbe(
    ICommandRunner runner, Func<string, DockerCommands> commandsFor, ToolProbeCache? answers = null, Func<string, string>? fingerprintOf = null)
{
    private readonly ToolProbeCache _answers = answers ?? ToolProbeCache.None();

    /// <summary>
    /// The candidates: <paramref name="configured"/> alone when it was given with --docker, else it (the
    /// `docker` first on PATH) followed by every other `docker` on <paramref name="path"/>, each file once
    /// (symbolic links resolved: /bin and /usr/bin are one folder on merged-/usr systems).
    /// </summary>
    public static IReadOnlyList<string> Candidates(string configured, bool clientGiven, string? path)
    {
        if (clientGiven)
        {
            return [configured];
        }

        // The first `docker` on PATH is the one "docker" runs; the others are the alternatives.
        var found = ProgramPath.Matches("docker", path).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<string> { configured };
        for (var i = 0; i < found.Length; i++)
        {
            if (seen.Add(RealPath(found[i])) && i > 0)
            {
                candidates.Add(found[i]);
            }
        }

        return candidates;
    }

    /// <summary>
    /// Probes <paramref name="candidates"/> (the configured client first) and chooses. When the configured client
    /// reaches no engine, <paramref name="engineUnreachable"/> says so (the engine's own error, naming DOCKER_HOST).
    /// <paramref name="chosenBy"/>: what chose a given client (<see cref="BuilderChoice.Choose"/>).
    /// </summary>
    public BuilderChoice Choose(IReadOnlyList<string> candidates, bool clientGiven, Func<Exception> engineUnreachable,
        string chosenBy = BuilderChoice.ByDockerOption)
    {
        var facts = candidates.Select(client => Task.Run(() => Ask(client))).ToArray();
        Task.WaitAll(facts);
        var answers = facts.Select(task => task.Result).ToArray();
        if (!answers[0].ReachesEngine)
        {
            throw engineUnreachable();
        }

        return BuilderChoice.Choose(answers, clientGiven, chosenBy);
    }

    private DockerClientFacts Ask(string client)
    {
        var docker = commandsFor(client);
        try
        {
            var fingerprint = fingerprintOf?.Invoke(client) ?? "";
            var buildx = Task.Run(() => _answers.Answer($"docker buildx version number of {client}", fingerprint, () =>
            {
                var asked = runner.Capture(docker.BuildxVersion(), DockerProbe.ProbeTimeout);
                return asked.Succeeded ? DockerClientFacts.ParseBuildxVersion(asked.OutputText) ?? "unknown" : "no";
            }));
            // Only an answer that reached the engine is kept: an engine that is down now is asked again next time.
            var version = _answers.Answer($"docker version of {client}", fingerprint, () =>
            {
                var asked = runner.Capture(docker.Version(), DockerProbe.ProbeTimeout);
                return DockerClientFacts.FromVersionJson(client, asked.OutputText, false).ReachesEngine ? asked.OutputText : null;
            });
            var buildxVersion = buildx.Result is "no" or null ? null : buildx.Result;
            return DockerClientFacts.FromVersionJson(client, version ?? "", buildxVersion is not null) with { BuildxVersion = buildxVersion };
        }
        catch (Exception error) when (error is CakeException || error.InnerException is CakeException)
        {
            // Missing or not startable: a candidate like any other that reaches no engine.
            return new DockerClientFacts(client, "not startable", ReachesEngine: false, EngineHasBuildKit: false, HasBuildx: false);
        }
    }

    /// <summary>The file a path names, with a linked folder (/bin → usr/bin) and a linked file resolved.</summary>
    private static string RealPath(string file)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
            directory = Directory.ResolveLinkTarget(directory, returnFinalTarget: true)?.FullName ?? directory;
            var inDirectory = Path.Combine(directory, Path.GetFileName(file));
            return File.ResolveLinkTarget(inDirectory, returnFinalTarget: true)?.FullName ?? inDirectory;
        }
        catch (IOException)
        {
            return Path.GetFullPath(file);
        }
    }
}
