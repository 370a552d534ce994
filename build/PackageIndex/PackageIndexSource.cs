using Build.Tools.Docker;

namespace Build.PackageIndex;

/// <summary>
/// The project's package index as pyproject.toml names it ([[tool.poetry.source]]): where Poetry resolves and
/// installs from, and the environment variables Poetry reads its credentials from
/// (POETRY_HTTP_BASIC_&lt;NAME&gt;_USERNAME/_PASSWORD, the name upper-cased, '-' and '.' as '_').
/// </summary>
public sealed record PackageIndexSource(string Name, Uri Url)
{
    /// <summary>The ids the Dockerfiles mount the credentials under (/run/secrets/index_username, …).</summary>
    public const string UsernameSecretId = "index_username";

    public const string PasswordSecretId = "index_password";

    private string VariableName => Name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    public string UsernameVariable => $"POETRY_HTTP_BASIC_{VariableName}_USERNAME";

    public string PasswordVariable => $"POETRY_HTTP_BASIC_{VariableName}_PASSWORD";

    /// <summary>An index on the build machine's loopback: RUN steps reach it only in the host's network (--network host).</summary>
    public bool IsLoopback => Url.IsLoopback;

    /// <summary>The credentials as build secrets, read by the docker client from the variables Poetry reads on the host.</summary>
    public IReadOnlyList<BuildSecret> Secrets => [new(UsernameSecretId, UsernameVariable), new(PasswordSecretId, PasswordVariable)];
}
