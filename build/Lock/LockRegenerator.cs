namespace Build.Lock;

/// <summary>
/// Makes sure a fresh poetry.lock is in place: checks without starting a process, and when the lock is missing or
/// stale (and the mode allows) runs Poetry under an exclusive file lock, keeping the previous lock until the new one
/// is verified fresh.
/// </summary>
/// <param name="poetry">Runs <c>poetry lock</c>; its <see cref="IPoetryLocker.Version"/> is read only when regeneration is needed.</param>
/// <param name="log">Receives progress lines; nothing is written to the console here.</param>
public sealed class LockRegenerator(IPoetryLocker poetry, Action<string> log, FreshLockMemory? memory = null)
{
    /// <summary>Suffix of the copy of the previous lock kept while Poetry runs.</summary>
    public const string BackupSuffix = ".ensurelock-backup";

    /// <summary>Suffix of the file that is locked exclusively while regenerating.</summary>
    public const string MutexSuffix = ".ensurelock";

    private const string TempSuffix = ".ensurelock-tmp";

    /// <summary>The command that fixes a stale lock in this repository.</summary>
    public const string BuildCommand = "./build.sh --target=EnsureLock";

    /// <summary>Checks the lock in <paramref name="projectDirectory"/> and, in Regenerate mode, regenerates it when needed.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the previous lock has been restored first.</exception>
    public EnsureLockResult Ensure(string projectDirectory, EnsureLockOptions? options = null, CancellationToken cancel = default)
    {
        options ??= new EnsureLockOptions();
        var directory = Path.GetFullPath(projectDirectory);
        var paths = new LockPaths(Path.Combine(directory, LockInspector.LockFileName));

        if (options.Mode == EnsureLockMode.Locked)
        {
            return EnsureLocked(directory, paths, options);
        }

        if (Directory.Exists(paths.Backup))
        {
            log($"warning: {paths.Backup} is a folder, not a backup this build wrote; it is ignored (remove it).");
        }

        if (!File.Exists(paths.Backup))
        {
            // Fast path: no file lock and no process when the lock is already fresh.
            if (!TryInspect(directory, options, out var first, out var failure))
            {
                return failure;
            }

            if (first.IsFresh)
            {
                return new EnsureLockResult(true, first, first, false, false, first.Message);
            }

            if (first.State == LockState.UnknownPoetry)
            {
                return AskPoetry(first, cancel);
            }
        }

        if (poetry.Version is not { } version)
        {
            return new EnsureLockResult(false, null, null, false, false,
                $"poetry.lock must be regenerated but {poetry.Unavailable}. {poetry.Remedy.TrimEnd('.')}, then run " +
                $"`{BuildCommand}` again.");
        }

        using var mutex = ExclusiveFileLock.Acquire(paths.Mutex, options.EffectiveWaitTimeout, log, cancel);
        return RegenerateHoldingLock(directory, paths, options, version, cancel);
    }

    private EnsureLockResult EnsureLocked(string directory, LockPaths paths, EnsureLockOptions options)
    {
        if (File.Exists(paths.Backup))
        {
            log($"warning: {paths.Backup} exists (an interrupted regeneration); Locked mode leaves it alone and judges {paths.Lock} as it is.");
        }

        if (!TryInspect(directory, options, out var verdict, out var failure))
        {
            return failure;
        }

        return verdict.State switch
        {
            LockState.Fresh => new EnsureLockResult(true, verdict, verdict, false, false, verdict.Message),
            LockState.UnknownPoetry => AskPoetry(verdict, default),
            _ => new EnsureLockResult(false, verdict, verdict, false, false,
                $"{verdict.Message} Locked mode does not write the lock; fix it with `{BuildCommand}` " +
                $"or {PoetryCommand(verdict)}, and commit poetry.lock."),
        };
    }

