using System.Collections.Concurrent;

namespace Cake.Frosting.Internal;

/// <summary>Why each task was skipped in this run (from ShouldRun), for the report and the dry run.</summary>
internal sealed class SkipReasons
{
    public const string Default = "ShouldRun returned false";

    private readonly ConcurrentDictionary<string, string> _reasons = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string task, string? reason) => _reasons[task] = string.IsNullOrWhiteSpace(reason) ? Default : reason;

    public string? Get(string task) => _reasons.TryGetValue(task, out var reason) ? reason : null;
}
