using System.Globalization;
using Cake.Core.IO;

namespace Build.Tools.Compose;

/// <summary>
/// The compose command lines of the build. The variables (BUILD_TARGET, IMAGE_TAG, IMAGE_REGISTRY) go into the
/// process environment, which both Compose versions substitute into the file.
/// </summary>
public sealed class ComposeCommands(ComposeClient client, ComposeProject project, DirectoryPath workingDirectory)
{
    public ComposeClient Client => client;

    /// <summary>`up --detach --no-build`: the images come from the build tasks, compose never builds a second time.</summary>
    public ToolCommand Up(ScaleArguments? scale = null, bool noRecreate = false) => Command(arguments =>
    {
        arguments.Append("up").Append("--detach").Append("--no-build");
        if (noRecreate)
        {
            arguments.Append("--no-recreate");
        }

        foreach (var (service, replicas) in scale?.Replicas ?? new Dictionary<string, int>())
        {
            arguments.AppendOption("--scale", $"{service}={replicas.ToString(CultureInfo.InvariantCulture)}");
        }
    });

    /// <summary>
    /// `up` of one service alone (`--no-deps`: its dependencies are neither started nor waited for), with its
    /// replica count: a running stack's services are recreated this way side by side.
    /// </summary>
    public ToolCommand UpService(string service, int replicas) => Command(arguments => arguments
        .Append("up").Append("--detach").Append("--no-build").Append("--no-deps")
        .AppendOption("--scale", $"{service}={replicas.ToString(CultureInfo.InvariantCulture)}")
        .Append(service));

    public ToolCommand Down(bool volumes) => Command(arguments =>
    {
        arguments.Append("down").Append("--remove-orphans");
        if (volumes)
        {
            arguments.Append("--volumes");
        }
    });

    public ToolCommand Services() => Command(arguments => arguments.Append("config").Append("--services"));

    private ToolCommand Command(Action<Cake.Core.IO.ProcessArgumentBuilder> arguments) =>
        ToolCommand.Create(client.Program, workingDirectory, builder =>
        {
            foreach (var prefix in client.Prefix)
            {
                builder.Append(prefix);
            }

            foreach (var file in project.Files)
            {
                builder.AppendOption("--file", file);
            }

            builder.AppendOption("--project-name", project.Name);
            arguments(builder);
        }, project.Variables);
}
