namespace Build.Tools;

/// <summary>The last lines a process printed, kept while they stream past.</summary>
public sealed class OutputTail(int size)
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
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > size)
            {
                _lines.Dequeue();
            }
        }

        next(line);
    };
}
