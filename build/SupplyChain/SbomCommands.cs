using System.Globalization;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.SupplyChain;

/// <summary>The command that makes an image's SBOM on any engine, BuildKit attestations or not.</summary>
public static class SbomCommands
{
    /// <summary>The generator's folder in the repository (its script and the Dockerfile of its image).</summary>
    public const string GeneratorFolder = "docker/sbom-generator";

    private const string MountPoint = "/run/sbom-generator";

    /// <summary>
    /// `docker run` of the image itself with the generator's folder mounted read-only: its python3 reads its own root
    /// filesystem (the runtime base has Python) and prints the SPDX document. As root, so every file is readable; with
    /// no network, so nothing leaves; <paramref name="sourceDateEpoch"/> makes the document's time the commit's.
    /// </summary>
    public static ToolCommand FromImage(DockerCommands docker, DirectoryPath repositoryRoot, string reference, string project, long? sourceDateEpoch) =>
        ToolCommand.Create(docker.Executable, repositoryRoot, arguments =>
        {
            arguments.Append("run").Append("--rm")
                .AppendOption("--network", "none")
                .AppendOption("--user", "0:0")
                .AppendOption("--entrypoint", "python3")
                .AppendOption("--volume", $"{repositoryRoot.Combine(GeneratorFolder).FullPath}:{MountPoint}:ro");
            if (sourceDateEpoch is { } epoch)
            {
                arguments.AppendOption("--env", $"SOURCE_DATE_EPOCH={epoch.ToString(CultureInfo.InvariantCulture)}");
            }

            arguments.AppendValue(reference)
                .Append($"{MountPoint}/sbom_generator.py")
                .AppendOption("--root", "/")
                .AppendOption("--project", project);
        });
}
