using Cake.Core;

namespace Cake.Frosting.Tests.Support;

#pragma warning disable SA1402, SA1649 // the whole test graph in one file, as the build's umbrella targets

public sealed class TestContext(ICakeContext context, Recorder recorder) : FrostingContext(context)
{
    public Recorder Recorder { get; } = recorder;

    public Guid Id { get; } = Guid.NewGuid();
}

public abstract class RecordingTask(Recorder recorder) : FrostingTask<TestContext>
{
    protected Recorder Recorder { get; } = recorder;

    public override void Run(TestContext context) => Recorder.Add($"{GetType().Name}:{context.Id}");
}

public sealed class Clean(Recorder r) : RecordingTask(r);

[TaskDescription("Restores packages")]
[IsDependeeOf(typeof(Compile))]
public sealed class Restore(Recorder r) : RecordingTask(r);

[TaskName("Compile")]
[TaskDescription("Compiles the code")]
[IsDependentOn(typeof(Clean))]
public sealed class Compile(Recorder r) : RecordingTask(r);

[IsDependentOn(typeof(Compile))]
public sealed class Skipped(Recorder r) : RecordingTask(r)
{
    public override bool ShouldRun(TestContext context) => context.ShouldRun(false, "no docker here");
}

[IsDependentOn(typeof(Skipped))]
public sealed class Default(Recorder r) : RecordingTask(r);

public sealed class Fails(Recorder r) : RecordingTask(r)
{
    public override void Run(TestContext context) => throw new InvalidOperationException("kaboom");

    public override void Finally(TestContext context) => Recorder.Add("Fails.Finally");
}

public sealed class FailsHandled(Recorder r) : RecordingTask(r)
{
    public override void Run(TestContext context) => throw new InvalidOperationException("handled kaboom");

    public override void OnError(Exception exception, TestContext context) => Recorder.Add($"OnError:{exception.Message}");
}

[ContinueOnError]
public sealed class FailsButContinues(Recorder r) : RecordingTask(r)
{
    public override void Run(TestContext context) => throw new InvalidOperationException("ignored");
}

[IsDependentOn(typeof(FailsButContinues))]
public sealed class AfterContinue(Recorder r) : RecordingTask(r);

public sealed class DryRunDependency(Recorder r) : RecordingTask(r);

[IsDependentOn(typeof(DryRunDependency))]
public sealed class DryRunTarget(Recorder r) : RecordingTask(r);

public sealed class ReadsArguments(Recorder r) : RecordingTask(r)
{
    public override void Run(TestContext context)
    {
        foreach (var name in new[] { "x", "y", "flag" })
        {
            Recorder.Add($"{name}={string.Join(",", context.Arguments.GetArguments(name))}");
        }

        foreach (var key in new[] { "Custom_FromHost", "Custom_FromEnv", "Custom_FromFile", "Custom_Override" })
        {
            Recorder.Add($"{key}={context.Configuration.GetValue(key)}");
        }
    }
}

public sealed class AsyncTask(Recorder r) : AsyncFrostingTask<TestContext>
{
    public override async Task RunAsync(TestContext context)
    {
        await Task.Yield();
        r.Add(nameof(AsyncTask));
    }
}

public sealed class TestLifetime(Recorder r) : FrostingLifetime<TestContext>
{
    public override void Setup(TestContext context, ISetupContext info) => r.Add($"Setup:{context.Id}");

    public override void Teardown(TestContext context, ITeardownContext info) => r.Add($"Teardown:{info.Successful}");
}

public sealed class TestTaskLifetime(Recorder r) : FrostingTaskLifetime<TestContext>
{
    public override void Setup(TestContext context, ITaskSetupContext info) => r.Add($"TaskSetup:{info.Task.Name}");

    public override void Teardown(TestContext context, ITaskTeardownContext info) => r.Add($"TaskTeardown:{info.Task.Name}");
}

public abstract class AbstractTask : FrostingTask;
