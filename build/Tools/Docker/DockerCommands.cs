using Cake.Core;
using Cake.Core.IO;

namespace Build.Tools.Docker;

/// <summary>
/// The docker command lines of the build, one method per command, one line per option in the order the CLI
/// documents them. Real runs and dry runs both take their <see cref="ToolCommand"/> from here.
/// </summary>
public sealed class DockerCommands(string docker, DirectoryPath workingDirectory)
{
    public string Executable => docker;

    public ToolCommand Build(DockerBuildSettings settings)
    {
        var environment = new Dictionary<string, string>();
        if (settings.Builder == DockerBuilder.BuildKitEnvironment)
        {
            environment["DOCKER_BUILDKIT"] = "1";
        }
        else if (settings.Builder == DockerBuilder.Legacy)
        {
            // Say so explicitly: a DOCKER_BUILDKIT=1 left in the user's shell would otherwise break a buildx-less client.
            environment["DOCKER_BUILDKIT"] = "0";
        }

        return ToolCommand.Create(docker, workingDirectory, arguments =>
        {
            if (settings.Builder == DockerBuilder.Buildx)
            {
                arguments.Append("buildx");
            }

            arguments.Append("build");
            arguments.AppendOption("-f", settings.Dockerfile);
            if (settings.Target is not null)
            {
                arguments.AppendOption("--target", settings.Target);
            }

            foreach (var tag in settings.Tags)
            {
                arguments.AppendOption("-t", tag);
            }

            foreach (var (key, value) in settings.Labels)
            {
                arguments.AppendOption("--label", $"{key}={value}");
            }

            foreach (var (key, value) in settings.BuildArgs)
            {
                arguments.AppendOption("--build-arg", $"{key}={value}");
            }

            if (settings.SourceDateEpoch is { } epoch)
            {
                arguments.AppendOption("--build-arg", $"SOURCE_DATE_EPOCH={epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            foreach (var image in settings.CacheFrom)
            {
                arguments.AppendOption("--cache-from", image);
            }

            foreach (var export in settings.CacheTo)
            {
                arguments.AppendOption("--cache-to", export);
            }

            if (settings.Builder.IsBuildKit())
            {
                if (settings.InlineCache)
                {
                    // Lets a later BuildKit build use this image as --cache-from.
                    arguments.AppendOption("--build-arg", "BUILDKIT_INLINE_CACHE=1");
                }

                if (settings.Progress is not null)
                {
                    arguments.AppendOption("--progress", settings.Progress);
                }

                foreach (var secret in settings.Secrets)
                {
                    arguments.AppendOption("--secret", secret.Argument);
                }
            }

            if (settings.Builder == DockerBuilder.Buildx)
            {
                foreach (var attestation in settings.Attestations)
                {
                    arguments.AppendOption("--attest", attestation);
                }
            }

            if (settings.Network is not null)
            {
                arguments.AppendOption("--network", settings.Network);
            }

            if (settings.Pull)
            {
                arguments.Append("--pull");
            }

            if (settings.NoCache)
            {
                arguments.Append("--no-cache");
            }

            if (settings.Builder == DockerBuilder.Buildx)
            {
                arguments.Append("--load");
            }

            arguments.AppendValue(settings.Context);
        }, environment);
    }

    public ToolCommand Tag(string source, string target) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("tag").AppendValue(source).AppendValue(target));

    public ToolCommand Push(string reference) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("push").AppendValue(reference));

    /// <summary>`docker login --password-stdin`: the password is written to standard input, never to the command line.</summary>
    public ToolCommand Login(string server, string username, string password) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("login")
            .AppendOption("--username", username)
            .Append("--password-stdin")
            .AppendValue(server)) with { StandardInput = password };

    /// <summary>Whether an image holds Poetry: prints its path (exit 0) when it does.</summary>
    public ToolCommand PoetryProbe(string reference) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("run").Append("--rm").AppendOption("--entrypoint", "sh").AppendValue(reference)
            .Append("-c").AppendValue("command -v poetry || ls /app/.venv/bin/poetry"));

    /// <summary>`docker image inspect REF…`: a JSON array of the images found; exits non-zero when one does not exist.</summary>
    public ToolCommand ImageInspect(IEnumerable<string> references) =>
        ToolCommand.Create(docker, workingDirectory, arguments =>
        {
            arguments.Append("image").Append("inspect");
            foreach (var reference in references)
            {
                arguments.AppendValue(reference);
            }
        });

    /// <summary>`docker container inspect ID…`: a JSON array of the containers' inspect documents.</summary>
    public ToolCommand ContainerInspect(IEnumerable<string> containers) =>
        ToolCommand.Create(docker, workingDirectory, arguments =>
        {
            arguments.Append("container").Append("inspect");
            foreach (var container in containers)
            {
                arguments.AppendValue(container);
            }
        });

    /// <summary>Every container (running or not) carrying a label, by id.</summary>
    public ToolCommand ContainersWithLabel(string label) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("ps").Append("--all").Append("--quiet").Append("--no-trunc")
            .AppendOption("--filter", $"label={label}"));

    public ToolCommand ContainerLogs(string container, int tail) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("logs").AppendOption("--tail", tail.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendValue(container));

    public ToolCommand NetworksWithLabel(string label) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("network").Append("ls").Append("--quiet").AppendOption("--filter", $"label={label}"));

    /// <summary>Image ids (or references) matching a reference filter such as orchestrator.</summary>
    public ToolCommand ImagesOf(string repository) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("image").Append("ls").AppendOption("--format", "{{.Repository}}:{{.Tag}}")
            .AppendOption("--filter", $"reference={repository}"));

    public ToolCommand RemoveImages(IEnumerable<string> references) =>
        ToolCommand.Create(docker, workingDirectory, arguments =>
        {
            arguments.Append("image").Append("rm");
            foreach (var reference in references)
            {
                arguments.AppendValue(reference);
            }
        });

    /// <summary>Removes dangling layers left by the builds of this project (label filter keeps others' images alone).</summary>
    public ToolCommand PruneDanglingImages(string label) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments
            .Append("image").Append("prune").Append("--force")
            .AppendOption("--filter", $"label={label}"));

    /// <summary>Client and server versions as JSON; exits non-zero when the engine cannot be reached.</summary>
    public ToolCommand Version() =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("version").AppendOption("--format", "{{json .}}"));

    public ToolCommand BuildxVersion() =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("buildx").Append("version"));

    /// <summary>`docker buildx inspect`: the current builder, its driver among its lines.</summary>
    public ToolCommand BuildxInspect() =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("buildx").Append("inspect"));

    public ToolCommand ComposeVersion() =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("compose").Append("version").AppendOption("--format", "json"));
}
