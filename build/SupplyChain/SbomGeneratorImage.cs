using Build.Images;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.SupplyChain;

/// <summary>
/// The generator image BuildKit runs for the SBOM attestation, built by the build itself from the runtime base image
/// (nothing is pulled) and named by the hash of its folder, so a changed script is a new image. Made once per run,
/// before the first build that attests, only when the engine lacks it.
/// </summary>
/// <param name="project">The project's distribution name, read when the image is built (a task without images never reads pyproject.toml).</param>
public sealed class SbomGeneratorImage(DirectoryPath repositoryRoot, string? runtimeImage, Func<string> project, ICommandRunner runner)
{
    public const string Repository = "omninode-bridge/sbom-generator";

    private readonly object _gate = new();
    private bool _ready;

    /// <summary>omninode-bridge/sbom-generator:&lt;12 hex digits of the folder's files&gt;.</summary>
    public string Name { get; } = $"{Repository}:{FolderHash(repositoryRoot.Combine(SbomCommands.GeneratorFolder).FullPath)}";

    /// <summary>`docker buildx build --load` of docker/sbom-generator (its own context: the root's .dockerignore leaves docker/ out).</summary>
    public ToolCommand Command(DockerCommands docker) => docker.Build(new DockerBuildSettings($"{SbomCommands.GeneratorFolder}/Dockerfile",
        SbomCommands.GeneratorFolder)
    {
        Tags = [Name],
        BuildArgs = runtimeImage is null
            ? new Dictionary<string, string> { ["PROJECT"] = project() }
            : new Dictionary<string, string> { ["PROJECT"] = project(), ["PYTHON_IMAGE"] = runtimeImage },
        Builder = DockerBuilder.Buildx,
        Progress = "plain",
    });

    /// <summary>Builds the image when <paramref name="engineLacks"/> says the engine lacks it; asked once per run.</summary>
    public void Ensure(DockerCommands docker, Func<string, bool> engineLacks)
    {
        lock (_gate)
        {
            if (_ready)
            {
                return;
            }

            if (engineLacks(Name))
            {
                // Condensed like the images' own builds: its BuildKit progress goes to its log file.
                using var buildLog = new ImageBuildLog(repositoryRoot.FullPath, "sbom-generator", runner.Log.Verbosity >= Verbosity.Verbose,
                    line => runner.Log.Information("[sbom-generator] {0}", line));
                try
                {
                    runner.Run(Command(docker), buildLog.Line);
                }
                catch (CakeException exception)
                {
                    throw buildLog.Failed(exception);
                }
            }

            _ready = true;
        }
    }

    private static string FolderHash(string folder)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
