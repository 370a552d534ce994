using Build.Lock;

namespace Build.Tools.Poetry;

/// <summary>A Poetry that can say its `poetry lock` command line: what the dry run shows, what a real run starts.</summary>
public interface ILockCommandSource : IPoetryLocker
{
    ToolCommand LockCommand(string projectDirectory, IReadOnlyList<string> arguments);

    /// <summary>The version that would run, known without starting anything that changes state (the dry run's).</summary>
    Version? PlannedVersion => Version;
}
