namespace Build.Images;

/// <summary>Where buildx exports the layer cache to and imports it from.</summary>
public enum BuildCacheKind
{
    /// <summary>A folder of this machine (<c>type=local</c>): a CI cache step or a laptop keeps it between runs.</summary>
    Local,

    /// <summary>GitHub Actions' cache service (<c>type=gha</c>), reached with the runner's ACTIONS_RUNTIME_TOKEN.</summary>
    GitHubActions,
}

/// <summary>
/// --build-cache: buildx's cache export and import instead of the image's inline cache. Every image gets a cache of
/// its own (a folder, or a gha scope, named after the image): the two images of a target build at once, and two
/// builds writing one local folder would replace each other's index.
/// </summary>
public sealed record BuildCache(BuildCacheKind Kind, string? Folder = null)
{
    /// <summary>The forms the option takes, for --help and for the message about a value that is none of them.</summary>
    public const string Forms = "local,dir=PATH or gha";

    /// <summary>The variable buildx's gha cache reads its token from; a `run:` step has it only when the workflow exposes it.</summary>
    public const string GitHubRuntimeToken = "ACTIONS_RUNTIME_TOKEN";

    /// <summary>The --cache-from value of one image (<see cref="ImageBuildLog.NameOf"/> names it).</summary>
    public string ImportFor(string image) => Kind == BuildCacheKind.Local
        ? $"type=local,src={Path.Combine(Folder!, image)}"
        : $"type=gha,scope={image}";

    /// <summary>The --cache-to value of one image: mode=max keeps the builder stage's layers too, where the dependencies install.</summary>
    public string ExportFor(string image) => Kind == BuildCacheKind.Local
        ? $"type=local,dest={Path.Combine(Folder!, image)},mode=max"
        : $"type=gha,scope={image},mode=max";

    /// <summary>
    /// The cache of an option value (<c>local,dir=PATH</c>, the folder made absolute against <paramref name="workingDirectory"/>,
    /// or <c>gha</c>), or the paragraph that says what is wrong with it.
    /// </summary>
    public static (BuildCache? Cache, string? Problem) Parse(string value, string workingDirectory, Func<string, string?> environment)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !settings.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                return (null, Bad(value, $"'{part}' is not a KEY=VALUE given once"));
            }
        }

        switch (parts[0])
        {
            case "local":
                if (settings.Keys.Except(["dir"]).FirstOrDefault() is { } unknownLocal)
                {
                    return (null, Bad(value, $"type local takes dir only, not {unknownLocal}"));
                }

                if (!settings.TryGetValue("dir", out var folder) || folder.Length == 0)
                {
                    return (null, Bad(value, "type local needs the folder: dir=PATH"));
                }

                return (new BuildCache(BuildCacheKind.Local, Path.GetFullPath(folder, workingDirectory)), null);
            case "gha":
                if (settings.Count > 0)
                {
                    return (null, Bad(value, $"type gha takes no settings (each image's scope is its name), not {settings.Keys.First()}"));
                }

                // Outside a workflow step that exposes the runtime (a laptop, or a `run:` step without it) buildx would
                // fail at the first build with a message about a missing token; said here, before anything runs.
                if (environment(GitHubRuntimeToken) is not { Length: > 0 })
                {
                    return (null, $"--build-cache={value}: the GitHub Actions cache needs {GitHubRuntimeToken}, which GitHub gives only to " +
                        "actions, not to `run:` steps. In the workflow, a step `uses: crazy-max/ghaction-github-runtime@v3` before the build " +
                        "exposes it; elsewhere use --build-cache=local,dir=PATH.");
                }

                return (new BuildCache(BuildCacheKind.GitHubActions), null);
            default:
                return (null, Bad(value, $"'{parts[0]}' is not a cache type this build exports"));
        }
    }

    private static string Bad(string value, string why) =>
        $"--build-cache={value} (or BRIDGE_BUILD_CACHE): {why}. " +
        "Valid forms: --build-cache=local,dir=PATH (a folder of this machine, one sub-folder per image) " +
        "or --build-cache=gha (GitHub Actions' cache, one scope per image).";
}
