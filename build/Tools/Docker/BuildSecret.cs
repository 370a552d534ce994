namespace Build.Tools.Docker;

/// <summary>
/// A BuildKit secret (`--secret id=ID,env=VARIABLE`) that the docker client reads from its own environment: the value
/// never appears on a command line, in a build argument, the log or the report, and RUN steps see it only as
/// /run/secrets/ID while they run.
/// </summary>
public sealed record BuildSecret(string Id, string EnvironmentVariable)
{
    public string Argument => $"id={Id},env={EnvironmentVariable}";
}
