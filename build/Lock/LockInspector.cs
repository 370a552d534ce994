using Tomlyn.Model;

namespace Build.Lock;

/// <summary>
/// Decides whether poetry.lock is fresh for pyproject.toml by recomputing Poetry's content-hash.
/// Reads two files and starts no process.
/// </summary>
public static class LockInspector
{
    /// <summary>File names Poetry uses.</summary>
    public const string PyprojectFileName = "pyproject.toml";

    /// <inheritdoc cref="PyprojectFileName"/>
    public const string LockFileName = "poetry.lock";

    /// <summary>Inspects <c>pyproject.toml</c> and <c>poetry.lock</c> in <paramref name="projectDirectory"/>.</summary>
    /// <param name="memory">Where the last fresh verdict is kept: recalled when neither file changed, kept when fresh.</param>
    /// <exception cref="LockFileException">pyproject.toml is missing, unreadable or invalid; poetry.lock is unreadable or invalid.</exception>
    public static LockVerdict Inspect(string projectDirectory, HashRules rules = HashRules.OfWriter, FreshLockMemory? memory = null)
    {
        var directory = Path.GetFullPath(projectDirectory);
        var pyprojectPath = Path.Combine(directory, PyprojectFileName);
        var lockPath = Path.Combine(directory, LockFileName);
        if (!File.Exists(pyprojectPath))
        {
            throw new LockFileException(pyprojectPath, null, null, "not found: EnsureLock needs the project's pyproject.toml");
        }

        var pyprojectText = TomlFile.ReadText(pyprojectPath);
        var lockText = File.Exists(lockPath) || Directory.Exists(lockPath) ? TomlFile.ReadText(lockPath) : null;
        var key = memory is not null && lockText is not null ? FreshLockMemory.KeyOf(pyprojectText, lockPath, lockText, rules) : null;
        if (key is not null && memory!.Recall(key, lockPath) is { } recalled)
        {
            return recalled;
        }

        var verdict = Judge(TomlFile.Parse(pyprojectText, pyprojectPath), lockPath, lockText, rules);
        if (key is not null)
        {
            memory!.Keep(key, verdict);
        }

        return verdict;
    }

    /// <summary>The pure core: judges parsed pyproject content against the lock's text (null when there is no lock).</summary>
    public static LockVerdict Judge(TomlTable pyproject, string lockPath, string? lockText, HashRules rules = HashRules.OfWriter)
    {
        if (lockText is null)
        {
            return new LockVerdict(LockState.Missing, lockPath, null, null, null, null, [], [], [],
                $"{lockPath} is missing: no lock was generated for this pyproject.toml.");
        }

        // A lock that holds nothing locks nothing: Poetry refuses to update it, so it is handled as a missing one.
        if (string.IsNullOrWhiteSpace(lockText))
        {
            return new LockVerdict(LockState.Missing, lockPath, null, null, null, null, [], [], [],
                $"{lockPath} is empty, which counts as missing: no lock was generated for this pyproject.toml.");
        }

        var lockFile = TomlFile.Parse(lockText, lockPath);
        var metadata = ContentHash.Table(lockFile, "metadata");
        var lockVersion = ContentHash.Value(metadata, "lock-version")?.ToString();
        var header = LockHeader.Parse(lockText, lockVersion);

        if (header.FutureWriter() is { } future)
        {
            return new LockVerdict(LockState.UnknownPoetry, lockPath, header.Writer, null, null, null, [], [], [],
                $"{lockPath} comes from a Poetry newer than these rules know ({future}); " +
                "ask that Poetry instead: `poetry check --lock`.");
        }

        var families = rules == HashRules.OfWriter ? header.WriterFamilies() : header.CurrentPoetryFamilies();
        var actual = ContentHash.Value(metadata, "content-hash")?.ToString();
        if (actual is null)
        {
            return new LockVerdict(LockState.NoContentHash, lockPath, header.Writer, families[0], null, null,
                ContentHash.PresentKeys(pyproject, families[0]), [], [],
                $"{lockPath} (written by {header.Writer}) has no [metadata].content-hash, so Poetry treats it as stale.");
        }

        var expected = new List<string>(families.Count);
        foreach (var family in families)
        {
            var hash = ContentHash.Compute(pyproject, family);
            if (string.Equals(hash, actual, StringComparison.Ordinal))
            {
                return new LockVerdict(LockState.Fresh, lockPath, header.Writer, family, hash, actual,
                    ContentHash.PresentKeys(pyproject, family), [], [],
                    $"{lockPath} is fresh ({ContentHash.Describe(family)}; written by {header.Writer}).");
            }

            expected.Add(hash);
        }

        return Stale(pyproject, lockFile, lockPath, header, families, expected[0], actual);
    }

    private static LockVerdict Stale(
        TomlTable pyproject, TomlTable lockFile, string lockPath, LockHeader header,
        IReadOnlyList<HashFamily> families, string expected, string actual)
    {
        var family = families[0];
        var present = ContentHash.PresentKeys(pyproject, family);
        var declared = DependencyNames.Declared(pyproject);
        var (locked, referenced) = DependencyNames.Locked(lockFile);
        var notLocked = declared.Where(name => !locked.Contains(name)).Order(StringComparer.Ordinal).ToArray();
        var notDeclared = locked.Where(name => !declared.Contains(name) && !referenced.Contains(name)).Order(StringComparer.Ordinal).ToArray();

        var rules = string.Join(" / ", families.Select(ContentHash.Describe));
        var message = new List<string>
        {
            $"{lockPath} is stale under {rules} (written by {header.Writer}): content-hash differs: " +
            $"the lock was made from different values of [{string.Join(", ", present)}] " +
            $"(the keys {ContentHash.Describe(family)} hash: {string.Join(", ", ContentHash.HashedKeys(family))}).",
        };
        if (notLocked.Length > 0)
        {
            message.Add($"Declared but not in the lock: {string.Join(", ", notLocked)}.");
        }

        if (notDeclared.Length > 0)
        {
            message.Add($"Locked but no longer declared: {string.Join(", ", notDeclared)}.");
        }

        message.Add($"Expected content-hash {expected}, the lock has {actual}.");
        return new LockVerdict(LockState.Stale, lockPath, header.Writer, family, expected, actual, present, notLocked, notDeclared,
            string.Join(" ", message));
    }
}
