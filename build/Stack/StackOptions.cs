using Build.Context;

namespace Build.Stack;

/// <summary>What a compose stack is asked for: its project, the replicas asked for, how long to wait, what to do on a failure.</summary>
public sealed record StackOptions(string ProjectName, ScalePlan Scale, TimeSpan WaitTimeout, bool DownOnFailure, bool RemoveVolumes)
{
    public static StackOptions From(BuildOptions options) =>
        new(options.ProjectName, options.Scale, options.WaitTimeout, options.DownOnFailure, options.RemoveVolumes);
}
