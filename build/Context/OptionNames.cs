namespace Build.Context;

/// <summary>
/// Every command-line option the build reads, in one place. The README's option table mirrors this file.
/// Each option can also come from an environment variable (where named) or from cake.config's [Bridge] section
/// (key <c>Bridge_&lt;Name&gt;</c>, dashes removed: --base-image → <c>[Bridge] BaseImage=</c>).
/// </summary>
public static class OptionNames
{
    public const string PythonProject = "python-project";
    public const string BuildTarget = "build-target";
    public const string Registry = "registry";
    public const string Tag = "tag";
    public const string Docker = "docker";
    public const string Poetry = "poetry";
    public const string BaseImage = "base-image";
    public const string BuilderImage = "builder-image";
    public const string PoetryVersion = "poetry-version";
    public const string Pull = "pull";
    public const string NoCache = "no-cache";
    public const string Force = "force";
    public const string ProjectName = "project-name";
    public const string WaitTimeout = "wait-timeout";
    public const string DownOnFailure = "down-on-failure";
    public const string Scale = "scale";
    public const string Volumes = "volumes";
    public const string RegistryUsername = "registry-username";
    public const string RegistryPassword = "registry-password";
    public const string PasswordStdin = "password-stdin";
    public const string Locked = "locked";
    public const string Report = "report";
    public const string Parallel = "parallel";
    public const string TestFilter = "test-filter";
    public const string SwarmInit = "swarm-init";
    public const string WithRegistryAuth = "with-registry-auth";

    /// <summary>Environment variables that stand in for an option (after the command line, before cake.config).</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        [BuildTarget] = "BUILD_TARGET",
        [Registry] = "BRIDGE_REGISTRY",
        [RegistryUsername] = "REGISTRY_USERNAME",
        [RegistryPassword] = "REGISTRY_PASSWORD",
        [BaseImage] = "BRIDGE_BASE_IMAGE",
        [BuilderImage] = "BRIDGE_BUILDER_IMAGE",
        [Docker] = "BRIDGE_DOCKER",
    };
}
