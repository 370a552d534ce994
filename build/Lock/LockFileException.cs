namespace Build.Lock;

/// <summary>A pyproject.toml or poetry.lock that cannot be read or parsed; the message names file, line and column.</summary>
public sealed class LockFileException : Exception
{
    public LockFileException(string path, int? line, int? column, string reason, Exception? inner = null)
        : base(Describe(path, line, column, reason), inner)
    {
        FilePath = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Absolute path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column, when known.</summary>
    public int? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Describe(string path, int? line, int? column, string reason) =>
        line is { } l
            ? $"{path}:{l}:{column ?? 1}: {reason}"
            : $"{path}: {reason}";
}
