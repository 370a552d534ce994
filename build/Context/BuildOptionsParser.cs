using System.Text.RegularExpressions;
using Build.Images;
using Build.TaskFacts;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Turns arguments, environment and cake.config into <see cref="BuildOptions"/>. Every bad value becomes one
/// line of a single <see cref="CakeException"/>, thrown before any task runs. The options taken as read are read by
/// <c>ReadAsDeclared</c>, which the compiler writes from <see cref="OptionNames"/>; the code here is for the options
/// marked <see cref="ParsedByHandAttribute"/> there, which it checks or shapes.
/// </summary>
public static partial class BuildOptionsParser
{
    public const string ComposeFileRelative = "deployment/docker-compose.bridge.yml";
    public static readonly string ComposeDevelopmentOverrideRelative = "deployment/docker-compose.bridge.dev.yml";

    public static BuildOptions Parse(ICakeContext context, string target)
    {
        var reader = new OptionReader(context.Arguments, context.Environment.GetEnvironmentVariable, context.Configuration);
        var workingDirectory = context.Environment.WorkingDirectory;
        var root = RepositoryLocator.Find(workingDirectory);

        reader.RefuseUnknown(OptionNames.All);
        var pythonProject = root;
        if (reader.Read(OptionNames.PythonProject) is { } projectValue)
        {
            pythonProject = new DirectoryPath(projectValue).MakeAbsolute(workingDirectory).Collapse();
            if (!Directory.Exists(pythonProject.FullPath))
            {
                reader.AddError($"--{OptionNames.PythonProject}={projectValue}: the folder {pythonProject.FullPath} does not exist. " +
                    $"Give the folder that holds the Python project's pyproject.toml (default: {OptionNames.PythonProject.Default}).");
            }
            else if (!File.Exists(pythonProject.CombineWithFilePath("pyproject.toml").FullPath))
            {
                reader.AddError($"--{OptionNames.PythonProject}={projectValue}: {pythonProject.FullPath} holds no pyproject.toml. " +
                    $"Give the folder that holds the Python project's pyproject.toml (default: {OptionNames.PythonProject.Default}).");
            }
        }

        var buildTarget = ParseBuildTarget(reader, target);

        var registry = reader.Read(OptionNames.Registry)?.Trim().TrimEnd('/');
        if (registry is not null && !RegistryPattern().IsMatch(registry))
        {
            reader.AddError($"--{OptionNames.Registry}={registry}: expected HOST[:PORT]/NAMESPACE in lower case, " +
                "for example --registry=127.0.0.1:5000/omninode.");
        }
        else if (registry is not null && RegistryPort(registry) is { } port && port is < 1 or > 65535)
        {
            reader.AddError($"--{OptionNames.Registry}={registry}: port {port} does not exist; a TCP port is 1 to 65535 " +
                "(for example --registry=127.0.0.1:5000/omninode).");
        }

        var extraTags = reader.Read(OptionNames.ExtraTags);
        foreach (var tag in extraTags.Where(tag => !ImageTags.IsValid(tag)))
        {
            reader.AddError($"--{OptionNames.ExtraTags}={tag}: a Docker tag is 1 to 128 characters of [A-Za-z0-9_.-] and does not start with '.' or '-'.");
        }

        var composeFile = root.CombineWithFilePath(ComposeFileRelative);
        var developmentOverride = root.CombineWithFilePath(ComposeDevelopmentOverrideRelative);
        var scaleValues = reader.Read(OptionNames.Scale);
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

        var poetryVersion = reader.Read(OptionNames.PoetryVersion);
        if (poetryVersion is not null && !PoetryVersionPattern().IsMatch(poetryVersion))
        {
            reader.AddError($"--{OptionNames.PoetryVersion}={poetryVersion}: expected a Poetry release as X.Y.Z " +
                $"(for example --{OptionNames.PoetryVersion}=1.8.3).");
        }

        var baseImage = ImageReference(reader, OptionNames.BaseImage);
        var builderImage = ImageReference(reader, OptionNames.BuilderImage);
        if (MixedLocalPairs(baseImage, builderImage) is { } mixed)
        {
            reader.AddError(mixed);
        }
        var credentials = Credentials(reader);
        var signing = Signing(reader, context.Environment.GetEnvironmentVariable, workingDirectory, registry);
        var reportValue = reader.Read(OptionNames.ReportPath)!;
        var reportPath = new FilePath(reportValue).MakeAbsolute(root);
        if (ReportProblem(reportPath.FullPath) is { } reportProblem)
        {
            reader.AddError($"--{OptionNames.ReportPath}={reportValue}: {reportProblem}. " +
                $"Give a file path in a folder this user can write (default: {OptionNames.ReportPath.Default}).");
        }

        var projectName = reader.Read(OptionNames.ProjectName)!;
        if (!ProjectNamePattern().IsMatch(projectName))
        {
            reader.AddError($"--{OptionNames.ProjectName}={projectName}: a compose project name is lower-case letters, digits, '-' and '_', " +
                "starting with a letter or digit.");
        }

        var options = ReadAsDeclared(new BuildOptions
        {
            RepositoryRoot = root,
            PythonProject = pythonProject,
            BuildTarget = buildTarget,
            Registry = registry,
            ExtraTags = extraTags,
            DockerExecutableGiven = reader.Given(OptionNames.DockerExecutable) is not null,
            BaseImage = baseImage,
            BuilderImage = builderImage,
            PoetryVersion = poetryVersion,
            BuildCache = ParseBuildCache(reader, context.Environment.GetEnvironmentVariable, workingDirectory.FullPath),
            ComposeFile = composeFile,
            ComposeDevelopmentOverride = File.Exists(developmentOverride.FullPath) ? developmentOverride : null,
            ProjectName = projectName,
            WaitTimeout = TimeSpan.FromSeconds(reader.Read(OptionNames.WaitTimeout)),
            Scale = scale,
            RegistryUsername = credentials.Username,
            RegistryPassword = credentials.Password,
            PasswordFromStandardInput = credentials.FromStandardInput,
            SignKey = signing.SignKey,
            SignKeyPassword = signing.Password,
            VerifyKey = signing.VerifyKey,
            ReportPath = reportPath,
            ProjectEngine = ParseProjectEngine(reader),
        }, reader);

        if (reader.Errors.Count > 0)
        {
            throw BuildErrors.BadOption(string.Join(Environment.NewLine, reader.Errors));
        }

        return options;
    }

