namespace Build;

/// <summary>
/// The build's exit codes, each named once (CI scripts branch on them; the README lists them). A tool that fails
/// on its own passes its exit code through (see <see cref="BuildErrors.ToolFailed"/>).
/// </summary>
public static class ExitCodes
{
    /// <summary>Something failed that has no code of its own: a test suite, a task's unexpected error.</summary>
    public const int Failed = 1;

    /// <summary>A bad option value, or an input file the build cannot use as it is (pyproject.toml, poetry.lock, the compose file).</summary>
    public const int BadInput = 2;

    /// <summary>No Docker engine answered.</summary>
    public const int NoEngine = 3;

    /// <summary>Neither <c>docker compose</c> nor <c>docker-compose</c> answered.</summary>
    public const int NoCompose = 4;

    /// <summary>An image's Dockerfile is missing.</summary>
    public const int MissingDockerfile = 5;

    /// <summary>The compose or swarm stack did not reach the state asked for (healthy, scaled, converged, removed), or swarm rolled an update back.</summary>
    public const int StackNotAsAsked = 6;

    /// <summary>Verify found images that break its rules.</summary>
    public const int VerifyViolations = 8;

    /// <summary>The registry refused Push's login; nothing was pushed.</summary>
    public const int LoginRefused = 9;

    /// <summary>The registry could not be reached at all (refused, no such host, timeout): the login was never checked.</summary>
    public const int RegistryUnreachable = 10;

    /// <summary>The --docker client itself does not work (it reports no version of its own); the engine was not asked.</summary>
    public const int DockerClientBroken = 11;

    /// <summary>Deploy or Undeploy on an engine that is not a swarm manager (or whose Engine API the build cannot ask).</summary>
    public const int NotASwarmManager = 12;

    /// <summary>The project's package index does not answer and may not be started (--no-install), or did not start.</summary>
    public const int PackageIndexUnreachable = 13;

    /// <summary>
    /// Deploy refused images that --verify-key could not verify (unsigned, signed by another key, no SBOM attestation);
    /// the stack is as it was.
    /// </summary>
    public const int ImageNotVerified = 14;

    /// <summary>A program the build needs could not be started (the shell's own code for "command not found").</summary>
    public const int ToolMissing = 127;

    /// <summary>SIGINT (Ctrl-C) stopped the run: 128 + 2, as a shell reports it.</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM stopped the run: 128 + 15.</summary>
    public const int Terminated = 143;
}
