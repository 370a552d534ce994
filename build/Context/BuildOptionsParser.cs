using System.Text.RegularExpressions;
using Build.Images;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Turns arguments, environment and cake.config into <see cref="BuildOptions"/>. Every bad value becomes one
/// line of a single <see cref="CakeException"/>, thrown before any task runs.
/// </summary>
public static partial class BuildOptionsParser
{
    public const string DefaultProjectName = "omninode-bridge";
    public static readonly string ComposeFileRelative = "deployment/docker-compose.bridge.yml";
    public static readonly string ComposeDevelopmentOverrideRelative = "deployment/docker-compose.bridge.dev.yml";

    public static BuildOptions Parse(ICakeContext context, string target, bool dryRun)
    {
        var reader = new OptionReader(context.Arguments, context.Environment.GetEnvironmentVariable, context.Configuration);
        var workingDirectory = context.Environment.WorkingDirectory;
        var root = RepositoryLocator.Find(workingDirectory);

        var pythonProject = root;
        if (reader.String(OptionNames.PythonProject) is { } projectValue)
        {
            pythonProject = new DirectoryPath(projectValue).MakeAbsolute(workingDirectory).Collapse();
            if (!Directory.Exists(pythonProject.FullPath))
            {
                reader.AddError($"--{OptionNames.PythonProject}={projectValue}: the folder {pythonProject.FullPath} does not exist. Give the folder that holds the Python project's pyproject.toml (default: the repository root).");
            }
        }

        var buildTarget = ParseBuildTarget(reader, target);

        var registry = reader.String(OptionNames.Registry)?.Trim().TrimEnd('/');
        if (registry is not null && !RegistryPattern().IsMatch(registry))
        {
            reader.AddError($"--{OptionNames.Registry}={registry}: expected HOST[:PORT]/NAMESPACE in lower case, for example --registry=127.0.0.1:5000/omninode.");
        }

        var extraTags = reader.List(OptionNames.Tag);
        foreach (var tag in extraTags.Where(tag => !ImageTags.IsValid(tag)))
        {
            reader.AddError($"--{OptionNames.Tag}={tag}: a Docker tag is 1 to 128 characters of [A-Za-z0-9_.-] and does not start with '.' or '-'.");
        }

        var composeFile = root.CombineWithFilePath(ComposeFileRelative);
        var developmentOverride = root.CombineWithFilePath(ComposeDevelopmentOverrideRelative);
        var scaleValues = reader.List(OptionNames.Scale);
        var scale = ScalePlan.None;
        if (scaleValues.Count > 0)
        {
            if (!File.Exists(composeFile.FullPath))
            {
                reader.AddError($"--{OptionNames.Scale} needs the compose file {composeFile.FullPath}, which does not exist.");
            }
            else
            {
                scale = ScalePlan.Parse(scaleValues, ComposeFileServices.Read(composeFile.FullPath), reader.AddError);
            }
        }

        var projectName = reader.String(OptionNames.ProjectName) ?? DefaultProjectName;
        if (!ProjectNamePattern().IsMatch(projectName))
        {
            reader.AddError($"--{OptionNames.ProjectName}={projectName}: a compose project name is lower-case letters, digits, '-' and '_', starting with a letter or digit.");
        }

        var options = new BuildOptions
        {
            RepositoryRoot = root,
            PythonProject = pythonProject,
            BuildTarget = buildTarget,
            DryRun = dryRun,
            Registry = registry,
            ExtraTags = extraTags,
            DockerExecutable = reader.String(OptionNames.Docker) ?? "docker",
            PoetryExecutable = reader.String(OptionNames.Poetry) ?? "poetry",
            BaseImage = reader.String(OptionNames.BaseImage),
            BuilderImage = reader.String(OptionNames.BuilderImage),
            PoetryVersion = reader.String(OptionNames.PoetryVersion),
            Pull = reader.Flag(OptionNames.Pull),
            NoCache = reader.Flag(OptionNames.NoCache),
            Force = reader.Flag(OptionNames.Force),
            Parallel = reader.String(OptionNames.Parallel) is null || reader.Flag(OptionNames.Parallel),
            ComposeFile = composeFile,
            ComposeDevelopmentOverride = File.Exists(developmentOverride.FullPath) ? developmentOverride : null,
            ProjectName = projectName,
            WaitTimeout = TimeSpan.FromSeconds(reader.Integer(OptionNames.WaitTimeout, 120, 1, 3600, "seconds")),
            DownOnFailure = reader.Flag(OptionNames.DownOnFailure),
            Scale = scale,
            RemoveVolumes = reader.Flag(OptionNames.Volumes),
            RegistryUsername = reader.String(OptionNames.RegistryUsername),
            RegistryPassword = reader.String(OptionNames.RegistryPassword),
            PasswordFromStandardInput = reader.Flag(OptionNames.PasswordStdin),
            Locked = reader.Flag(OptionNames.Locked),
            ReportPath = new FilePath(reader.String(OptionNames.Report) ?? "artifacts/build-report.json").MakeAbsolute(root),
            TestFilter = reader.String(OptionNames.TestFilter),
            SwarmInit = reader.Flag(OptionNames.SwarmInit),
            WithRegistryAuth = reader.Flag(OptionNames.WithRegistryAuth),
        };

        if (reader.Errors.Count > 0)
        {
            throw BuildErrors.BadOption(string.Join(Environment.NewLine, reader.Errors));
        }

        return options;
    }

    /// <summary>
    /// The umbrella targets fix the stage: --target=Production builds production images whatever BUILD_TARGET says
    /// in the environment. Saying the opposite explicitly on the command line is an error, not a silent choice.
    /// </summary>
    private static BuildTarget ParseBuildTarget(OptionReader reader, string target)
    {
        BuildTarget? implied = BuildTargets.ImpliedByTarget.TryGetValue(target, out var fixedByTarget) ? fixedByTarget : null;

        var value = reader.String(OptionNames.BuildTarget);
        if (value is null)
        {
            return implied ?? BuildTarget.Development;
        }

        if (!BuildTargets.TryParse(value, out var parsed))
        {
            reader.AddError($"--{OptionNames.BuildTarget}={value} (or BUILD_TARGET): unknown build target. Valid build targets: {string.Join(", ", BuildTargets.ValidNames)}.");
            return implied ?? BuildTarget.Development;
        }

        if (implied is { } forced && forced != parsed)
        {
            // Only an explicit command-line contradiction is an error; BUILD_TARGET left in a shell yields to the target.
            if (reader.ExplicitlyGiven(OptionNames.BuildTarget))
            {
                reader.AddError($"--target={target} builds {ImageTable.Of(forced).Stage} images, but --{OptionNames.BuildTarget}={value} asks for {ImageTable.Of(parsed).Stage}. Drop --{OptionNames.BuildTarget}, or use --target={(parsed == BuildTarget.Production ? nameof(Tasks.Production) : nameof(Tasks.Development))}.");
            }

            return forced;
        }

        return parsed;
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectNamePattern();
}
