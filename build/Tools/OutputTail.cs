namespace Build.Tools;

/// <summary>
/// The last lines a process printed, kept while they stream past; with <paramref name="keeps"/>, the last of the lines
/// it accepts only (a failure's first words can be far from the end of a long output).
/// </summary>
public sealed class OutputTail(int size, Func<string, bool>? keeps = null)
{
    private readonly Queue<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>A line callback that keeps each line here and passes it on.</summary>
    public Action<string> Keep(Action<string> next) => line =>
    {
        Add(line);
        next(line);
    };

    /// <summary>Keeps one line (the last <c>size</c> it accepts stay).</summary>
    public void Add(string line)
    {
        if (keeps?.Invoke(line) is false)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > size)
            {
                _lines.Dequeue();
            }
        }
    }
}
