using Build.Images;
using Build.Lock;

namespace Build.Tools.Poetry;

/// <summary>
/// The Poetry that regenerates a lock: the one the project calls for (<see cref="PoetryRequirement"/>). The host's
/// when it fits (or the project calls for none); else the first local builder image whose Poetry fits, the one
/// cake.config's BuilderImage names first. Chosen once, when a lock really has to be regenerated.
/// </summary>
/// <param name="requirement">Read lazily: pyproject.toml is read only once the lock is known to need Poetry.</param>
/// <param name="inImage">Poetry in a builder image of a local pair.</param>
/// <param name="configuredBuilder">The builder image of the run's options, preferred among the fitting ones.</param>
/// <param name="log">Receives the line that says which Poetry runs and why.</param>
public sealed class FittingPoetry(
    Func<PoetryRequirement?> requirement, ILockCommandSource host, Func<LocalBaseImagePair, ILockCommandSource> inImage,
    string? configuredBuilder, Action<string> log) : ILockCommandSource
{
    private readonly Lazy<(ILockCommandSource? Chosen, string Unavailable, string Remedy)> _choice =
        new(() => Choose(requirement(), host, inImage, configuredBuilder, log));

    /// <summary>The Poetry that runs; null when none fits.</summary>
    public ILockCommandSource? Chosen => _choice.Value.Chosen;

    public Version? Version => Chosen?.Version;

    public Version? PlannedVersion => Chosen?.PlannedVersion;

    public string Unavailable => Chosen is { } chosen ? chosen.Unavailable : _choice.Value.Unavailable;

    public string Remedy => Chosen is { } chosen ? chosen.Remedy : _choice.Value.Remedy;

    public string? LastFailureReason => Chosen?.LastFailureReason;

    public ToolCommand LockCommand(string projectDirectory, IReadOnlyList<string> arguments) =>
        (Chosen ?? host).LockCommand(projectDirectory, arguments);

    public int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel) =>
        (Chosen ?? host).Lock(projectDirectory, arguments, cancel);

    public int Check(string projectDirectory, CancellationToken cancel) => (Chosen ?? host).Check(projectDirectory, cancel);

    private static (ILockCommandSource?, string, string) Choose(
        PoetryRequirement? requirement, ILockCommandSource host, Func<LocalBaseImagePair, ILockCommandSource> inImage,
        string? configuredBuilder, Action<string> log)
    {
        var hostVersion = host.Version;
        if (hostVersion is not null && (requirement is null || requirement.IsMetBy(hostVersion)))
        {
            return (host, "", "");
        }

        var pairs = LocalBaseImagePair.All
            .OrderBy(pair => pair.BuilderImage == configuredBuilder ? 0 : 1)
            .Where(pair => requirement is null || requirement.IsMetBy(pair.Poetry))
            .ToArray();
        var called = requirement is null ? "the project calls for no particular Poetry" : $"the project calls for {requirement.Describe()}";
        var hostSays = hostVersion is null ? host.Unavailable : $"the host's Poetry {hostVersion.ToString(3)} does not fit";
        if (pairs.Length == 0)
        {
            var images = string.Join(", ", LocalBaseImagePair.All.Select(pair => $"{pair.BuilderImage} has Poetry {pair.Poetry}"));
            return (null, $"{called}; {hostSays}, and no local builder image fits ({images})",
                "Install a Poetry that fits on the host (`pipx install poetry`) or change the project's requirement.");
        }

        var pair = pairs[0];
        log($"EnsureLock: {called}; {hostSays}: Poetry {pair.Poetry} runs in the builder image {pair.BuilderImage}.");
        return (inImage(pair), "", "");
    }
}