    private EnsureLockResult RegenerateHoldingLock(string directory, LockPaths paths, EnsureLockOptions options, Version version, CancellationToken cancel)
    {
        var restored = false;
        DiscardUnusableBackup(paths);
        if (File.Exists(paths.Backup))
        {
            Restore(paths);
            restored = true;
            log($"Restored {paths.Lock} from {paths.Backup}, left by an interrupted earlier regeneration.");
        }

        if (!TryInspect(directory, options, out var before, out var failure))
        {
            return failure with { RestoredInterruptedBackup = restored };
        }

        if (before.IsFresh)
        {
            var note = restored ? " (after restoring the backup of an interrupted run)" : " (another build may have just regenerated it)";
            return new EnsureLockResult(true, before, before, false, restored, before.Message + note);
        }

        if (before.State == LockState.UnknownPoetry)
        {
            return AskPoetry(before, cancel) with { RestoredInterruptedBackup = restored };
        }

        var arguments = LockArguments(version);
        var command = string.Join(" ", ["poetry", "lock", .. arguments]);
        var hadLock = File.Exists(paths.Lock);
        if (hadLock)
        {
            File.Copy(paths.Lock, paths.Temp, overwrite: true);
            File.Move(paths.Temp, paths.Backup, overwrite: true);
            if (before.State == LockState.Missing)
            {
                // An empty lock: out of Poetry's way, as a missing one would be (the backup puts it back on failure).
                File.Delete(paths.Lock);
            }
        }

        log($"{before.Message} Running `{command}` with Poetry {version} in {directory} ...");
        int exitCode;
        try
        {
            exitCode = poetry.Lock(directory, arguments, cancel);
        }
        catch (Exception error)
        {
            Rollback(paths, hadLock);
            if (error is OperationCanceledException || cancel.IsCancellationRequested)
            {
                // Cancelled (an interrupted build): the old lock is back, and the caller hears of the interruption.
                throw;
            }

            return Failed(before, restored, hadLock, $"`{command}` failed: {error.Message}");
        }

        if (exitCode != 0)
        {
            Rollback(paths, hadLock);
            var reason = poetry.LastFailureReason is { } named ? $": {named}" : "";
            return Failed(before, restored, hadLock, $"`{command}` exited with code {exitCode}{reason}.");
        }

        LockVerdict after;
        try
        {
            after = LockInspector.Inspect(directory, options.Rules, memory);
        }
        catch (LockFileException error)
        {
            Rollback(paths, hadLock);
            return Failed(before, restored, hadLock, $"`{command}` left an unreadable lock: {error.Message}");
        }

        if (!after.IsFresh)
        {
            Rollback(paths, hadLock);
            return Failed(before, restored, hadLock, $"`{command}` succeeded but the result is not fresh: {after.Message}");
        }

        if (hadLock)
        {
            File.Delete(paths.Backup);
        }

        log($"Regenerated {paths.Lock} with Poetry {version}: {after.Message}");
        return new EnsureLockResult(true, before, after, true, restored, $"Regenerated {paths.Lock}: {after.Message}");
    }

    private bool TryInspect(string directory, EnsureLockOptions options, out LockVerdict verdict, out EnsureLockResult failure)
    {
        try
        {
            verdict = LockInspector.Inspect(directory, options.Rules, memory);
            failure = null!;
            return true;
        }
        catch (LockFileException error)
        {
            verdict = null!;
            failure = new EnsureLockResult(false, null, null, false, false,
                $"{error.Message} Fix the file (a corrupt poetry.lock can be deleted and regenerated with `{BuildCommand}`).");
            return false;
        }
    }