    private static BuildCache? ParseBuildCache(OptionReader reader, Func<string, string?> environment, string workingDirectory)
    {
        if (reader.Read(OptionNames.BuildCache) is not { } value)
        {
            return null;
        }

        var (cache, problem) = BuildCache.Parse(value.Trim(), workingDirectory, environment);
        if (problem is not null)
        {
            reader.AddError(problem);
        }

        return cache;
    }

    private static ProjectEngineKind ParseProjectEngine(OptionReader reader)
    {
        var value = reader.Read(OptionNames.ProjectEngine)!;
        if (ProjectEngineKinds.ByName.TryGetValue(value, out var kind))
        {
            return kind;
        }

        reader.AddError($"--{OptionNames.ProjectEngine}={value} (or {OptionNames.ProjectEngine.EnvironmentVariable}): unknown project engine."
            + $" Valid project engines: {ProjectEngineKinds.ValidNames}.");
        return ProjectEngineKind.Debian13;
    }

    /// <summary>
    /// The umbrella targets fix the stage: --target=Production builds production images whatever BUILD_TARGET says
    /// in the environment. Saying the opposite explicitly on the command line is an error, not a silent choice.
    /// </summary>
    private static ImageFlavour ParseBuildTarget(OptionReader reader, string target)
    {
        var implied = TaskCatalog.OfThisBuild.Of(target)?.FixedStage;

        var value = reader.Read(OptionNames.BuildTarget);
        if (value is null)
        {
            return implied ?? ImageFlavour.Development;
        }

        if (!BuildTargets.TryParse(value, out var parsed))
        {
            reader.AddError($"--{OptionNames.BuildTarget}={value} (or {OptionNames.BuildTarget.EnvironmentVariable}): unknown build target. " +
                $"Valid build targets: {string.Join(", ", BuildTargets.ValidNames)}.");
            return implied ?? ImageFlavour.Development;
        }

        if (implied is { } forced && forced != parsed)
        {
            // Only an explicit command-line contradiction is an error; BUILD_TARGET left in a shell yields to the target.
            if (reader.ExplicitlyGiven(OptionNames.BuildTarget))
            {
                var targets = string.Join(" or ", TaskCatalog.OfThisBuild.FixingStage(parsed).Select(name => $"--target={name}"));
                var stage = ImageTable.Of(parsed).Stage;
                reader.AddError($"--target={target} builds {ImageTable.Of(forced).Stage} images, but --{OptionNames.BuildTarget}={value} asks for {stage}. " +
                    $"Drop --{OptionNames.BuildTarget}, or use a target that builds {stage} images ({targets}).");
            }

            return forced;
        }

        return parsed;
    }

