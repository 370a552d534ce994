namespace Build.Tests.Support;

/// <summary>The engine's tags and the image each names: what the suite must leave as it found it.</summary>
public sealed record EngineTags(IReadOnlyDictionary<string, string> ImageOfTag)
{
    /// <summary>Every tag of the engine now (dangling images have none); null when no engine answers.</summary>
    public static EngineTags? Read()
    {
        var (exitCode, output) = DockerEngineRequirement.Docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        return exitCode != 0 ? null : Parse(output);
    }

    /// <summary>Lines of `REPOSITORY:TAG ID`; untagged images (&lt;none&gt;) are not tags.</summary>
    public static EngineTags Parse(string lines) => new(lines
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', 2))
        .Where(parts => parts.Length == 2 && !parts[0].Contains("<none>", StringComparison.Ordinal))
        .DistinctBy(parts => parts[0])
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal));

    /// <summary>What differs from <paramref name="before"/>, one line a tag, sorted: removed, added, or moved to another image.</summary>
    public IReadOnlyList<string> ChangesSince(EngineTags before)
    {
        var removed = before.ImageOfTag.Keys.Except(ImageOfTag.Keys).Select(tag => $"removed: {tag} (was {before.ImageOfTag[tag]})");
        var added = ImageOfTag.Keys.Except(before.ImageOfTag.Keys).Select(tag => $"added: {tag} ({ImageOfTag[tag]})");
        var moved = ImageOfTag.Keys.Intersect(before.ImageOfTag.Keys).Where(tag => ImageOfTag[tag] != before.ImageOfTag[tag])
            .Select(tag => $"moved: {tag} ({before.ImageOfTag[tag]} -> {ImageOfTag[tag]})");
        return removed.Concat(added).Concat(moved).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Puts the tags back as they were in <paramref name="before"/>: a tag the suite added is removed (docker rmi
    /// --no-prune), a tag it moved or removed points at its old image again. What could not be put back, one line a tag.
    /// </summary>
    public IReadOnlyList<(string Tag, string Message)> Restore(EngineTags before)
    {
        var failures = new List<(string Tag, string Message)>();
        foreach (var tag in ImageOfTag.Keys.Except(before.ImageOfTag.Keys))
        {
            if (DockerEngineRequirement.Docker("rmi", "--no-prune", tag).ExitCode != 0)
            {
                failures.Add((tag, $"could not remove {tag}"));
            }
        }

        foreach (var (tag, image) in before.ImageOfTag.Where(pair => !ImageOfTag.TryGetValue(pair.Key, out var now) || now != pair.Value))
        {
            if (DockerEngineRequirement.Docker("tag", image, tag).ExitCode != 0)
            {
                failures.Add((tag, $"could not point {tag} at {image} again (the image is gone)"));
            }
        }

        return failures;
    }

    /// <summary>Whether a tag names a registry (its first part has a dot or a colon, or is localhost), as Docker reads it.</summary>
    public static bool UnderRegistry(string tag)
    {
        var slash = tag.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var first = tag[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
    }
}
