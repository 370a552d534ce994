using Cake.Core;
using Cake.Core.Graph;
using Cake.Core.Scripting;

namespace Cake.Frosting.Internal;

/// <summary>
/// <c>--tree</c>: like Cake.Cli's TreeScriptHost (same layout and colours), but walks the dependency graph
/// that Cake's engine runs, so <c>[IsDependeeOf]</c> edges are shown too (stock Frosting omits them:
/// cake-build/cake#4474).
/// </summary>
internal sealed class FrostingTreeScriptHost : ScriptHost
{
    private const string Cross = "├─";
    private const string Corner = "└─";
    private const string Vertical = "│ ";
    private const string Space = "   ";

    private readonly IConsole _console;

    public FrostingTreeScriptHost(ICakeEngine engine, ICakeContext context, IConsole console)
        : base(engine, context)
    {
        _console = console;
    }

    public override Task<CakeReport> RunTargetAsync(string target) => RunTargetsAsync([target]);

    public override Task<CakeReport> RunTargetsAsync(IEnumerable<string> targets)
    {
        PrintTree();
        return System.Threading.Tasks.Task.FromResult(new CakeReport());
    }

    /// <summary>Each task's direct dependencies: its own [IsDependentOn] first, then tasks that declared [IsDependeeOf] it.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> GetChildren(IReadOnlyList<ICakeTaskInfo> tasks)
    {
        var graph = CakeGraphBuilder.Build(tasks);
        var children = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in tasks)
        {
            var list = task.Dependencies.Select(d => d.Name).ToList();
            foreach (var edge in graph.Edges.Where(e => e.End.Equals(task.Name, StringComparison.OrdinalIgnoreCase)))
            {
                if (!list.Contains(edge.Start, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(edge.Start);
                }
            }

            children[task.Name] = list;
        }

        return children;
    }

    private void PrintTree()
    {
        var children = GetChildren(Tasks);
        var dependedOn = new HashSet<string>(children.Values.SelectMany(c => c), StringComparer.OrdinalIgnoreCase);
        var topLevel = Tasks.Where(t => !dependedOn.Contains(t.Name))
            .OrderByDescending(t => t.Name.Equals(FrostingCommandLine.DefaultTarget, StringComparison.OrdinalIgnoreCase))
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var byName = Tasks.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

        _console.WriteLine();
        foreach (var task in topLevel)
        {
            PrintTask(task, byName, children, string.Empty, isLast: false, depth: 0);
            _console.WriteLine();
        }
    }

    private void PrintTask(
        ICakeTaskInfo task,
        Dictionary<string, ICakeTaskInfo> byName,
        IReadOnlyDictionary<string, IReadOnlyList<string>> children,
        string indent,
        bool isLast,
        int depth)
    {
        _console.Write(indent);
        if (isLast)
        {
            _console.Write(Corner);
            indent += Space;
        }
        else if (depth > 0)
        {
            _console.Write(Cross);
            indent += Vertical;
        }

        PrintName(task, depth);
        var list = children[task.Name];
        for (var i = 0; i < list.Count; i++)
        {
            if (byName.TryGetValue(list[i], out var child))
            {
                PrintTask(child, byName, children, indent, i == list.Count - 1, depth + 1);
            }
        }
    }

    private void PrintName(ICakeTaskInfo task, int depth)
    {
        var previous = _console.ForegroundColor;
        _console.ForegroundColor = depth == 0
            ? ConsoleColor.Cyan
            : task is CakeTask { Actions.Count: > 0 } ? ConsoleColor.Green : ConsoleColor.Gray;
        _console.WriteLine(task.Name);
        _console.ForegroundColor = previous;
    }
}