    /// <summary>
    /// A lock from a Poetry newer than the rules this build knows: never rewritten (that Poetry's format may differ),
    /// but judged by the installed Poetry when there is one, as the issue asks ("fall back to asking Poetry").
    /// </summary>
    private EnsureLockResult AskPoetry(LockVerdict verdict, CancellationToken cancel)
    {
        if (poetry.Version is not { } version)
        {
            return new(false, verdict, verdict, false, false,
                $"{verdict.Message} EnsureLock does not know that Poetry's rules and no Poetry is installed to ask; install the Poetry " +
                "that wrote the lock (`pipx install poetry`) or regenerate the lock with the Poetry the images use.");
        }

        var command = version >= new Version(1, 6) ? "poetry check --lock" : "poetry lock --check";
        log($"{verdict.Message} Asking the installed Poetry {version} (`{command}`) instead.");
        var exitCode = poetry.Check(Path.GetDirectoryName(verdict.LockPath)!, cancel);
        return exitCode == 0
            ? new(true, verdict, verdict, false, false,
                $"Poetry {version} says {Path.GetFileName(verdict.LockPath)} is fresh (`{command}` exited 0); EnsureLock left it as it is.")
            : new(false, verdict, verdict, false, false,
                $"{verdict.Message} Poetry {version} says it does not match pyproject.toml (`{command}` exited {exitCode}). EnsureLock never rewrites " +
                "a lock from a newer Poetry: regenerate it with that Poetry (`poetry lock`) and commit poetry.lock.");
    }

    private EnsureLockResult Failed(LockVerdict before, bool restored, bool hadLock, string reason)
    {
        var kept = hadLock
            ? $"The previous {Path.GetFileName(before.LockPath)} was restored byte for byte."
            : "The partial lock was removed; there was no previous lock.";
        LockVerdict? after = null;
        try
        {
            after = LockInspector.Inspect(Path.GetDirectoryName(before.LockPath)!, HashRules.OfWriter, memory);
        }
        catch (LockFileException)
        {
            // The restored lock was already unreadable before; report the original verdict only.
        }

        var message = $"{reason} {kept} Before: {before.Message} Fix: `{BuildCommand}` or {PoetryCommand(before)}.";
        log(message);
        return new EnsureLockResult(false, before, after, false, restored, message);
    }

    /// <summary>
    /// The backup is this build's own state, read back after an interruption: only a file that is a readable,
    /// non-empty TOML document can be the copy of a lock this build made. Anything else is deleted with a note and
    /// never restored over the lock in place.
    /// </summary>
    private void DiscardUnusableBackup(LockPaths paths)
    {
        if (!File.Exists(paths.Backup))
        {
            return;
        }

        string? problem;
        try
        {
            var text = TomlFile.ReadText(paths.Backup);
            problem = string.IsNullOrWhiteSpace(text) ? "it is empty" : null;
            if (problem is null)
            {
                TomlFile.Parse(text, paths.Backup);
            }
        }
        catch (LockFileException error)
        {
            problem = error.Reason;
        }

        if (problem is not null)
        {
            File.Delete(paths.Backup);
            log($"warning: {paths.Backup} is not a copy of a lock ({problem}); discarded, {Path.GetFileName(paths.Lock)} is judged as it is.");
        }
    }

    private static void Rollback(LockPaths paths, bool hadLock)
    {
        if (hadLock)
        {
            Restore(paths);
        }
        else if (File.Exists(paths.Lock))
        {
            File.Delete(paths.Lock);
        }
    }

    // Copy then rename over the lock, so a reader sees the old bytes or the restored bytes, never a mix.
    private static void Restore(LockPaths paths)
    {
        File.Copy(paths.Backup, paths.Temp, overwrite: true);
        File.Move(paths.Temp, paths.Lock, overwrite: true);
        File.Delete(paths.Backup);
    }

    /// <summary>`poetry lock`'s arguments that keep the locked versions: 1.x needs --no-update, 2.x dropped it (it keeps them by default).</summary>
    public static IReadOnlyList<string> LockArguments(Version poetry) => poetry.Major < 2 ? ["--no-update"] : [];

    /// <summary>The plain Poetry command (in backticks) for the family that wrote the lock.</summary>
    public static string PoetryCommand(LockVerdict verdict) => verdict.Family switch
    {
        HashFamily.Poetry20 or HashFamily.Poetry23 => "`poetry lock`",
        null => "`poetry lock --no-update` (Poetry 1.x) or `poetry lock` (Poetry 2.x)",
        _ => "`poetry lock --no-update`",
    };

    private sealed record LockPaths(string Lock)
    {
        public string Backup => Lock + BackupSuffix;

        public string Mutex => Lock + MutexSuffix;

        public string Temp => Lock + TempSuffix;
    }
}
