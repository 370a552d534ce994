using System.Collections.Concurrent;
using System.Diagnostics;
using Build.Images;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;

namespace Build.Tests.Images;

public sealed class ParallelImageBuildsTests
{
    private static ImageSpec Spec(string service) => new(service, ImageFlavour.Production, service, $"Dockerfile.{service}", "production",
        ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly ImageSpec Orchestrator = Spec("orchestrator");
    private static readonly ImageSpec Reducer = Spec("reducer");

    [Test]
    public void The_first_task_starts_both_builds_and_the_second_only_waits()
    {
        var lines = new ConcurrentQueue<string>();
        var builds = new ParallelImageBuilds(lines.Enqueue);
        var started = new ConcurrentDictionary<string, int>();
        using var bothRunning = new Barrier(2);
        void Build(ImageSpec spec, Action<string> output, CancellationToken token)
        {
            started.AddOrUpdate(spec.Service, 1, (_, n) => n + 1);
            // Each build waits for the other: this only finishes when both run at the same time.
            Assert.That(bothRunning.SignalAndWait(TimeSpan.FromSeconds(10)), Is.True, "the builds did not overlap");
            output("step 1");
        }

        builds.Run(Orchestrator, [Reducer], Build);
        builds.Run(Reducer, [], Build);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(started, Is.EquivalentTo(new Dictionary<string, int> { ["orchestrator"] = 1, ["reducer"] = 1 }));
            Assert.That(lines, Is.EquivalentTo(new[] { "[orchestrator] step 1", "[reducer] step 1" }));
        }
    }

    [Test]
    public void Without_partners_a_build_runs_on_the_calling_thread()
    {
        var builds = new ParallelImageBuilds(_ => { });
        var thread = -1;
        builds.Run(Orchestrator, [], (_, _, _) => thread = Environment.CurrentManagedThreadId);
        Assert.That(thread, Is.EqualTo(Environment.CurrentManagedThreadId));
    }

    [Test]
    public void A_failure_cancels_the_other_build_and_names_the_failing_image()
    {
        var builds = new ParallelImageBuilds(_ => { });
        var reducerCancelled = false;
        void Build(ImageSpec spec, Action<string> output, CancellationToken token)
        {
            if (spec == Orchestrator)
            {
                Thread.Sleep(50);
                throw new CakeException(7, "docker failed (exit code 7)");
            }

            try
            {
                Task.Delay(TimeSpan.FromSeconds(30), token).Wait(token);
            }
            catch (OperationCanceledException)
            {
                reducerCancelled = true;
                throw;
            }
        }

        var watch = Stopwatch.StartNew();
        var own = Assert.Throws<CakeException>(() => builds.Run(Orchestrator, [Reducer], Build));
        var partner = Assert.Throws<CakeException>(() => builds.Run(Reducer, [], Build));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(own!.Message, Does.StartWith("orchestrator:prod failed"));
            Assert.That(own.ExitCode, Is.EqualTo(7));
            Assert.That(partner!.Message, Does.StartWith("orchestrator:prod failed, so reducer:prod (built in parallel) was cancelled"));
            Assert.That(reducerCancelled, Is.True);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        }
    }

    [Test]
    public void The_partner_failing_cancels_the_first_tasks_build_too()
    {
        var builds = new ParallelImageBuilds(_ => { });
        void Build(ImageSpec spec, Action<string> output, CancellationToken token)
        {
            if (spec == Reducer)
            {
                throw new CakeException(2, "boom");
            }

            Task.Delay(TimeSpan.FromSeconds(30), token).Wait(token);
        }

        var error = Assert.Throws<CakeException>(() => builds.Run(Orchestrator, [Reducer], Build));
        Assert.That(error!.Message, Does.StartWith("reducer:prod failed, so orchestrator:prod (built in parallel) was cancelled: boom"));
    }

    [Test]
    public void Cancelling_a_run_kills_its_process()
    {
        var processes = new RecordingProcessRunner();
        var runner = new CommandRunner(new ProcessContext(processes));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            runner.Run(ToolCommand.Create("docker", new Cake.Core.IO.DirectoryPath("/repo"), a => a.Append("build")), null, cancellation.Token));
        Assert.That(processes.Started, Is.Empty, "a cancelled run does not start its process");
    }

    [Test]
    public void Cancelling_a_running_command_kills_the_process()
    {
        var runner = new CommandRunner(new ProcessContext());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() =>
            runner.Run(ToolCommand.Create("sleep", new Cake.Core.IO.DirectoryPath("/tmp"), a => a.Append("30")), _ => { }, cancellation.Token));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
