using Build.PackageIndex;
using Build.Reporting;
using Build.Tools;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(PackageIndex))]
[TaskDescription(
    "Makes the package index of pyproject.toml usable: starts the project's own index (scripts/package-index.sh up) when nothing " +
    "answers, and hands its credentials to the build's child processes for Poetry and the BuildKit secrets.")]
public sealed class PackageIndex(ICommandRunner runner, ISideEffects effects, ChildEnvironment children) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var root = context.Options.RepositoryRoot;
        var source = PackageIndexSources.ReadProjectOrNone(context.Options.PythonProject.FullPath);
        var plan = PackageIndexPlan.Decide(
            source,
            File.Exists(root.CombineWithFilePath(PackageIndexPlan.ProjectIndexScript).FullPath),
            source is not null && PackageIndexProbe.Answers(source.Url),
            source is not null && !string.IsNullOrEmpty(context.Environment.GetEnvironmentVariable(source.UsernameVariable))
                && !string.IsNullOrEmpty(context.Environment.GetEnvironmentVariable(source.PasswordVariable)),
            context.Options.NoInstall);
        switch (plan.Action)
        {
            case PackageIndexAction.FailNotReachable:
                throw new CakeException(ExitCodes.PackageIndexUnreachable, plan.Reason);
            case PackageIndexAction.WarnNotReachable:
                context.Log.Warning("Package index: {0}; a build that needs it fails naming it.", plan.Reason);
                return;
            case PackageIndexAction.None:
                context.Log.Information("Package index: {0}", plan.Reason);
                return;
        }

        context.Log.Information("Package index: {0}", plan.Reason);
        var lines = new List<string>();
        var exitCode = runner.RunUnchecked(
            ToolCommand.Create("bash", root, arguments => arguments.AppendValue(PackageIndexPlan.ProjectIndexScript).Append("up")), lines.Add);
        var variables = PackageIndexVariables.Parse(lines, out var progress);
        foreach (var line in progress)
        {
            context.Log.Information("  {0}", line);
        }

        effects.Make(() => UseCredentials(context, source, variables, exitCode));
    }

    private void UseCredentials(BuildContext context, PackageIndexSource? source, IReadOnlyDictionary<string, string> variables, int exitCode)
    {
        if (exitCode != 0 || source is null || !variables.ContainsKey(source.PasswordVariable))
        {
            throw new CakeException(ExitCodes.PackageIndexUnreachable,
                $"The project's package index did not start: `{PackageIndexPlan.ProjectIndexScript} up` exited {exitCode} (its output is above).");
        }

        // The docker client reads the BuildKit secrets, and Poetry its credentials, from the environment of the
        // processes this run starts; the values are never printed, logged or written to the report.
        children.Set(source.UsernameVariable, variables.GetValueOrDefault(source.UsernameVariable) ?? "");
        children.Set(source.PasswordVariable, variables[source.PasswordVariable]);
        context.Log.Information("Package index: '{0}' answers at {1}; {2} and {3} set for this run",
            source.Name, source.Url, source.UsernameVariable, source.PasswordVariable);
    }
}
