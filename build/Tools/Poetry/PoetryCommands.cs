using Cake.Core.IO;

namespace Build.Tools.Poetry;

/// <summary>The Poetry command lines of the build.</summary>
public sealed class PoetryCommands(string poetry)
{
    public string Executable => poetry;

    public ToolCommand Version(DirectoryPath project) =>
        ToolCommand.Create(poetry, project, arguments => arguments.Append("--version").Append("--no-ansi"), NonInteractive);

    /// <summary>
    /// `poetry lock` with the arguments the lock logic chose: `--no-update` on 1.x keeps locked versions; 2.x removed
    /// the flag and keeps them by default.
    /// </summary>
    public ToolCommand Lock(DirectoryPath project, IEnumerable<string> lockArguments) =>
        ToolCommand.Create(poetry, project, arguments =>
        {
            arguments.Append("lock");
            foreach (var argument in lockArguments)
            {
                arguments.AppendValue(argument);
            }

            arguments.Append("--no-interaction").Append("--no-ansi");
        }, NonInteractive);

    /// <summary>`poetry lock --check` (1.2 – 1.x); the benchmark's alternative to our in-process check.</summary>
    public ToolCommand LockCheck(DirectoryPath project) =>
        ToolCommand.Create(poetry, project,
            arguments => arguments.Append("lock").Append("--check").Append("--no-interaction").Append("--no-ansi"), NonInteractive);

    /// <summary>`poetry check --lock` (1.6 and later): the lock matches pyproject.toml.</summary>
    public ToolCommand CheckLock(DirectoryPath project) =>
        ToolCommand.Create(poetry, project,
            arguments => arguments.Append("check").Append("--lock").Append("--no-interaction").Append("--no-ansi"), NonInteractive);

    private static readonly IReadOnlyDictionary<string, string> NonInteractive = new Dictionary<string, string>
    {
        ["POETRY_NO_INTERACTION"] = "1",
    };
}
