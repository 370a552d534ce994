using Build.Images;
using Build.Lock;
using Build.Reporting;
using Build.Tools;
using Build.Tools.Docker;
using Build.Tools.Poetry;
using Cake.Core.Diagnostics;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(EnsureLock))]
[TaskDescription(
    "Makes sure poetry.lock is fresh: checks it in-process in milliseconds, regenerates it safely when missing or stale with the Poetry" +
    " the project calls for (the host's, or a builder image's) (--locked: only checks, for CI).")]
[IsDependentOn(typeof(PackageIndex))]
[ReadsProjectVersion]
[LeavesWhenInterrupted("poetry.lock is the one from before or a verified new one (an interrupted regeneration restores the old lock byte for byte).")]
public sealed class EnsureLock(ICommandRunner runner, PoetryCommands poetry, ISideEffects effects, IEngineSession engine, FreshLockMemory memory)
    : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => effects.Make(() => Ensure(context), () => Judge(context));

    private void Ensure(BuildContext context)
    {
        var project = context.Options.PythonProject;
        var mode = context.Options.Locked ? EnsureLockMode.Locked : EnsureLockMode.Regenerate;
        // --locked never writes, so it never needs the Poetry that would regenerate: no container, no index.
        IPoetryLocker locker = mode == EnsureLockMode.Locked ? new PoetryLocker(runner, poetry, project) : Fitting(context);
        EnsureLockResult result;
        try
        {
            result = new LockRegenerator(locker, message => context.Log.Information(message), memory)
                .Ensure(project.FullPath, new EnsureLockOptions(mode), context.Interruption.Token);
        }
        catch (OperationCanceledException) when (context.Interruption.Requested)
        {
            // Waiting for another build's regeneration, or Poetry itself, was interrupted; the old lock is in place.
            throw context.Interruption.Failure("poetry.lock's regeneration");
        }

        context.Report.Lock(LockReporting.Entry(result));
        if (!result.Ok)
        {
            var (file, line) = LockReporting.Blame(context.Options.PythonProject, context.Relative, result.After ?? result.Before);
            throw BuildErrors.LockNotFresh(result.Message).At(file, line);
        }

        context.Log.Information(result.Message);
    }

    /// <summary>
    /// A dry run judges the lock (no process) and shows the Poetry command a real run would start, through the same
    /// command runner a real run starts it with.
    /// </summary>
    private void Judge(BuildContext context)
    {
        var verdict = LockInspector.Inspect(context.Options.PythonProject.FullPath, memory: memory);
        context.Report.Lock(LockReporting.Entry(verdict));
        context.Log.Information("  {0}", verdict.Message);
        if (verdict.IsFresh)
        {
            return;
        }

        if (context.Options.Locked)
        {
            context.Log.Information("  would fail (--locked never writes the lock)");
            return;
        }

        var directory = context.Options.PythonProject.FullPath;
        context.Log.Information($"  would run {LockRegenerator.PoetryCommand(verdict)} in {directory}, keeping the old lock until the new one is verified");
        var fitting = Fitting(context);
        if (fitting.PlannedVersion is { } version)
        {
            runner.Show(fitting.LockCommand(directory, LockRegenerator.LockArguments(version)));
        }
        else
        {
            context.Log.Information($"  would fail: {fitting.Unavailable}. {fitting.Remedy}");
        }
    }

    private FittingPoetry Fitting(BuildContext context)
    {
        var options = context.Options;
        var directory = options.PythonProject.FullPath;
        var docker = new DockerCommands(options.DockerExecutable, options.RepositoryRoot);
        var inImage = new PoetryContainerCommands(options.DockerExecutable);
        return new FittingPoetry(
            () => PoetryRequirement.OfProject(directory),
            new PoetryLocker(runner, poetry, options.PythonProject),
            pair => new ContainerPoetryLocker(runner, docker, inImage, pair, () => _ = engine.Engine),
            options.BuilderImage,
            message => context.Log.Information(message));
    }
}
