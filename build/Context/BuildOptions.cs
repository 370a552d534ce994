using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Every option of the build, parsed and validated once before the first task. Immutable: tasks read it,
/// nothing writes it. Each option's property is written by the compiler from its definition in <see cref="OptionNames"/>
/// (named as the definition's field, with its help as the doc); below are the facts the parser adds beside them.
/// </summary>
public sealed partial record BuildOptions
{
    public required DirectoryPath RepositoryRoot { get; init; }

    /// <summary>
    /// True when --docker (or BRIDGE_DOCKER, cake.config) named the client: it then builds, whatever else is installed.
    /// </summary>
    public bool DockerExecutableGiven { get; init; }

    public required FilePath ComposeFile { get; init; }
    public FilePath? ComposeDevelopmentOverride { get; init; }

    /// <summary>COSIGN_PASSWORD, cosign's own variable: the sign key's password; handed to cosign's environment only, never printed.</summary>
    public string? SignKeyPassword { get; init; }
}