    private static int? RegistryPort(string registry)
    {
        var host = registry.Split('/')[0];
        var colon = host.LastIndexOf(':');
        return colon > 0 && int.TryParse(host[(colon + 1)..], out var port) ? port : null;
    }

    /// <summary>
    /// A runtime of one local pair with the builder of another: a venv built against one Debian's /usr/bin/python3
    /// does not run on the other's, and the builder is made from the runtime image.
    /// </summary>
    private static string? MixedLocalPairs(string? baseImage, string? builderImage) =>
        LocalBaseImagePair.Of(baseImage) is { } runtime && LocalBaseImagePair.Of(builderImage) is { } builder && runtime != builder
            ? $"--base-image={baseImage} and --builder-image={builderImage} are local base images of different Debian releases " +
                $"({runtime.Suite} and {builder.Suite}): a venv built in the one does not run in the other. Name one pair: " +
                string.Join(" or ", LocalBaseImagePair.All.Select(pair => $"--base-image={pair.RuntimeImage} --builder-image={pair.BuilderImage}")) + "."
            : null;

    /// <summary>A Docker image reference ([registry/]name[:tag][@digest]), or an error naming the value.</summary>
    private static string? ImageReference(OptionReader reader, TextOption option)
    {
        var value = reader.Read(option);
        if (value is not null && !ImageReferencePattern().IsMatch(value))
        {
            reader.AddError($"--{option}={value}: not a Docker image reference; expected [REGISTRY/]NAME[:TAG] in lower case, " +
                $"for example --{option}=python:3.11-slim-bookworm.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The cosign keys, checked before any task: each file readable and of the right kind (a public key given to sign,
    /// or a private one to verify, is refused), a sign key with its password in COSIGN_PASSWORD and a registry to push to,
    /// a verify key with the registry whose images it checks.
    /// The password's correctness needs cosign: Push checks it before it pushes anything.
    /// </summary>
    private static (string? SignKey, string? Password, string? VerifyKey) Signing(
        OptionReader reader, Func<string, string?> environment, DirectoryPath workingDirectory, string? registry)
    {
        string? Key(TextOption option, Func<string, string?> problem)
        {
            if (reader.Read(option) is not { } value)
            {
                return null;
            }

            var path = new FilePath(value).MakeAbsolute(workingDirectory).FullPath;
            if (problem(path) is { } found)
            {
                reader.AddError($"--{option}={value} (or {option.EnvironmentVariable}): {path} {found}. " +
                    "cosign generate-key-pair writes cosign.key (private, for --sign-key) and cosign.pub (public, for --verify-key).");
                return null;
            }

            return path;
        }

        var signKey = Key(OptionNames.SignKey, SupplyChain.CosignKeyFile.PrivateKeyProblem);
        var password = environment(Tools.Cosign.CosignCommands.PasswordVariable);
        if (reader.Read(OptionNames.SignKey) is { } given)
        {
            if (registry is null)
            {
                reader.AddError($"--{OptionNames.SignKey}={given}: signatures go to the registry beside the images, and no " +
                    $"--{OptionNames.Registry}=HOST[:PORT]/NAMESPACE (or {OptionNames.Registry.EnvironmentVariable}) is given. " +
                    "Give the registry Push pushes to.");
            }

            if (password is null)
            {
                reader.AddError($"--{OptionNames.SignKey}={given}: the key's password goes in {Tools.Cosign.CosignCommands.PasswordVariable} " +
                    "(cosign's own variable; empty for a key made without one), never on the command line, and it is not set.");
            }
        }

        if (reader.Read(OptionNames.VerifyKey) is { } verifyKey && registry is null)
        {
            reader.AddError($"--{OptionNames.VerifyKey}={verifyKey}: signatures are checked on the pushed images, and no " +
                $"--{OptionNames.Registry}=HOST[:PORT]/NAMESPACE (or {OptionNames.Registry.EnvironmentVariable}) says where they are. " +
                "Give the registry Push pushed to.");
        }

        return (signKey, password, Key(OptionNames.VerifyKey, SupplyChain.CosignKeyFile.PublicKeyProblem));
    }

    /// <summary>
    /// Push's login: a password (option, REGISTRY_PASSWORD or --password-stdin) needs a user name, and only one
    /// source of the password may be given; otherwise the password would be ignored and the push fail much later.
    /// </summary>
    private static (string? Username, string? Password, bool FromStandardInput) Credentials(OptionReader reader)
    {
        var username = reader.Read(OptionNames.RegistryUsername);
        var password = reader.Read(OptionNames.RegistryPassword);
        var fromStandardInput = reader.Read(OptionNames.PasswordFromStandardInput);
        if (username is null && (password is not null || fromStandardInput))
        {
            var source = fromStandardInput
                ? $"--{OptionNames.PasswordFromStandardInput}"
                : $"--{OptionNames.RegistryPassword} or {OptionNames.RegistryPassword.EnvironmentVariable}";
            reader.AddError($"A registry password is given ({source}) but no --{OptionNames.RegistryUsername} " +
                $"(or {OptionNames.RegistryUsername.EnvironmentVariable}): Push logs in only with both. Give the user name, or drop the password.");
        }
        else if (password is not null && fromStandardInput)
        {
            reader.AddError($"The registry password is given twice: --{OptionNames.RegistryPassword} " +
                $"(or {OptionNames.RegistryPassword.EnvironmentVariable}) and --{OptionNames.PasswordFromStandardInput}. Keep one.");
        }

        return (username, password, fromStandardInput);
    }

    /// <summary>
    /// Why the report cannot be written there, or null. Checked before the first task, without creating anything:
    /// the path must not be a folder, and the nearest folder that exists on its way must take a new file.
    /// </summary>
    private static string? ReportProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a folder, not a file";
        }

        var folder = Path.GetDirectoryName(path);
        while (folder is not null && !Directory.Exists(folder))
        {
            if (File.Exists(folder))
            {
                return $"{folder} is a file, so no folder can be made there";
            }

            folder = Path.GetDirectoryName(folder);
        }

        if (folder is null)
        {
            return "no folder on its path exists";
        }

        var probe = Path.Combine(folder, $".build-report-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{folder} does not take a new file ({exception.Message})";
        }
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex PoetryVersionPattern();

    [GeneratedRegex(@"^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*" +
        @"(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex ImageReferencePattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectNamePattern();
}
