using System.Collections.Concurrent;

namespace Cake.Frosting.Tests.Support;

/// <summary>What tasks and lifetimes did, in order (injected into them through the container).</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => [.. _events];

    public void Add(string what) => _events.Enqueue(what);
}
