using Build.Images;
using Build.Lock;
using Build.PackageIndex;
using Build.Tools.Docker;

namespace Build.Tools.Poetry;

/// <summary>
/// Poetry in a local builder image, for a project whose Poetry the host lacks: no host Poetry is needed at all. The
/// image must be on the engine (it is asked once, when a lock really has to be regenerated); it is never made here.
/// </summary>
/// <param name="useEngine">Finds the engine first, so that docker's commands go to it.</param>
public sealed class ContainerPoetryLocker(
    ICommandRunner runner, DockerCommands docker, PoetryContainerCommands commands, LocalBaseImagePair pair, Action useEngine) : ILockCommandSource
{
    private readonly Lazy<bool> _present = new(() =>
    {
        useEngine();
        return runner.Capture(docker.ImageInspect([pair.BuilderImage]), TimeSpan.FromSeconds(60)).Succeeded;
    });

    public LocalBaseImagePair Pair => pair;

    public Version? Version => _present.Value ? pair.Poetry : null;

    public Version? PlannedVersion => pair.Poetry;

    public string Unavailable => $"the builder image {pair.BuilderImage} (Poetry {pair.Poetry}) is not on the engine";

    public string Remedy => $"Make it with `{pair.MakeCommand}`.";

    public string? LastFailureReason { get; private set; }

    public ToolCommand LockCommand(string projectDirectory, IReadOnlyList<string> arguments) =>
        commands.Lock(Settings(projectDirectory), arguments);

    public int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        var (exitCode, reason) = PoetryLocker.RunExplained(runner, LockCommand(projectDirectory, arguments), projectDirectory);
        LastFailureReason = reason;
        return exitCode;
    }

    public int Check(string projectDirectory, CancellationToken cancel) =>
        runner.RunUnchecked(commands.Check(Settings(projectDirectory), pair.Poetry));

    /// <summary>The project and its path dependencies at their own paths; the index's credential variables by name.</summary>
    public PoetryContainerSettings Settings(string projectDirectory)
    {
        var directory = Path.GetFullPath(projectDirectory);
        var pyproject = TomlFile.Load(Path.Combine(directory, LockInspector.PyprojectFileName));
        var mounts = PathDependencies.Mounts(directory, PathDependencies.Folders(pyproject, directory));
        IReadOnlyList<string> variables = PackageIndexSources.Read(pyproject) is { } source
            ? [source.UsernameVariable, source.PasswordVariable]
            : [];
        return new PoetryContainerSettings(pair.BuilderImage, directory, mounts, variables);
    }
}
